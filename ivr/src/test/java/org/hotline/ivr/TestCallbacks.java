package org.hotline.ivr;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.hotline.platform.callback.CallbackQuery;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.callback.CallbackResult;
import org.hotline.platform.callback.CallbackService;
import org.hotline.platform.callback.CallbackStatus;
import org.hotline.platform.callback.NewCallback;
import org.hotline.platform.error.NotFoundException;

/** An in-memory callback store for IVR tests: request and cancel work; it can be made to fail or to run a hook. */
final class TestCallbacks implements CallbackService {
    private final Map<Long, CallbackRequest> byId = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile RuntimeException failure;
    private volatile Consumer<NewCallback> onRequest = c -> { };

    TestCallbacks failingWith(RuntimeException e) {
        failure = e;
        return this;
    }

    /** Runs {@code hook} while a request is being stored (e.g. an agent becomes free meanwhile). */
    TestCallbacks onRequest(Consumer<NewCallback> hook) {
        onRequest = hook;
        return this;
    }

    List<CallbackRequest> all() {
        return byId.values().stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    @Override
    public CallbackRequest request(NewCallback c) {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
        onRequest.accept(c);
        long id = ids.incrementAndGet();
        CallbackRequest r = new CallbackRequest(id, c.callId(), c.queue(), c.phone(), c.customerId(),
                c.customerName(), Instant.now(), CallbackStatus.PENDING, 0, null, Instant.now(), null);
        byId.put(id, r);
        return r;
    }

    @Override
    public Optional<CallbackRequest> find(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<CallbackRequest> list(CallbackQuery query) {
        return all();
    }

    @Override
    public CallbackRequest claim(long id, String agent) {
        throw new UnsupportedOperationException("the IVR never claims callbacks");
    }

    @Override
    public CallbackRequest finish(long id, String agent, CallbackResult result, String note) {
        throw new UnsupportedOperationException("the IVR never finishes callbacks");
    }

    @Override
    public CallbackRequest release(long id, String agent, String note) {
        throw new UnsupportedOperationException("the IVR never releases callbacks");
    }

    @Override
    public CallbackRequest cancel(long id, String actor, String note) {
        CallbackRequest r = byId.get(id);
        if (r == null) {
            throw new NotFoundException("callback " + id);
        }
        CallbackRequest cancelled = new CallbackRequest(r.id(), r.callId(), r.queue(), r.phone(), r.customerId(),
                r.customerName(), r.requestedAt(), CallbackStatus.CANCELLED, r.attempts(), actor, Instant.now(), note);
        byId.put(id, cancelled);
        return cancelled;
    }
}
