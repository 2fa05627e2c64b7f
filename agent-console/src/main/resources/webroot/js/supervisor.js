// Supervisor wallboard: queues and agents live from the WebSocket "stats" messages, plus the last 20 calls.
// An agent on a call can be listened to, whispered to or barged in on from its row. The open queue callbacks of
// every queue are listed live (WebSocket "callback" messages) and can be cancelled. A part of the node that is not up
// (the database, an AMI link, the FastAGI server) is shown in a banner from the same "stats" messages (health.js).
import { get, post } from './api.js';
import { createCallbackList } from './callbacks.js';
import { html, render } from './esc.js';
import { onLanguageChange, queueName, t, tOr } from './i18n.js';
import { dateTime, duration, since, startTicking, time } from './format.js';
import { healthBannerHidden, initialHealth, reduceHealth, renderHealth } from './health.js';
import { connectLive } from './live.js';
import { errorText, flash, startPage } from './page.js';

const CALLS_REFRESH_MS = 15000;
const SPY_MODES = ['LISTEN', 'WHISPER', 'BARGE'];
const $ = (id) => document.getElementById(id);

let stats = null;
let calls = [];
let callbacks = null;
let health = initialHealth;

function emptyRow(columns) {
  return html`<tr><td colspan="${columns}" class="muted">${t('sup.noData')}</td></tr>`;
}

function renderQueues() {
  const queues = stats?.queues ?? [];
  render($('queue-rows'), queues.length ? html`${queues.map((q) => html`
    <tr data-queue="${q.name}">
      <td>${queueName(q.name)}</td>
      <td class="num ${q.waiting > 0 ? 'hot' : ''}">${q.waiting}</td>
      <td class="num mono">${duration(q.longestWaitSeconds)}</td>
      <td class="num">${q.offered}</td>
      <td class="num">${q.answered}</td>
      <td class="num">${q.abandoned}</td>
      <td class="num">${Math.round((q.serviceLevel ?? 1) * 100)}%</td>
      <td class="num">${q.agentsReady ?? ''}</td>
      <td class="num" data-col="callbacksRequested">${q.callbacksRequested ?? 0}</td>
      <td class="num" data-col="callbacksOpen">${q.callbacksOpen ?? 0}</td>
    </tr>`)}` : emptyRow(10));
}

function callBadges(a) {
  return html`${a.onHold ? html` <span class="badge badge-hold">${t('sup.onHold')}</span>` : ''}${
    a.recording ? html` <span class="badge badge-rec"><span class="rec-dot"></span>${t('sup.recording')}</span>` : ''}`;
}

function spyButtons(a) {
  if (a.state !== 'ON_CALL') {
    return '';
  }
  return html`${SPY_MODES.map((mode) => html`<button type="button" class="spy-btn"
    data-spy-agent="${a.username}" data-spy-mode="${mode}">${t(`spy.${mode}`)}</button>`)}`;
}

function renderAgents() {
  const agents = stats?.agents ?? [];
  render($('agent-rows'), agents.length ? html`${agents.map((a) => html`
    <tr data-agent="${a.username}">
      <td>${a.username}</td>
      <td><span class="state-badge" data-state="${a.state}">${t(`state.${a.state}`)}</span>${callBadges(a)}</td>
      <td>${a.reason ? tOr(`reason.${a.reason}`, a.reason) : ''}</td>
      <td class="num mono" data-since="${a.stateSince ?? ''}">${a.stateSince ? duration(since(a.stateSince)) : ''}</td>
      <td class="num">${a.answered}</td>
      <td class="spy-actions">${spyButtons(a)}</td>
    </tr>`)}` : emptyRow(6));
}

async function spy(button) {
  const agent = button.dataset.spyAgent;
  const mode = button.dataset.spyMode;
  button.disabled = true;
  try {
    const result = await post('/api/supervisor/spy', { agent, mode });
    flash(t('spy.started', { agent, mode: t(`spy.${mode}`), id: result.spyCallId }));
  } catch (e) {
    flash(errorText(e), 'error');
  } finally {
    button.disabled = false;
  }
}

function renderCalls() {
  render($('call-rows'), calls.length ? html`${calls.map((c) => html`
    <tr>
      <td>${dateTime(c.arrivedAt)}</td>
      <td class="mono">${c.direction === 'OUTBOUND' ? t('call.outboundTo', { number: c.destination ?? '' }) : c.ani}</td>
      <td>${c.direction === 'OUTBOUND' ? t('call.outbound') : queueName(c.queue)}</td>
      <td>${c.agent ?? ''}</td>
      <td class="num mono">${c.waitMs == null ? '' : duration(Math.round(c.waitMs / 1000))}</td>
      <td class="num mono">${c.talkMs == null ? '' : duration(Math.round(c.talkMs / 1000))}</td>
      <td>${tOr(`outcome.${c.outcome ?? 'LIVE'}`, c.outcome)}</td>
    </tr>`)}` : emptyRow(7));
}

function renderHealthBanner() {
  const banner = $('health-banner');
  banner.hidden = healthBannerHidden(health);
  banner.dataset.status = health.status;
  render(banner, renderHealth(health));
}

function renderAll() {
  renderHealthBanner();
  renderQueues();
  renderAgents();
  renderCalls();
  callbacks.redraw();
}

async function refreshCalls() {
  try {
    calls = (await get('/api/calls?limit=20')).calls;
    renderCalls();
  } catch {
    // shown again on the next refresh
  }
}

function onMessage(msg) {
  if (msg.type === 'hello') {
    callbacks.load(); // after every (re)connect: changes missed while the socket was down
  } else if (msg.type === 'callback') {
    callbacks.onMessage(msg);
  } else if (msg.type === 'stats') {
    // the agent rows (and their buttons) are only redrawn when they changed, so a click is not lost to a redraw
    const agentsChanged = JSON.stringify(msg.agents) !== JSON.stringify(stats?.agents);
    stats = msg;
    health = reduceHealth(health, msg);
    renderHealthBanner();
    renderQueues();
    if (agentsChanged) {
      renderAgents();
    }
    $('stats-updated').textContent = t('sup.updated', { time: time(new Date().toISOString()) });
  }
}

const user = await startPage(['SUPERVISOR', 'ADMIN']);
$('user-name').textContent = user.displayName || user.username;
$('agent-rows').addEventListener('click', (event) => {
  const button = event.target.closest('button[data-spy-agent]');
  if (button) {
    spy(button);
  }
});
callbacks = createCallbackList({ tbody: $('callback-rows'), mode: 'supervisor', me: user.username, columns: 8 });
renderAll();
onLanguageChange(renderAll);
startTicking();
await callbacks.load();
await refreshCalls();
setInterval(refreshCalls, CALLS_REFRESH_MS);
connectLive(onMessage);
