package org.hotline.ticketing.call;

import java.util.List;
import java.util.Optional;
import org.hotline.platform.call.CallLog;
import org.hotline.platform.call.CallRecord;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.support.Checks;

/** {@link CallLog} on {@code call_records} (written by the {@link CallRecorder}); lists are newest first. */
public final class DbCallLog implements CallLog {
    private final Database db;
    private final java.util.function.Predicate<String> pending;

    public DbCallLog(Database db) {
        this(db, callId -> false);
    }

    /** @param pending the recorder's {@link CallRecorder#isPending}: calls started whose row may not be written yet */
    public DbCallLog(Database db, java.util.function.Predicate<String> pending) {
        this.db = db;
        this.pending = pending;
        db.registerMapper(CallRecordMapper.class);
    }

    @Override
    public boolean isPending(String callId) {
        return callId != null && pending.test(callId);
    }

    @Override
    public Optional<CallRecord> find(String callId) {
        if (callId == null || callId.isBlank()) {
            return Optional.empty();
        }
        return db.withSession(s -> Optional.ofNullable(s.getMapper(CallRecordMapper.class).find(callId)));
    }

    @Override
    public List<CallRecord> recent(int limit) {
        Checks.limit(limit);
        return db.withSession(s -> s.getMapper(CallRecordMapper.class).recent(limit));
    }

    @Override
    public List<CallRecord> byCustomer(long customerId, int limit) {
        Checks.limit(limit);
        return db.withSession(s -> s.getMapper(CallRecordMapper.class).byCustomer(customerId, limit));
    }

    @Override
    public List<CallRecord> byAgent(String agent, int limit) {
        Checks.limit(limit);
        if (agent == null || agent.isBlank()) {
            return List.of();
        }
        return db.withSession(s -> s.getMapper(CallRecordMapper.class).byAgent(agent, limit));
    }
}
