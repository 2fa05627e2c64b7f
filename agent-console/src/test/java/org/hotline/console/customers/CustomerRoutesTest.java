package org.hotline.console.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.StackTestBase;
import org.hotline.platform.audit.AuditEntry;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.Test;

/** {@code POST /api/customers}, {@code PUT /api/customers/{id}} and the merge, over real HTTP. */
class CustomerRoutesTest extends StackTestBase {
    private Reply create(String token, String body) {
        return api.post("/api/customers", body, token);
    }

    @Test
    void anAgentCreatesACustomerWithAProductAndTheCardShowsIt() {
        String agent = api.login(backend.newAgent());

        Reply r = create(agent, "{\"name\":\"韩梅梅\",\"class\":\"vip\",\"phones\":[\"13600000001\"],"
                + "\"products\":[{\"model\":\"华为 Mate 70\",\"serial\":\"SN-HTTP-0001\",\"purchaseDate\":\"2026-05-01\"}]}");

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().path("customer").path("id").asLong();
        JsonNode card = api.get("/api/customers/" + id, agent).json();
        assertThat(card.path("name").asText()).isEqualTo("韩梅梅");
        assertThat(card.path("customerClass").asText()).isEqualTo("VIP");
        assertThat(card.path("phones").get(0).asText()).isEqualTo("13600000001");
        assertThat(card.path("products").get(0).path("serial").asText()).isEqualTo("SN-HTTP-0001");
        assertThat(card.path("products").get(0).path("purchaseDate").asText()).isEqualTo("2026-05-01");
        assertThat(card.path("mergedInto").isNull()).isTrue();
    }

