// Renders the screen-pop of an offered call (see the call.offered message) into #pop-body. A ticket of the caller
// opens in the ticket workspace in a new tab, so that the call's desk stays where it is.
import { html, render } from './esc.js';
import { queueName, t, tOr } from './i18n.js';
import { dateTime, duration } from './format.js';

function none() {
  return html`<p class="muted">${t('pop.nothing')}</p>`;
}

function customerCard(pop) {
  const c = pop.customer;
  const name = c ? c.name : t('pop.unknownCaller');
  const cls = c ? html`<span class="class-badge class-${c.customerClass}">${t(`class.${c.customerClass}`)}</span>` : '';
  return html`
    <div class="customer-card">
      <h3 id="pop-customer-name" data-testid="pop-customer-name">${name}</h3>
      ${cls}
      <dl class="facts">
        <dt>${t('pop.caller')}</dt><dd class="mono">${pop.callerNumber || t('pop.withheld')}</dd>
        <dt>${t('pop.queue')}</dt><dd>${queueName(pop.queue)}</dd>
        <dt>${t('pop.wait')}</dt><dd class="mono">${duration(pop.waitSeconds)}</dd>
        <dt>${t('pop.ivrPath')}</dt><dd class="mono">${pop.ivrPath || '-'}</dd>
        <dt>${t('pop.digits')}</dt><dd class="mono">${pop.digits || '-'}</dd>
      </dl>
      ${pop.complete ? '' : html`<p class="warn">${t('pop.incomplete')}</p>`}
    </div>`;
}

function warranty(p) {
  if (!p.warrantyEnd) {
    return html`<span class="badge badge-muted">${t('warranty.unknown')}</span>`;
  }
  return p.underWarranty
    ? html`<span class="badge badge-ok">${t('warranty.in')}</span>`
    : html`<span class="badge badge-bad">${t('warranty.out')}</span>`;
}

function products(list) {
  if (!list.length) {
    return none();
  }
  return html`
    <table class="grid">
      <thead><tr>
        <th>${t('pop.model')}</th><th>${t('pop.serial')}</th><th>${t('pop.purchaseDate')}</th>
        <th>${t('pop.warrantyEnd')}</th><th>${t('pop.warranty')}</th>
      </tr></thead>
      <tbody>${list.map((p) => html`<tr>
        <td>${p.model}</td><td class="mono">${p.serial}</td><td>${p.purchaseDate ?? ''}</td>
        <td>${p.warrantyEnd ?? ''}</td><td>${warranty(p)}</td>
      </tr>`)}</tbody>
    </table>`;
}

function tickets(list) {
  if (!list.length) {
    return none();
  }
  return html`
    <table class="grid">
      <thead><tr>
        <th>${t('ticket.number')}</th><th>${t('ticket.type')}</th><th>${t('ticket.status')}</th>
        <th>${t('ticket.category')}</th>
      </tr></thead>
      <tbody>${list.map((k) => html`<tr>
        <td><a class="mono" href="tickets.html?id=${k.id}" target="_blank" rel="noopener"
          data-open-ticket="${k.id}">${k.number}</a></td><td>${t(`type.${k.type}`)}</td>
        <td>${tOr(`tk.status.${k.status}`, k.status)}</td>
        <td>${k.category}</td>
      </tr>`)}</tbody>
    </table>`;
}

function calls(list) {
  if (!list.length) {
    return none();
  }
  return html`
    <table class="grid">
      <thead><tr>
        <th>${t('call.time')}</th><th>${t('call.queue')}</th><th>${t('call.agent')}</th><th>${t('call.outcome')}</th>
      </tr></thead>
      <tbody>${list.map((c) => html`<tr>
        <td>${dateTime(c.arrivedAt)}</td>
        <td>${c.direction === 'OUTBOUND' ? t('call.outboundTo', { number: c.destination ?? '' }) : queueName(c.queue)}</td><td>${c.agent ?? ''}</td>
        <td>${tOr(`outcome.${c.outcome ?? 'LIVE'}`, c.outcome)}</td>
      </tr>`)}</tbody>
    </table>`;
}

export function renderPop(container, offer) {
  if (!offer) {
    render(container, html`<p class="muted">${t('pop.none')}</p>`);
    return;
  }
  const pop = offer.pop;
  render(container, html`
    ${customerCard(pop)}
    <h4>${t('pop.products')}</h4>
    <div id="pop-products">${products(pop.products)}</div>
    <h4>${t('pop.openTickets')}</h4>
    <div id="pop-tickets">${tickets(pop.openTickets)}</div>
    <h4>${t('pop.recentCalls')}</h4>
    <div id="pop-calls">${calls(pop.recentCalls)}</div>`);
}
