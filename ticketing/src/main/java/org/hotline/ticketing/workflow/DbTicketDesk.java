package org.hotline.ticketing.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.ibatis.session.SqlSession;
import org.hotline.platform.Times;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.TicketChanged;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.ticket.workflow.ActionOutcome;
import org.hotline.platform.ticket.workflow.ActionRequest;
import org.hotline.platform.ticket.workflow.AllowedAction;
import org.hotline.platform.ticket.workflow.HistoryEntry;
import org.hotline.platform.ticket.workflow.TicketDesk;
import org.hotline.platform.ticket.workflow.TicketFilter;
import org.hotline.platform.ticket.workflow.TicketPage;
import org.hotline.platform.ticket.workflow.TicketRow;
import org.hotline.platform.ticket.workflow.TicketView;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;
import org.hotline.ticketing.clock.ClockKeeper;
import org.hotline.ticketing.clock.ClockSubject;
import org.hotline.ticketing.clock.Escalator;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.notify.NotificationWriter;
import org.hotline.ticketing.support.Checks;
import org.hotline.ticketing.support.FlatJson;
import org.hotline.ticketing.ticket.CreationStep;
import org.hotline.ticketing.ticket.DbTicketService;
import org.hotline.ticketing.workflow.DeskMapper.DepartmentRef;
import org.hotline.ticketing.workflow.DeskMapper.TicketDepartment;
import org.hotline.ticketing.workflow.TicketVisibility.Sight;

/**
 * {@link TicketDesk} on the database: every action is one transaction that locks the ticket row, refuses a stale
 * version, a state that does not allow the action ({@link Workflows}), a role that may not take it and a bad field
 * (in that order, writing nothing), and otherwise writes the change, its clock effects ({@link ClockKeeper}), one
 * history line, the ticket hooks and the notifications together; {@link TicketChanged} is published after the commit.
 * Which tickets a user sees is {@link TicketVisibility}'s answer, for one ticket and for lists alike. It also does
 * the workflow's part of a ticket's creation ({@link CreationStep}) and the system's escalations ({@link Escalator}).
 */
public final class DbTicketDesk implements TicketDesk, Escalator, CreationStep {
    /** The actor of the steps the system takes (escalation ladders). */
    public static final String SYSTEM = "system";

    private final Database db;
    private final Clock clock;
    private final ClockKeeper clocks;
    private final DeskNotices notices;
    private final EventBus bus;
    private final List<TicketHook> hooks = new CopyOnWriteArrayList<>();
    private volatile ServedCustomer served = ServedCustomer.NONE;

    public DbTicketDesk(Database db, Clock clock, ClockKeeper clocks, NotificationWriter notifications, EventBus bus) {
        this(db, clock, clocks, new DeskNotices(notifications), bus);
    }

    private DbTicketDesk(Database db, Clock clock, ClockKeeper clocks, DeskNotices notices, EventBus bus) {
        this.db = db;
        this.clock = clock;
        this.clocks = clocks;
        this.notices = notices;
        this.bus = bus;
        db.registerMapper(DeskMapper.class);
    }

    /**
     * The same desk (clocks, notifications, hooks, served customers) at another clock: the demo seed takes the
     * workflow's own actions in the past, so that its tickets have real history, clocks and overdue deadlines.
     */
    public DbTicketDesk withClock(Clock other) {
        DbTicketDesk copy = new DbTicketDesk(db, other, clocks, notices, bus);
        copy.hooks.addAll(hooks);
        copy.served = served;
        return copy;
    }

    /** Told of every change inside its transaction (creation included). */
    public void addHook(TicketHook hook) {
        hooks.add(hook);
    }

    /** Where an agent's current customer comes from (the ACD); none by default. */
    public void servedCustomers(ServedCustomer served) {
        this.served = served == null ? ServedCustomer.NONE : served;
    }

    @Override
    public Optional<TicketView> view(long ticketId, User viewer) {
        return db.withSession(s -> {
            DeskMapper m = s.getMapper(DeskMapper.class);
            Ticket t = m.find(ticketId);
            if (t == null) {
                return Optional.empty();
            }
            List<DepartmentRef> departments = m.departmentsOf(ticketId);
            if (!sight(m, viewer).allows(t, ids(departments))) {
                return Optional.empty();
            }
            return Optional.of(view(s, m, t, departments, viewer));
        });
    }

