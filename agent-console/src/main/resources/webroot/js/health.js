// The node's health on the wallboard: each "stats" message carries {status, time, components: [{name, state, up,
// kind, since, detail}]}; a part that is not up is listed in a banner above the queues until it is up again.
// reduceHealth(state, message) and renderHealth(state) are pure: the page only puts the result in #health-banner.
import { html } from './esc.js';
import { t } from './i18n.js';
import { time } from './format.js';

export const initialHealth = { status: 'UP', components: [] };

/** The health after a WebSocket message: a stats message replaces it, any other message leaves it as it is. */
export function reduceHealth(state, message) {
  if (message?.type !== 'stats' || !message.health) {
    return state;
  }
  return { status: message.health.status, components: message.health.components ?? [] };
}

/** The parts that are not up. */
export function partsDown(state) {
  return (state?.components ?? []).filter((c) => !c.up);
}

/** Whether the banner is hidden: everything is up. */
export function healthBannerHidden(state) {
  return state.status === 'UP' && partsDown(state).length === 0;
}

/** The banner's content: the overall status, then one item per part that is not up. */
export function renderHealth(state) {
  const down = partsDown(state);
  return html`<strong data-health-status="${state.status}">${t(`health.${state.status}`)}</strong>
    <ul class="health-parts">${down.map((c) => html`<li data-component="${c.name}" data-state="${c.state}">${
      t('health.part', { name: c.name, state: c.state, since: time(c.since) })}${
      c.detail ? html` <span class="muted">${c.detail}</span>` : ''}</li>`)}</ul>`;
}
