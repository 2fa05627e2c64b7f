// What every logged-in page does first: language, the current user (or back to the login), the navigation bar,
// logout, flash messages. A user whose roles do not allow the page is sent to the page they do allow, without a
// script error: startPage then never resolves, so the page's own script stops where it is while the browser leaves.
import { get, post } from './api.js';
import { startBell } from './bell.js';
import { render } from './esc.js';
import { flash, initFlash } from './flash.js';
import { initI18n, onLanguageChange, t } from './i18n.js';
import { pageFor, renderNav } from './nav.js';

export { flash };

function leaveFor(href) {
  window.location.replace(href);
  return new Promise(() => {});
}

function currentPage() {
  return window.location.pathname.split('/').pop() || 'index.html';
}

export async function startPage(allowed) {
  await initI18n();
  const { user } = await get('/api/session');
  if (!user) {
    return leaveFor('index.html');
  }
  if (!user.roles.some((r) => allowed.includes(r))) {
    return leaveFor(pageFor(user) ?? 'index.html');
  }
  initFlash();
  const nav = document.getElementById('nav');
  if (nav) {
    const draw = () => {
      nav.setAttribute('aria-label', t('nav.label'));
      render(nav, renderNav(user, currentPage()));
    };
    draw();
    onLanguageChange(draw);
    startBell();
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
