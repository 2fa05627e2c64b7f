// Small formatting helpers shared by the pages.
import { language } from './i18n.js';

export function duration(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds || 0));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Seconds elapsed since an ISO instant (never negative). */
export function since(iso) {
  if (!iso) {
    return 0;
  }
  return Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
}

export function dateTime(iso) {
  if (!iso) {
    return '';
  }
  return new Date(iso).toLocaleString(language(), { hour12: false });
}

export function time(iso) {
  if (!iso) {
    return '';
  }
  return new Date(iso).toLocaleTimeString(language(), { hour12: false });
}

/** Keeps every [data-since] element showing the time elapsed since its ISO instant, once a second. */
export function startTicking(root = document) {
  const tick = () => {
    root.querySelectorAll('[data-since]').forEach((el) => {
      el.textContent = el.dataset.since ? duration(since(el.dataset.since)) : '';
    });
  };
  tick();
  return setInterval(tick, 1000);
}
