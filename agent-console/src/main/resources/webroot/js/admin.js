// The administrator's page: users (roles, skills, state, password reset), departments (managers, members, calendar)
// and business calendars (weekly hours, holidays and make-up working days). One state object, the pure
// reduce(state, message) of admin-state.js and render(state) of admin-view.js; this file only loads, listens and
// sends. The server decides what is valid and says which field is wrong; the calendars come from the clocks'
// routes (/api/admin/calendars), and a node without them shows that instead of breaking the page.
import { get, post, put } from './api.js';
import { render } from './esc.js';
import { onLanguageChange, t } from './i18n.js';
import { errorText, flash, startPage } from './page.js';
import { WEEKDAYS, initialState, parseDays, parseHours, reduce, refusalAt } from './admin-state.js';
import { renderAdmin } from './admin-view.js';

let state = initialState;
const root = () => document.getElementById('admin');

function dispatch(message) {
  state = reduce(state, message);
  render(root(), renderAdmin(state));
}

async function load() {
  try {
    const [users, departments] = await Promise.all([get('/api/admin/users'), get('/api/admin/departments')]);
    dispatch({ type: 'loaded', users: users.users, roles: users.roles, departments: departments.departments });
  } catch (e) {
    dispatch({ type: 'loadFailed', message: errorText(e) });
  }
  try {
    const calendars = await get('/api/admin/calendars');
    dispatch({ type: 'calendars', calendars: calendars.calendars ?? [] });
  } catch (e) {
    dispatch({ type: 'calendarsFailed', message: e.status ? `${e.status} ${e.message}` : errorText(e) });
  }
}

/** The form's values: text fields as strings, checkbox groups as arrays, the disabled box as a boolean. */
function draftOf(form) {
  const data = new FormData(form);
  const draft = {};
  for (const element of form.elements) {
    if (!element.name || element.type === 'password') {
      continue;
    }
    if (element.type === 'checkbox') {
      draft[element.name] = element.name === 'disabled' ? element.checked : data.getAll(element.name);
    } else {
      draft[element.name] = data.get(element.name) ?? '';
    }
  }
  return draft;
}

function skillList(text) {
  return text.split(/[,，\s]+/).map((s) => s.trim()).filter(Boolean);
}

/** The request a form stands for: [method, path, body, label of the saved record]; throws {field, text}. */
function requestOf(kind, key, form, draft) {
  const password = form.elements.namedItem('password')?.value ?? '';
  switch (kind) {
    case 'user':
      if (key === null) {
        return ['POST', '/api/admin/users', { username: draft.username.trim(), displayName: draft.displayName,
          password, roles: draft.roles, skills: skillList(draft.skills) }];
      }
      return ['PUT', `/api/admin/users/${encodeURIComponent(key)}`, { displayName: draft.displayName,
        roles: draft.roles, skills: skillList(draft.skills), disabled: draft.disabled }];
    case 'password':
      return ['POST', `/api/admin/users/${encodeURIComponent(key)}/password`, { password }];
    case 'department': {
      const body = { name: draft.name, calendarCode: draft.calendarCode.trim(), members: draft.members,
        managers: draft.managers };
      return key === null ? ['POST', '/api/admin/departments', { code: draft.code.trim(), ...body }]
        : ['PUT', `/api/admin/departments/${encodeURIComponent(key)}`, body];
    }
    case 'calendar':
      return ['PUT', `/api/admin/calendars/${encodeURIComponent(key)}`, calendarBody(key, draft)];
    default:
      throw new Error(`unknown form ${kind}`);
  }
}

function calendarBody(code, draft) {
  const week = {};
  for (const day of WEEKDAYS) {
    const periods = parseHours(draft[`week.${day}`] ?? '');
    if (periods === null) {
      throw { field: `week.${day}`, text: t('admin.cal.badHours', { day: t(`admin.day.${day}`) }) };
    }
    week[day] = periods;
  }
  const parsed = parseDays(draft.days ?? '');
  if (parsed.badLine) {
    throw { field: 'days', text: t('admin.cal.badDay', { line: parsed.badLine }) };
  }
  return { code, name: draft.name, zone: draft.zone.trim(), week, days: parsed.days };
}

/** The calendar as the server keeps it now (read back, so that the list shows what the clocks will use). */
async function savedCalendar(code, answer) {
  const { calendars } = await get('/api/admin/calendars');
  return (calendars ?? []).find((c) => c.code === code) ?? answer;
}

function savedText(kind, item) {
  return kind === 'password' ? t('admin.user.passwordReset', { name: item.displayName })
    : t('admin.saved', { name: item.displayName ?? item.name ?? item.code });
}

async function unlock(button) {
  const username = button.dataset.unlock;
  button.disabled = true;
  try {
    await post(`/api/admin/users/${encodeURIComponent(username)}/unlock`);
    const { users } = await get('/api/admin/users');
    dispatch({ type: 'users', users });
    flash(t('admin.user.unlocked', { name: username }));
  } catch (e) {
    button.disabled = false;
    flash(errorText(e), 'error');
  }
}

async function submit(form) {
  const { kind, key } = state.form;
  const draft = draftOf(form);
  let request;
  try {
    request = requestOf(kind, key, form, draft);
  } catch (problem) {
    dispatch({ type: 'failed', draft, field: problem.field, text: problem.text });
    return;
  }
  const [method, path, body] = request;
  form.querySelectorAll('button').forEach((b) => { b.disabled = true; });
  try {
    const answer = await (method === 'PUT' ? put(path, body) : post(path, body));
    const item = kind === 'calendar' ? await savedCalendar(key, answer) : answer;
    dispatch({ type: 'saved', kind, item });
    flash(savedText(kind, item));
  } catch (e) {
    const at = kind === 'calendar' ? refusalAt(e.field, e.message, draft.days) : { field: e.field, text: e.message };
    const { field } = at;
    const text = at.line ? t('admin.cal.dayRefused', { line: at.line, message: at.text }) : at.text;
    const known = field && form.querySelector(`[data-error-for="${CSS.escape(field)}"], [name="${
      CSS.escape(field)}"], [name^="${CSS.escape(field)}."]`);
    dispatch({ type: 'failed', draft, field: known ? field : null, text: e.status ? text : errorText(e) });
  }
}

function wire() {
  root().addEventListener('click', (event) => {
    const tab = event.target.closest('[data-tab]');
    const open = event.target.closest('[data-open]');
    const unlocking = event.target.closest('[data-unlock]');
    if (unlocking) {
      unlock(unlocking);
    } else if (tab) {
      dispatch({ type: 'tab', tab: tab.dataset.tab });
    } else if (open) {
      dispatch({ type: 'open', kind: open.dataset.open, key: open.dataset.key ?? null });
      root().querySelector('form[data-form] input:not([type=hidden]), form[data-form] textarea')?.focus();
    } else if (event.target.closest('[data-cancel]')) {
      dispatch({ type: 'cancel' });
    }
  });
  root().addEventListener('submit', (event) => {
    event.preventDefault();
    submit(event.target);
  });
}

async function main() {
  const user = await startPage(['ADMIN']);
  document.getElementById('user-name').textContent = user.displayName;
  wire();
  dispatch({ type: 'tab', tab: 'users' });
  onLanguageChange(() => render(root(), renderAdmin(state)));
  await load();
}

main().catch((e) => flash(errorText(e), 'error'));
