package org.hotline.platform.telephony;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.telephony.SwitchResult.Refusal;

/**
 * The port boundary of a switch adapter: inside, an adapter says "no" by throwing ({@link NotFoundException} for a
 * call it does not know, {@link ConflictException} for a request it refuses); its ports answer
 * {@link SwitchResult.Refused} instead, with the adapter's own words as the message. Only those two exceptions are
 * refusals; anything else (bad input, a bug) still propagates, as the ports promise.
 */
public final class SwitchAttempts {
    /** The common reading: an unknown call is {@code NO_SUCH_CALL}, any other refusal {@code NOT_NOW}. */
    public static final Function<RuntimeException, Refusal> PLAIN =
            e -> e instanceof NotFoundException ? Refusal.NO_SUCH_CALL : Refusal.NOT_NOW;

    private SwitchAttempts() {
    }

    /** Runs {@code action}; its value is the result, its refusal (read by {@code why}) a {@code Refused}. */
    public static <T> SwitchResult<T> attempt(Supplier<T> action, Function<RuntimeException, Refusal> why) {
        Objects.requireNonNull(why, "why");
        try {
            return SwitchResult.done(action.get());
        } catch (NotFoundException | ConflictException e) {
            return SwitchResult.refused(why.apply(e), e.getMessage());
        }
    }

    /** {@link #attempt} of an action without a value. */
    public static SwitchResult<Void> run(Runnable action, Function<RuntimeException, Refusal> why) {
        return attempt(() -> {
            action.run();
            return null;
        }, why);
    }
}
