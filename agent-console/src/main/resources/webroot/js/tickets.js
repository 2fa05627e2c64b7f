// The ticket workspace page: wires tickets-model.js (state, reduce) and tickets-view.js (render) to the server and
// the console socket. Every state change goes through dispatch(); the page only adds the effects (requests, the
// one-second countdown tick, live refresh when a ticket changes). Typing in a form updates the state without a
// redraw so that the field keeps its focus; the countdown tick only rewrites the countdowns in place.
import { get, post } from './api.js';
import { render } from './esc.js';
import { onLanguageChange, t } from './i18n.js';
import { connectLive } from './live.js';
import { rolesOf } from './nav.js';
import { startPage } from './page.js';
import {
  actionBody, fieldKind, initialState, listQuery, missingFields, reduce, span, urgency,
} from './tickets-model.js';
import { renderFilters, renderMain, renderPickers, renderTabs } from './tickets-view.js';

const WORKLIST_LIMIT = 100;
const REFRESH_MS = 2000;
let refreshPending = false;
const $ = (id) => document.getElementById(id);

let state = null;

/**
 * Redraws the page from the state. The list's filter form is drawn only when the list is entered (or the language
 * changes: force), so that a live refresh of the rows never takes a half-typed search away from the user.
 */
function draw(force = false) {
  render($('tk-tabs'), renderTabs(state));
  render($('tk-main'), renderMain(state));
  render($('tk-pickers'), renderPickers(state));
  const filters = $('tk-filter-box');
  const listing = state.view === 'list';
  if (listing && (force || filters.hidden)) {
    render(filters, renderFilters(state));
  }
  filters.hidden = !listing;
  document.body.dataset.view = state.view;
}

function dispatch(message, redraw = true) {
  state = reduce(state, message);
  if (redraw) {
    draw();
  }
}

/** Rewrites the countdowns shown (text and colour) for the current time, leaving everything else as it is. */
function tick() {
  dispatch({ type: 'tick', now: Date.now() }, false);
  document.querySelectorAll('.countdown[data-due]').forEach((el) => {
    const u = urgency(el.dataset.due, state.now);
    el.dataset.level = u.level;
    el.textContent = u.level === 'overdue' ? t('tk.overdueBy', { time: span(u.seconds) }) : span(u.seconds);
  });
}

const rowsOf = (body) => (Array.isArray(body) ? body : body.rows ?? body.tickets ?? body.worklist ?? []);
const message = (e) => e?.message ?? String(e);

const latest = {};

/**
 * Requests one part of the page and applies the answer only if no newer request for that part was made meanwhile
 * (a slow answer to an old filter must not replace the answer to the new one).
 */
async function load(part, request, failed = (e) => message(e)) {
  const seq = (latest[part] ?? 0) + 1;
  latest[part] = seq;
  let outcome;
  try {
    outcome = await request();
  } catch (e) {
    outcome = { type: 'loadFailed', part, message: failed(e) };
  }
  if (latest[part] === seq) {
    dispatch(outcome);
  }
  return latest[part] === seq && outcome.type !== 'loadFailed';
}

function loadWorklist() {
  return load('worklist', async () => ({ type: 'worklistLoaded',
    rows: rowsOf(await get(`/api/worklist?limit=${WORKLIST_LIMIT}`)) }));
}

function loadList() {
  return load('list', async () => {
    const body = await get(`/api/tickets?${listQuery(state.list)}`);
    const rows = rowsOf(body);
    return { type: 'listLoaded', rows, total: body.total ?? rows.length };
  });
}

/** The managers' view: stalled and overdue tickets of every department the manager may see. */
function loadManagers() {
  return load('managers', async () => {
    const [stalled, overdue] = await Promise.all([get('/api/tickets?stalled=true&limit=200'),
      get('/api/tickets?overdue=true&limit=200')]);
    const byId = new Map();
    [...rowsOf(stalled), ...rowsOf(overdue)].forEach((r) => {
      const id = r.id ?? r.ticket?.id;
      byId.set(id, { ...(byId.get(id) ?? {}), ...r });
    });
    return { type: 'managersLoaded', rows: [...byId.values()] };
  });
}

/** The pickers of the ticket's forms; a form still takes typed names when they cannot be read. */
async function loadChoices(id) {
  try {
    dispatch({ type: 'choicesLoaded', choices: await get(`/api/tickets/${id}/choices`) });
  } catch {
    // nothing to pick from: the inputs stay plain text
  }
}

/** The list filters' pickers (who tickets go to, every department); the filters still take typed names without. */
async function loadFilterChoices() {
  try {
    dispatch({ type: 'filterChoicesLoaded', choices: await get('/api/tickets/choices') });
  } catch {
    // nothing to pick from: the filter inputs stay plain text
  }
}

async function loadTicket(id) {
  const loaded = await load('detail', async () => ({ type: 'ticketLoaded', ticket: await get(`/api/tickets/${id}`) }),
    (e) => (e.status === 404 || e.status === 403 ? t('tk.notFound') : message(e)));
  if (loaded && state.detail.ticket?.allowedActions.some((a) => a.fields.some((f) => f.name.startsWith('assignee')
    || f.name.startsWith('department')))) {
    loadChoices(id);
  }
}

