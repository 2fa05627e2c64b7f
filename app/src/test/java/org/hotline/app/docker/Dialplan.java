package org.hotline.app.docker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dialplan of an {@code extensions.conf} parsed by {@link AsteriskConf} ({@code pbx_config}'s syntax):
 * {@code exten => <exten>,<priority>[(<label>)],<App>(<args>)}, {@code same => ...} continuing the previous
 * extension, {@code n} = the previous priority + 1, {@code include => <context>}, {@code [globals]} variables.
 */
final class Dialplan {
    /** One priority of one extension. */
    record Step(String context, String exten, int priority, String label, String app, String args, int line) {
        @Override
        public String toString() {
            return exten + "," + priority + (label == null ? "" : "(" + label + ")") + "," + app + "(" + args + ")";
        }
    }

    /** A context: its steps in file order and the contexts it includes. */
    record Context(String name, List<Step> steps, List<String> includes) {
        /** The steps of {@code exten} (written exactly so, e.g. {@code _X.} or {@code s}) by priority. */
        List<Step> extension(String exten) {
            return steps.stream().filter(s -> s.exten().equals(exten))
                    .sorted(java.util.Comparator.comparingInt(Step::priority)).toList();
        }

        List<String> extensions() {
            return steps.stream().map(Step::exten).distinct().toList();
        }
    }

    /** A {@code GotoIf($[<left> <op> <right>]?<if true>[:<if false>])} on one variable, as written in the contract. */
    record Condition(String variable, String operator, String value, String ifTrue, String ifFalse) {
    }

    private static final Pattern PRIORITY = Pattern.compile("(\\d+|n)(?:\\(([A-Za-z0-9_-]+)\\))?");
    private static final Pattern APP = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)(?:\\((.*)\\))?");
    private static final Pattern GOTO_IF = Pattern.compile(
            "\\$\\[\\s*\"?\\$\\{([A-Za-z0-9_]+)\\}\"?\\s*(!=|=)\\s*\"?([^\"\\]]*)\"?\\s*\\]\\?([^:]*)(?::(.*))?");

    final String file;
    final Map<String, String> globals;
    final Map<String, Context> contexts;

    private Dialplan(String file, Map<String, String> globals, Map<String, Context> contexts) {
        this.file = file;
        this.globals = globals;
        this.contexts = contexts;
    }

    /** @throws IllegalArgumentException naming {@code file:line} for an extension line that is not well-formed */
    static Dialplan of(AsteriskConf conf) {
        Map<String, String> globals = new LinkedHashMap<>();
        Map<String, Context> contexts = new LinkedHashMap<>();
        for (AsteriskConf.Section section : conf.realSections()) {
            if (section.name.equals("general")) {
                continue;
            }
            if (section.name.equals("globals")) {
                section.entries.forEach(e -> globals.put(e.key(), e.value()));
                continue;
            }
            Context context = contexts.computeIfAbsent(section.name,
                    n -> new Context(n, new ArrayList<>(), new ArrayList<>()));
            String lastExten = null;
            Map<String, Integer> lastPriority = new HashMap<>();
            for (AsteriskConf.Entry e : section.entries) {
                switch (e.key().toLowerCase(java.util.Locale.ROOT)) {
                    case "include" -> context.includes().add(e.value().split(",")[0].strip());
                    case "exten", "same" -> {
                        String rest = e.value();
                        String exten;
                        if (e.key().equalsIgnoreCase("exten")) {
                            int comma = rest.indexOf(',');
                            if (comma <= 0) {
                                throw error(conf, e, "exten => needs <exten>,<priority>,<application>");
                            }
                            exten = rest.substring(0, comma).strip();
                            rest = rest.substring(comma + 1);
                        } else {
                            if (lastExten == null) {
                                throw error(conf, e, "same => without an exten => before it in [" + section.name + "]");
                            }
                            exten = lastExten;
                        }
                        int comma = rest.indexOf(',');
                        if (comma <= 0) {
                            throw error(conf, e, "needs <priority>,<application>: " + e.value());
                        }
                        String priorityText = rest.substring(0, comma).strip();
                        String appText = rest.substring(comma + 1).strip();
                        if (priorityText.equals("hint")) {
                            lastExten = exten;
                            continue;
                        }
                        Matcher p = PRIORITY.matcher(priorityText);
                        if (!p.matches()) {
                            throw error(conf, e, "priority '" + priorityText + "' is neither a number nor n");
                        }
                        int priority = p.group(1).equals("n") ? lastPriority.getOrDefault(exten, 0) + 1
                                : Integer.parseInt(p.group(1));
                        if (p.group(1).equals("n") && !lastPriority.containsKey(exten)) {
                            throw error(conf, e, "priority n of " + exten + " without a priority 1 before it");
                        }
                        Matcher a = APP.matcher(appText);
                        if (!a.matches()) {
                            throw error(conf, e, "'" + appText + "' is not <Application>(<arguments>)");
                        }
                        context.steps().add(new Step(section.name, exten, priority, p.group(2), a.group(1),
                                a.group(2) == null ? "" : a.group(2), e.line()));
                        lastPriority.put(exten, priority);
                        lastExten = exten;
                    }
                    default -> throw error(conf, e, "unexpected '" + e.key() + "' in context [" + section.name + "]");
                }
            }
        }
        return new Dialplan(conf.file, globals, contexts);
    }

    private static IllegalArgumentException error(AsteriskConf conf, AsteriskConf.Entry e, String message) {
        return new IllegalArgumentException(conf.file + ":" + e.line() + ": " + message);
    }

    Optional<Context> context(String name) {
        return Optional.ofNullable(contexts.get(name));
    }

    /** {@code ${NAME}} replaced by the [globals] value of NAME (other variables are left as they are). */
    String expandGlobals(String text) {
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9_]+)\\}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = globals.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group(0)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The GotoIf's condition, when it compares one variable with a constant ({@code $["${X}" = "Y"]?label}). */
    static Optional<Condition> condition(Step step) {
        if (!step.app().equalsIgnoreCase("GotoIf")) {
            return Optional.empty();
        }
        Matcher m = GOTO_IF.matcher(step.args().strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Condition(m.group(1), m.group(2), m.group(3).strip(), m.group(4).strip(),
                m.group(5) == null ? null : m.group(5).strip()));
    }

    /**
     * Where a Goto target ({@code label}, {@code priority}, {@code exten,priority} or {@code context,exten,priority})
     * jumps from {@code from}; empty when it does not exist.
     */
    Optional<Step> resolve(Step from, String target) {
        String[] parts = target.split(",");
        String context = parts.length == 3 ? parts[0].strip() : from.context();
        String exten = parts.length >= 2 ? parts[parts.length - 2].strip() : from.exten();
        String priority = parts[parts.length - 1].strip();
        return context(context).flatMap(c -> c.extension(exten).stream()
                .filter(s -> priority.equals(s.label()) || priority.equals(String.valueOf(s.priority())))
                .findFirst());
    }

    /**
     * The first step of the extension that {@code number} reaches in {@code context}, searching its includes as
     * Asterisk does; empty when the number is not routable there.
     */
    Optional<Step> route(String context, String number) {
        return route(context, number, new HashSet<>());
    }

    private Optional<Step> route(String context, String number, Set<String> seen) {
        if (!seen.add(context)) {
            return Optional.empty();
        }
        Optional<Context> c = context(context);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        for (Step s : c.get().steps()) {
            if (s.priority() == 1 && matches(s.exten(), number)) {
                return Optional.of(s);
            }
        }
        for (String included : c.get().includes()) {
            Optional<Step> found = route(included, number, seen);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Asterisk's extension matching: a literal, or a pattern starting with {@code _} (X Z N [...] . !). */
    static boolean matches(String pattern, String number) {
        if (!pattern.startsWith("_")) {
            return pattern.equals(number);
        }
        StringBuilder regex = new StringBuilder();
        String p = pattern.substring(1);
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            switch (Character.toUpperCase(c)) {
                case 'X' -> regex.append("[0-9]");
                case 'Z' -> regex.append("[1-9]");
                case 'N' -> regex.append("[2-9]");
                case '.' -> regex.append(".+");
                case '!' -> regex.append(".*");
                case '[' -> {
                    int end = p.indexOf(']', i);
                    if (end < 0) {
                        return false;
                    }
                    regex.append('[').append(p, i + 1, end).append(']');
                    i = end;
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return number.matches(regex.toString());
    }
}
