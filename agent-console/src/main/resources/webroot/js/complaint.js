// The public complaint form (no login, W2.1). One state object; reduce(state, message) is pure and render(state)
// draws it. The server answers the ticket number (201), a 400 naming the field, or a 429 with Retry-After; the hidden
// "website" field is a honeypot a person leaves empty.
import { ApiError, post } from './api.js';
import { initI18n, onLanguageChange, t } from './i18n.js';

export const FIELDS = ['name', 'phone', 'email', 'productSerial', 'description'];
const REQUIRED = ['name', 'phone', 'description'];
const INPUTS = {
  name: 'complaint-name', phone: 'complaint-phone', email: 'complaint-email',
  productSerial: 'complaint-serial', description: 'complaint-description',
};

export const initial = { phase: 'editing', field: null, error: null, minutes: null, number: null };

/** The next state for a message: submit | filed {number} | refused {field, error, minutes} | again. */
export function reduce(state, message) {
  switch (message.type) {
    case 'submit':
      return { ...state, phase: 'sending', field: null, error: null, minutes: null };
    case 'filed':
      return { ...initial, phase: 'done', number: message.number };
    case 'refused':
      return { ...state, phase: 'editing', field: message.field ?? null, error: message.error,
        minutes: message.minutes ?? null };
    case 'again':
      return { ...initial };
    default:
      return state;
  }
}

/** The first required field left empty, or null. */
export function missingField(values) {
  return REQUIRED.find((f) => !values[f]) ?? null;
}

let state = initial;

function $(id) {
  return document.getElementById(id);
}

function errorText(s) {
  if (s.error === 'throttled') {
    return t('intake.error.throttled', { minutes: s.minutes ?? 1 });
  }
  return s.error ? t(`intake.error.${s.error}`) : '';
}

function render(s) {
  $('complaint-form').hidden = s.phase === 'done';
  $('complaint-done').hidden = s.phase !== 'done';
  $('complaint-number').textContent = s.number ?? '';
  const button = $('complaint-submit');
  button.disabled = s.phase === 'sending';
  button.textContent = t(s.phase === 'sending' ? 'intake.busy' : 'intake.submit');
  FIELDS.forEach((f) => {
    $(`complaint-${f}-error`).textContent = s.field === f ? errorText(s) : '';
    $(INPUTS[f]).setAttribute('aria-invalid', s.field === f ? 'true' : 'false');
  });
  const general = $('complaint-error');
  general.textContent = s.field ? '' : errorText(s);
  general.hidden = !general.textContent;
  document.body.dataset.phase = s.phase;
}

function dispatch(message) {
  state = reduce(state, message);
  render(state);
}

function values() {
  const v = {};
  FIELDS.forEach((f) => { v[f] = $(INPUTS[f]).value.trim(); });
  v.website = $('complaint-website').value;
  return v;
}

function clearForm() {
  $('complaint-form').reset();
}

async function submit(event) {
  event.preventDefault();
  const v = values();
  const missing = missingField(v);
  if (missing) {
    dispatch({ type: 'refused', field: missing, error: missing });
    return;
  }
  dispatch({ type: 'submit' });
  try {
    const { number } = await post('/api/public/complaints', v, { redirectOn401: false });
    clearForm();
    dispatch({ type: 'filed', number });
  } catch (e) {
    if (e instanceof ApiError && e.status === 429) {
      dispatch({ type: 'refused', error: 'throttled', minutes: Math.ceil((e.retryAfter ?? 60) / 60) });
    } else if (e instanceof ApiError && e.status === 400 && FIELDS.includes(e.field)) {
      dispatch({ type: 'refused', field: e.field, error: e.field });
    } else if (e instanceof ApiError && e.status === 400) {
      dispatch({ type: 'refused', error: 'invalid' });
    } else {
      dispatch({ type: 'refused', error: 'network' });
    }
  }
}

await initI18n();
$('complaint-form').addEventListener('submit', submit);
$('complaint-again').addEventListener('click', () => dispatch({ type: 'again' }));
onLanguageChange(() => render(state));
render(state);
