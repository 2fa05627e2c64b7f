// The admin page's state and its pure reduce(state, message): the lists the server sent (users, the roles there are,
// departments, calendars), the tab shown, the one form open (kind + key; key null = a new record), the values the
// admin typed into it (draft, kept when the server refuses a save) and the errors by field. Also the pure
// conversions of a calendar between the API's object and the form's text.

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
export const DAY_KINDS = ['HOLIDAY', 'WORKDAY'];

export const initialState = {
  loaded: false,
  loadError: null,
  users: [],
  roles: [],
  departments: [],
  calendars: [],
  calendarsError: null,
  tab: 'users',
  form: null, // { kind: 'user' | 'password' | 'department' | 'calendar', key }
  draft: null,
  errors: {},
  formError: null,
};

function upsert(list, item, keyOf) {
  const key = keyOf(item);
  const others = list.filter((x) => keyOf(x) !== key);
  return [...others, item].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

const KEYS = {
  user: (u) => u.username,
  password: (u) => u.username,
  department: (d) => d.code,
  calendar: (c) => c.code,
};
const LISTS = { user: 'users', password: 'users', department: 'departments', calendar: 'calendars' };

export function reduce(state, message) {
  switch (message.type) {
    case 'loaded':
      return { ...state, loaded: true, loadError: null, users: message.users, roles: message.roles,
        departments: message.departments };
    case 'loadFailed':
      return { ...state, loaded: true, loadError: message.message };
    case 'users':
      return { ...state, users: message.users };
    case 'calendars':
      return { ...state, calendars: message.calendars, calendarsError: null };
    case 'calendarsFailed':
      return { ...state, calendars: [], calendarsError: message.message };
    case 'tab':
      return { ...state, tab: message.tab, form: null, draft: null, errors: {}, formError: null };
    case 'open':
      return { ...state, form: { kind: message.kind, key: message.key ?? null }, draft: null, errors: {},
        formError: null };
    case 'cancel':
      return { ...state, form: null, draft: null, errors: {}, formError: null };
    case 'saved': {
      const list = LISTS[message.kind];
      return { ...state, [list]: upsert(state[list], message.item, KEYS[message.kind]), form: null, draft: null,
        errors: {}, formError: null };
    }
    case 'failed': {
      const { field, text } = message;
      return { ...state, draft: message.draft, errors: field ? { [field]: text } : {}, formError: field ? null : text };
    }
    default:
      return state;
  }
}

/** The form's text for one weekday: "09:00-12:00, 13:30-18:00". */
export function hoursText(periods) {
  return (periods ?? []).map(([from, to]) => `${from}-${to}`).join(', ');
}

const PERIOD = /^([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-4]):([0-5]\d)$/;

/** [["09:00","12:00"], …] from the form's text, or null when it is not periods. */
export function parseHours(text) {
  const trimmed = text.trim();
  if (!trimmed) {
    return [];
  }
  const periods = [];
  for (const part of trimmed.split(/[,，]/)) {
    const m = PERIOD.exec(part.trim());
    if (!m) {
      return null;
    }
    periods.push([`${m[1]}:${m[2]}`, `${m[3]}:${m[4]}`]);
  }
  return periods;
}

/** The form's text of the special days: one "2027-02-06 HOLIDAY 春节" a line. */
export function daysText(days) {
  return (days ?? []).map((d) => `${d.date} ${d.kind}${d.name ? ` ${d.name}` : ''}`).join('\n');
}

const DAY = /^(\d{4}-\d{2}-\d{2})\s+(HOLIDAY|WORKDAY)(?:\s+(.+))?$/i;

/**
 * {days, lines} from the form's text (lines[i]: the 1-based line of days[i]), or {badLine} for the first line that
 * is not a day.
 */
export function parseDays(text) {
  const days = [];
  const lineOf = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) {
      continue;
    }
    const m = DAY.exec(line);
    if (!m) {
      return { badLine: i + 1 };
    }
    days.push({ date: m[1], kind: m[2].toUpperCase(), name: m[3]?.trim() ?? '' });
    lineOf.push(i + 1);
  }
  return { days, lines: lineOf };
}

/**
 * Where the form shows a refusal of the server: its "days[2].date" is the days text field, named by its line
 * (the server counts the days sent, the admin sees lines); other fields are shown where they are named.
 */
export function refusalAt(field, message, daysTextValue) {
  const m = /^days\[(\d+)\]/.exec(field ?? '');
  if (!m) {
    return { field, text: message };
  }
  const line = parseDays(daysTextValue ?? '').lines?.[Number(m[1])];
  return { field: 'days', line, text: message };
}
