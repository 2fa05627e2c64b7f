package org.hotline.ticketing.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/** Classifies database failures found anywhere in an exception's cause chain. */
public final class SqlErrors {
    private static final int MYSQL_DUPLICATE_KEY = 1062;
    private static final int MAX_DEPTH = 20;
    /**
     * SQLSTATE classes of errors in the statement or its data, which no retry mends: feature not supported (0A),
     * cardinality (21), data (22), constraint (23), triggered data change (27), syntax or access (42), check option
     * (44), a {@code SIGNAL} nobody handled (45).
     */
    private static final Set<String> DATA_ERRORS = Set.of("0A", "21", "22", "23", "27", "42",
            "44", "45");

    private SqlErrors() {
    }

    /** A unique key was violated (MySQL / MariaDB error 1062). */
    public static boolean isDuplicateKey(Throwable t) {
        SQLException e = firstSqlException(t);
        return e != null && e.getErrorCode() == MYSQL_DUPLICATE_KEY;
    }

    /**
     * The statement failed because the database was unreachable or momentarily busy (lost connection, pool timeout,
     * deadlock): the same statement may succeed later. Data errors (bad value, constraint, a trigger's {@code SIGNAL})
     * are not transient. The SQLSTATE decides where there is one: MariaDB Connector/J throws an
     * {@code SQLTransientConnectionException} for every state class it does not know, a trigger's {@code 45000}
     * among them, which retried would be retried for ever.
     */
    public static boolean isTransient(Throwable t) {
        Throwable cur = t;
        for (int depth = 0; cur != null && depth < MAX_DEPTH; depth++, cur = cur.getCause()) {
            if (cur instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2) {
                String stateClass = sql.getSQLState().substring(0, 2);
                if (stateClass.equals("08") || stateClass.equals("40")) {
                    return true;
                }
                if (DATA_ERRORS.contains(stateClass)) {
                    return false;
                }
            }
            if (cur instanceof SQLTransientException || cur instanceof SQLRecoverableException
                    || cur instanceof SQLNonTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    private static SQLException firstSqlException(Throwable t) {
        Throwable cur = t;
        for (int depth = 0; cur != null && depth < MAX_DEPTH; depth++, cur = cur.getCause()) {
            if (cur instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
