// What every logged-in page does first: language, the current user (or back to the login), logout, flash messages.
import { get, post } from './api.js';
import { initI18n, t } from './i18n.js';

export async function startPage(allowed) {
  await initI18n();
  const { user } = await get('/api/me');
  if (!user.roles.some((r) => allowed.includes(r))) {
    window.location.assign('index.html');
    throw new Error('wrong page for this user');
  }
  const logout = document.getElementById('btn-logout');
  if (logout) {
    logout.addEventListener('click', async () => {
      try {
        await post('/api/logout');
      } finally {
        window.location.assign('index.html');
      }
    });
  }
  return user;
}

let flashTimer = null;

/** Shows a short message in #flash (kind: 'info' | 'error'). */
export function flash(text, kind = 'info') {
  const box = document.getElementById('flash');
  if (!box) {
    return;
  }
  box.textContent = text;
  box.className = `flash flash-${kind}`;
  box.hidden = false;
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => {
    box.hidden = true;
  }, 6000);
}

/** A user-facing text for a failed request. */
export function errorText(error) {
  if (!error || error.status === undefined) {
    return t('error.network');
  }
  if (error.status === 409) {
    return t('error.conflict', { message: error.message });
  }
  return t('error.generic', { message: error.message });
}
