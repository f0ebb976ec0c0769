package io.strata.contract.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A database URL as clients write it: {@code postgres://user:password@host:5432/db} (also
 * {@code postgresql://}) or {@code mariadb://…} / {@code mysql://…}. Parsed strictly; the password
 * is never part of {@link #toString()}.
 */
public record ConnectionString(String engine, String host, int port, String databaseName, String user,
                               String password) {

    public static ConnectionString parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("connectionString is empty");
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("connectionString is not a URL of the form scheme://user:password@host:port/database");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        String engine = switch (scheme) {
            case "postgres", "postgresql" -> Engines.POSTGRES;
            case "mariadb", "mysql" -> Engines.MARIADB;
            default -> throw new IllegalArgumentException("connectionString scheme must be postgres://, postgresql://, mariadb:// or mysql://");
        };
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("connectionString has no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isEmpty() || database.contains("/")) {
            throw new IllegalArgumentException("connectionString must name one database after the host");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            throw new IllegalArgumentException("connectionString must include a user (and usually a password)");
        }
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        int port = uri.getPort() > 0 ? uri.getPort() : engine.equals(Engines.POSTGRES) ? 5432 : 3306;
        return new ConnectionString(engine, uri.getHost(), port, database, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The JDBC URL for this database (without credentials). */
    public String jdbcUrl() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (engine.equals(Engines.POSTGRES) ? "jdbc:postgresql://" : "jdbc:mariadb://") + h + ":" + port + "/" + databaseName;
    }

    @Override
    public String toString() {
        return engine + "://" + user + ":***@" + host + ":" + port + "/" + databaseName;
    }
}
