package org.hotline.ticketing.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.ticketing.DatabaseTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Steps registered inside a transaction run once it committed, in order, and never when it rolled back: what the
 * desk publishes from inside another feature's transaction (the scheduler's escalation) announces only what is
 * really written.
 */
class AfterCommitTest extends DatabaseTestSupport {

    @Test
    void stepsRunAfterTheCommitInOrderAndSeeTheCommittedRow() {
        db.withSession(s -> update(s, "CREATE TABLE after_commit_probe (id INT PRIMARY KEY) ENGINE=InnoDB"));
        List<String> seen = new CopyOnWriteArrayList<>();

        db.inTransaction(tx -> {
            Database.afterCommit(tx, () -> seen.add("first:" + queryLong("SELECT COUNT(*) FROM after_commit_probe")));
            Database.afterCommit(tx, () -> seen.add("second"));
            update(tx, "INSERT INTO after_commit_probe VALUES (1)");
            assertThat(seen).as("not before the commit").isEmpty();
            return null;
        });

        assertThat(seen).containsExactly("first:1", "second");
    }

    @Test
    void aRolledBackTransactionRunsNoStepAndAFailingStepDoesNotUndoTheCommit() {
        List<String> seen = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> db.inTransaction(tx -> {
            Database.afterCommit(tx, () -> seen.add("never"));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        String answer = db.inTransaction(tx -> {
            Database.afterCommit(tx, () -> {
                throw new IllegalStateException("a subscriber failed");
            });
            Database.afterCommit(tx, () -> seen.add("still run"));
            return "committed";
        });

        assertThat(seen).containsExactly("still run");
        assertThat(answer).isEqualTo("committed");
    }

    private static int update(org.apache.ibatis.session.SqlSession s, String sql) {
        try (java.sql.Statement st = s.getConnection().createStatement()) {
            return st.executeUpdate(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSessionOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> db.withSession(s -> {
            Database.afterCommit(s, () -> { });
            return null;
        })).isInstanceOf(IllegalStateException.class);
    }
}
