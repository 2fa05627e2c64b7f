package org.hotline.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowSetTest {
    private static final String VALID = """
            id: %s
            start: hello
            nodes:
              hello:
                type: play
                prompt: {name: test/hello}
                next: menu
              menu:
                type: menu
                prompt: {name: test/menu}
                options: {"1": sales}
                timeout: 500ms
                onFailure: sales
              sales:
                type: queue
                queue: sales
            """;

    @TempDir
    Path dir;

    private Path write(String file, String yaml) throws IOException {
        return Files.writeString(dir.resolve(file), yaml);
    }

    private ValidationException loadFails(String file, String yaml) throws IOException {
        write(file, yaml);
        try {
            FlowSet.load(dir);
        } catch (ValidationException e) {
            return e;
        }
        throw new AssertionError("loading " + file + " should have failed");
    }

    @Test
    void theDemoFlowOffersFourServicesAndFallsBackToAnOperator() {
        Flow main = FlowSet.classpath("ivr/main.yaml").get("main");

        assertThat(main.node(main.start())).isInstanceOfSatisfying(PlayNode.class, greeting -> {
            assertThat(greeting.prompt().text("zh-CN")).isEqualTo("欢迎致电客服热线。");
            assertThat(greeting.prompt().text("en")).isEqualTo("Welcome to the hotline.");
        });
        MenuNode menu = (MenuNode) main.node("menu");
        assertThat(menu.options()).containsOnlyKeys("1", "2", "3", "0");
        assertThat(menu.options().values()).map(id -> ((QueueNode) main.node(id)).queue())
                .containsExactly("consultation", "repair", "complaint", "operator");
        assertThat(menu.retries()).isEqualTo(3);
        assertThat(((QueueNode) main.node(menu.onFailure())).queue()).isEqualTo("operator");
        assertThat(main.rule(CustomerClass.VIP).priority()).isEqualTo(10);
        assertThat(main.rule(CustomerClass.BLACKLISTED).priority()).isEqualTo(-10);
        assertThat(main.rule(CustomerClass.BLACKLISTED).prompt().name()).isEqualTo("hotline/restricted-notice");
        assertThat(main.rule(null)).as("unknown callers are served like ordinary ones").isNull();
    }

    @Test
    void everyDemoQueueOffersACallbackWithAllItsPrompts() {
        Flow main = FlowSet.classpath("ivr/main.yaml").get("main");

        for (String id : List.of("consultation", "repair", "complaint", "operator")) {
            CallbackOffer offer = ((QueueNode) main.node(id)).callback();
            assertThat(offer).as(id).isNotNull();
            assertThat(offer.key()).isEqualTo("1");
            assertThat(offer.timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(offer.offer().text("zh-CN")).contains("回电");
            assertThat(offer.accepted().text("en")).contains("callback");
            assertThat(List.of(offer.numberIs(), offer.confirm(), offer.enterNumber(), offer.invalidNumber(),
                    offer.unavailable())).allSatisfy(p -> assertThat(p.name()).startsWith("hotline/callback-"));
        }
    }

    @Test
    void aCallbackOfferNeedsItsPromptsAndOneKey() throws IOException {
        String withCallback = VALID.formatted("a").replace("    queue: sales\n", "    queue: sales\n"
                + "    callback:\n"
                + "      offer: {name: t/offer}\n"
                + "      numberIs: {name: t/number-is}\n"
                + "      confirm: {name: t/confirm}\n"
                + "      enterNumber: {name: t/enter}\n"
                + "      accepted: {name: t/accepted}\n"
                + "      key: \"%s\"\n");
        write("ok.yaml", withCallback.formatted("9").replace("id: a", "id: ok"));
        assertThat(((QueueNode) FlowSet.load(dir).get("ok").node("sales")).callback().key()).isEqualTo("9");
        Files.delete(dir.resolve("ok.yaml"));

        assertThat(loadFails("b.yaml", withCallback.formatted("12")).getMessage())
                .contains("b.yaml", "node 'sales'", "callback.key must be one key");
        Files.delete(dir.resolve("b.yaml"));
        assertThat(loadFails("c.yaml", withCallback.formatted("1").replace("      accepted: {name: t/accepted}\n", ""))
                .getMessage()).contains("c.yaml", "node 'sales'", "callback.accepted is required");
    }

    @Test
    void loadReadsEveryYamlFileInTheDirectory() throws IOException {
        write("a.yaml", VALID.formatted("first"));
        write("b.yml", VALID.formatted("second").replace("id: second\n", ""));
        write("notes.txt", "not a flow");

        FlowSet flows = FlowSet.load(dir);

        assertThat(flows.ids()).containsExactlyInAnyOrder("first", "b");
        assertThat(((MenuNode) flows.get("first").node("menu")).timeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void defaultsApplyWhereTheFileIsSilent() throws IOException {
        write("a.yaml", VALID.formatted("a").replace("    timeout: 500ms\n", ""));

        MenuNode menu = (MenuNode) FlowSet.load(dir).get("a").node("menu");

        assertThat(menu.retries()).isEqualTo(MenuNode.DEFAULT_RETRIES);
        assertThat(menu.timeout()).isEqualTo(MenuNode.DEFAULT_TIMEOUT);
    }

    @Test
    void durationsCanBeWrittenSeveralWays() {
        assertThat(DurationText.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThat(DurationText.parse("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(DurationText.parse("soon")).isNull();
    }

    @Test
    void anUnknownNodeTypeNamesFileNodeAndType() throws IOException {
        ValidationException e = loadFails("bad.yaml", VALID.formatted("bad").replace("type: play", "type: dance"));

        assertThat(e.getMessage()).contains("bad.yaml", "node 'hello'", "unknown node type 'dance'");
        assertThat(e.field()).isEqualTo("nodes.hello");
    }

    @Test
    void aMenuOptionToAMissingNodeNamesFileNodeAndTarget() throws IOException {
        ValidationException e = loadFails("bad.yaml", VALID.formatted("bad").replace("{\"1\": sales}",
                "{\"1\": sales, \"2\": nowhere}"));

        assertThat(e.getMessage()).contains("bad.yaml", "node 'menu'", "option '2'", "missing node 'nowhere'");
    }

    @Test
    void aFlowWithoutStartNodeIsRejected() throws IOException {
        ValidationException e = loadFails("bad.yaml", VALID.formatted("bad").replace("start: hello\n", ""));

        assertThat(e.getMessage()).contains("bad.yaml", "no start node");
    }

    @Test
    void aStartNamingNoNodeIsRejected() throws IOException {
        ValidationException e = loadFails("bad.yaml", VALID.formatted("bad").replace("start: hello", "start: hi"));

        assertThat(e.getMessage()).contains("bad.yaml", "no start node", "'hi'");
    }

    @Test
    void unknownFieldsAndBadValuesNameTheirNode() throws IOException {
        assertThat(loadFails("a.yaml", VALID.formatted("a").replace("timeout: 500ms", "timout: 500ms"))
                .getMessage()).contains("a.yaml", "node 'menu'", "unknown field 'timout'");
        Files.delete(dir.resolve("a.yaml"));
        assertThat(loadFails("b.yaml", VALID.formatted("b").replace("timeout: 500ms", "timeout: soon"))
                .getMessage()).contains("b.yaml", "node 'menu'", "timeout");
        Files.delete(dir.resolve("b.yaml"));
        assertThat(loadFails("c.yaml", VALID.formatted("c").replace("queue: sales", "queue: ''"))
                .getMessage()).contains("c.yaml", "node 'sales'", "queue name is required");
        Files.delete(dir.resolve("c.yaml"));
        assertThat(loadFails("d.yaml", VALID.formatted("d").replace("{\"1\": sales}", "{\"12\": sales}"))
                .getMessage()).contains("d.yaml", "node 'menu'", "option '12'");
    }

    @Test
    void aNodeIdUsedTwiceIsRejected() throws IOException {
        ValidationException e = loadFails("dup.yaml", VALID.formatted("dup") + """
                  sales:
                    type: hangup
                """);

        assertThat(e.getMessage()).contains("dup.yaml", "duplicate key sales");
    }

    @Test
    void brokenYamlNamesTheFileAndLine() throws IOException {
        ValidationException e = loadFails("broken.yaml", "id: x\nnodes: [unclosed\n");

        assertThat(e.getMessage()).contains("broken.yaml", "not valid YAML", "line");
    }

    @Test
    void twoFilesWithTheSameFlowIdAreRejected() throws IOException {
        write("a.yaml", VALID.formatted("same"));

        ValidationException e = loadFails("b.yaml", VALID.formatted("same"));

        assertThat(e.getMessage()).contains("b.yaml", "a.yaml", "'same'");
    }

    @Test
    void anUnknownCustomerClassIsRejected() throws IOException {
        ValidationException e = loadFails("a.yaml", VALID.formatted("a") + "classes: {GOLD: {priority: 5}}\n");

        assertThat(e.getMessage()).contains("a.yaml", "GOLD");
    }

    @Test
    void missingSourcesAndFlowsAreReported() {
        assertThatThrownBy(() -> FlowSet.load(dir)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("no flow files");
        assertThatThrownBy(() -> FlowSet.load(dir.resolve("none"))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> FlowSet.classpath("ivr/none.yaml")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("ivr/none.yaml");
        assertThatThrownBy(() -> FlowSet.classpath("ivr/main.yaml").get("other"))
                .isInstanceOf(NotFoundException.class);
    }
}
