package org.hotline.ivr.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays {@code prompt} and waits for one key. A key in {@code options} goes to that node; any other key plays
 * {@code invalidPrompt}, no key within {@code timeout} plays {@code timeoutPrompt}, and the menu is replayed, at most
 * {@code retries} attempts in all, after which the call goes to {@code onFailure}.
 */
public record MenuNode(Prompt prompt, Map<String, String> options, Integer retries, Duration timeout,
                       Prompt invalidPrompt, Prompt timeoutPrompt, String onFailure) implements Node {
    public static final int DEFAULT_RETRIES = 3;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public MenuNode {
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
        retries = retries == null ? DEFAULT_RETRIES : retries;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    @Override
    public String type() {
        return "menu";
    }

    @Override
    public List<String> targets() {
        List<String> targets = new ArrayList<>(options.values());
        targets.add(onFailure);
        return targets;
    }
}
