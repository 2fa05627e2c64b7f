package org.hotline.platform.callback;

import java.util.List;
import java.util.Optional;

/**
 * Queue callbacks: requested by callers while they wait, worked by agents from the console. Every change is
 * published as a {@link org.hotline.platform.event.CallbackChanged} event.
 */
public interface CallbackService {
    /**
     * Stores a PENDING request.
     *
     * @throws org.hotline.platform.error.ValidationException for a missing queue or a phone that is not 3 to 20
     *                                                        digits; nothing is written
     */
    CallbackRequest request(NewCallback callback);

    Optional<CallbackRequest> find(long id);

    List<CallbackRequest> list(CallbackQuery query);

    /**
     * {@code agent} takes a PENDING request to dial it now: IN_PROGRESS, one more attempt.
     *
     * @throws org.hotline.platform.error.NotFoundException for an unknown id
     * @throws org.hotline.platform.error.ConflictException when it is not PENDING (someone else took it, or it ended)
     */
    CallbackRequest claim(long id, String agent);

    /**
     * {@code agent}, who claimed the request, reports the attempt: REACHED = DONE, WRONG_NUMBER = FAILED, NO_ANSWER =
     * PENDING again while attempts remain, else FAILED.
     *
     * @throws org.hotline.platform.error.NotFoundException for an unknown id
     * @throws org.hotline.platform.error.ConflictException when it is not IN_PROGRESS for {@code agent}
     */
    CallbackRequest finish(long id, String agent, CallbackResult result, String note);

    /**
     * {@code agent} gives back a request it claimed without an attempt counted (e.g. the dial failed to start).
     *
     * @throws org.hotline.platform.error.ConflictException when it is not IN_PROGRESS for {@code agent}
     */
    CallbackRequest release(long id, String agent, String note);

    /**
     * Cancels an open request ({@code note} says why).
     *
     * @throws org.hotline.platform.error.ConflictException when it has already ended
     */
    CallbackRequest cancel(long id, String actor, String note);
}
