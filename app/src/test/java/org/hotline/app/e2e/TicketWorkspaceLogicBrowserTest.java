package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The ticket workspace's own logic (tickets-model.js: reduce and its helpers; tickets-view.js: render) run in a real
 * headless Chromium, table by table, with the messages the server would send: the countdown colours, which input
 * each action field gets, the buttons only for the allowed actions, the stale-version message, a refusal shown at
 * its field, the body sent back, and hostile ticket text shown as text. The node only serves the page's modules; the
 * whole journey against the workflow is {@code BrowserComplaintJourneyTest}.
 */
class TicketWorkspaceLogicBrowserTest {
    private static Fixture f;
    private static HeadlessChromium chromium;

    /** A ticket as GET /api/tickets/{id} answers it: two clocks, the actions allowed, one history line. */
    private static final String TICKET = """
            const ticket = (extra = {}) => ({ id: 7, number: 'T20261202-000007', type: 'COMPLAINT', status: 'ASSIGNED',
              complaintClass: 'SERVICE_QUALITY', severity: 'MAJOR', assignee: 'complaint_handler', version: 5,
              departments: ['QA'], description: '客户投诉维修后仍然无法开机',
              clocks: [{ name: 'RESOLUTION', state: 'RUNNING', dueAt: new Date(Date.now() + 7200e3).toISOString() },
                       { name: 'FIRST_RESPONSE', state: 'PAUSED', dueAt: null, pausedSince: new Date().toISOString(),
                         pauseReason: 'WAITING_FOR_CUSTOMER' }],
              allowedActions: [
                { action: 'assign', required: ['assignee'], optional: ['departments'] },
                { action: 'resolve', required: ['resolution', 'customerInformedVia', 'customerInformedAt'], optional: [] },
                { action: 'reopen', required: ['reason'], optional: [] },
                { action: 'close-with-guidance', required: ['guidance'], optional: [] },
                { action: 'comment', required: ['text'], optional: ['visibleToCustomer'] },
                { action: 'pause-clock', required: ['clock', 'reason'], optional: [] },
                { action: 'resume-clock', required: ['clock'], optional: [] }],
              history: [{ id: 1, actor: 'agent1', at: new Date().toISOString(), action: 'create', fromStatus: null,
                toStatus: 'NEW', fields: { complaintClass: 'SERVICE_QUALITY' }, comment: null,
                visibleToCustomer: false }],
              ...extra });
            const user = { username: 'complaint_manager', roles: ['COMPLAINT_MANAGER'] };
            const opened = (t = ticket()) => m.reduce(m.reduce(m.initialState(user, Date.now()),
              { type: 'open', id: t.id }), { type: 'ticketLoaded', ticket: t });
            const dom = (markup) => { const box = document.createElement('div'); e.render(box, markup); return box; };
            """;

    @BeforeAll
    static void start() throws Exception {
        f = Fixture.start(t -> { }, Fixture.queues("60s", "10m"));
        chromium = HeadlessChromium.start();
        chromium.browser.get(f.base + "/");
        chromium.visible("#login-username");
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (f != null) {
            f.close();
        }
    }

