// The ticket workspace's state and its pure parts: one state object, reduce(state, message) and the helpers the
// renderer and the page use (countdown urgency, the form of an allowed action, the body sent back). Nothing here
// touches the DOM or the network, so that the page's behaviour can be checked in a browser without a server: the
// server decides what a user may do (allowedActions), this module only turns its answers into what is shown.

export const VIEWS = ['worklist', 'list', 'managers', 'detail'];
export const MANAGER_ROLES = ['COMPLAINT_MANAGER', 'DEPARTMENT_MANAGER', 'CENTRE_HEAD'];
export const PAGE_SIZE = 20;
export const HOUR = 3600;
export const QUARTER = 900;

/** Values of the enum fields an action form may ask for (server names; labels come from the tickets bundle). */
export const ENUMS = {
  complaintClass: ['PRODUCT_QUALITY', 'SYSTEM_FAULT', 'SERVICE_QUALITY', 'STAFF_CONDUCT', 'MISUSE'],
  severity: ['NORMAL', 'MAJOR'],
  customerInformedVia: ['PHONE', 'SMS', 'EMAIL', 'LETTER', 'VISIT'],
  reason: ['WAITING_FOR_CUSTOMER', 'WAITING_FOR_DEPARTMENT'],
};
export const TYPES = ['CONSULTATION', 'COMPLAINT', 'REPAIR'];
export const STATUSES = ['NEW', 'HANDED_OFF', 'ASSIGNED', 'IN_PROGRESS', 'ESCALATED', 'RESOLVED', 'CLOSED',
  'CLOSED_WITH_GUIDANCE', 'REOPENED'];
const LONG_TEXT = ['resolution', 'guidance', 'reason', 'text', 'comment'];

export function initialState(user, now = Date.now()) {
  return {
    user,
    now,
    view: 'worklist',
    manager: user.roles.some((r) => MANAGER_ROLES.includes(r)),
    worklist: { rows: [], loaded: false, error: null },
    list: {
      filter: { type: '', status: '', assignee: '', department: '', overdue: false, stalled: false, q: '' },
      rows: [], total: 0, offset: 0, loaded: false, error: null,
    },
    managers: { rows: [], loaded: false, error: null },
    detail: emptyDetail(null),
    users: [],
    departments: [],
    filterChoices: { assignees: [], departments: [] },
  };
}

function emptyDetail(id) {
  return { id, ticket: null, error: null, form: null, notice: null, busy: false, outdated: false };
}

/** A ticket answer as one flat object, whether the server nests the ticket's fields under "ticket" or not. */
export function normaliseTicket(json) {
  if (!json) {
    return null;
  }
  const base = json.ticket && typeof json.ticket === 'object' ? { ...json.ticket, ...json } : { ...json };
  delete base.ticket;
  return {
    ...base,
    departments: base.departments ?? [],
    clocks: base.clocks ?? [],
    allowedActions: (base.allowedActions ?? []).map(normaliseAction),
    history: base.history ?? [],
  };
}

/** A list or worklist row as one flat object (see TicketRow). */
export function normaliseRow(row) {
  const flat = normaliseTicket(row);
  return { ...flat, nextDueAt: flat.nextDueAt ?? null, overdue: !!flat.overdue, stalled: !!flat.stalled };
}

/** {action, fields:[...]} or {action, required, optional} → {action, fields: [{name, required}]}. */
export function normaliseAction(a) {
  if (Array.isArray(a.fields)) {
    const optional = new Set(a.optional ?? []);
    return { action: a.action, fields: a.fields.map((f) => (typeof f === 'string'
      ? { name: f, required: !optional.has(f) } : { name: f.name, required: f.required !== false })) };
  }
  return {
    action: a.action,
    fields: [...(a.required ?? []).map((name) => ({ name, required: true })),
      ...(a.optional ?? []).map((name) => ({ name, required: false }))],
  };
}

/** The enum values of a field of an action, or null (a pause's reason is typed, a reopen's is free text). */
export function enumOf(name, action) {
  if (name === 'reason') {
    return action === 'pause-clock' ? ENUMS.reason : null;
  }
  return ENUMS[name] ?? null;
}

/** How an action's field is edited. */
export function fieldKind(name, action) {
  if (name === 'assignee') {
    return 'user';
  }
  if (name === 'departments') {
    return 'departments';
  }
  if (name === 'department') {
    return 'department';
  }
  if (name === 'clock') {
    return 'clock';
  }
  if (name === 'visibleToCustomer') {
    return 'checkbox';
  }
  if (name.endsWith('At')) {
    return 'datetime';
  }
  if (enumOf(name, action)) {
    return 'select';
  }
  return LONG_TEXT.includes(name) ? 'textarea' : 'text';
}

