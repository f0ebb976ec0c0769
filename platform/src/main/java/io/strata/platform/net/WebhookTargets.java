package io.strata.platform.net;

import io.strata.platform.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where webhooks may be sent. A tenant must not make Strata call into its own network (SSRF): targets
 * whose addresses are private, loopback, link-local (cloud metadata at 169.254.169.254), unique-local,
 * shared (CGNAT) or otherwise not globally routable are refused, and {@code https} is required, unless
 * {@code strata.webhooks.allow-private-targets} is set (development and tests only). The sender checks
 * again on every connection, against the addresses it actually connects to (DNS rebinding).
 */
@Component
public class WebhookTargets {
    public static final int MAX_URL_LENGTH = 2048;
    private final boolean allowPrivate;

    public WebhookTargets(@Value("${strata.webhooks.allow-private-targets:false}") boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public boolean allowPrivate() {
        return allowPrivate;
    }

    /** Checks a URL a tenant asks deliveries to go to; 400 when it is not a usable URL, 422 when its target is not allowed. */
    public URI validate(String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.badRequest("invalid_webhook_url", "url is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw ApiException.badRequest("invalid_webhook_url", "url must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("invalid_webhook_url", "url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            throw ApiException.badRequest("invalid_webhook_url", "url must use https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw ApiException.badRequest("invalid_webhook_url", "url must be https://host[:port]/path, without credentials or fragment");
        }
        try {
            resolve(uri.getHost());
        } catch (RefusedTargetException e) {
            throw ApiException.unprocessable("webhook_target_not_allowed", e.getMessage());
        } catch (UnknownHostException e) {
            // Not resolvable now: accepted; every delivery resolves and checks again.
        }
        return uri;
    }

    /**
     * Resolves a host and returns its addresses only if every one may be called; the sender connects
     * to exactly these, so a name that later resolves elsewhere is checked again.
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = InetAddress.getAllByName(bare);
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new RefusedTargetException("webhook target " + host + " resolves to a non-public address ("
                            + address.getHostAddress() + ")");
                }
            }
        }
        return addresses;
    }

    /** A refused target: an UnknownHostException so HTTP clients treat it as "cannot connect". */
    public static final class RefusedTargetException extends UnknownHostException {
        public RefusedTargetException(String message) {
            super(message);
        }
    }

    /** Globally routable unicast only. */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) { // fc00::/7 unique local
                return false;
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) { // fec0::/10 site local (deprecated)
                return false;
            }
            boolean v4Embedded = true; // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible)
            for (int i = 0; i < 10; i++) {
                v4Embedded &= b[i] == 0;
            }
            if (v4Embedded && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
                return isPublicV4(new byte[]{b[12], b[13], b[14], b[15]});
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) { // 2001:db8::/32 documentation
                return false;
            }
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) { // 64:ff9b::/96 NAT64
                return false;
            }
            return true;
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        return !(a0 == 0                                  // 0.0.0.0/8 "this network"
                || a0 == 10                               // private
                || a0 == 127                              // loopback
                || (a0 == 100 && a1 >= 64 && a1 <= 127)   // 100.64.0.0/10 shared (CGNAT)
                || (a0 == 169 && a1 == 254)               // link-local, cloud metadata
                || (a0 == 172 && a1 >= 16 && a1 <= 31)    // private
                || (a0 == 192 && a1 == 0 && a2 == 0)      // IETF protocol assignments
                || (a0 == 192 && a1 == 0 && a2 == 2)      // documentation
                || (a0 == 192 && a1 == 168)               // private
                || (a0 == 198 && (a1 == 18 || a1 == 19))  // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100)   // documentation
                || (a0 == 203 && a1 == 0 && a2 == 113)    // documentation
                || a0 >= 224);                            // multicast, reserved, broadcast
    }
}
