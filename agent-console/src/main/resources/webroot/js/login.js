// The login page. It asks GET /api/session (public: {user: null} without a session, so a page load leaves no 401
// in the browser's console) whether someone is logged in already, and whether this node is a demo: only then it
// shows the demo accounts (state object `hint`, pure renderDemoHint(state)).
import { ApiError, get, post } from './api.js';
import { html, render } from './esc.js';
import { initI18n, onLanguageChange, t } from './i18n.js';
import { pageFor } from './nav.js';

const DEMO_ACCOUNTS = [
  { name: 'admin', role: 'demo.role.admin' },
  { name: 'supervisor', role: 'demo.role.supervisor' },
  { name: 'agent1 … agent5', role: 'demo.role.agent' },
  { name: 'engineer, coordinator, complaint_handler, complaint_manager, department_manager, centre_head',
    role: 'demo.role.backOffice' },
];
const hint = { demo: false };

export function renderDemoHint(state) {
  if (!state.demo) {
    return html``;
  }
  return html`<h3>${t('demo.title')}</h3>
    <p>${t('demo.accounts')}</p>
    <ul>${DEMO_ACCOUNTS.map((u) => html`<li><code>${u.name}</code> ${t(u.role)}</li>`)}</ul>
    <p>${t('demo.password')} <code data-testid="demo-password">demo</code></p>`;
}

function drawHint() {
  const box = document.getElementById('demo-hint');
  box.hidden = !hint.demo;
  render(box, renderDemoHint(hint));
}

function showError(text) {
  const box = document.getElementById('login-error');
  box.textContent = text;
  box.hidden = !text;
}

async function checkSession() {
  try {
    const session = await get('/api/session', { redirectOn401: false });
    hint.demo = session.demo === true;
    drawHint();
    const page = session.user ? pageFor(session.user) : null;
    if (page) {
      window.location.assign(page);
    }
  } catch {
    // the server cannot be reached: the form says so at the first attempt
  }
  document.body.dataset.session = 'checked';
}

async function submit(event) {
  event.preventDefault();
  const username = document.getElementById('login-username').value.trim();
  const password = document.getElementById('login-password').value;
  if (!username || !password) {
    showError(t('login.required'));
    return;
  }
  const button = document.getElementById('login-submit');
  button.disabled = true;
  button.textContent = t('login.busy');
  try {
    const { user } = await post('/api/login', { username, password }, { redirectOn401: false });
    const page = pageFor(user);
    if (page) {
      window.location.assign(page);
    } else {
      showError(t('login.noRole'));
    }
  } catch (e) {
    if (e instanceof ApiError && e.status === 429) {
      showError(t('login.throttled', { seconds: e.retryAfter ?? 1 }));
    } else if (e instanceof ApiError && e.status === 423) {
      showError(t('login.locked'));
    } else if (e instanceof ApiError && (e.status === 401 || e.status === 400)) {
      showError(e.status === 401 ? t('login.failed') : t('login.required'));
    } else {
      showError(t('error.network'));
    }
  } finally {
    button.disabled = false;
    button.textContent = t('login.submit');
  }
}

await initI18n();
document.getElementById('login-form').addEventListener('submit', submit);
onLanguageChange(drawHint);
await checkSession();
