package org.hotline.ivr;

import org.hotline.ivr.flow.Prompt;
import org.hotline.platform.telephony.CallChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Plays flow prompts on a channel, logging what the caller hears in the caller's language. */
final class PromptPlayer {
    /** Every DTMF key: any key interrupts a menu prompt (a wrong one is then reported as invalid). */
    static final String ALL_KEYS = "0123456789*#";
    private static final Logger LOG = LoggerFactory.getLogger(PromptPlayer.class);

    private PromptPlayer() {
    }

    /** Plays {@code prompt} to the end; nothing when it is null. */
    static void play(CallChannel channel, Prompt prompt) {
        if (prompt != null) {
            play(channel, prompt, "");
        }
    }

    /** @return the key that interrupted the prompt, or 0 */
    static char play(CallChannel channel, Prompt prompt, String escapeDigits) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("call {} hears {}: {}", channel.info().callId(), prompt.name(),
                    prompt.text(language(channel.info().language())));
        }
        return channel.play(prompt.name(), escapeDigits);
    }

    private static String language(String channelLanguage) {
        return channelLanguage == null || channelLanguage.startsWith("zh") ? "zh-CN" : channelLanguage;
    }
}
