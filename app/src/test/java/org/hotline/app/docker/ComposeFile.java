package org.hotline.app.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker/compose.yaml as {@code docker compose} sees it with a given env file: variables interpolated the way Compose
 * does ({@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:?error}}, {@code ${VAR?error}},
 * {@code ${VAR:+alt}}, {@code $VAR}, {@code $$}), then read with SnakeYAML.
 */
final class ComposeFile {
    private static final Pattern VARIABLE = Pattern.compile(
            "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\\$\\{[^}]*\\})*))?\\}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    final Map<String, Object> root;

    private ComposeFile(Map<String, Object> root) {
        this.root = root;
    }

    static ComposeFile read(Path compose, Map<String, String> env) {
        try {
            return parse(Files.readString(compose, StandardCharsets.UTF_8), env);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + compose, e);
        }
    }

    @SuppressWarnings("unchecked")
    static ComposeFile parse(String yaml, Map<String, String> env) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(interpolate(yaml, env));
        if (!(doc instanceof Map)) {
            throw new IllegalArgumentException("compose.yaml is not a YAML mapping");
        }
        return new ComposeFile((Map<String, Object>) doc);
    }

    /** {@code KEY=value} lines of an env file ({@code #} comments and blank lines skipped). */
    static Map<String, String> readEnv(Path file) {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int eq = l.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(file + ": not KEY=value: " + line);
                }
                env.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return env;
    }

    static String interpolate(String text, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(substitute(m, env)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String substitute(Matcher m, Map<String, String> env) {
        if (m.group().equals("$$")) {
            return "$";
        }
        String name = m.group(1) != null ? m.group(1) : m.group(4);
        String value = env.get(name);
        String op = m.group(2);
        if (op == null) {
            return value == null ? "" : value;
        }
        boolean colon = op.startsWith(":");
        boolean unset = value == null || (colon && value.isEmpty());
        String arg = m.group(3) == null ? "" : m.group(3);
        return switch (op.charAt(op.length() - 1)) {
            case '-' -> unset ? interpolate(arg, env) : value;
            case '+' -> unset ? "" : interpolate(arg, env);
            case '?' -> {
                if (unset) {
                    throw new IllegalArgumentException("compose.yaml: required variable " + name + " is not set: " + arg);
                }
                yield value;
            }
            default -> throw new IllegalStateException(op);
        };
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> services() {
        return (Map<String, Object>) root.getOrDefault("services", Map.of());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> service(String name) {
        Object s = services().get(name);
        if (!(s instanceof Map)) {
            throw new AssertionError("docker/compose.yaml: no service '" + name + "' (services: "
                    + services().keySet() + ")");
        }
        return (Map<String, Object>) s;
    }

    /** The service's {@code environment}, as a map (both the mapping and the {@code - KEY=value} list forms). */
    Map<String, String> environment(String service) {
        Object env = service(service).get("environment");
        Map<String, String> out = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (env instanceof List<?> list) {
            for (Object item : list) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        }
        return out;
    }

    /** The service's published ports, as written ({@code host_ip:host_port:container_port/proto}). */
    List<String> ports(String service) {
        Object ports = service(service).get("ports");
        if (ports instanceof List<?> list) {
            return list.stream().map(p -> p instanceof Map<?, ?> long_ ? long_.get("published") + ":"
                    + long_.get("target") : String.valueOf(p)).toList();
        }
        return List.of();
    }

    /**
     * The files {@code docker compose} generates inside {@code service} from top-level {@code configs} with
     * {@code content}: target path → content.
     */
    @SuppressWarnings("unchecked")
    Map<String, String> generatedFiles(String service) {
        Map<String, Object> configs = (Map<String, Object>) root.getOrDefault("configs", Map.of());
        Map<String, String> files = new LinkedHashMap<>();
        Object refs = service(service).get("configs");
        if (refs instanceof List<?> list) {
            for (Object ref : list) {
                if (ref instanceof Map<?, ?> r && r.get("source") != null && r.get("target") != null) {
                    Object config = configs.get(String.valueOf(r.get("source")));
                    if (config instanceof Map<?, ?> c && c.get("content") != null) {
                        files.put(String.valueOf(r.get("target")), String.valueOf(c.get("content")));
                    }
                }
            }
        }
        return files;
    }

    /** The first {@code ipam} subnet of {@code network}, e.g. {@code 172.30.58.0/24}. */
    @SuppressWarnings("unchecked")
    String subnet(String network) {
        Map<String, Object> networks = (Map<String, Object>) root.getOrDefault("networks", Map.of());
        Object n = networks.get(network);
        if (n instanceof Map<?, ?> net && net.get("ipam") instanceof Map<?, ?> ipam
                && ipam.get("config") instanceof List<?> config && !config.isEmpty()
                && config.get(0) instanceof Map<?, ?> first && first.get("subnet") != null) {
            return String.valueOf(first.get("subnet"));
        }
        throw new AssertionError("docker/compose.yaml: network '" + network + "' has no ipam subnet");
    }

    /** The {@code ipam} gateway of {@code network}, when the file fixes one. */
    @SuppressWarnings("unchecked")
    Optional<String> gateway(String network) {
        Map<String, Object> networks = (Map<String, Object>) root.getOrDefault("networks", Map.of());
        if (networks.get(network) instanceof Map<?, ?> net && net.get("ipam") instanceof Map<?, ?> ipam
                && ipam.get("config") instanceof List<?> config && !config.isEmpty()
                && config.get(0) instanceof Map<?, ?> first && first.get("gateway") != null) {
            return Optional.of(String.valueOf(first.get("gateway")));
        }
        return Optional.empty();
    }

    /** The fixed {@code ipv4_address} of a service on {@code network}, when it has one. */
    Optional<String> ipv4Address(String service, String network) {
        if (service(service).get("networks") instanceof Map<?, ?> map && map.get(network) instanceof Map<?, ?> net
                && net.get("ipv4_address") != null) {
            return Optional.of(String.valueOf(net.get("ipv4_address")));
        }
        return Optional.empty();
    }

    /** The networks a service is attached to (list or mapping form). */
    List<String> networks(String service) {
        Object n = service(service).get("networks");
        if (n instanceof Map<?, ?> map) {
            return map.keySet().stream().map(String::valueOf).toList();
        }
        if (n instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of("default");
    }
}
