package org.hotline.ivr.flow;

import java.time.Duration;

/**
 * The queue callback a waiting caller is offered when pressing a key: {@code offer} ("to be called back, press
 * {@code key}"), then the number the platform would call ({@code numberIs} and the caller's number read digit by
 * digit, then {@code confirm}: 1 = this number, 2 = another one, typed after {@code enterNumber} and ended with
 * {@code #}). {@code accepted} is played before the call ends; {@code invalidNumber} after a number that is not 3 to
 * 20 digits; {@code unavailable} when the request cannot be stored (the caller keeps waiting, in place).
 * {@code timeout} bounds each key press (default 5 s). Any other key, or none, returns to the queue in place.
 */
public record CallbackOffer(Prompt offer, String key, Prompt numberIs, Prompt confirm, Prompt enterNumber,
                            Prompt invalidNumber, Prompt accepted, Prompt unavailable, Duration timeout) {
    public CallbackOffer {
        key = key == null || key.isBlank() ? "1" : key.strip();
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
    }
}