    @Override
    public ActionOutcome act(long ticketId, ActionRequest request, User actor) {
        if (!Workflows.knows(request.action())) {
            return new ActionOutcome.UnknownAction(request.action());
        }
        Instant now = Times.now(clock);
        List<TicketChanged> published = new ArrayList<>();
        ActionOutcome outcome = db.inTransaction(s -> {
            DeskMapper m = s.getMapper(DeskMapper.class);
            Ticket t = m.lock(ticketId);
            if (t == null) {
                return new ActionOutcome.NotFound(ticketId);
            }
            List<DepartmentRef> departments = m.departmentsOf(ticketId);
            if (!sight(m, actor).allows(t, ids(departments))) {
                return new ActionOutcome.NotFound(ticketId);
            }
            if (request.version() != t.version()) {
                return new ActionOutcome.Stale(request.version(), t.version());
            }
            Optional<Transition> found = Workflows.find(t.type(), t.status(), request.action())
                    .filter(row -> guardHolds(row, t));
            if (found.isEmpty()) {
                return new ActionOutcome.NotAllowedNow(t.status().name(), request.action());
            }
            Transition row = found.get();
            if (!row.allowsRoleOf(actor.roles())) {
                if (row.roles().isEmpty()) {
                    return new ActionOutcome.Forbidden(request.action(), request.action() + " is taken by the "
                            + "system only");
                }
                return new ActionOutcome.Forbidden(request.action(), request.action() + " on a "
                        + t.type().name().toLowerCase(java.util.Locale.ROOT) + " in " + t.status() + " needs role "
                        + String.join(" or ", row.roles().stream().map(Role::name).sorted().toList()));
            }
            ActionFields.Parsed parsed = ActionFields.parse(m, row, t, request.fields(), now);
            if (parsed instanceof ActionFields.Refused refused) {
                return refused.invalid();
            }
            Change change = ((ActionFields.Valid) parsed).change();
            Ticket after = perform(s, m, t, departments, row, change, actor.username(), now);
            published.add(changed(t, after, row.action(), actor.username(), now));
            return new ActionOutcome.Done(view(s, m, after, m.departmentsOf(ticketId), actor));
        });
        published.forEach(bus::publish);
        return outcome;
    }

    /** Writes one step: the ticket, its departments, its clocks, one history line, the hooks, the notifications. */
    private Ticket perform(SqlSession s, DeskMapper m, Ticket before, List<DepartmentRef> departments,
                           Transition row, Change change, String actor, Instant now) {
        TicketChanges.Applied applied = TicketChanges.apply(before, row, change, now);
        Ticket after = applied.after();
        if (m.update(after, before.version()) != 1) {
            throw new IllegalStateException("ticket " + before.id() + " changed under its row lock");
        }
        List<Long> deptIds = updateDepartments(m, before.id(), ids(departments), row, change);
        clocks.apply(s, subject(m, after, deptIds), Workflows.clockEffects(row, change.clock(), change.reason()),
                now);
        String comment = TicketChanges.comment(row, change);
        String fields = FlatJson.write(applied.changed());
        m.insertHistory(after.id(), actor, now, row.action(), DbTicketService.detail(applied.changed()),
                before.status().name(), after.status().name(), fields, comment, change.visibleToCustomer());
        HistoryEntry entry = new HistoryEntry(m.lastInsertId(), actor, now, row.action(), before.status().name(),
                after.status().name(), applied.changed(), comment, change.visibleToCustomer());
        for (TicketHook hook : hooks) {
            hook.changed(s, after, entry);
        }
        notices.stepped(s, before, after, row.action(), deptIds, actor, now);
        return after;
    }

    private static List<Long> updateDepartments(DeskMapper m, long ticketId, List<Long> current, Transition row,
                                                Change change) {
        List<Long> result = new ArrayList<>(current);
        if (change.departments() != null) {
            List<Long> wanted = ids(change.departments());
            for (Long id : current) {
                if (!wanted.contains(id)) {
                    m.removeDepartment(ticketId, id);
                    result.remove(id);
                }
            }
            for (Long id : wanted) {
                if (!result.contains(id)) {
                    m.addDepartment(ticketId, id);
                    result.add(id);
                }
            }
        }
        if (change.department() != null) {
            long id = change.department().id();
            if (row.action().equals(Actions.ADD_DEPARTMENT) && !result.contains(id)) {
                m.addDepartment(ticketId, id);
                result.add(id);
            } else if (row.action().equals(Actions.REMOVE_DEPARTMENT)) {
                m.removeDepartment(ticketId, id);
                result.remove(id);
            }
        }
        return result;
    }

