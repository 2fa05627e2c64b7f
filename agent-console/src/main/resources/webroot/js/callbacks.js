// Queue callbacks, shared by the agent workspace and the wallboard: the open callbacks (PENDING / IN_PROGRESS) in a
// table, oldest request first, loaded from GET /api/callbacks and kept live from the WebSocket "callback" messages.
// Agent mode: PENDING rows can be called back (claim + dial); the row the agent holds has the result buttons, a note
// and "release". Supervisor mode: every queue, who holds each callback, and "cancel".
import { get, post } from './api.js';
import { html, render } from './esc.js';
import { queueName, t } from './i18n.js';
import { dateTime } from './format.js';
import { errorText, flash } from './page.js';

const OPEN = ['PENDING', 'IN_PROGRESS'];
const RESULTS = [
  { result: 'REACHED', key: 'cb.reached', css: 'cb-reached' },
  { result: 'NO_ANSWER', key: 'cb.noAnswer', css: 'cb-no-answer' },
  { result: 'WRONG_NUMBER', key: 'cb.wrongNumber', css: 'cb-wrong-number' },
];

const stamp = (iso) => (iso ? Date.parse(iso) : 0);

/**
 * @param tbody the table body to render into
 * @param mode 'agent' | 'supervisor'
 * @param me the logged-in username
 * @param columns the table's column count (for the "nothing here" row)
 */
