package org.hotline.ticketing.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.platform.callback.CallbackQuery;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.callback.CallbackResult;
import org.hotline.platform.callback.CallbackStatus;
import org.hotline.platform.callback.NewCallback;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.CallbackChanged;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.Ticketing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Queue callbacks on the real database: every transition of the state machine, validation and the events. */
class CallbackServiceTest extends DatabaseTestSupport {
    private Ticketing ticketing;
    private DbCallbackService callbacks;
    private Customer customer;
    private final List<CallbackChanged> changes = new CopyOnWriteArrayList<>();

    @BeforeAll
    void setUp() {
        ticketing = new Ticketing(db, clock);
        callbacks = ticketing.callbacks();
        LocalEventBus bus = new LocalEventBus();
        bus.subscribe(CallbackChanged.class, changes::add);
        callbacks.publishTo(bus);
        customer = ticketing.customers().create("王熙凤", CustomerClass.VIP, List.of("13800003333"));
    }

    @AfterAll
    void tearDown() {
        ticketing.close();
    }

    private CallbackRequest pending(String phone) {
        return callbacks.request(new NewCallback("call-" + phone, "repair", phone, customer.id(), customer.name()));
    }

    @Test
    void aRequestIsStoredPendingAndPublished() {
        CallbackRequest r = pending("13800003333");

        assertThat(r.id()).isPositive();
        assertThat(r.status()).isEqualTo(CallbackStatus.PENDING);
        assertThat(r.attempts()).isZero();
        assertThat(r.requestedAt()).isEqualTo(NOW);
        assertThat(r.customerName()).isEqualTo("王熙凤");
        assertThat(callbacks.find(r.id())).contains(r);
        assertThat(changes).extracting(CallbackChanged::callback).contains(r);
        assertThat(queryString("SELECT `status` FROM callback_requests WHERE id = ?", r.id())).isEqualTo("PENDING");
    }

    @Test
    void pendingToInProgressWhenAnAgentClaimsIt() {
        CallbackRequest r = pending("13800000001");

        CallbackRequest claimed = callbacks.claim(r.id(), "agent1");

        assertThat(claimed.status()).isEqualTo(CallbackStatus.IN_PROGRESS);
        assertThat(claimed.agent()).isEqualTo("agent1");
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(changes.getLast().callback()).isEqualTo(claimed);
    }

