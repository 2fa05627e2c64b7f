// The notification bell beside the navigation bar of every logged-in page (page.js starts it). One state object, a
// pure reduce(state, message) and render(state): the list comes from GET /api/notifications, new ones arrive over
// the page's WebSocket ({type: "notification"}); a 'hello' (a socket (re)connected) reloads the list, so nothing
// pushed while the socket was down is missed. Each notification is rendered from its kind and params in the user's
// language (notify bundle); one with a ticket opens it (tickets.html?id=…) and is marked read on the way.
import { get, post } from './api.js';
import { html, render as renderInto } from './esc.js';
import { dateTime } from './format.js';
import { onLanguageChange, t, tOr } from './i18n.js';
import { connectLive, liveStarted, onLive } from './live.js';

export const LIMIT = 30;
/** A page that opens no socket of its own within this time gets one from the bell. */
const OWN_SOCKET_AFTER_MS = 1500;

export const initialBell = { open: false, unread: 0, items: [], loaded: false, failed: false };

/**
 * Messages: {type: 'loaded', unread, notifications}, {type: 'failed'}, {type: 'pushed', notification},
 * {type: 'toggle'}, {type: 'close'}, {type: 'read', id}, {type: 'allRead'}.
 */
export function reduceBell(state, message) {
  switch (message.type) {
    case 'loaded':
      return { ...state, unread: message.unread, items: message.notifications.slice(0, LIMIT), loaded: true,
        failed: false };
    case 'failed':
      return { ...state, failed: true };
    case 'pushed': {
      const n = message.notification;
      if (state.items.some((i) => i.id === n.id)) {
        return state;
      }
      return { ...state, items: [n, ...state.items].slice(0, LIMIT), unread: state.unread + (n.read ? 0 : 1) };
    }
    case 'toggle':
      return { ...state, open: !state.open };
    case 'close':
      return state.open ? { ...state, open: false } : state;
    case 'read': {
      const item = state.items.find((i) => i.id === message.id);
      const wasUnread = item ? !item.read : false;
      return {
        ...state,
        items: state.items.map((i) => (i.id === message.id ? { ...i, read: true } : i)),
        unread: Math.max(0, state.unread - (wasUnread ? 1 : 0)),
      };
    }
    case 'allRead':
      return { ...state, items: state.items.map((i) => ({ ...i, read: true })), unread: 0 };
    default:
      return state;
  }
}

/** The text of one notification: its kind's message with its params (a clock named in the user's language). */
export function notificationText(n) {
  const params = { number: n.ticketNumber ?? '', ...n.params };
  params.clock = params.clock ? tOr(`notify.clock.${params.clock}`, params.clock) : t('notify.clock.any');
  const key = `notify.kind.${n.kind}`;
  return tOr(key, null) === null ? t('notify.kind.unknown', { kind: n.kind }) : t(key, params);
}

function item(n) {
  const text = notificationText(n);
  const label = n.ticketId
    ? html`<a class="bell-link" href="tickets.html?id=${n.ticketId}" data-bell-open="${n.id}">${text}</a>`
    : html`<span class="bell-text">${text}</span>`;
  return html`<li class="bell-item${n.read ? '' : ' unread'}" data-testid="bell-item" data-id="${n.id}"
    data-kind="${n.kind}">
    <div class="bell-line">${n.urgent ? html`<span class="bell-urgent">${t('notify.urgent')}</span>` : ''}${label}</div>
    <div class="bell-meta"><span class="muted">${dateTime(n.deliverAt)}</span>${n.read ? ''
      : html`<button type="button" class="quiet bell-mark" data-bell-read="${n.id}">${t('notify.markRead')}</button>`}</div>
  </li>`;
}

export function renderBell(state) {
  const count = state.unread > 99 ? '99+' : String(state.unread);
  return html`<button type="button" class="bell-button quiet" data-testid="bell-button" data-bell-toggle
      aria-expanded="${state.open ? 'true' : 'false'}" aria-haspopup="true"
      aria-label="${t('notify.bell')} (${t('notify.unreadCount', { count: state.unread })})"
      title="${t('notify.bell')}"><svg class="bell-icon" viewBox="0 0 24 24" width="18" height="18"
      aria-hidden="true"><path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7
      7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/></svg>${state.unread > 0
      ? html`<span class="bell-count" data-testid="bell-count">${count}</span>` : ''}</button>
    ${state.open ? html`<div class="bell-panel" data-testid="bell-panel" role="dialog" aria-label="${t('notify.title')}">
      <div class="bell-head"><strong>${t('notify.title')}</strong>
        <span class="muted" data-testid="bell-unread">${t('notify.unreadCount', { count: state.unread })}</span>
        <button type="button" class="quiet" data-testid="bell-all-read" data-bell-all-read
          ${state.unread === 0 ? 'disabled' : ''}>${t('notify.allRead')}</button></div>
      ${state.failed ? html`<p class="bell-empty">${t('notify.loadFailed')}</p>` : ''}
      ${state.items.length === 0 && !state.failed ? html`<p class="bell-empty">${t('notify.empty')}</p>` : ''}
      <ul class="bell-list">${state.items.map(item)}</ul>
    </div>` : ''}`;
}

/** Puts the bell after the page's #nav and keeps it live; for every logged-in page. */
export function startBell() {
  const nav = document.getElementById('nav');
  if (!nav || document.getElementById('bell')) {
    return;
  }
  const box = document.createElement('div');
  box.id = 'bell';
  box.className = 'bell';
  box.dataset.testid = 'bell';
  nav.after(box);
  let state = initialBell;

  const draw = () => renderInto(box, renderBell(state));
  const dispatch = (message) => {
    state = reduceBell(state, message);
    draw();
  };
  const load = async () => {
    try {
      const inbox = await get(`/api/notifications?limit=${LIMIT}`);
      dispatch({ type: 'loaded', unread: inbox.unread, notifications: inbox.notifications });
    } catch {
      dispatch({ type: 'failed' });
    }
  };
  const markRead = async (id) => {
    try {
      await post(`/api/notifications/${id}/read`);
      dispatch({ type: 'read', id });
    } catch {
      dispatch({ type: 'failed' });
    }
  };

  box.addEventListener('click', async (event) => {
    const target = event.target.closest('[data-bell-toggle], [data-bell-read], [data-bell-all-read], [data-bell-open]');
    if (!target) {
      return;
    }
    if (target.matches('[data-bell-toggle]')) {
      dispatch({ type: 'toggle' });
    } else if (target.matches('[data-bell-read]')) {
      await markRead(Number(target.dataset.bellRead));
    } else if (target.matches('[data-bell-all-read]')) {
      try {
        await post('/api/notifications/read-all');
        dispatch({ type: 'allRead' });
      } catch {
        dispatch({ type: 'failed' });
      }
    } else if (target.matches('[data-bell-open]')) {
      event.preventDefault();
      await markRead(Number(target.dataset.bellOpen));
      window.location.assign(target.getAttribute('href'));
    }
  });
  document.addEventListener('click', (event) => {
    // the path, not box.contains(target): a click inside the bell may have re-rendered (removed) its target
    if (state.open && !event.composedPath().includes(box)) {
      dispatch({ type: 'close' });
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      dispatch({ type: 'close' });
    }
  });
  onLive((message) => {
    if (message.type === 'notification') {
      dispatch({ type: 'pushed', notification: message.notification });
    } else if (message.type === 'hello') {
      load();
    }
  });
  onLanguageChange(draw);
  draw();
  load();
  setTimeout(() => {
    if (!liveStarted()) {
      connectLive(() => {});
    }
  }, OWN_SOCKET_AFTER_MS);
}
