package org.hotline.platform.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotline.platform.callback.CallbackStatus.CANCELLED;
import static org.hotline.platform.callback.CallbackStatus.DONE;
import static org.hotline.platform.callback.CallbackStatus.FAILED;
import static org.hotline.platform.callback.CallbackStatus.IN_PROGRESS;
import static org.hotline.platform.callback.CallbackStatus.PENDING;

import java.util.EnumSet;
import java.util.Set;
import org.hotline.platform.error.ConflictException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The callback state machine's table: what may follow what (behaviour per transition: CallbackServiceTest). */
class CallbackTransitionsTest {
    private static final Set<String> ALLOWED = Set.of(
            "PENDING>IN_PROGRESS", "PENDING>CANCELLED",
            "IN_PROGRESS>DONE", "IN_PROGRESS>PENDING", "IN_PROGRESS>FAILED", "IN_PROGRESS>CANCELLED");

    @ParameterizedTest
    @EnumSource(CallbackStatus.class)
    void exactlyTheListedMovesAreAllowed(CallbackStatus from) {
        for (CallbackStatus to : CallbackStatus.values()) {
            assertThat(CallbackTransitions.allowed(from, to)).as(from + " -> " + to)
                    .isEqualTo(ALLOWED.contains(from + ">" + to));
        }
    }

    @Test
    void endedCallbacksStayEnded() {
        for (CallbackStatus ended : EnumSet.of(DONE, FAILED, CANCELLED)) {
            assertThat(ended.open()).isFalse();
            assertThatThrownBy(() -> CallbackTransitions.check(5, ended, PENDING))
                    .isInstanceOf(ConflictException.class).hasMessage("callback 5 is " + ended
                            + " and cannot become PENDING");
        }
        assertThat(PENDING.open()).isTrue();
        assertThat(IN_PROGRESS.open()).isTrue();
    }
}
