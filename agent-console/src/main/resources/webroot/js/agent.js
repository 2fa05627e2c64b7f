// Agent workspace: state controls, screen-pop with answer / hang up, in-call controls, ticket form, my tickets,
// the queue callbacks of the agent's queues.
import { get, post } from './api.js';
import { initialOffer, offers, reduceOffer, stale } from './agent-actions.js';
import { createCallbackList } from './callbacks.js';
import { createCustomerPanel } from './customer-panel.js';
import { initCallControls, renderCallControls, showDialProgress, showPlacedCallEnded } from './call-controls.js';
import { onLanguageChange, t, tOr } from './i18n.js';
import { startTicking } from './format.js';
import { connectLive } from './live.js';
import { errorText, flash, startPage } from './page.js';
import { renderPop } from './pop.js';
import { initTicketForm, rerenderTicketPanel, setCallContext } from './ticket-form.js';

const $ = (id) => document.getElementById(id);

const view = {
  state: 'LOGGED_OUT',
  reason: null,
  since: null,
  callId: null,
  offer: null, // the last call.offered message
  phase: 'idle', // idle | ringing | talking | ended | missed | transferred
  endedBy: null,
  transfer: null, // { target, kind } once the call was transferred away
  onHold: false,
  recording: false,
  recordingFile: null,
  actions: initialOffer, // the call actions the server offers (agent-actions.js)
};

function resetCallFeatures() {
  view.onHold = false;
  view.recording = false;
  view.recordingFile = null;
}

function applySnapshot(s) {
  if (!s) {
    return;
  }
  view.state = s.state;
  view.reason = s.reason ?? null;
  view.since = s.since ?? s.stateSince ?? null;
  view.callId = s.callId ?? null;
  if (Array.isArray(s.actions)) {
    view.actions = reduceOffer(view.actions, { type: 'offered', state: s.state, actions: s.actions });
  } else if (stale(view.actions, view.state)) {
    refreshActions();
  }
  if (view.offer && view.callId === view.offer.callId) {
    if (view.state === 'RESERVED') {
      view.phase = 'ringing';
    } else if (view.state === 'ON_CALL') {
      view.phase = 'talking';
    }
  }
  renderState();
  renderPhase();
}

/** Asks the server which call actions it offers now (a state change over the socket does not say). */
async function refreshActions() {
  try {
    const me = await get('/api/agent/me');
    view.actions = reduceOffer(view.actions, { type: 'offered', state: me.state, actions: me.actions });
    renderState();
  } catch (e) {
    flash(errorText(e), 'error');
  }
}

function renderState() {
  const badge = $('agent-state');
  badge.textContent = t(`state.${view.state}`);
  badge.dataset.state = view.state;
  $('agent-reason').textContent = view.state === 'NOT_READY' && view.reason
    ? `(${tOr(`reason.${view.reason}`, view.reason)})` : '';
  $('agent-state-time').dataset.since = view.since ?? '';
  const s = view.state;
  $('btn-ready').disabled = !['NOT_READY', 'WRAP_UP'].includes(s);
  $('btn-notready').disabled = !['READY', 'NOT_READY', 'WRAP_UP'].includes(s);
  $('btn-finish-wrapup').disabled = s !== 'WRAP_UP';
  // only the buttons of the actions the server offers in this state: none where the switch cannot do it
  $('pop').dataset.actionsFor = view.actions.state ?? '';
  $('pop').dataset.actions = view.actions.actions.join(' ');
  $('btn-answer').hidden = !offers(view.actions, s, 'answer');
  $('btn-answer').disabled = s !== 'RESERVED';
  $('btn-hangup').hidden = !offers(view.actions, s, 'hangup');
  $('btn-hangup').disabled = s !== 'ON_CALL';
  renderCallControls(view);
}

function renderPhase() {
  const panel = $('pop');
  panel.dataset.phase = view.phase;
  panel.dataset.callId = view.offer?.callId ?? '';
  const text = {
    idle: '',
    ringing: t('pop.ringing'),
    talking: t('pop.talking'),
    ended: t('pop.ended', { party: t(`party.${view.endedBy ?? 'SYSTEM'}`) }),
    missed: t('pop.missed'),
    transferred: view.transfer ? t('pop.transferred', {
      target: view.transfer.target,
      kind: t(`transfer.${view.transfer.kind}`),
    }) : '',
  }[view.phase];
  $('pop-phase').textContent = text;
}

function renderAll() {
  renderState();
  renderPhase();
  renderPop($('pop-body'), view.offer);
}