/** The clocks a clock field may name: running ones to pause, paused ones to resume. */
export function clockChoices(ticket, action) {
  const wanted = action === 'resume-clock' ? 'PAUSED' : 'RUNNING';
  return (ticket?.clocks ?? []).filter((c) => c.state === wanted).map((c) => c.name);
}

/** The remaining seconds to dueAt and how urgent that is: ok (> 1 h), soon (< 1 h), urgent (< 15 min), overdue. */
export function urgency(dueAt, now) {
  if (!dueAt) {
    return { level: 'none', seconds: null };
  }
  const seconds = Math.round((Date.parse(dueAt) - now) / 1000);
  if (seconds < 0) {
    return { level: 'overdue', seconds: -seconds };
  }
  if (seconds < QUARTER) {
    return { level: 'urgent', seconds };
  }
  if (seconds < HOUR) {
    return { level: 'soon', seconds };
  }
  return { level: 'ok', seconds };
}

/** "2 d 3:04:05" style text for a number of seconds. */
export function span(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const sec = String(s % 60).padStart(2, '0');
  return `${d > 0 ? `${d}d ` : ''}${h}:${m}:${sec}`;
}

/** The first values of a new form: a clock preselected when only one fits, the customer told now by phone. */
function initialValues(ticket, action, now) {
  const values = {};
  action.fields.forEach(({ name }) => {
    const kind = fieldKind(name, action.action);
    if (kind === 'checkbox') {
      values[name] = false;
    } else if (kind === 'departments') {
      values[name] = [...(ticket.departments ?? [])];
    } else if (kind === 'clock') {
      values[name] = clockChoices(ticket, action.action)[0] ?? '';
    } else if (kind === 'datetime') {
      values[name] = localInput(now);
    } else {
      values[name] = '';
    }
  });
  return values;
}