    @Test
    void aClaimedCallbackCannotBeClaimedAgain() {
        CallbackRequest r = pending("13800000002");
        callbacks.claim(r.id(), "agent1");

        assertThatThrownBy(() -> callbacks.claim(r.id(), "agent2")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("IN_PROGRESS").hasMessageContaining("agent1");
    }

    @Test
    void inProgressToDoneWhenTheCustomerWasReached() {
        CallbackRequest r = pending("13800000003");
        callbacks.claim(r.id(), "agent1");

        CallbackRequest done = callbacks.finish(r.id(), "agent1", CallbackResult.REACHED, "已解答");

        assertThat(done.status()).isEqualTo(CallbackStatus.DONE);
        assertThat(done.note()).isEqualTo("已解答");
        assertThatThrownBy(() -> callbacks.claim(r.id(), "agent1")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> callbacks.cancel(r.id(), "supervisor", null)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("DONE");
    }

    @Test
    void inProgressBackToPendingAfterANoAnswerWhileAttemptsRemainThenFailed() {
        CallbackRequest r = pending("13800000004");
        for (int attempt = 1; attempt < callbacks.maxAttempts(); attempt++) {
            callbacks.claim(r.id(), "agent1");
            CallbackRequest again = callbacks.finish(r.id(), "agent1", CallbackResult.NO_ANSWER, null);
            assertThat(again.status()).isEqualTo(CallbackStatus.PENDING);
            assertThat(again.attempts()).isEqualTo(attempt);
            assertThat(again.note()).isEqualTo("NO_ANSWER");
        }
        callbacks.claim(r.id(), "agent2");

        CallbackRequest failed = callbacks.finish(r.id(), "agent2", CallbackResult.NO_ANSWER, "关机");

        assertThat(failed.status()).isEqualTo(CallbackStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(callbacks.maxAttempts());
    }

    @Test
    void inProgressToFailedOnAWrongNumber() {
        CallbackRequest r = pending("13800000005");
        callbacks.claim(r.id(), "agent1");

        assertThat(callbacks.finish(r.id(), "agent1", CallbackResult.WRONG_NUMBER, null).status())
                .isEqualTo(CallbackStatus.FAILED);
    }

    @Test
    void inProgressBackToPendingWhenTheAgentReleasesItWithoutAnAttempt() {
        CallbackRequest r = pending("13800000006");
        callbacks.claim(r.id(), "agent1");

        CallbackRequest released = callbacks.release(r.id(), "agent1", "dial failed");

        assertThat(released.status()).isEqualTo(CallbackStatus.PENDING);
        assertThat(released.attempts()).isZero();
    }

    @Test
    void onlyTheAgentWhoClaimedItReportsOnIt() {
        CallbackRequest r = pending("13800000007");
        assertThatThrownBy(() -> callbacks.finish(r.id(), "agent1", CallbackResult.REACHED, null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("PENDING");
        callbacks.claim(r.id(), "agent1");

        assertThatThrownBy(() -> callbacks.finish(r.id(), "agent2", CallbackResult.REACHED, null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("agent2");
        assertThatThrownBy(() -> callbacks.release(r.id(), "agent2", null)).isInstanceOf(ConflictException.class);
        assertThat(callbacks.find(r.id()).orElseThrow().status()).isEqualTo(CallbackStatus.IN_PROGRESS);
    }

    @Test
    void pendingToCancelled() {
        CallbackRequest r = pending("13800000008");

        CallbackRequest cancelled = callbacks.cancel(r.id(), "supervisor", "客户已来电");

        assertThat(cancelled.status()).isEqualTo(CallbackStatus.CANCELLED);
        assertThat(cancelled.note()).isEqualTo("客户已来电");
    }

    @Test
    void inProgressToCancelled() {
        CallbackRequest r = pending("13800000009");
        callbacks.claim(r.id(), "agent1");

        CallbackRequest cancelled = callbacks.cancel(r.id(), "supervisor", null);

        assertThat(cancelled.status()).isEqualTo(CallbackStatus.CANCELLED);
        assertThat(cancelled.note()).isEqualTo("cancelled by supervisor");
    }

    @Test
    void invalidRequestsNameTheFieldAndWriteNothing() {
        long before = count("callback_requests");

        assertThatThrownBy(() -> callbacks.request(new NewCallback("c", "repair", "12", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("phone"));
        assertThatThrownBy(() -> callbacks.request(new NewCallback("c", "repair", "1380013800a", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("phone"));
        assertThatThrownBy(() -> callbacks.request(new NewCallback("c", " ", "13800138000", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("queue"));
        assertThatThrownBy(() -> callbacks.request(new NewCallback("c", "repair", "13800138000", 999_999L, null)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("customerId"));
        assertThatThrownBy(() -> callbacks.request(new NewCallback("c x", "repair", "13800138000", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("callId"));
        assertThat(count("callback_requests")).isEqualTo(before);
    }

    @Test
    void unknownIdsAreNotFound() {
        assertThatThrownBy(() -> callbacks.claim(987_654L, "agent1")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("987654");
        assertThat(callbacks.find(987_654L)).isEmpty();
    }

    @Test
    void theListShowsOpenCallbacksOldestFirstFilteredByQueueAndStatus() {
        CallbackRequest a = callbacks.request(new NewCallback("l1", "complaint", "13900000011", null, null));
        CallbackRequest b = callbacks.request(new NewCallback("l2", "complaint", "13900000012", null, null));
        CallbackRequest c = callbacks.request(new NewCallback("l3", "complaint", "13900000013", null, null));
        callbacks.claim(b.id(), "agent1");
        callbacks.cancel(c.id(), "supervisor", null);

        assertThat(callbacks.list(new CallbackQuery(Set.of(), Set.of("complaint"), 100)))
                .extracting(CallbackRequest::id).containsExactly(a.id(), b.id());
        assertThat(callbacks.list(new CallbackQuery(Set.of(CallbackStatus.CANCELLED), Set.of("complaint"), 100)))
                .extracting(CallbackRequest::id).containsExactly(c.id());
        assertThat(callbacks.list(new CallbackQuery(Set.of(), Set.of("complaint"), 1)))
                .extracting(CallbackRequest::id).containsExactly(a.id());
        assertThatThrownBy(() -> callbacks.list(new CallbackQuery(Set.of(), Set.of(), 0)))
                .isInstanceOf(ValidationException.class);
        assertThat(callbacks.list(CallbackQuery.open(500))).extracting(CallbackRequest::queue)
                .contains("repair", "complaint");
    }

    @Test
    void aNoteTooLongIsRejected() {
        CallbackRequest r = pending("13800000010");
        callbacks.claim(r.id(), "agent1");

        assertThatThrownBy(() -> callbacks.finish(r.id(), "agent1", CallbackResult.REACHED, "x".repeat(501)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("note"));
        assertThat(callbacks.find(r.id()).orElseThrow().status()).isEqualTo(CallbackStatus.IN_PROGRESS);
    }
}
