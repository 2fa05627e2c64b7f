// Flash messages: one state object, a pure reduce(state, message) and render(state). The box is an overlay (fixed
// position, see .flash in app.css), so a message never pushes the page down; it is a live region (role="status",
// aria-live="polite", role="alert" for errors) so a screen reader reads it. An info message leaves by itself after
// INFO_MS; an error stays until its close button is pressed or another message replaces it, so it is not missed.
import { html, render } from './esc.js';
import { t } from './i18n.js';

export const INFO_MS = 4000;
export const initialFlash = { text: null, kind: 'info', seq: 0 };

/** {type: 'show', text, kind} shows a message, {type: 'dismiss', seq} hides it (if it is still the one shown). */
export function reduceFlash(state, message) {
  switch (message.type) {
    case 'show':
      return { text: message.text, kind: message.kind === 'error' ? 'error' : 'info', seq: state.seq + 1 };
    case 'dismiss':
      return message.seq === state.seq ? { ...state, text: null } : state;
    default:
      return state;
  }
}

export function renderFlash(state) {
  if (!state.text) {
    return html``;
  }
  return html`<span class="flash-text">${state.text}</span>${state.kind === 'error'
    ? html`<button type="button" class="flash-close" data-flash-close="${state.seq}"
        aria-label="${t('flash.close')}" title="${t('flash.close')}">×</button>` : ''}`;
}

let state = initialFlash;

function draw() {
  const box = document.getElementById('flash');
  if (!box) {
    return;
  }
  box.hidden = !state.text;
  box.className = `flash flash-${state.kind}`;
  box.setAttribute('role', state.kind === 'error' ? 'alert' : 'status');
  box.setAttribute('aria-live', state.kind === 'error' ? 'assertive' : 'polite');
  box.dataset.kind = state.kind;
  render(box, renderFlash(state));
}

function dispatch(message) {
  state = reduceFlash(state, message);
  draw();
}

/** Shows a short message (kind: 'info' | 'error'). */
export function flash(text, kind = 'info') {
  dispatch({ type: 'show', text, kind });
  if (state.kind === 'info') {
    const { seq } = state;
    setTimeout(() => dispatch({ type: 'dismiss', seq }), INFO_MS);
  }
}

/** Wires the close button of #flash (once per page). */
export function initFlash() {
  const box = document.getElementById('flash');
  if (box) {
    box.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-flash-close]');
      if (button) {
        dispatch({ type: 'dismiss', seq: Number(button.dataset.flashClose) });
      }
    });
  }
}