    @Override
    public boolean escalate(SqlSession tx, long ticketId, String reason, Instant now) {
        DeskMapper m = tx.getMapper(DeskMapper.class);
        Ticket t = m.lock(ticketId);
        if (t == null) {
            return false;
        }
        Optional<Transition> row = Workflows.find(t.type(), t.status(), Actions.ESCALATE)
                .filter(r -> guardHolds(r, t));
        if (row.isEmpty()) {
            return false;
        }
        Change change = new Change(null, null, null, null, null, null, null, reason, null, false, null, null, null,
                null, null, null);
        Ticket after = perform(tx, m, t, m.departmentsOf(ticketId), row.get(), change, SYSTEM, now);
        TicketChanged event = changed(t, after, Actions.ESCALATE, SYSTEM, now);
        Database.afterCommit(tx, () -> bus.publish(event));
        return true;
    }

    /**
     * Inside the intake's transaction {@code tx}: the customer wrote again on ticket {@code ticketId} (a mail
     * answer from {@code sender}). The common "customer-message" row: one history line by {@code actor} (the
     * mail's inbox row), the version bumped, qualifying activity for the STAGNATION clock, the hooks; the
     * {@link TicketChanged} is published after {@code tx} commits.
     *
     * @return false when there is no such ticket (nothing written)
     */
    public boolean customerMessage(SqlSession tx, long ticketId, String actor, String sender, String text,
                                   Instant now) {
        DeskMapper m = tx.getMapper(DeskMapper.class);
        Ticket t = m.lock(ticketId);
        if (t == null) {
            return false;
        }
        Transition row = Workflows.find(t.type(), t.status(), Actions.CUSTOMER_MESSAGE).orElseThrow();
        Change change = new Change(null, null, null, null, null, null, null, null, text, false, null, null, null,
                null, null, sender);
        Ticket after = perform(tx, m, t, m.departmentsOf(ticketId), row, change, actor, now);
        TicketChanged event = changed(t, after, Actions.CUSTOMER_MESSAGE, actor, now);
        Database.afterCommit(tx, () -> bus.publish(event));
        return true;
    }

    private static TicketChanged changed(Ticket before, Ticket after, String action, String actor, Instant now) {
        return new TicketChanged(after.id(), after.number(), action, actor, before.status().name(),
                after.status().name(), after.version(), now);
    }

    @Override
    public void inTransaction(SqlSession tx, Ticket created, HistoryEntry entry, Instant now) {
        DeskMapper m = tx.getMapper(DeskMapper.class);
        clocks.apply(tx, subject(m, created, List.of()), Workflows.atCreation(created.type()), now);
        for (TicketHook hook : hooks) {
            hook.changed(tx, created, entry);
        }
        notices.created(tx, created, entry.actor(), now);
    }

    @Override
    public void afterCommit(Ticket created, String actor, Instant now) {
        bus.publish(new TicketChanged(created.id(), created.number(), Actions.CREATE, actor, null,
                created.status().name(), created.version(), now));
    }

    @Override
    public TicketPage search(TicketFilter filter, User viewer) {
        Instant now = Times.now(clock);
        String like = filter.q() == null || filter.q().isBlank() ? null : Checks.likeContains(filter.q().strip());
        return db.withSession(s -> {
            DeskMapper m = s.getMapper(DeskMapper.class);
            Sight sight = sight(m, viewer);
            List<Long> ids = m.searchIds(filter, sight, like, now);
            long total = m.searchCount(filter, sight, like, now);
            return new TicketPage(rows(m, ids, now, (t, depts) -> null), total);
        });
    }

    @Override
    public List<TicketRow> worklist(User user, int limit) {
        Instant now = Times.now(clock);
        return db.withSession(s -> {
            DeskMapper m = s.getMapper(DeskMapper.class);
            List<Long> mine = m.departmentsOfUser(user.username());
            Sight sight = sight(user, mine);
            List<RoleQueues.Queue> queues = RoleQueues.of(user.roles());
            boolean mineSeen = sight.all() || sight.departmentIds().containsAll(mine);
            List<Long> ids = m.worklistIds(sight, mine, mineSeen, queues, Checks.limit(limit));
            return rows(m, ids, now, (t, depts) -> user.username().equals(t.assignee()) ? "ASSIGNED_TO_YOU"
                    : depts.stream().anyMatch(mine::contains) ? "YOUR_DEPARTMENT" : "YOUR_ROLE");
        });
    }

