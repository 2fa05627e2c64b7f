package org.hotline.ivr.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something the caller hears.
 *
 * @param name the sound file on the switch (Asterisk's {@code STREAM FILE} name, e.g. {@code hotline/welcome})
 * @param text what the recording says, by language tag ({@code zh-CN}, {@code en}); for documentation and logs
 */
public record Prompt(String name, Map<String, String> text) {
    public Prompt {
        text = text == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(text));
    }

    /**
     * The text in {@code language} ({@code zh} matches {@code zh-CN}), else the first text, else the file name.
     */
    public String text(String language) {
        if (language != null && !language.isBlank()) {
            String exact = text.get(language);
            if (exact != null) {
                return exact;
            }
            String prefix = language.split("[-_]")[0].toLowerCase(java.util.Locale.ROOT);
            for (Map.Entry<String, String> e : text.entrySet()) {
                if (e.getKey().toLowerCase(java.util.Locale.ROOT).startsWith(prefix)) {
                    return e.getValue();
                }
            }
        }
        return text.values().stream().findFirst().orElse(name);
    }
}