    /** Runs {@code body} (an async function body with m, v, e, i: the model, view, esc and i18n modules) in zh-CN. */
    private static JsonNode run(String body) throws Exception {
        Object out = ((JavascriptExecutor) chromium.browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all([import('/js/tickets-model.js'), import('/js/tickets-view.js'), import('/js/esc.js'),
                             import('/js/i18n.js')])
                  .then(async ([m, v, e, i]) => { await i.setLanguage('zh-CN'); %s %s })
                  .then((r) => done(JSON.stringify(r ?? null)), (x) => done(JSON.stringify({ error: String(x.stack || x) })));
                """.formatted(TICKET, body));
        JsonNode result = Fixture.JSON.readTree((String) out);
        assertThat(result.path("error").asText("")).as("script error").isEmpty();
        return result;
    }

    @Test
    void aCountdownIsNeutralOverAnHourAmberUnderItRedUnderAQuarterAndRedFilledOnceOverdue() throws Exception {
        record Row(long secondsLeft, String level, String text) {
        }
        List<Row> rows = List.of(
                new Row(2 * 3600 + 5, "ok", "2:00:05"),
                new Row(59 * 60, "soon", "0:59:00"),
                new Row(14 * 60, "urgent", "0:14:00"),
                new Row(-61, "overdue", "已超时 0:01:01"),
                new Row(-(26 * 3600), "overdue", "已超时 1d 2:00:00"));
        for (Row row : rows) {
            JsonNode r = run("""
                    const now = Date.parse('2026-12-02T02:00:00Z');
                    const box = dom(v.countdown(new Date(now + %d * 1000).toISOString(), now));
                    const el = box.querySelector('.countdown');
                    return { level: el.dataset.level, text: el.textContent };
                    """.formatted(row.secondsLeft()));
            assertThat(r.get("level").asText()).as("%s s left", row.secondsLeft()).isEqualTo(row.level());
            assertThat(r.get("text").asText()).as("%s s left", row.secondsLeft()).isEqualTo(row.text());
        }
    }

    @Test
    void eachActionFieldGetsTheInputItsValueNeeds() throws Exception {
        record Row(String action, String field, String input, List<String> choices) {
        }
        List<Row> rows = List.of(
                new Row("assign", "assignee", "INPUT:text:tk-users", List.of()),
                new Row("assign", "departments", "INPUT:text:tk-departments", List.of()),
                new Row("resolve", "resolution", "TEXTAREA", List.of()),
                new Row("resolve", "customerInformedVia", "SELECT", List.of("", "PHONE", "SMS", "EMAIL", "LETTER",
                        "VISIT")),
                new Row("resolve", "customerInformedAt", "INPUT:datetime-local:", List.of()),
                new Row("reopen", "reason", "TEXTAREA", List.of()),
                new Row("close-with-guidance", "guidance", "TEXTAREA", List.of()),
                new Row("comment", "text", "TEXTAREA", List.of()),
                new Row("comment", "visibleToCustomer", "INPUT:checkbox:", List.of()),
                new Row("pause-clock", "clock", "SELECT", List.of("RESOLUTION")),
                new Row("pause-clock", "reason", "SELECT", List.of("", "WAITING_FOR_CUSTOMER",
                        "WAITING_FOR_DEPARTMENT")),
                new Row("resume-clock", "clock", "SELECT", List.of("FIRST_RESPONSE")));
        for (Row row : rows) {
            JsonNode r = run("""
                    const s = m.reduce(opened(), { type: 'openForm', action: '%s' });
                    const el = dom(v.renderDetail(s)).querySelector('#tk-action-form [data-field="%s"]');
                    if (!el) { return { input: 'missing' }; }
                    const input = el.tagName === 'INPUT'
                      ? `INPUT:${el.type}:${el.getAttribute('list') ?? ''}` : el.tagName;
                    return { input, choices: [...el.querySelectorAll('option')].map((o) => o.value) };
                    """.formatted(row.action(), row.field()));
            assertThat(r.get("input").asText()).as("%s %s", row.action(), row.field()).isEqualTo(row.input());
            List<String> choices = new ArrayList<>();
            r.path("choices").forEach(c -> choices.add(c.asText()));
            assertThat(choices).as("%s %s", row.action(), row.field()).isEqualTo(row.choices());
        }
    }

    @Test
    void onlyTheActionsTheServerAllowsBecomeButtonsAndOthersOpenNoForm() throws Exception {
        JsonNode r = run("""
                const s = opened(ticket({ allowedActions: [{ action: 'start', required: [], optional: [] },
                                                         { action: 'comment', fields: ['text'] }] }));
                const after = m.reduce(s, { type: 'openForm', action: 'close' });
                const buttons = [...dom(v.renderDetail(s)).querySelectorAll('[data-open-form]')];
                return { buttons: buttons.map((b) => b.dataset.openForm), labels: buttons.map((b) => b.textContent),
                         unchanged: after === s };
                """);
        assertThat(r.get("buttons").toString()).isEqualTo("[\"start\",\"comment\"]");
        assertThat(r.get("labels").toString()).isEqualTo("[\"开始处理\",\"备注 / 回复\"]");
        assertThat(r.get("unchanged").asBoolean()).isTrue();
    }

    @Test
    void aConflictWithANewerVersionSaysSomeoneElseChangedTheTicketAndShowsItReloaded() throws Exception {
        JsonNode r = run("""
                let s = m.reduce(opened(), { type: 'openForm', action: 'comment' });
                s = m.reduce(s, { type: 'submitting' });
                const stale = m.reduce(s, { type: 'reloadedAfterConflict', sentVersion: 5,
                  ticket: ticket({ version: 6, status: 'IN_PROGRESS' }) });
                const refused = m.reduce(s, { type: 'reloadedAfterConflict', sentVersion: 5, message: 'ticket is CLOSED',
                  ticket: ticket({ version: 5 }) });
                const text = (state) => dom(v.renderDetail(state)).querySelector('[data-testid=tk-notice]').textContent;
                return { stale: text(stale), status: dom(v.renderDetail(stale)).querySelector('[data-testid=tk-status]')
                  .textContent, formClosed: stale.detail.form === null, refused: text(refused) };
                """);
        assertThat(r.get("stale").asText()).contains("有人刚刚修改了此工单", "已重新加载");
        assertThat(r.get("status").asText()).isEqualTo("处理中");
        assertThat(r.get("formClosed").asBoolean()).isTrue();
        assertThat(r.get("refused").asText()).contains("当前状态不允许此操作", "ticket is CLOSED");
    }

    @Test
    void aRefusedFieldIsShownAtTheFieldAndAForbiddenActionSaysSo() throws Exception {
        JsonNode r = run("""
                let s = m.reduce(opened(), { type: 'openForm', action: 'resolve' });
                const bad = m.reduce(s, { type: 'actionFailed', status: 400, field: 'customerInformedVia',
                  message: 'customerInformedVia must be one of PHONE, SMS, EMAIL, LETTER, VISIT' });
                const box = dom(v.renderDetail(bad));
                const forbidden = m.reduce(s, { type: 'actionFailed', status: 403, message: 'not the handler' });
                const missing = m.missingFields(s.detail.form);
                const marked = dom(v.renderDetail(m.reduce(s, { type: 'invalid', fields: missing })));
                return { at: box.querySelector('[data-error-for=customerInformedVia]').textContent,
                  invalid: box.querySelector('[data-field=customerInformedVia]').getAttribute('aria-invalid'),
                  forbidden: dom(v.renderDetail(forbidden)).querySelector('[data-testid=tk-notice]').textContent,
                  missing, required: marked.querySelector('[data-error-for=resolution]').textContent };
                """);
        assertThat(r.get("at").asText()).contains("customerInformedVia must be one of");
        assertThat(r.get("invalid").asText()).isEqualTo("true");
        assertThat(r.get("forbidden").asText()).contains("您的角色不能执行此操作", "not the handler");
        assertThat(r.get("missing").toString()).isEqualTo("[\"resolution\",\"customerInformedVia\"]");
        assertThat(r.get("required").asText()).isEqualTo("此项必填");
    }

    @Test
    void theActionBodyCarriesTheVersionAndTheFieldsTypedAsTheServerReadsThem() throws Exception {
        JsonNode r = run("""
                let s = m.reduce(opened(), { type: 'openForm', action: 'resolve' });
                s = m.reduce(s, { type: 'field', name: 'resolution', value: '  更换主板，已回访  ' });
                s = m.reduce(s, { type: 'field', name: 'customerInformedVia', value: 'PHONE' });
                s = m.reduce(s, { type: 'field', name: 'customerInformedAt', value: '2026-12-02T10:30' });
                const resolve = m.actionBody(s.detail.form);
                let c = m.reduce(opened(), { type: 'openForm', action: 'comment' });
                c = m.reduce(c, { type: 'field', name: 'text', value: '已短信告知客户' });
                c = m.reduce(c, { type: 'field', name: 'visibleToCustomer', value: true });
                let a = m.reduce(opened(), { type: 'openForm', action: 'assign' });
                a = m.reduce(a, { type: 'field', name: 'assignee', value: 'complaint_handler' });
                a = m.reduce(a, { type: 'field', name: 'departments', value: ['QA', 'REPAIR'] });
                return { resolve, informedAt: new Date('2026-12-02T10:30').toISOString(),
                         comment: m.actionBody(c.detail.form), assign: m.actionBody(a.detail.form),
                         preset: m.reduce(opened(), { type: 'openForm', action: 'assign' }).detail.form.values.departments };
                """);
        assertThat(r.get("resolve").get("version").asLong()).isEqualTo(5);
        assertThat(r.get("resolve").get("resolution").asText()).isEqualTo("更换主板，已回访");
        assertThat(r.get("resolve").get("customerInformedVia").asText()).isEqualTo("PHONE");
        assertThat(r.get("resolve").get("customerInformedAt").asText()).isEqualTo(r.get("informedAt").asText());
        assertThat(r.get("comment").toString()).isEqualTo("{\"version\":5,\"text\":\"已短信告知客户\",\"visibleToCustomer\":true}");
        assertThat(r.get("assign").toString())
                .isEqualTo("{\"version\":5,\"assignee\":\"complaint_handler\",\"departments\":[\"QA\",\"REPAIR\"]}");
        assertThat(r.get("preset").toString()).isEqualTo("[\"QA\"]");
    }

    @Test
    void theWorklistPutsTheNearestDeadlineFirstAndSaysWhyEachTicketIsThere() throws Exception {
        JsonNode r = run("""
                const at = (min) => new Date(Date.now() + min * 60e3).toISOString();
                const s = m.reduce(m.initialState(user, Date.now()), { type: 'worklistLoaded', rows: [
                  { ticket: { id: 1, number: 'T-LATER', type: 'COMPLAINT', status: 'NEW' }, departments: [],
                    nextClock: 'FIRST_RESPONSE', nextDueAt: at(90), why: 'YOUR_ROLE' },
                  { ticket: { id: 2, number: 'T-NONE', type: 'CONSULTATION', status: 'IN_PROGRESS' }, departments: [],
                    nextDueAt: null, why: 'ASSIGNED_TO_YOU' },
                  { ticket: { id: 3, number: 'T-LATE', type: 'COMPLAINT', status: 'ESCALATED' }, departments: ['QA'],
                    nextClock: 'RESOLUTION', nextDueAt: at(-5), overdue: true, why: 'YOUR_DEPARTMENT' }] });
                const rows = [...dom(v.renderWorklist(s)).querySelectorAll('tr[data-ticket]')];
                return rows.map((tr) => ({ n: tr.dataset.ticket, level: tr.dataset.rowLevel,
                  why: tr.lastElementChild.textContent }));
                """);
        assertThat(r.toString()).isEqualTo("""
                [{"n":"T-LATE","level":"overdue","why":"您的部门"},{"n":"T-LATER","level":"ok","why":"您的角色"},\
                {"n":"T-NONE","level":"none","why":"指派给您"}]""");
    }

    @Test
    void managersSeeStalledAndOverdueTicketsCountedPerDepartment() throws Exception {
        JsonNode r = run("""
                const s = m.reduce(m.initialState(user, Date.now()), { type: 'managersLoaded', rows: [
                  { id: 1, number: 'T1', status: 'ASSIGNED', departments: ['QA'], stalled: true },
                  { id: 2, number: 'T2', status: 'ESCALATED', departments: ['QA', 'REPAIR'], overdue: true },
                  { id: 3, number: 'T3', status: 'IN_PROGRESS', departments: ['REPAIR'], overdue: true, stalled: true }] });
                return [...dom(v.renderManagers(s)).querySelectorAll('[data-department]')].map((d) => ({
                  d: d.dataset.department, head: d.querySelector('h3').textContent.replace(/\\s+/g, ' ').trim(),
                  tickets: [...d.querySelectorAll('tr[data-ticket]')].map((tr) => tr.dataset.ticket) }));
                """);
        assertThat(r.toString()).isEqualTo("""
                [{"d":"REPAIR","head":"REPAIR 超时 2 滞留 1","tickets":["T2","T3"]},\
                {"d":"QA","head":"QA 超时 1 滞留 1","tickets":["T1","T2"]}]""");
    }

    @Test
    void hostileTextInATicketShowsAsTextAndRunsNothing() throws Exception {
        JsonNode r = run("""
                const evil = '<img src=x onerror="window.pwned=1">';
                const t = ticket({ description: evil, assignee: evil, departments: [evil],
                  history: [{ id: 1, actor: evil, at: new Date().toISOString(), action: 'comment', fromStatus: 'NEW',
                    toStatus: 'NEW', fields: { [evil]: evil }, comment: evil, visibleToCustomer: true }] });
                const box = dom(v.renderDetail(opened(t)));
                return { images: box.querySelectorAll('img').length, shown: box.textContent.includes(evil),
                         pwned: window.pwned ?? 0, visible: box.querySelectorAll('.tk-visible').length };
                """);
        assertThat(r.get("images").asInt()).isZero();
        assertThat(r.get("shown").asBoolean()).isTrue();
        assertThat(r.get("pwned").asInt()).isZero();
        assertThat(r.get("visible").asInt()).isEqualTo(1);
    }
}