export function createCallbackList({ tbody, mode, me, columns }) {
  const open = new Map(); // id -> callback, open ones only
  const latest = new Map(); // id -> updatedAt (ms) of the newest state seen, closed ones included
  const notes = new Map(); // id -> note being typed (survives re-rendering)
  let loading = 0;
  let buffered = [];
  let busy = false;

  function apply(cb) {
    const seen = latest.get(cb.id);
    if (seen !== undefined && stamp(cb.updatedAt) < seen) {
      return; // an older state arriving late
    }
    latest.set(cb.id, stamp(cb.updatedAt));
    if (OPEN.includes(cb.status)) {
      open.set(cb.id, cb);
    } else {
      open.delete(cb.id);
      notes.delete(cb.id);
    }
  }

  function sorted() {
    return [...open.values()].sort((a, b) => stamp(a.requestedAt) - stamp(b.requestedAt) || a.id - b.id);
  }

  function mine(cb) {
    return cb.status === 'IN_PROGRESS' && cb.agent === me;
  }

  function statusText(cb) {
    if (cb.status === 'IN_PROGRESS' && cb.agent && !mine(cb)) {
      return t('cb.heldBy', { agent: cb.agent });
    }
    return t(`cbstatus.${cb.status}`);
  }

  function agentActions(cb) {
    if (cb.status === 'PENDING') {
      return html`<button type="button" class="cb-btn cb-claim" data-cb-action="claim" data-cb-id="${cb.id}">${t('cb.callBack')}</button>`;
    }
    if (!mine(cb)) {
      return '';
    }
    return html`<div class="cb-work">
      ${RESULTS.map((r) => html`<button type="button" class="cb-btn ${r.css}" data-cb-action="finish"
        data-cb-result="${r.result}" data-cb-id="${cb.id}">${t(r.key)}</button>`)}
      <input class="cb-note" data-cb-note="${cb.id}" maxlength="500" autocomplete="off"
        aria-label="${t('cb.note')}" placeholder="${t('cb.noteHint')}" value="${notes.get(cb.id) ?? ''}">
      <button type="button" class="cb-btn cb-release" data-cb-action="release" data-cb-id="${cb.id}">${t('cb.release')}</button>
    </div>`;
  }

  function supervisorActions(cb) {
    return html`<button type="button" class="cb-btn cb-cancel" data-cb-action="cancel" data-cb-id="${cb.id}">${t('cb.cancel')}</button>`;
  }

  function row(cb) {
    const customer = cb.customerName || t('cb.unknownCustomer');
    return html`<tr data-callback-id="${cb.id}" data-status="${cb.status}" class="${mine(cb) ? 'cb-mine' : ''}">
      <td>${queueName(cb.queue)}</td>
      <td class="cb-customer">${customer}</td>
      <td class="mono">${cb.phone}</td>
      <td>${dateTime(cb.requestedAt)}</td>
      <td class="num">${cb.attempts}</td>
      <td><span class="cb-status" data-status="${cb.status}">${statusText(cb)}</span></td>
      ${mode === 'supervisor' ? html`<td>${cb.agent ?? ''}</td>` : ''}
      <td class="cb-actions">${mode === 'supervisor' ? supervisorActions(cb) : agentActions(cb)}</td>
    </tr>`;
  }

  function redraw() {
    // keep the note field the agent is typing in focused across a redraw
    const active = document.activeElement;
    const focusedNote = active && tbody.contains(active) ? active.dataset.cbNote : undefined;
    const caret = focusedNote !== undefined ? active.selectionStart : null;
    const list = sorted();
    render(tbody, list.length ? html`${list.map(row)}`
      : html`<tr class="cb-empty"><td colspan="${columns}" class="muted">${t('cb.none')}</td></tr>`);
    tbody.querySelectorAll('button[data-cb-action]').forEach((b) => {
      b.disabled = busy;
    });
    if (focusedNote !== undefined) {
      const input = tbody.querySelector(`input[data-cb-note="${CSS.escape(focusedNote)}"]`);
      if (input) {
        input.focus();
        input.setSelectionRange(caret, caret);
      }
    }
  }

  /** (Re)loads the open callbacks; changes pushed meanwhile are applied on top of what the load returns. */
  async function load() {
    loading += 1;
    try {
      const { callbacks } = await get('/api/callbacks?limit=500');
      open.clear();
      callbacks.forEach((cb) => {
        latest.delete(cb.id);
        apply(cb);
      });
      buffered.forEach(apply);
    } catch (e) {
      flash(errorText(e), 'error');
    } finally {
      loading -= 1;
      if (loading === 0) {
        buffered = [];
      }
      redraw();
    }
  }

  /** A WebSocket "callback" message. */
  function onMessage(msg) {
    if (msg.type !== 'callback' || !msg.callback) {
      return;
    }
    if (loading > 0) {
      buffered.push(msg.callback);
    }
    apply(msg.callback);
    redraw();
  }

  async function act(button) {
    const id = button.dataset.cbId;
    const action = button.dataset.cbAction;
    const note = (notes.get(Number(id)) ?? '').trim();
    let body = {};
    if (action === 'finish') {
      body = { result: button.dataset.cbResult, note };
    } else if (action === 'release') {
      body = { note };
    } else if (action === 'cancel') {
      if (!window.confirm(t('cb.confirmCancel'))) {
        return;
      }
    }
    busy = true;
    redraw();
    try {
      const result = await post(`/api/callbacks/${encodeURIComponent(id)}/${action}`, body);
      const cb = action === 'claim' ? result.callback : result;
      apply(cb);
      if (action === 'claim') {
        flash(t('cb.dialling', { phone: cb.phone }));
      } else if (action === 'finish') {
        notes.delete(cb.id);
        flash(t('cb.finished', { result: t(RESULTS.find((r) => r.result === body.result).key) }));
      } else if (action === 'release') {
        notes.delete(cb.id);
        flash(t('cb.released'));
      } else {
        flash(t('cb.cancelled'));
      }
    } catch (e) {
      flash(errorText(e), 'error');
      if (e.status === 404 || e.status === 409) {
        busy = false;
        await load(); // someone else was quicker: show how things stand now
      }
    } finally {
      busy = false;
      redraw();
    }
  }

  tbody.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-cb-action]');
    if (button && !button.disabled) {
      act(button);
    }
  });
  tbody.addEventListener('input', (event) => {
    const input = event.target.closest('input[data-cb-note]');
    if (input) {
      notes.set(Number(input.dataset.cbNote), input.value);
    }
  });

  redraw();
  return { load, onMessage, redraw };
}
