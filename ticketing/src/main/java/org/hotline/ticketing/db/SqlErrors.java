package org.hotline.ticketing.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Classifies database failures found anywhere in an exception's cause chain. */
public final class SqlErrors {
    private static final int MYSQL_DUPLICATE_KEY = 1062;
    private static final int MAX_DEPTH = 20;

    private SqlErrors() {
    }

    /** A unique key was violated (MySQL / MariaDB error 1062). */
    public static boolean isDuplicateKey(Throwable t) {
        SQLException e = firstSqlException(t);
        return e != null && e.getErrorCode() == MYSQL_DUPLICATE_KEY;
    }

    /**
     * The statement failed because the database was unreachable or momentarily busy (lost connection, pool timeout,
     * deadlock): the same statement may succeed later. Data errors (bad value, constraint) are not transient.
     */
    public static boolean isTransient(Throwable t) {
        Throwable cur = t;
        for (int depth = 0; cur != null && depth < MAX_DEPTH; depth++, cur = cur.getCause()) {
            if (cur instanceof SQLTransientException || cur instanceof SQLRecoverableException
                    || cur instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cur instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("40"))) {
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
