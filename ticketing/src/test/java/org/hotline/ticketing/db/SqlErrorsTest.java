package org.hotline.ticketing.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import org.apache.ibatis.exceptions.PersistenceException;
import org.junit.jupiter.api.Test;

/** Which failures the call recorder retries (the database away, a deadlock) and which it drops (bad data). */
class SqlErrorsTest {
    private static PersistenceException wrapped(SQLException e) {
        return new PersistenceException("### Error updating database", e);
    }

    @Test
    void aLostConnectionADeadlockAndAPoolTimeoutAreRetried() {
        assertThat(SqlErrors.isTransient(wrapped(new SQLNonTransientConnectionException("socket closed", "08000"))))
                .isTrue();
        assertThat(SqlErrors.isTransient(wrapped(new SQLTransactionRollbackException("Deadlock found", "40001",
                1213)))).isTrue();
        assertThat(SqlErrors.isTransient(wrapped(new SQLTransientConnectionException(
                "hotline-db - Connection is not available, request timed out after 30000ms.")))).isTrue();
    }

    @Test
    void aTriggersSignalIsADataErrorThoughTheDriverCallsItTransient() {
        // MariaDB Connector/J throws an SQLTransientConnectionException for SQLSTATE classes it does not map
        assertThat(SqlErrors.isTransient(wrapped(new SQLTransientConnectionException("agent refused", "45000",
                1644)))).isFalse();
        assertThat(SqlErrors.isTransient(wrapped(new SQLException("Data too long for column", "22001", 1406))))
                .isFalse();
        assertThat(SqlErrors.isTransient(wrapped(new SQLException("Duplicate entry", "23000", 1062)))).isFalse();
        assertThat(SqlErrors.isDuplicateKey(wrapped(new SQLException("Duplicate entry", "23000", 1062)))).isTrue();
    }
}