    @Test
    void theSamePhoneIsA409NamingTheExistingCustomerUntilConfirmed() {
        String agent = api.login(backend.newAgent());
        long existing = create(agent, "{\"name\":\"李雷\",\"phones\":[\"13600000002\"]}").json().path("customer")
                .path("id").asLong();

        Reply duplicate = create(agent, "{\"name\":\"李雷雷\",\"phones\":[\"13600000002\"]}");
        Reply confirmed = create(agent, "{\"name\":\"李雷雷\",\"phones\":[\"13600000002\",\"13600000022\"],"
                + "\"confirmDuplicate\":true}");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.error()).contains("李雷");
        assertThat(duplicate.json().path("existing").path("id").asLong()).isEqualTo(existing);
        assertThat(duplicate.json().path("existing").path("name").asText()).isEqualTo("李雷");
        assertThat(duplicate.json().path("existing").path("matched").asText()).isEqualTo("PHONE");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(201);
        assertThat(confirmed.json().path("phonesLeftOut").get(0).asText()).isEqualTo("13600000002");
        assertThat(confirmed.json().path("customer").path("phones").size()).isEqualTo(1);
    }

    @Test
    void anAgentEditsACustomersPhonesAndProducts() {
        String agent = api.login(backend.newAgent());
        JsonNode created = create(agent, "{\"name\":\"王芳\",\"phones\":[\"13600000003\"],"
                + "\"products\":[{\"model\":\"P30\",\"serial\":\"SN-HTTP-0003\"}]}").json().path("customer");
        long id = created.path("id").asLong();
        long productId = api.get("/api/customers/" + id, agent).json().path("products").get(0).path("id").asLong();

        Reply edit = api.send("PUT", "/api/customers/" + id, "{\"name\":\"王芳芳\",\"phones\":[\"13600000033\"],"
                + "\"products\":[{\"id\":" + productId + ",\"model\":\"P30 Pro\",\"serial\":\"SN-HTTP-0003\"},"
                + "{\"model\":\"Watch 4\",\"serial\":\"SN-HTTP-0033\"}]}", agent);

        assertThat(edit.status()).as(edit.body()).isEqualTo(200);
        JsonNode card = api.get("/api/customers/" + id, agent).json();
        assertThat(card.path("name").asText()).isEqualTo("王芳芳");
        assertThat(card.path("phones").toString()).isEqualTo("[\"13600000033\"]");
        assertThat(card.path("products").findValuesAsText("model")).containsExactly("P30 Pro", "Watch 4");
        assertThat(api.get("/api/customers?phone=13600000003", agent).json().path("customers").size()).isZero();
    }

    @Test
    void creatingAndEditingACustomerEachWriteOneAuditLineNamingWhatChangedButNoPersonalData() {
        String agentName = backend.newAgent();
        String agent = api.login(agentName);
        long id = create(agent, "{\"name\":\"周杰\",\"phones\":[\"13600000006\"],"
                + "\"products\":[{\"model\":\"P40\",\"serial\":\"SN-HTTP-0006\"}]}").json().path("customer")
                .path("id").asLong();
        Reply edit = api.send("PUT", "/api/customers/" + id, "{\"name\":\"周杰伦\",\"class\":\"VIP\"}", agent);
        assertThat(edit.status()).as(edit.body()).isEqualTo(200);

        assertThat(backend.ticketing.audit().recent("customer.create", agentName, 10)).singleElement()
                .satisfies(e -> {
                    assertThat(e.target()).isEqualTo("customer:" + id);
                    assertThat(e.detail()).isEqualTo("class=ORDINARY phones=1 products=1");
                });
        assertThat(backend.ticketing.audit().recent("customer.update", agentName, 10)).singleElement()
                .satisfies(e -> {
                    assertThat(e.target()).isEqualTo("customer:" + id);
                    assertThat(e.detail()).isEqualTo("changed=name,class=VIP");
                    assertThat(e.detail()).doesNotContain("周杰").doesNotContain("13600000006");
                });
    }

    @Test
    void aComplaintHandlerCreatesReadsAndEditsACustomer() {
        String handlerName = backend.newUser("handler", Set.of(Role.COMPLAINT_HANDLER), Set.of());
        String handler = api.login(handlerName);

        Reply created = create(handler, "{\"name\":\"吴敏\",\"phones\":[\"13600000007\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("customer").path("id").asLong();
        Reply edit = api.send("PUT", "/api/customers/" + id, "{\"name\":\"吴敏\",\"phones\":[\"13600000077\"]}",
                handler);

        assertThat(edit.status()).as(edit.body()).isEqualTo(200);
        assertThat(api.get("/api/customers/" + id, handler).json().path("phones").toString())
                .isEqualTo("[\"13600000077\"]");
        assertThat(backend.ticketing.audit().recent("customer.update", handlerName, 10)).extracting(
                AuditEntry::detail).containsExactly("changed=phones");
    }

    @Test
    void anAdministratorMergesADuplicateWithOneAuditLine() {
        String agent = api.login(backend.newAgent());
        String admin = backend.newUser("admin", Set.of(Role.ADMIN), Set.of());
        String adminToken = api.login(admin);
        long survivor = create(agent, "{\"name\":\"张伟\",\"phones\":[\"13600000004\"]}").json().path("customer")
                .path("id").asLong();
        long duplicate = create(agent, "{\"name\":\"张伟\",\"phones\":[\"13600000044\"],\"confirmDuplicate\":true}")
                .json().path("customer").path("id").asLong();

        Reply byAgent = api.post("/api/customers/" + duplicate + "/merge", "{\"into\":" + survivor + "}", agent);
        Reply merged = api.post("/api/customers/" + duplicate + "/merge", "{\"into\":" + survivor + "}", adminToken);
        Reply again = api.post("/api/customers/" + duplicate + "/merge", "{\"into\":" + survivor + "}", adminToken);

        assertThat(byAgent.status()).isEqualTo(403);
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().path("survivor").path("phones").toString())
                .isEqualTo("[\"13600000004\",\"13600000044\"]");
        assertThat(again.status()).isEqualTo(409);
        assertThat(api.get("/api/customers/" + duplicate, agent).json().path("mergedInto").asLong())
                .isEqualTo(survivor);
        assertThat(backend.ticketing.audit().recent("customer.merge", admin, 10)).extracting(AuditEntry::target)
                .containsExactly("customer:" + duplicate + "->customer:" + survivor);
    }

    @Test
    void aMergeWithoutASurvivorNamesTheField() {
        String admin = api.login(backend.newUser("admin", Set.of(Role.ADMIN), Set.of()));
        long id = create(api.login(backend.newAgent()), "{\"name\":\"赵敏\",\"phones\":[\"13600000005\"]}").json()
                .path("customer").path("id").asLong();

        assertThat(api.post("/api/customers/" + id + "/merge", "{}", admin).field()).isEqualTo("into");
        assertThat(api.post("/api/customers/" + id + "/merge", "{\"into\":" + id + "}", admin).field())
                .isEqualTo("into");
        assertThat(api.post("/api/customers/" + id + "/merge", "{\"into\":987654321}", admin).status())
                .isEqualTo(400);
        assertThat(api.post("/api/customers/987654321/merge", "{\"into\":" + id + "}", admin).status())
                .isEqualTo(404);
    }
}
