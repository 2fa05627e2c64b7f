package org.hotline.app.docker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small parser of Asterisk's configuration syntax (the one {@code main/config.c} reads for every {@code *.conf}),
 * strict enough that a malformed line fails the test that reads the file:
 * <ul>
 * <li>{@code [name]}, {@code [name](!)} (a template), {@code [name](tmpl1,tmpl2)} (inherits the templates' settings,
 * which must be defined before), {@code [name](!,tmpl)} and {@code [name](+)} (adds to the section of that name
 * defined before);</li>
 * <li>{@code key = value} and {@code key => value} (objects, e.g. {@code exten =>}, {@code member =>});</li>
 * <li>{@code ;} starts a comment unless escaped as {@code \;}; {@code ;-- ... --;} block comments;</li>
 * <li>{@code #include file} / {@code #tryinclude file}: the included text continues the current section, as in
 * Asterisk; its content comes from a resolver (the compose {@code configs} here), an unresolved include is only
 * recorded.</li>
 * </ul>
 * Sections of the same name may repeat (pjsip.conf's {@code [1001]} endpoint and {@code [1001]} aor).
 */
final class AsteriskConf {
    /** One {@code key = value} / {@code key => value} line (inherited ones carry the template's line). */
    record Entry(String key, String value, boolean object, int line) {
    }

    /** An {@code #include} line and the section it appears in (null: before any section). */
    record Include(String target, String section, int line, boolean resolved) {
    }

    /** A {@code [name]} section with its own and inherited settings, in Asterisk's order. */
    static final class Section {
        final String name;
        final List<String> options;
        final int line;
        final List<Entry> entries = new ArrayList<>();

        Section(String name, List<String> options, int line) {
            this.name = name;
            this.options = List.copyOf(options);
            this.line = line;
        }

        boolean isTemplate() {
            return options.contains("!");
        }

        /** Every value of {@code key}, in order (a key may repeat: {@code permit}, {@code member}, {@code exten}). */
        List<String> values(String key) {
            return entries.stream().filter(e -> e.key().equalsIgnoreCase(key)).map(Entry::value).toList();
        }

        /** The last value of {@code key} (the one Asterisk uses for a single-valued option). */
        Optional<String> value(String key) {
            List<String> v = values(key);
            return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
        }

        @Override
        public String toString() {
            return "[" + name + "]" + (options.isEmpty() ? "" : "(" + String.join(",", options) + ")");
        }
    }

    private static final Pattern SECTION = Pattern.compile("\\[([^\\]]+)\\]\\s*(?:\\(([^)]*)\\))?");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-*#]+(?:\\((?:[^()]|\\([^()]*\\))*\\))?");

    final String file;
    private final List<Section> sections = new ArrayList<>();
    private final List<Include> includes = new ArrayList<>();
    private Section current;
    private boolean inBlockComment;

    private AsteriskConf(String file) {
        this.file = file;
    }

    /** Parses {@code text}, leaving every {@code #include} unresolved. */
    static AsteriskConf parse(String file, String text) {
        return parse(file, text, target -> null);
    }

    /**
     * Parses {@code text}; {@code includes} gives the text of an {@code #include} target (null when it has none).
     *
     * @throws IllegalArgumentException naming {@code file:line} at the first line Asterisk would not accept
     */
    static AsteriskConf parse(String file, String text, Function<String, String> includes) {
        AsteriskConf conf = new AsteriskConf(file);
        conf.read(file, text, includes, 0);
        return conf;
    }

    private void read(String source, String text, Function<String, String> resolver, int depth) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int no = i + 1;
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                directive(source, no, line, resolver, depth);
                continue;
            }
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                section(source, no, s.group(1).strip(), s.group(2));
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw error(source, no, "not a valid config line (no '='): " + lines[i].strip());
            }
            String key = line.substring(0, eq).strip();
            boolean object = eq + 1 < line.length() && line.charAt(eq + 1) == '>';
            String value = line.substring(eq + (object ? 2 : 1)).strip();
            if (!KEY.matcher(key).matches()) {
                throw error(source, no, "not a valid option name '" + key + "': " + lines[i].strip());
            }
            if (current == null) {
                throw error(source, no, "setting outside any [section]: " + lines[i].strip());
            }
            current.entries.add(new Entry(key, value, object, no));
        }
        if (inBlockComment && depth == 0) {
            throw error(source, lines.length, "block comment ';--' is never closed with '--;'");
        }
    }

    private void directive(String source, int no, String line, Function<String, String> resolver, int depth) {
        String[] parts = line.split("\\s+", 2);
        String name = parts[0];
        if (!name.equals("#include") && !name.equals("#tryinclude")) {
            throw error(source, no, "unknown directive " + name + " (only #include / #tryinclude are used here)");
        }
        String target = parts.length < 2 ? "" : parts[1].strip();
        if (target.length() >= 2 && target.startsWith("\"") && target.endsWith("\"")) {
            target = target.substring(1, target.length() - 1);
        }
        if (target.isEmpty()) {
            throw error(source, no, name + " without a file name");
        }
        String text = resolver.apply(target);
        includes.add(new Include(target, current == null ? null : current.name, no, text != null));
        if (text != null) {
            if (depth > 10) {
                throw error(source, no, "#include nested too deeply: " + target);
            }
            read(target, text, resolver, depth + 1);
        }
    }

    private void section(String source, int no, String name, String optionText) {
        List<String> options = new ArrayList<>();
        if (optionText != null) {
            for (String o : optionText.split(",")) {
                if (!o.isBlank()) {
                    options.add(o.strip());
                }
            }
        }
        if (options.contains("+")) {
            current = last(name).orElseThrow(() -> error(source, no,
                    "[" + name + "](+) adds to a section that is not defined before it"));
            return;
        }
        Section created = new Section(name, options, no);
        for (String template : options) {
            if (template.equals("!")) {
                continue;
            }
            Section t = sections.stream().filter(x -> x.name.equals(template) && x.isTemplate())
                    .reduce((a, b) -> b)
                    .or(() -> last(template))
                    .orElseThrow(() -> error(source, no, "[" + name + "] uses template (" + template
                            + ") which is not defined before it"));
            created.entries.addAll(t.entries);
        }
        sections.add(created);
        current = created;
    }

    private String stripComment(String raw) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            if (inBlockComment) {
                int end = raw.indexOf("--;", i);
                if (end < 0) {
                    return out.toString();
                }
                inBlockComment = false;
                i = end + 3;
                continue;
            }
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == ';') {
                out.append(';');
                i += 2;
                continue;
            }
            if (c == ';') {
                if (raw.startsWith(";--", i)) {
                    inBlockComment = true;
                    i += 3;
                    continue;
                }
                break;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private IllegalArgumentException error(String source, int line, String message) {
        String where = source.equals(file) ? file : file + " (included " + source + ")";
        return new IllegalArgumentException(where + ":" + line + ": " + message);
    }

    /** Every section, templates included, in file order. */
    List<Section> sections() {
        return Collections.unmodifiableList(sections);
    }

    /** The sections Asterisk acts on: every section but templates. */
    List<Section> realSections() {
        return sections.stream().filter(s -> !s.isTemplate()).toList();
    }

    /** Every non-template section called {@code name}. */
    List<Section> sections(String name) {
        return realSections().stream().filter(s -> s.name.equals(name)).toList();
    }

    /** The last non-template section called {@code name}. */
    Optional<Section> section(String name) {
        List<Section> found = sections(name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    private Optional<Section> last(String name) {
        return sections.stream().filter(s -> s.name.equals(name)).reduce((a, b) -> b);
    }

    List<Include> includes() {
        return Collections.unmodifiableList(includes);
    }
}
