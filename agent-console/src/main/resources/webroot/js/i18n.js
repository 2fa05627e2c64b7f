// Messages from i18n/<lang>.json and each capability's i18n/<bundle>.<lang>.json (BUNDLES); zh-CN first, en second;
// the choice is remembered in localStorage.
// Static text: data-i18n="key" (text), data-i18n-placeholder="key", data-i18n-title="key" (document title).

const STORAGE_KEY = 'hotline.lang';
export const LANGUAGES = ['zh-CN', 'en'];
// one message file per capability, so that each keeps its texts beside its pages
export const BUNDLES = ['tickets', 'admin', 'customers', 'intake', 'notify'];
let messages = {};
let current = LANGUAGES[0];
const listeners = [];

function stored() {
  try {
    const lang = localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.includes(lang) ? lang : LANGUAGES[0];
  } catch {
    return LANGUAGES[0];
  }
}

export function language() {
  return current;
}

/** The message for key with {name} placeholders filled from params; the key itself when missing. */
export function t(key, params = {}) {
  const text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** t() for a key that may not exist (e.g. an ACD reason code): falls back to the raw value. */
export function tOr(key, fallback) {
  return Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : fallback;
}

export function applyStatic(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  });
  const titleKey = document.documentElement.dataset.i18nTitle;
  if (titleKey) {
    document.title = t(titleKey);
  }
  document.documentElement.lang = current;
}

export async function setLanguage(lang) {
  const chosen = LANGUAGES.includes(lang) ? lang : LANGUAGES[0];
  const files = [`i18n/${chosen}.json`, ...BUNDLES.map((b) => `i18n/${b}.${chosen}.json`)];
  const parts = await Promise.all(files.map(async (file) => {
    const response = await fetch(file, { credentials: 'same-origin' });
    return response.json();
  }));
  messages = Object.assign({}, ...parts);
  current = chosen;
  try {
    localStorage.setItem(STORAGE_KEY, chosen);
  } catch {
    // private mode: the choice just is not remembered
  }
  applyStatic();
  listeners.forEach((fn) => fn(chosen));
}

/** Called after every language change (to re-render dynamic parts). */
export function onLanguageChange(fn) {
  listeners.push(fn);
}

/** Loads the remembered language and wires the #lang-switch select. */
export async function initI18n() {
  await setLanguage(stored());
  const select = document.getElementById('lang-switch');
  if (select) {
    select.value = current;
    select.addEventListener('change', () => setLanguage(select.value));
  }
}

/** A queue's name in the current language (configured queues without a translation show their id). */
export function queueName(name) {
  return name ? tOr(`queue.${name}`, name) : '';
}
