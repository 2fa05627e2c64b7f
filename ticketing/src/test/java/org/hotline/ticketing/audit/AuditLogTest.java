package org.hotline.ticketing.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.hotline.platform.audit.AuditEntry;
import org.hotline.platform.audit.AuditOutcome;
import org.hotline.ticketing.DatabaseTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuditLogTest extends DatabaseTestSupport {
    private DbAuditLog audit;

    @BeforeAll
    void setUp() {
        audit = new DbAuditLog(db);
    }

    @Test
    void anEntryIsStoredAndReadBackNewestFirst() {
        Instant t = NOW;
        audit.record(new AuditEntry(t, "auditor1", "127.0.0.1", "login", "user:auditor1", AuditOutcome.FAILURE,
                "wrong password"));
        audit.record(new AuditEntry(t.plusSeconds(1), "auditor1", "127.0.0.1", "login", "user:auditor1",
                AuditOutcome.SUCCESS, null));

        assertThat(audit.recent("login", "auditor1", 10))
                .extracting(AuditEntry::outcome).containsExactly(AuditOutcome.SUCCESS, AuditOutcome.FAILURE);
        AuditEntry failed = audit.recent("login", "auditor1", 10).get(1);
        assertThat(failed.at()).isEqualTo(t);
        assertThat(failed.address()).isEqualTo("127.0.0.1");
        assertThat(failed.target()).isEqualTo("user:auditor1");
        assertThat(failed.detail()).isEqualTo("wrong password");
    }

    @Test
    void longTextsAreClippedToTheirColumns() {
        audit.record(new AuditEntry(NOW, "auditor2", "::1", "call.outbound", "x".repeat(300), AuditOutcome.SUCCESS,
                "d".repeat(2000)));

        AuditEntry e = audit.recent("call.outbound", "auditor2", 1).getFirst();
        assertThat(e.target()).hasSize(128);
        assertThat(e.detail()).hasSize(500);
    }

    @Test
    void filtersByActionAndActor() {
        audit.record(new AuditEntry(NOW, "auditor3", null, "user.unlock", "user:agent9", AuditOutcome.SUCCESS, null));
        audit.record(new AuditEntry(NOW, "auditor4", null, "user.unlock", "user:agent8", AuditOutcome.SUCCESS, null));

        assertThat(audit.recent("user.unlock", "auditor3", 10)).extracting(AuditEntry::target)
                .containsExactly("user:agent9");
        assertThat(audit.recent(null, "auditor4", 10)).extracting(AuditEntry::action).containsExactly("user.unlock");
    }
}
