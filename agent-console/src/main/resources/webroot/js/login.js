import { ApiError, get, post } from './api.js';
import { initI18n, t } from './i18n.js';

function pageFor(user) {
  if (user.roles.includes('AGENT')) {
    return 'agent.html';
  }
  if (user.roles.includes('SUPERVISOR') || user.roles.includes('ADMIN')) {
    return 'supervisor.html';
  }
  return null;
}

function showError(text) {
  const box = document.getElementById('login-error');
  box.textContent = text;
  box.hidden = !text;
}

async function alreadyLoggedIn() {
  try {
    const { user } = await get('/api/me', { redirectOn401: false });
    const page = pageFor(user);
    if (page) {
      window.location.assign(page);
    }
  } catch {
    // not logged in: stay on the form
  }
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
await alreadyLoggedIn();