/** An instant as the value of a datetime-local input (the browser's time zone, to the minute). */
export function localInput(now) {
  const d = new Date(now);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The fields left empty that the action requires (client-side hint; the server checks again). */
export function missingFields(form) {
  return form.fields.filter((f) => f.required && isEmpty(form.values[f.name], fieldKind(f.name, form.action)))
    .map((f) => f.name);
}

function isEmpty(value, kind) {
  if (kind === 'checkbox') {
    return false;
  }
  if (Array.isArray(value)) {
    return value.length === 0;
  }
  return value === undefined || value === null || String(value).trim() === '';
}

/** The JSON body of an action: its fields typed as the server expects, and the version the form was built on. */
export function actionBody(form) {
  const body = { version: form.version };
  form.fields.forEach(({ name }) => {
    const value = form.values[name];
    const kind = fieldKind(name, form.action);
    if (kind === 'checkbox') {
      body[name] = !!value;
    } else if (kind === 'departments') {
      if (value?.length) {
        body[name] = value;
      }
    } else if (kind === 'datetime') {
      if (value) {
        body[name] = new Date(value).toISOString();
      }
    } else if (value !== undefined && String(value).trim() !== '') {
      body[name] = String(value).trim();
    }
  });
  return body;
}

/** The query of GET /api/tickets for the list's filter and page. */
export function listQuery(list) {
  const p = new URLSearchParams();
  Object.entries(list.filter).forEach(([k, v]) => {
    if (v === true) {
      p.set(k, 'true');
    } else if (v && v !== true) {
      p.set(k, String(v).trim());
    }
  });
  p.set('limit', String(PAGE_SIZE));
  p.set('offset', String(list.offset));
  return p.toString();
}

/** Stalled and overdue tickets counted per department (a ticket of two departments counts in both). */
export function perDepartment(rows) {
  const by = new Map();
  rows.forEach((r) => {
    const departments = r.departments.length ? r.departments : [''];
    departments.forEach((d) => {
      const entry = by.get(d) ?? { department: d, stalled: 0, overdue: 0, tickets: [] };
      entry.stalled += r.stalled ? 1 : 0;
      entry.overdue += r.overdue ? 1 : 0;
      entry.tickets.push(r);
      by.set(d, entry);
    });
  });
  return [...by.values()].sort((a, b) => (b.overdue + b.stalled) - (a.overdue + a.stalled)
    || a.department.localeCompare(b.department));
}

/** Worklist rows nearest deadline first, rows without a running clock last. */
export function byDeadline(rows) {
  const due = (r) => (r.nextDueAt ? Date.parse(r.nextDueAt) : Number.POSITIVE_INFINITY);
  return [...rows].sort((a, b) => due(a) - due(b));
}

function withDetail(state, patch) {
  return { ...state, detail: { ...state.detail, ...patch } };
}

function failure(state, m) {
  const form = state.detail.form;
  if (m.status === 400 && form && m.field && form.fields.some((f) => f.name === m.field)) {
    return withDetail(state, { busy: false, form: { ...form, errors: { [m.field]: m.message } } });
  }
  const kind = { 403: 'forbidden', 404: 'notFound', 409: 'conflict' }[m.status] ?? 'error';
  return withDetail(state, { busy: false, notice: { kind, text: m.message ?? '' } });
}

/**
 * The one place the page's state changes. Messages: tick {now}, show {view}, worklistLoaded {rows},
 * listLoaded {rows, total}, managersLoaded {rows}, loadFailed {part, message}, filter {name, value}, page {offset},
 * open {id}, ticketLoaded {ticket}, openForm {action}, closeForm, field {name, value}, submitting,
 * actionDone {ticket}, actionFailed {status, field, message}, reloadedAfterConflict {ticket, sentVersion, message},
 * ticketChanged {id}, choicesLoaded {choices: {assignees, departments}} (the pickers, [{value, label}]),
 * filterChoicesLoaded {choices: {assignees, departments}} (the list filters' pickers).
 */
export function reduce(state, m) {
  switch (m.type) {
    case 'tick':
      return { ...state, now: m.now };
    case 'show':
      return VIEWS.includes(m.view) ? { ...state, view: m.view } : state;
    case 'worklistLoaded':
      return { ...state, worklist: { rows: byDeadline(m.rows.map(normaliseRow)), loaded: true, error: null } };
    case 'listLoaded':
      return { ...state, list: { ...state.list, rows: m.rows.map(normaliseRow), total: m.total, loaded: true,
        error: null } };
    case 'managersLoaded':
      return { ...state, managers: { rows: m.rows.map(normaliseRow), loaded: true, error: null } };
    case 'loadFailed':
      return m.part === 'detail' ? withDetail(state, { error: m.message })
        : { ...state, [m.part]: { ...state[m.part], loaded: true, error: m.message } };
    case 'filter':
      return { ...state, list: { ...state.list, offset: 0, filter: { ...state.list.filter, [m.name]: m.value } } };
    case 'page':
      // the rows of the old page go at once: the pager never shows a range the rows do not match
      return { ...state, list: { ...state.list, offset: Math.max(0, m.offset), rows: [], loaded: false } };
    case 'open':
      return { ...state, view: 'detail', detail: emptyDetail(m.id) };
    case 'ticketLoaded': {
      const ticket = normaliseTicket(m.ticket);
      return withDetail(state, { id: ticket.id, ticket, error: null, outdated: false });
    }
    case 'openForm': {
      const ticket = state.detail.ticket;
      const action = ticket?.allowedActions.find((a) => a.action === m.action);
      if (!action) {
        return state;
      }
      return withDetail(state, { notice: null, form: { action: action.action, fields: action.fields,
        values: initialValues(ticket, action, state.now), errors: {}, version: ticket.version } });
    }
    case 'closeForm':
      return withDetail(state, { form: null });
    case 'field': {
      const form = state.detail.form;
      if (!form) {
        return state;
      }
      const errors = { ...form.errors };
      delete errors[m.name];
      return withDetail(state, { form: { ...form, values: { ...form.values, [m.name]: m.value }, errors } });
    }
    case 'invalid':
      return withDetail(state, { form: { ...state.detail.form,
        errors: Object.fromEntries(m.fields.map((f) => [f, 'required'])) } });
    case 'submitting':
      return withDetail(state, { busy: true, notice: null });
    case 'actionDone': {
      const ticket = normaliseTicket(m.ticket);
      return withDetail(state, { ticket, id: ticket.id, form: null, busy: false, outdated: false,
        notice: { kind: 'done', action: m.action } });
    }
    case 'actionFailed':
      return failure(state, m);
    case 'reloadedAfterConflict': {
      const ticket = normaliseTicket(m.ticket);
      const stale = ticket.version !== m.sentVersion;
      return withDetail(state, { ticket, form: null, busy: false, outdated: false,
        notice: { kind: stale ? 'stale' : 'conflict', text: m.message ?? '' } });
    }
    case 'ticketChanged':
      return state.detail.id === m.id && state.detail.ticket ? withDetail(state, { outdated: true }) : state;
    case 'choicesLoaded':
      return { ...state, users: m.choices.assignees ?? [], departments: m.choices.departments ?? [] };
    case 'filterChoicesLoaded':
      return { ...state, filterChoices: { assignees: m.choices.assignees ?? [],
        departments: m.choices.departments ?? [] } };
    default:
      return state;
  }
}