let customerPanel = null;
const linkedCustomers = new Map(); // callId -> the customer card the agent linked to that call (kept over reconnects)

/** The customer the agent created, chose or edited for the popped call: the pop shows it, the ticket form uses it. */
function linkCustomer(card) {
  if (!view.offer) {
    return;
  }
  linkedCustomers.set(view.offer.callId, card);
  view.offer = { ...view.offer, pop: { ...view.offer.pop,
    customer: { id: card.id, name: card.name, customerClass: card.customerClass },
    products: card.products, openTickets: card.openTickets, recentCalls: card.recentCalls } };
  renderPop($('pop-body'), view.offer);
  setCallContext(view.offer);
}

function showOffer(offer, phase) {
  view.offer = offer;
  view.phase = phase;
  view.endedBy = null;
  view.transfer = null;
  resetCallFeatures();
  renderState();
  renderPop($('pop-body'), offer);
  renderPhase();
  setCallContext(offer);
  const linked = linkedCustomers.get(offer?.callId);
  if (linked) {
    linkCustomer(linked);
  }
  customerPanel.offer(view.offer, linked);
}

let callbacks = null;

function onMessage(msg) {
  switch (msg.type) {
    case 'callback':
      callbacks.onMessage(msg);
      break;
    case 'hello':
      callbacks.load(); // after every (re)connect: changes missed while the socket was down
      applySnapshot(msg.agent);
      if (msg.offer) {
        showOffer(msg.offer, { RESERVED: 'ringing', ON_CALL: 'talking' }[view.state] ?? 'ended');
      }
      if (msg.call) {
        view.onHold = msg.call.onHold;
        view.recording = msg.call.recording;
        view.recordingFile = msg.call.file ?? null;
        renderState();
      }
      break;
    case 'agent.state':
      applySnapshot(msg);
      break;
    case 'call.offered':
      showOffer(msg, 'ringing');
      break;
    case 'call.answered':
      if (view.offer?.callId === msg.callId) {
        view.phase = 'talking';
        renderPhase();
      }
      break;
    case 'call.dial':
      showDialProgress(msg);
      break;
    case 'call.ended':
      if (showPlacedCallEnded(msg)) {
        break;
      }
      if (view.offer?.callId === msg.callId) {
        view.phase = 'ended';
        view.endedBy = msg.party;
        resetCallFeatures();
        renderState();
        renderPhase();
      }
      break;
    case 'call.hold':
      if (view.offer?.callId === msg.callId) {
        view.onHold = msg.onHold;
        renderState();
      }
      break;
    case 'call.recording':
      if (view.offer?.callId === msg.callId) {
        view.recording = msg.recording;
        view.recordingFile = msg.recording ? msg.file : null;
        renderState();
      }
      break;
    case 'call.transferred':
      if (view.offer?.callId === msg.callId) {
        view.phase = 'transferred';
        view.transfer = { target: msg.target, kind: msg.kind };
        resetCallFeatures();
        renderState();
        renderPhase();
      }
      break;
    case 'call.missed':
      if (view.offer?.callId === msg.callId) {
        view.phase = 'missed';
        renderPhase();
      }
      break;
    default:
      break;
  }
}

async function act(path, body) {
  try {
    const snapshot = await post(path, body);
    if (snapshot && snapshot.state) {
      applySnapshot(snapshot);
    }
  } catch (e) {
    flash(errorText(e), 'error');
  }
}

function wireButtons() {
  $('btn-ready').addEventListener('click', () => act('/api/agent/state', { state: 'READY' }));
  $('btn-notready').addEventListener('click', () => act('/api/agent/state', {
    state: 'NOT_READY',
    reason: $('notready-reason').value,
  }));
  $('btn-finish-wrapup').addEventListener('click', () => act('/api/agent/wrapup/finish'));
  $('btn-answer').addEventListener('click', () => act('/api/agent/answer'));
  $('btn-hangup').addEventListener('click', () => act('/api/agent/hangup'));
}

const user = await startPage(['AGENT']);
$('agent-name').textContent = user.displayName || user.username;
wireButtons();
initCallControls(view, renderState);
callbacks = createCallbackList({ tbody: $('callback-rows'), mode: 'agent', me: user.username, columns: 7 });
customerPanel = createCustomerPanel($('customer-panel'), linkCustomer);
renderAll();
onLanguageChange(() => {
  renderAll();
  customerPanel.redraw();
  rerenderTicketPanel();
  callbacks.redraw();
});
startTicking();
await initTicketForm();
await callbacks.load();
connectLive(onMessage);
