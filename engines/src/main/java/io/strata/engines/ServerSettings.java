package io.strata.engines;

/**
 * A server engine (PostgreSQL, MariaDB) as the provisioner reaches it as admin. A blank URL: disabled.
 *
 * @param adminUrl   JDBC URL the provisioner connects to as admin
 * @param publicHost host name clients use to reach the server (defaults to the admin URL's host)
 */
public record ServerSettings(String adminUrl, String adminUser, String adminPassword, String publicHost, Integer publicPort) {
    public static final ServerSettings NONE = new ServerSettings(null, null, null, null, null);

    public boolean enabled() {
        return adminUrl != null && !adminUrl.isBlank();
    }
}
