// In-call controls of the agent workspace: hold / resume, transfer (blind or attended), recording, click-to-dial
// with the placed call's progress (call.dial messages) under the dial bar.
// The view object is agent.js's; these functions read it and, after a successful request, update it and re-render.
import { post } from './api.js';
import { offers } from './agent-actions.js';
import { t } from './i18n.js';
import { errorText, flash } from './page.js';

const $ = (id) => document.getElementById(id);
const DESTINATION = /^[0-9A-Za-z*#+/_.@-]{1,64}$/;
const ON_CALL_CONTROLS = ['btn-hold', 'btn-record', 'transfer-target', 'transfer-mode', 'btn-transfer'];
let busy = false;
/** The last progress of the call the agent placed: { callId, key, number, progress }, or null. */
let placed = null;

/**
 * Shows the call controls while ON_CALL and the dial bar's button while NOT_READY / READY, each only where the server
 * offers its action (view.actions, agent-actions.js).
 */
export function renderCallControls(view) {
  const onCall = view.state === 'ON_CALL';
  const offered = (action) => offers(view.actions, view.state, action);
  $('call-controls').hidden = !onCall;
  ON_CALL_CONTROLS.forEach((id) => {
    $(id).disabled = !onCall || busy;
  });
  $('btn-hold').hidden = !offered('hold');
  $('btn-record').hidden = !offered('recording');
  $('transfer-form').hidden = !offered('transfer');
  const hold = $('btn-hold');
  hold.textContent = t(view.onHold ? 'callctl.resume' : 'callctl.hold');
  hold.dataset.onHold = String(Boolean(view.onHold));
  const record = $('btn-record');
  record.textContent = t(view.recording ? 'callctl.stopRecord' : 'callctl.record');
  record.dataset.recording = String(Boolean(view.recording));
  const indicator = $('recording-indicator');
  indicator.hidden = !(onCall && view.recording);
  indicator.title = view.recordingFile ?? '';
  $('hold-indicator').hidden = !(onCall && view.onHold);
  const canDial = ['NOT_READY', 'READY'].includes(view.state);
  $('dial-destination').disabled = !canDial;
  $('btn-dial').hidden = !offered('dial');
  $('btn-dial').disabled = !canDial || busy;
  renderDialStatus();
}

function renderDialStatus() {
  const status = $('dial-status');
  status.hidden = placed === null;
  if (placed) {
    status.textContent = t(placed.key, { number: placed.number });
    status.dataset.progress = placed.progress;
    status.dataset.callId = placed.callId;
  }
}

/**
 * A {@code call.dial} message: how a call the agent placed (click-to-dial, a queue callback) progresses. The agent's
 * own phone rings first (ownPhone), then the number dialled.
 */
export function showDialProgress(msg) {
  let key;
  if (msg.ownPhone) {
    key = { RINGING: 'dial.own.RINGING', ANSWERED: 'dial.own.ANSWERED' }[msg.progress] ?? 'dial.own.failed';
  } else {
    key = `dial.${msg.progress}`;
  }
  placed = { callId: msg.callId, key, number: msg.number ?? msg.destination, progress: msg.progress };
  renderDialStatus();
}

/** A {@code call.ended} message; true when it ended the call the agent placed (then shown in the dial bar). */
export function showPlacedCallEnded(msg) {
  if (!placed || placed.callId !== msg.callId) {
    return false;
  }
  // what the line says once the call is over: the conversation ended, or where the call stopped
  const after = {
    'dial.ANSWERED': ['dial.ended', 'ENDED'],
    'dial.own.RINGING': ['dial.own.failed', 'FAILED'],
    'dial.own.ANSWERED': ['dial.FAILED', 'FAILED'],
    'dial.RINGING': ['dial.CANCELLED', 'CANCELLED'],
  }[placed.key];
  if (after) {
    placed = { ...placed, key: after[0], progress: after[1] };
  }
  renderDialStatus();
  return true;
}

/** The trimmed value of a number field, or null (field marked, message shown) when it is not a valid destination. */
function destination(inputId) {
  const input = $(inputId);
  const value = input.value.trim();
  const ok = DESTINATION.test(value);
  input.classList.toggle('invalid', !ok);
  if (!ok) {
    flash(t('callctl.invalidNumber'), 'error');
    input.focus();
  }
  return ok ? value : null;
}

export function initCallControls(view, rerender) {
  ['transfer-target', 'dial-destination'].forEach((id) => {
    $(id).addEventListener('input', () => $(id).classList.remove('invalid'));
  });

  async function send(path, body, inputId) {
    busy = true;
    rerender();
    try {
      const result = await post(path, body);
      if (inputId) {
        $(inputId).classList.remove('invalid');
      }
      return result;
    } catch (e) {
      if (inputId && e.field) {
        $(inputId).classList.add('invalid');
      }
      flash(errorText(e), 'error');
      return null;
    } finally {
      busy = false;
      rerender();
    }
  }

  $('btn-hold').addEventListener('click', async () => {
    const result = await send('/api/agent/hold', { onHold: !view.onHold });
    if (result) {
      view.onHold = result.onHold;
      rerender();
      flash(t(result.onHold ? 'callctl.held' : 'callctl.resumed'));
    }
  });

  $('btn-record').addEventListener('click', async () => {
    const result = await send('/api/agent/recording', { action: view.recording ? 'stop' : 'start' });
    if (result) {
      view.recording = result.recording;
      view.recordingFile = result.file ?? null;
      rerender();
      flash(result.recording ? t('callctl.recordStarted', { file: result.file }) : t('callctl.recordStopped'));
    }
  });

  $('transfer-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const target = destination('transfer-target');
    if (!target) {
      return;
    }
    const result = await send('/api/agent/transfer', { target, mode: $('transfer-mode').value }, 'transfer-target');
    if (result) {
      $('transfer-target').value = '';
      flash(t('callctl.transferred', { target: result.target, mode: t(`transfer.${result.mode}`) }));
    }
  });

  $('dial-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const number = destination('dial-destination');
    if (!number) {
      return;
    }
    const result = await send('/api/agent/dial', { destination: number }, 'dial-destination');
    if (result) {
      flash(t('callctl.dialling', { destination: number }));
      if (!placed || placed.callId !== result.callId) {
        placed = { callId: result.callId, key: 'dial.own.RINGING', number, progress: 'RINGING' };
        renderDialStatus();
      }
    }
  });
}
