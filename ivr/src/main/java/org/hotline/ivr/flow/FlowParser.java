package org.hotline.ivr.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.error.ValidationException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads one flow file (YAML) into a {@link Flow}; every error names the file and, where it lies in one, the node. */
final class FlowParser {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new SimpleModule().addDeserializer(Duration.class, new DurationText()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final Set<String> TOP_LEVEL = Set.of("id", "description", "start", "classes", "sorryPrompt",
            "nodes");
    private static final Map<String, Class<? extends Node>> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("play", PlayNode.class);
        TYPES.put("menu", MenuNode.class);
        TYPES.put("collect", CollectNode.class);
        TYPES.put("queue", QueueNode.class);
        TYPES.put("hangup", HangupNode.class);
    }

    private FlowParser() {
    }

    /**
     * @param source    the file or resource name, for messages
     * @param defaultId the flow id when the file has no {@code id} (the file name without extension)
     */
    static Flow parse(String source, String defaultId, InputStream in) {
        JsonNode root = readTree(source, in);
        if (root == null || !root.isObject()) {
            throw new ValidationException(null, source + ": a flow file must be a mapping with start and nodes");
        }
        for (Map.Entry<String, JsonNode> property : root.properties()) {
            String field = property.getKey();
            if (!TOP_LEVEL.contains(field)) {
                throw new ValidationException(field, source + ": unknown field '" + field + "' (expected "
                        + String.join(", ", TOP_LEVEL.stream().sorted().toList()) + ")");
            }
        }
        String id = root.hasNonNull("id") ? root.get("id").asText() : defaultId;
        Flow flow = new Flow(id, source, text(root, "description"), text(root, "start"), nodes(source, root),
                classes(source, root), prompt(source, root.get("sorryPrompt"), "sorryPrompt"));
        FlowValidator.validate(flow);
        return flow;
    }

    /**
     * Reads the YAML with SnakeYAML (the engine under Jackson's YAML support) so that anchors and aliases work (shared
     * prompts) and a node id used twice is an error instead of silently replacing the first node.
     */
    private static JsonNode readTree(String source, InputStream in) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            Object document = new Yaml(new SafeConstructor(options)).load(in);
            return document == null ? null : YAML.valueToTree(document);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw new ValidationException(null, source + ": not valid YAML: " + e.getProblem()
                    + (mark == null ? "" : " (line " + (mark.getLine() + 1) + ")"));
        } catch (YAMLException | IllegalArgumentException e) {
            throw new ValidationException(null, source + ": not valid YAML: " + firstLine(e.getMessage()));
        }
    }

    private static Map<String, Node> nodes(String source, JsonNode root) {
        JsonNode nodes = root.get("nodes");
        if (nodes == null || !nodes.isObject() || nodes.isEmpty()) {
            throw new ValidationException("nodes", source + ": the flow has no nodes");
        }
        Map<String, Node> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : nodes.properties()) {
            result.put(e.getKey(), node(source, e.getKey(), e.getValue()));
        }
        return result;
    }

    private static Node node(String source, String nodeId, JsonNode value) {
        if (!value.isObject()) {
            throw FlowValidator.nodeError(source, nodeId, "must be a mapping with a type");
        }
        JsonNode type = value.get("type");
        if (type == null || !type.isTextual()) {
            throw FlowValidator.nodeError(source, nodeId, "has no type (expected one of " + typeNames() + ")");
        }
        Class<? extends Node> kind = TYPES.get(type.asText());
        if (kind == null) {
            throw FlowValidator.nodeError(source, nodeId, "unknown node type '" + type.asText() + "' (expected one of "
                    + typeNames() + ")");
        }
        ObjectNode fields = ((ObjectNode) value).deepCopy();
        fields.remove("type");
        return map(fields, kind, source, "node '" + nodeId + "'", "nodes." + nodeId);
    }

    private static Map<CustomerClass, ClassRule> classes(String source, JsonNode root) {
        JsonNode classes = root.get("classes");
        Map<CustomerClass, ClassRule> result = new EnumMap<>(CustomerClass.class);
        if (classes == null || classes.isNull()) {
            return result;
        }
        if (!classes.isObject()) {
            throw new ValidationException("classes", source + ": classes must map a customer class to its rule");
        }
        for (Map.Entry<String, JsonNode> e : classes.properties()) {
            CustomerClass cc;
            try {
                cc = CustomerClass.valueOf(e.getKey().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new ValidationException("classes." + e.getKey(), source + ": unknown customer class '"
                        + e.getKey() + "' (expected one of " + java.util.Arrays.toString(CustomerClass.values()) + ")");
            }
            result.put(cc, map(e.getValue(), ClassRule.class, source, "class " + cc, "classes." + cc));
        }
        return result;
    }

    private static Prompt prompt(String source, JsonNode value, String field) {
        return value == null || value.isNull() ? null : map(value, Prompt.class, source, field, field);
    }

    private static <T> T map(JsonNode value, Class<T> type, String source, String where, String field) {
        try {
            return YAML.treeToValue(value, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ValidationException(field, source + ": " + where + ": unknown field '" + e.getPropertyName()
                    + "' (expected one of " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + ")");
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : String.valueOf(r.getIndex())).collect(Collectors.joining("."));
            throw new ValidationException(field, source + ": " + where + (path.isEmpty() ? "" : ": field '" + path
                    + "'") + ": " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new ValidationException(field, source + ": " + where + ": " + firstLine(e.getOriginalMessage()));
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode v = root.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String typeNames() {
        return String.join(", ", TYPES.keySet());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
