package io.strata.webhooks.http;

import io.strata.platform.net.WebhookTargets;
import org.apache.hc.client5.http.DnsResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves through {@link WebhookTargets}, so the addresses the client connects to are exactly the
 * checked ones: a name that resolved to a public address at validation and to a private one now
 * (DNS rebinding) is refused at connection time.
 */
public class TargetDnsResolver implements DnsResolver {
    private final WebhookTargets targets;

    public TargetDnsResolver(WebhookTargets targets) {
        this.targets = targets;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return targets.resolve(host);
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host; // only used for SPNEGO/Kerberos, which webhooks never use; no extra lookup
    }
}
