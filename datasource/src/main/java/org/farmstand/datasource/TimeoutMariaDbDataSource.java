package org.farmstand.datasource;

import org.mariadb.jdbc.MariaDbDataSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The MariaDB data source of the connection pool (this module's web-fragment.xml; in the EAR, its application.xml).
 * <ul>
 *     <li>Timeouts on every connection, so a database that stops answering cannot hold request threads for ever:
 *     {@code connectTimeout} (opening a connection), {@code socketTimeout} (waiting for any answer) and, above it in
 *     the server, the session variable {@code max_statement_time} of 30 s, set once when a connection opens, which
 *     bounds the statements themselves. (Before, the pool's statement timeout did that: the driver then prefixed
 *     every statement with {@code SET STATEMENT max_statement_time=30 FOR}.) Values already in the URL win.</li>
 *     <li>A plain {@link DataSource}, deliberately not an {@code XADataSource} (which {@link MariaDbDataSource} also
 *     is, and which Payara then prefers): Payara makes a local-transaction pool of it. Every transaction of the
 *     platform touches this one database and nothing else, so XA bought nothing but statements: {@code XA START},
 *     {@code XA END} and {@code XA COMMIT ... ONE PHASE} around each writing transaction. The last two ran while
 *     an order held its tour date's row (the booking is the transaction's last statement); a local commit is a single
 *     {@code COMMIT}.</li>
 * </ul>
 * Payara sets {@code url}, {@code user} and {@code password} through the setters below.
 */
public class TimeoutMariaDbDataSource implements DataSource {

    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int SOCKET_TIMEOUT_MS = 60_000;
    static final int STATEMENT_TIMEOUT_S = 30;

    private final MariaDbDataSource mariaDb = new MariaDbDataSource();

    public void setUrl(String url) throws SQLException {
        mariaDb.setUrl(withTimeouts(url));
    }

    public String getUrl() {
        return mariaDb.getUrl();
    }

    public void setUser(String user) throws SQLException {
        mariaDb.setUser(user);
    }

    public String getUser() {
        return mariaDb.getUser();
    }

    public void setPassword(String password) throws SQLException {
        mariaDb.setPassword(password);
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
            hasQuery = true;
        }
        if (!lower.contains("sessionvariables=")) {
            sb.append(hasQuery ? '&' : '?').append("sessionVariables=max_statement_time=").append(STATEMENT_TIMEOUT_S);
        }
        return sb.toString();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return mariaDb.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return mariaDb.getConnection(user, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return mariaDb.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        mariaDb.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        mariaDb.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return mariaDb.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return mariaDb.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
