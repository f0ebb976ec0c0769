package io.strata.engines.jdbc;

import io.strata.engines.ServerSettings;

import java.util.regex.Pattern;

/** Host and port of a JDBC URL ({@code jdbc:<engine>://host[:port][/...]}); the first host of a list. */
public record ServerAddress(String host, int port) {
    private static final Pattern SAFE_HOST = Pattern.compile("[A-Za-z0-9._\\-]+|\\[[0-9A-Fa-f:.%a-zA-Z]+\\]");

    public static ServerAddress parse(String jdbcUrl, int defaultPort) {
        int start = jdbcUrl.indexOf("//");
        if (start < 0) {
            return new ServerAddress("localhost", defaultPort);
        }
        String rest = jdbcUrl.substring(start + 2);
        int end = rest.length();
        for (char stop : new char[] {'/', '?', ','}) {
            int i = rest.indexOf(stop);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String authority = rest.substring(0, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        String host = authority;
        int port = defaultPort;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && authority.indexOf(']') < colon) {
            host = authority.substring(0, colon);
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = defaultPort;
            }
        }
        return new ServerAddress(host.isEmpty() ? "localhost" : host, port);
    }

    /** Public address: configured public host/port, else the admin URL's. */
    public static ServerAddress publicOf(ServerSettings server, int defaultPort) {
        ServerAddress admin = parse(server.adminUrl(), defaultPort);
        String host = server.publicHost() == null || server.publicHost().isBlank() ? admin.host() : server.publicHost();
        int port = server.publicPort() == null || server.publicPort() <= 0 ? admin.port() : server.publicPort();
        return new ServerAddress(host, port);
    }

    /** A host fit to splice into a JDBC URL (no '/', '?', '@', ...). */
    public static boolean safeHost(String host) {
        return host != null && SAFE_HOST.matcher(host).matches();
    }

    public static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