    /** Why a ticket is in a list (null for a plain search). */
    private interface Why {
        String of(Ticket t, List<Long> departmentIds);
    }

    private static List<TicketRow> rows(DeskMapper m, List<Long> ids, Instant now, Why why) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Ticket> tickets = m.findAll(ids).stream().collect(Collectors.toMap(Ticket::id, Function.identity()));
        Map<Long, String> names = new HashMap<>();
        m.names(ids).forEach(n -> names.put(n.ticketId(), n.customerName()));
        Map<Long, List<TicketDepartment>> depts = m.departmentCodesOf(ids).stream()
                .collect(Collectors.groupingBy(TicketDepartment::ticketId, LinkedHashMap::new, Collectors.toList()));
        Map<Long, DeskMapper.ClockSummary> clocks = m.clockSummaries(ids, now).stream()
                .collect(Collectors.toMap(DeskMapper.ClockSummary::ticketId, Function.identity()));
        List<TicketRow> rows = new ArrayList<>();
        for (Long id : ids) {
            Ticket t = tickets.get(id);
            List<TicketDepartment> td = depts.getOrDefault(id, List.of());
            DeskMapper.ClockSummary c = clocks.get(id);
            rows.add(new TicketRow(t, names.get(id), td.stream().map(TicketDepartment::code).toList(),
                    c == null || c.nextClock() == null ? null
                            : org.hotline.platform.ticket.workflow.ClockName.valueOf(c.nextClock()),
                    c == null ? null : c.nextDueAt(), c != null && c.overdue(), c != null && c.stalled(),
                    why.of(t, td.stream().map(TicketDepartment::departmentId).toList())));
        }
        return rows;
    }

    private TicketView view(SqlSession s, DeskMapper m, Ticket t, List<DepartmentRef> departments, User viewer) {
        List<HistoryEntry> history = m.history(t.id()).stream()
                .map(h -> new HistoryEntry(h.id(), h.actor(), h.at(), h.action(), h.fromStatus(), h.toStatus(),
                        FlatJson.read(h.fields()), h.comment(), h.visibleToCustomer()))
                .toList();
        return new TicketView(t, departments.stream().map(DepartmentRef::code).toList(), t.version(),
                clocks.clocks(s, t.id()), allowed(t, viewer), history, customerName(m, t));
    }

    private static String customerName(DeskMapper m, Ticket t) {
        return t.customerId() == null ? null : m.customerName(t.customerId());
    }

    /** The actions {@code viewer} may take on {@code t} now, each once, in table order. */
    static List<AllowedAction> allowed(Ticket t, User viewer) {
        Map<String, AllowedAction> out = new LinkedHashMap<>();
        for (Transition row : Workflows.available(t.type(), t.status())) {
            if (row.allowsRoleOf(viewer.roles()) && guardHolds(row, t)) {
                out.putIfAbsent(row.action(), new AllowedAction(row.action(), row.required(), row.optional()));
            }
        }
        return List.copyOf(out.values());
    }

    static boolean guardHolds(Transition row, Ticket t) {
        return switch (row.guard()) {
            case NONE -> true;
            case MISUSE -> t.type() == TicketType.COMPLAINT
                    && t.complaintClass() == org.hotline.platform.ticket.ComplaintClass.MISUSE;
            case BELOW_TOP_LEVEL -> t.escalationLevel() < 2;
        };
    }

    private Sight sight(DeskMapper m, User user) {
        return sight(user, m.departmentsOfUser(user.username()));
    }

    private Sight sight(User user, List<Long> departments) {
        Long customer = user.has(Role.AGENT) ? served.of(user.username()).orElse(null) : null;
        return TicketVisibility.of(user.username(), user.roles(), departments, customer);
    }

    private static ClockSubject subject(DeskMapper m, Ticket t, List<Long> departmentIds) {
        return new ClockSubject(t.id(), t.number(), t.type(), t.complaintClass(), t.severity(), t.priority(),
                t.customerId() == null ? null : m.customerClass(t.customerId()), departmentIds, t.assignee());
    }

    private static List<Long> ids(List<DepartmentRef> departments) {
        return departments.stream().map(DepartmentRef::id).toList();
    }

    /** The pickers of the ticket's forms (see {@link ActionChoiceQueries}), for a viewer who may see the ticket. */
    @Override
    public Optional<org.hotline.platform.ticket.workflow.ActionChoices> choices(long ticketId, User viewer) {
        return view(ticketId, viewer).map(v -> new ActionChoiceQueries(db).of(v.ticket().type()));
    }
}
