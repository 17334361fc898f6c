package org.farmstand.datasource;

import org.mariadb.jdbc.MariaDbDataSource;

import java.sql.SQLException;

/**
 * The MariaDB data source of the connection pool (this module's web-fragment.xml; in the EAR, its application.xml)
 * with timeouts on every connection, so a database that stops answering cannot hold request threads for ever:
 * {@code connectTimeout} (opening a connection) and {@code socketTimeout} (waiting for any answer; above the pool's
 * statement timeout of 30 s, which bounds the queries themselves). Values already in the configured URL win.
 */
public class TimeoutMariaDbDataSource extends MariaDbDataSource {

    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int SOCKET_TIMEOUT_MS = 60_000;

    @Override
    public void setUrl(String url) throws SQLException {
        super.setUrl(withTimeouts(url));
    }

    static String withTimeouts(String url) {
        if (url == null || url.isBlank()) {
            return url;
        }
        StringBuilder sb = new StringBuilder(url);
        boolean hasQuery = url.indexOf('?') >= 0;
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (!lower.contains("connecttimeout=")) {
            sb.append(hasQuery ? '&' : '?').append("connectTimeout=").append(CONNECT_TIMEOUT_MS);
            hasQuery = true;
        }
        if (!lower.contains("sockettimeout=")) {
            sb.append(hasQuery ? '&' : '?').append("socketTimeout=").append(SOCKET_TIMEOUT_MS);
        }
        return sb.toString();
    }
}
