package org.hotline.ivr.flow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;

/** The call flows the IVR can run, by id. Loading checks every flow; a broken file fails the whole load. */
public final class FlowSet {
    private final Map<String, Flow> flows;

    private FlowSet(Map<String, Flow> flows) {
        this.flows = Collections.unmodifiableMap(flows);
    }

    /**
     * Loads every {@code *.yaml} (and {@code *.yml}) file directly in {@code dir}.
     *
     * @throws ValidationException naming the file (and node) of the first error
     */
    public static FlowSet load(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ValidationException("dir", "flow directory not found: " + dir);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list flow directory " + dir, e);
        }
        if (files.isEmpty()) {
            throw new ValidationException("dir", "no flow files (*.yaml) in " + dir);
        }
        Map<String, Flow> flows = new LinkedHashMap<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                add(flows, FlowParser.parse(file.toString(), baseName(file.getFileName().toString()), in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read flow file " + file, e);
            }
        }
        return new FlowSet(flows);
    }

    /**
     * Loads flows from classpath resources, e.g. {@code classpath("ivr/main.yaml")}.
     *
     * @throws ValidationException for a missing resource or the first error in one
     */
    public static FlowSet classpath(String... resources) {
        if (resources == null || resources.length == 0) {
            throw new ValidationException("resources", "at least one flow resource is required");
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : FlowSet.class.getClassLoader();
        Map<String, Flow> flows = new LinkedHashMap<>();
        for (String resource : resources) {
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new ValidationException("resources", "flow resource not found on the classpath: " + resource);
                }
                String file = resource.substring(resource.lastIndexOf('/') + 1);
                add(flows, FlowParser.parse(resource, baseName(file), in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read flow resource " + resource, e);
            }
        }
        return new FlowSet(flows);
    }

    private static void add(Map<String, Flow> flows, Flow flow) {
        Flow clash = flows.putIfAbsent(flow.id(), flow);
        if (clash != null) {
            throw new ValidationException("id", flow.source() + ": flow id '" + flow.id() + "' is already used by "
                    + clash.source());
        }
    }

    private static String baseName(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }

    /** @throws NotFoundException for an unknown flow id */
    public Flow get(String id) {
        Flow flow = flows.get(id);
        if (flow == null) {
            throw new NotFoundException("unknown call flow: " + id);
        }
        return flow;
    }

    public Optional<Flow> find(String id) {
        return Optional.ofNullable(id == null ? null : flows.get(id));
    }

    public Set<String> ids() {
        return flows.keySet();
    }
}
