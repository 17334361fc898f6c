package org.farmstand.datasource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeoutMariaDbDataSourceTest {

    @Test
    void timeoutsAreAddedToAUrlWithoutThem() {
        assertThat(TimeoutMariaDbDataSource.withTimeouts("jdbc:mariadb://127.0.0.1:3307/farmstand"))
                .isEqualTo("jdbc:mariadb://127.0.0.1:3307/farmstand?connectTimeout=5000&socketTimeout=60000"
                        + "&sessionVariables=max_statement_time=30");
        assertThat(TimeoutMariaDbDataSource.withTimeouts("jdbc:mariadb://db/farmstand?useSsl=false"))
                .isEqualTo("jdbc:mariadb://db/farmstand?useSsl=false&connectTimeout=5000&socketTimeout=60000"
                        + "&sessionVariables=max_statement_time=30");
    }

    @Test
    void configuredTimeoutsWin() {
        assertThat(TimeoutMariaDbDataSource.withTimeouts("jdbc:mariadb://db/f?socketTimeout=1000"))
                .isEqualTo("jdbc:mariadb://db/f?socketTimeout=1000&connectTimeout=5000"
                        + "&sessionVariables=max_statement_time=30");
        assertThat(TimeoutMariaDbDataSource.withTimeouts(
                "jdbc:mariadb://db/f?connectTimeout=1&sockettimeout=2&sessionVariables=max_statement_time=5"))
                .isEqualTo("jdbc:mariadb://db/f?connectTimeout=1&sockettimeout=2&sessionVariables=max_statement_time=5");
    }

    @Test
    void theDataSourceKeepsTheUrlWithTimeouts() throws Exception {
        TimeoutMariaDbDataSource ds = new TimeoutMariaDbDataSource();
        ds.setUrl("jdbc:mariadb://127.0.0.1:3307/farmstand");
        assertThat(ds.getUrl()).contains("connectTimeout=5000", "socketTimeout=60000", "max_statement_time=30");
    }

    @Test
    void itIsNoXaDataSourceSoThatPayaraMakesALocalTransactionPool() {
        // Payara's data-source definitions take the first of XADataSource, ConnectionPoolDataSource, DataSource that
        // the class implements as the pool's resource type
        assertThat(javax.sql.XADataSource.class.isAssignableFrom(TimeoutMariaDbDataSource.class)).isFalse();
        assertThat(javax.sql.ConnectionPoolDataSource.class.isAssignableFrom(TimeoutMariaDbDataSource.class)).isFalse();
        assertThat(javax.sql.DataSource.class.isAssignableFrom(TimeoutMariaDbDataSource.class)).isTrue();
    }
}