function loadView() {
  return { worklist: loadWorklist, list: loadList, managers: loadManagers }[state.view]?.();
}

function show(view) {
  dispatch({ type: 'show', view });
  history.replaceState(null, '', view === 'worklist' ? 'tickets.html' : `tickets.html?view=${view}`);
  loadView();
}

function open(id) {
  dispatch({ type: 'open', id });
  history.pushState(null, '', `tickets.html?id=${id}`);
  loadTicket(id);
}

async function submitAction() {
  const { form, ticket } = state.detail;
  const missing = missingFields(form);
  if (missing.length) {
    dispatch({ type: 'invalid', fields: missing });
    return;
  }
  const body = actionBody(form);
  dispatch({ type: 'submitting' });
  try {
    const answer = await post(`/api/tickets/${ticket.id}/actions/${form.action}`, body);
    dispatch({ type: 'actionDone', ticket: answer, action: form.action });
  } catch (e) {
    if (e.status === 409) {
      try {
        const fresh = await get(`/api/tickets/${ticket.id}`);
        dispatch({ type: 'reloadedAfterConflict', ticket: fresh, sentVersion: body.version, message: e.message });
        return;
      } catch {
        // fall through: show the conflict as it came
      }
    }
    dispatch({ type: 'actionFailed', status: e.status, field: e.field, message: e.message });
  }
}

function fieldValue(el) {
  if (el.type === 'checkbox') {
    return el.checked;
  }
  if (fieldKind(el.dataset.field, state.detail.form?.action) === 'departments') {
    return el.value.split(/[,，\s]+/).map((s) => s.trim()).filter(Boolean);
  }
  return el.value;
}

function wire() {
  const main = $('tk-main');
  $('tk-tabs').addEventListener('click', (event) => {
    const tab = event.target.closest('[data-view]');
    if (tab) {
      show(tab.dataset.view);
    }
  });
  main.addEventListener('click', (event) => {
    const link = event.target.closest('[data-open-ticket]');
    const button = event.target.closest('button');
    if (link && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      open(Number(link.dataset.openTicket));
    } else if (button?.dataset.openForm) {
      dispatch({ type: 'openForm', action: button.dataset.openForm });
      main.querySelector('#tk-action-form [data-field]')?.focus();
    } else if (button?.dataset.closeForm) {
      dispatch({ type: 'closeForm' });
    } else if (button?.dataset.reload) {
      loadTicket(state.detail.id);
    } else if (button?.dataset.page !== undefined && button?.dataset.page !== '') {
      dispatch({ type: 'page', offset: Number(button.dataset.page) });
      loadList();
    }
  });
  const onField = (event) => {
    const el = event.target.closest('[data-field]');
    if (el) {
      dispatch({ type: 'field', name: el.dataset.field, value: fieldValue(el) }, false);
    }
  };
  main.addEventListener('input', onField);
  main.addEventListener('change', onField);
  main.addEventListener('submit', (event) => {
    event.preventDefault();
    if (event.target.id === 'tk-action-form') {
      submitAction();
    }
  });
  // the filter form keeps the state up to date as the user types; searching loads the first page
  const filters = $('tk-filter-box');
  const onFilter = (event) => {
    const el = event.target;
    if (el.name) {
      dispatch({ type: 'filter', name: el.name, value: el.type === 'checkbox' ? el.checked : el.value }, false);
    }
  };
  filters.addEventListener('input', onFilter);
  filters.addEventListener('change', onFilter);
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    dispatch({ type: 'page', offset: 0 }, false);
    loadList();
  });
  window.addEventListener('popstate', () => route());
}

/** A console socket message about a ticket: refresh what shows it (the open form keeps its values). */
function onLive(msg) {
  const id = msg.ticketId ?? msg.id ?? msg.ticket?.id;
  if (!/ticket/i.test(msg.type ?? '') || id === undefined) {
    return;
  }
  if (state.view === 'detail') {
    if (state.detail.id === id) {
      if (state.detail.form || state.detail.busy) {
        dispatch({ type: 'ticketChanged', id });
      } else {
        loadTicket(id);
      }
    }
  } else if (!refreshPending) {
    // a busy centre changes tickets every second: one reload of the list per REFRESH_MS at most
    refreshPending = true;
    setTimeout(() => {
      refreshPending = false;
      loadView();
    }, REFRESH_MS);
  }
}

function route() {
  const params = new URLSearchParams(window.location.search);
  const id = Number(params.get('id'));
  if (id > 0) {
    dispatch({ type: 'open', id });
    loadTicket(id);
  } else {
    dispatch({ type: 'show', view: params.get('view') ?? 'worklist' });
    loadView();
  }
}

const user = await startPage(rolesOf('tickets.html'));
$('user-name').textContent = user.displayName || user.username;
state = initialState(user, Date.now());
wire();
onLanguageChange(() => draw(true));
route();
loadFilterChoices();
setInterval(tick, 1000);
connectLive(onLive);
