package org.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Static checks of the browser UI: every visible string comes from both message files, no HTML injection sinks. */
class WebrootTest {
    private static Path root;
    private static Map<String, String> zh;
    private static Map<String, String> en;

    @BeforeAll
    static void load() throws URISyntaxException, IOException {
        root = Path.of(WebrootTest.class.getClassLoader().getResource("webroot").toURI());
        ObjectMapper mapper = new ObjectMapper();
        TypeReference<Map<String, String>> type = new TypeReference<>() {
        };
        zh = new java.util.HashMap<>();
        en = new java.util.HashMap<>();
        // the main message file and every capability's bundle, as i18n.js merges them; a key may live in one only
        for (Path file : files(".json")) {
            String name = file.getFileName().toString();
            if (!file.getParent().getFileName().toString().equals("i18n")) {
                continue;
            }
            Map<String, String> into = name.endsWith("zh-CN.json") ? zh : name.endsWith("en.json") ? en : null;
            if (into == null) {
                continue;
            }
            for (Map.Entry<String, String> e : mapper.readValue(file.toFile(), type).entrySet()) {
                assertThat(into.put(e.getKey(), e.getValue())).as("%s defined twice (%s)", e.getKey(), name).isNull();
            }
        }
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void bothLanguagesHaveTheSameNonEmptyMessages() {
        assertThat(en.keySet()).containsExactlyInAnyOrderElementsOf(zh.keySet());
        assertThat(zh.values()).allMatch(v -> !v.isBlank());
        assertThat(en.values()).allMatch(v -> !v.isBlank());
        assertThat(zh.get("agent.ready")).isEqualTo("就绪");
    }

    @Test
    void everyCallOutcomeHasALabelInBothLanguages() {
        for (org.hotline.platform.call.CallOutcome o : org.hotline.platform.call.CallOutcome.values()) {
            assertThat(zh).as("zh-CN label of %s", o).containsKey("outcome." + o.name());
            assertThat(en).as("en label of %s", o).containsKey("outcome." + o.name());
        }
        assertThat(zh.get("outcome.INTERRUPTED")).contains("平台重启");
    }

    @Test
    void everyKeyThePagesUseExists() throws IOException {
        Pattern attr = Pattern.compile("data-i18n(?:-placeholder|-title)?=\"([^\"]+)\"");
        Pattern literal = Pattern.compile("\\bt(?:Or)?\\('([^']+)'");
        Pattern prefix = Pattern.compile("\\bt(?:Or)?\\(`([a-zA-Z.]+\\.)\\$\\{");
        List<String> keys = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (Path html : files(".html")) {
            keys.addAll(matches(attr, read(html)));
        }
        for (Path js : files(".js")) {
            keys.addAll(matches(literal, read(js)));
            prefixes.addAll(matches(prefix, read(js)));
        }

        assertThat(keys).isNotEmpty().allSatisfy(k -> assertThat(zh).containsKey(k));
        assertThat(prefixes).isNotEmpty()
                .allSatisfy(p -> assertThat(zh.keySet()).anyMatch(k -> k.startsWith(p)));
    }

    @Test
    void theWallboardOffersListenWhisperAndBargeOnAgentsOnACall() {
        String supervisor = read(root.resolve("js/supervisor.js"));
        assertThat(supervisor).contains("data-spy-agent=", "data-spy-mode=", "'LISTEN'", "'WHISPER'", "'BARGE'",
                "/api/supervisor/spy");
        assertThat(read(root.resolve("supervisor.html"))).contains("data-i18n=\"sup.actions\"");
        assertThat(zh).containsEntry("spy.LISTEN", "监听").containsEntry("spy.WHISPER", "耳语")
                .containsEntry("spy.BARGE", "强插");
    }

    @Test
    void theCallControlsSpeakBothLanguages() {
        assertThat(zh).containsEntry("callctl.hold", "保持").containsEntry("callctl.resume", "恢复")
                .containsEntry("callctl.transfer", "转接").containsEntry("callctl.blind", "盲转")
                .containsEntry("callctl.attended", "咨询转").containsEntry("callctl.record", "录音")
                .containsEntry("callctl.dial", "外呼");
        assertThat(en).containsEntry("callctl.hold", "Hold").containsEntry("callctl.resume", "Resume")
                .containsEntry("callctl.transfer", "Transfer").containsEntry("callctl.record", "Record");
        for (String key : List.of("callctl.held", "callctl.resumed", "callctl.recordStarted", "callctl.recordStopped",
                "callctl.transferred", "callctl.dialling", "callctl.invalidNumber", "callctl.recording",
                "callctl.onHold", "pop.transferred", "transfer.BLIND", "transfer.ATTENDED", "spy.started",
                "sup.onHold", "sup.recording")) {
            assertThat(zh).containsKey(key);
            assertThat(en).containsKey(key);
        }
    }

    @Test
    void callbacksHaveAPanelForAgentsAndColumnsAndAListOnTheWallboard() {
        String agent = read(root.resolve("agent.html"));
        assertThat(agent).contains("id=\"callback-rows\"", "data-i18n=\"cb.title\"");
        String supervisor = read(root.resolve("supervisor.html"));
        assertThat(supervisor).contains("data-i18n=\"sup.callbacksRequested\"", "data-i18n=\"sup.callbacksOpen\"",
                "id=\"callback-rows\"");
        assertThat(read(root.resolve("js/supervisor.js"))).contains("q.callbacksRequested", "q.callbacksOpen");
        assertThat(read(root.resolve("js/callbacks.js"))).contains("/api/callbacks", "'REACHED'", "'NO_ANSWER'",
                "'WRONG_NUMBER'", "data-cb-action=");
        assertThat(zh).containsEntry("cb.title", "回拨任务").containsEntry("cb.callBack", "回拨")
                .containsEntry("cb.reached", "已接通").containsEntry("cb.noAnswer", "未接通")
                .containsEntry("cb.wrongNumber", "号码错误").containsEntry("cb.release", "放回")
                .containsEntry("cb.cancel", "取消").containsEntry("cb.unknownCustomer", "未知客户")
                .containsEntry("sup.callbacksRequested", "回拨请求").containsEntry("sup.callbacksOpen", "待回拨");
        assertThat(en).containsEntry("cb.title", "Callbacks").containsEntry("cb.callBack", "Call back")
                .containsEntry("cb.reached", "Reached").containsEntry("cb.noAnswer", "No answer")
                .containsEntry("cb.wrongNumber", "Wrong number").containsEntry("cb.release", "Release")
                .containsEntry("sup.callbacksRequested", "Callbacks requested")
                .containsEntry("sup.callbacksOpen", "Callbacks open");
    }

    @Test
    void onlyTheEscapingHelperWritesHtml() throws IOException {
        Pattern sink = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write");
        for (Path js : files(".js")) {
            if (!js.getFileName().toString().equals("esc.js")) {
                assertThat(sink.matcher(read(js)).find()).as(js.getFileName().toString()).isFalse();
            }
        }
    }

    @Test
    void pagesNeedNoInlineCodeAndNothingFromOutside() throws IOException {
        for (Path page : files(".html")) {
            String text = read(page);
            assertThat(text).as(page.getFileName().toString())
                    .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                    .doesNotContainPattern("\\son[a-z]+=")
                    .doesNotContainPattern("\\sstyle=")
                    .doesNotContain("http://", "https://");
        }
        for (Path js : files(".js")) {
            assertThat(read(js)).as(js.getFileName().toString()).doesNotContain("http://", "https://");
        }
    }

    @Test
    void theAgentPageHasTheElementsTheBrowserTestDrives() {
        String agent = read(root.resolve("agent.html"));
        for (String id : List.of("btn-ready", "btn-notready", "agent-state", "pop", "btn-answer", "btn-hangup",
                "btn-finish-wrapup", "ticket-type", "ticket-category", "ticket-service-mode", "ticket-description",
                "ticket-submit", "my-tickets", "lang-switch")) {
            assertThat(agent).contains("id=\"" + id + "\"");
        }
        for (String id : List.of("call-controls", "btn-hold", "transfer-target", "transfer-mode", "btn-transfer",
                "btn-record", "recording-indicator", "dial-destination", "btn-dial")) {
            assertThat(agent).contains("id=\"" + id + "\"");
        }
        assertThat(agent).contains("<option value=\"blind\"", "<option value=\"attended\"");
        assertThat(read(root.resolve("js/pop.js"))).contains("id=\"pop-customer-name\"");
        String login = read(root.resolve("index.html"));
        for (String id : List.of("login-username", "login-password", "login-submit", "lang-switch")) {
            assertThat(login).contains("id=\"" + id + "\"");
        }
    }
}
