package org.hotline.ticketing.db;

import java.util.regex.Pattern;

/**
 * Where the Hotline database lives and how big its connection pool is.
 *
 * @param jdbcUrl     e.g. {@code jdbc:mariadb://127.0.0.1:3306/hotline} (use the MariaDB driver against MariaDB:
 *                    MySQL Connector/J drops fractional seconds there)
 * @param user        database user
 * @param password    database password (may be empty, never printed)
 * @param maxPoolSize the most connections the pool opens (1 or more)
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, int maxPoolSize) {
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    public DatabaseConfig {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("jdbcUrl must be a jdbc: URL");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user is required");
        }
        password = password == null ? "" : password;
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + maxPoolSize);
        }
    }

    /** The URL with any password it carries masked, for messages and logs. */
    public String safeUrl() {
        String masked = URL_PASSWORD.matcher(jdbcUrl).replaceAll("$1***");
        return URL_USER_INFO.matcher(masked).replaceAll("$1***@");
    }

    @Override
    public String toString() {
        return "DatabaseConfig[jdbcUrl=" + safeUrl() + ", user=" + user + ", password=***, maxPoolSize="
                + maxPoolSize + "]";
    }
}
