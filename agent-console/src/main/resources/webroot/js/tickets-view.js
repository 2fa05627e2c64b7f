// render(state) of the ticket workspace: the worklist with live countdowns, the filtered list, the managers' view
// of stalled and overdue tickets per department, and a ticket's detail with its clocks, timeline and the forms of
// the actions the server allows. Pure: html`...` only (every value escaped), no DOM access, no state of its own.
import { html } from './esc.js';
import { t, tOr } from './i18n.js';
import { dateTime } from './format.js';
import {
  clockChoices, enumOf, fieldKind, PAGE_SIZE, perDepartment, span, STATUSES, TYPES, urgency,
} from './tickets-model.js';

const label = (prefix, value) => (value ? tOr(`tk.${prefix}.${value}`, value) : '');

/** The countdown of a deadline: coloured by how much time is left, "overdue by …" once it passed. */
export function countdown(dueAt, now) {
  const u = urgency(dueAt, now);
  if (u.level === 'none') {
    return html`<span class="countdown" data-level="none">${t('tk.noDeadline')}</span>`;
  }
  const text = u.level === 'overdue' ? t('tk.overdueBy', { time: span(u.seconds) }) : span(u.seconds);
  return html`<span class="countdown" data-level="${u.level}" data-due="${dueAt}"
    title="${dateTime(dueAt)}">${text}</span>`;
}

function flags(r) {
  return html`${r.overdue ? html` <span class="badge badge-bad" data-flag="overdue">${t('tk.overdue')}</span>` : ''}${
    r.stalled ? html` <span class="badge badge-warn" data-flag="stalled">${t('tk.stalled')}</span>` : ''}${
    r.severity === 'MAJOR' ? html` <span class="badge badge-bad">${label('severity', 'MAJOR')}</span>` : ''}`;
}

function ticketLink(r) {
  return html`<a href="tickets.html?id=${r.id}" class="mono ticket-number" data-open-ticket="${r.id}">${r.number}</a>`;
}

function rowCells(r, now) {
  return html`<td>${ticketLink(r)}</td>
    <td>${label('type', r.type)}</td>
    <td><span class="tk-status" data-status="${r.status}">${label('status', r.status)}</span>${flags(r)}</td>
    <td>${r.customerName ?? ''}</td>
    <td>${r.assignee ?? ''}</td>
    <td>${r.departments.join(', ')}</td>
    <td>${r.nextClock ? label('clock', r.nextClock) : ''} ${countdown(r.nextDueAt, now)}</td>`;
}

function head(extra) {
  return html`<thead><tr>
    <th>${t('tk.number')}</th><th>${t('tk.type')}</th><th>${t('tk.status')}</th><th>${t('tk.customer')}</th>
    <th>${t('tk.assignee')}</th><th>${t('tk.departments')}</th><th>${t('tk.deadline')}</th>${extra}
  </tr></thead>`;
}

function empty(part, columns) {
  if (part.error) {
    return html`<tr><td colspan="${columns}" class="error-text">${part.error}</td></tr>`;
  }
  return html`<tr><td colspan="${columns}" class="muted">${part.loaded ? t('tk.none') : t('tk.loading')}</td></tr>`;
}

export function renderWorklist(state) {
  const { rows } = state.worklist;
  return html`<div class="table-scroll"><table class="grid wide" data-testid="worklist">${head(html`<th>${t('tk.why')}</th>`)}
    <tbody>${rows.length ? rows.map((r) => html`<tr data-ticket="${r.number}" data-row-level="${
      urgency(r.nextDueAt, state.now).level}">${rowCells(r, state.now)}<td>${label('why', r.why)}</td></tr>`)
    : empty(state.worklist, 8)}</tbody></table></div>`;
}

function options(values, prefix, chosen, anyKey) {
  return html`<option value="">${t(anyKey)}</option>${values.map((v) => html`<option value="${v}"${
    v === chosen ? html` selected` : ''}>${label(prefix, v)}</option>`)}`;
}

export function renderFilters(state) {
  const f = state.list.filter;
  return html`<form id="tk-filters" class="tk-filters" role="search">
    <label>${t('tk.type')} <select name="type">${options(TYPES, 'type', f.type, 'tk.any')}</select></label>
    <label>${t('tk.status')} <select name="status">${options(STATUSES, 'status', f.status, 'tk.any')}</select></label>
    <label>${t('tk.assignee')} <input name="assignee" value="${f.assignee}" list="tk-filter-users"
      placeholder="${t('tk.assigneeHint')}"></label>
    <label>${t('tk.department')} <input name="department" value="${f.department}"
      list="tk-filter-departments"></label>
    <label class="inline"><input type="checkbox" name="overdue"${f.overdue ? html` checked` : ''}> ${t('tk.overdue')}</label>
    <label class="inline"><input type="checkbox" name="stalled"${f.stalled ? html` checked` : ''}> ${t('tk.stalled')}</label>
    <label>${t('tk.search')} <input type="search" name="q" value="${f.q}" placeholder="${t('tk.searchHint')}"></label>
    <button type="submit" class="primary">${t('tk.apply')}</button>
  </form>`;
}

export function renderList(state) {
  const { rows, total, offset } = state.list;
  const last = Math.min(offset + rows.length, total);
  return html`<div class="table-scroll"><table class="grid wide" data-testid="ticket-list">${head('')}
      <tbody>${rows.length ? rows.map((r) => html`<tr data-ticket="${r.number}">${rowCells(r, state.now)}</tr>`)
    : empty(state.list, 7)}</tbody></table></div>
    <p class="pager">
      <button type="button" data-page="${offset - PAGE_SIZE}"${offset === 0 ? html` disabled` : ''}>${t('tk.prev')}</button>
      <span>${state.list.loaded ? t('tk.range', { from: total ? offset + 1 : 0, to: last, total }) : ''}</span>
      <button type="button" data-page="${offset + PAGE_SIZE}"${last >= total || !state.list.loaded
  ? html` disabled` : ''}>${t('tk.next')}</button>
    </p>`;
}

export function renderManagers(state) {
  const groups = perDepartment(state.managers.rows);
  if (!groups.length) {
    return html`<p class="muted" data-testid="managers">${state.managers.error ?? (state.managers.loaded
      ? t('tk.noneStalled') : t('tk.loading'))}</p>`;
  }
  return html`<div data-testid="managers">${groups.map((g) => html`
    <section class="tk-dept" data-department="${g.department}">
      <h3>${g.department || t('tk.noDepartment')}
        <span class="badge badge-bad">${t('tk.overdueCount', { n: g.overdue })}</span>
        <span class="badge badge-warn">${t('tk.stalledCount', { n: g.stalled })}</span></h3>
      <div class="table-scroll"><table class="grid wide">${head('')}<tbody>${g.tickets.map((r) => html`<tr data-ticket="${r.number}">${
        rowCells(r, state.now)}</tr>`)}</tbody></table></div>
    </section>`)}</div>`;
}

function clockRow(c, now) {
  const pause = c.state === 'PAUSED' ? html`${t('tk.pausedSince', { time: dateTime(c.pausedSince) })}${
    c.pauseReason ? html` · ${label('reason', c.pauseReason)}` : ''}` : '';
  return html`<tr data-clock="${c.name}" data-state="${c.state}">
    <td>${label('clock', c.name)}</td>
    <td><span class="tk-clock-state" data-state="${c.state}">${label('clockState', c.state)}</span></td>
    <td>${c.state === 'RUNNING' ? countdown(c.dueAt, now) : ''} ${dateTime(c.dueAt)}</td>
    <td>${pause}${c.metAt ? t('tk.metAt', { time: dateTime(c.metAt) }) : ''}${
      c.breachedAt ? html` <span class="error-text">${t('tk.breachedAt', { time: dateTime(c.breachedAt) })}</span>` : ''}</td>
  </tr>`;
}

function changes(fields) {
  const entries = Object.entries(fields ?? {});
  return entries.length ? html`<ul class="tk-fields">${entries.map(([k, v]) => html`<li><span class="muted">${
    label('field', k)}:</span> ${tOr(`tk.${k}.${v}`, tOr(`${k === 'serviceMode' ? 'mode' : k}.${v}`, v))}</li>`)}</ul>`
    : '';
}

function timeline(history) {
  if (!history.length) {
    return html`<p class="muted">${t('tk.noHistory')}</p>`;
  }
  return html`<ol class="tk-timeline" data-testid="timeline">${history.map((h) => html`
    <li data-action="${h.action}"${h.visibleToCustomer ? html` class="tk-visible"` : ''}>
      <div><strong>${h.actor}</strong> · <span class="muted">${dateTime(h.at)}</span> ·
        ${label('action', h.action)}${h.fromStatus && h.fromStatus !== h.toStatus ? html` · ${
  label('status', h.fromStatus)} → ${label('status', h.toStatus)}` : ''}${h.visibleToCustomer
  ? html` <span class="badge badge-ok">${t('tk.customerVisible')}</span>` : ''}</div>
      ${changes(h.fields)}${h.comment ? html`<p class="tk-comment">${h.comment}</p>` : ''}
    </li>`)}</ol>`;
}

function input(state, form, f) {
  const id = `tk-f-${f.name}`;
  const value = form.values[f.name];
  const attrs = html`id="${id}" name="${f.name}" data-field="${f.name}"${f.required ? html` required` : ''}${
    form.errors[f.name] ? html` class="invalid" aria-invalid="true"` : ''}`;
  switch (fieldKind(f.name, form.action)) {
    case 'select':
      return html`<select ${attrs}><option value="">${t('tk.choose')}</option>${enumOf(f.name, form.action).map((v) => html`
        <option value="${v}"${v === value ? html` selected` : ''}>${label(f.name, v)}</option>`)}</select>`;
    case 'clock':
      return html`<select ${attrs}>${clockChoices(state.detail.ticket, form.action).map((v) => html`
        <option value="${v}"${v === value ? html` selected` : ''}>${label('clock', v)}</option>`)}</select>`;
    case 'user':
      return html`<input ${attrs} value="${value}" list="tk-users" autocomplete="off">`;
    case 'department':
      return html`<input ${attrs} value="${value}" list="tk-departments" autocomplete="off">`;
    case 'departments':
      return html`<input ${attrs} value="${value.join(', ')}" list="tk-departments"
        placeholder="${t('tk.departmentsHint')}">`;
    case 'checkbox':
      return html`<input type="checkbox" ${attrs}${value ? html` checked` : ''}>`;
    case 'datetime':
      return html`<input type="datetime-local" ${attrs} value="${value}">`;
    case 'textarea':
      return html`<textarea ${attrs} rows="3" maxlength="4000">${value}</textarea>`;
    default:
      return html`<input ${attrs} value="${value}" maxlength="200">`;
  }
}

function actionForm(state) {
  const form = state.detail.form;
  if (!form) {
    return '';
  }
  return html`<form id="tk-action-form" class="form-grid tk-action-form" data-action="${form.action}" novalidate>
    <h3>${label('action', form.action)}</h3>
    ${form.fields.map((f) => html`<label for="tk-f-${f.name}">${label('field', f.name)}${f.required ? ' *' : ''}</label>
      <div>${input(state, form, f)}<span class="field-error" data-error-for="${f.name}">${
  form.errors[f.name] ? (form.errors[f.name] === 'required' ? t('tk.required') : form.errors[f.name]) : ''}</span></div>`)}
    <div class="tk-form-buttons">
      <button type="submit" class="primary" id="tk-action-submit"${state.detail.busy ? html` disabled` : ''}>${
  label('action', form.action)}</button>
      <button type="button" class="quiet" data-close-form="1">${t('tk.cancel')}</button>
    </div>
  </form>`;
}

function notice(detail) {
  const n = detail.notice;
  if (!n) {
    return detail.outdated ? html`<p class="tk-notice" data-kind="outdated">${t('tk.outdated')}
      <button type="button" data-reload="1">${t('tk.reload')}</button></p>` : '';
  }
  const text = {
    done: () => t('tk.done', { action: label('action', n.action) }),
    stale: () => t('tk.stale'),
    conflict: () => t('tk.conflict', { message: n.text }),
    forbidden: () => t('tk.forbidden', { message: n.text }),
    notFound: () => t('tk.notFound'),
    error: () => t('tk.failed', { message: n.text }),
  }[n.kind]();
  return html`<p class="tk-notice" role="${n.kind === 'done' ? 'status' : 'alert'}" data-kind="${n.kind}"
    data-testid="tk-notice">${text}</p>`;
}

function facts(k) {
  const row = (key, value) => (value ? html`<dt>${t(key)}</dt><dd>${value}</dd>` : '');
  return html`<dl class="facts">
    ${row('tk.type', label('type', k.type))}
    ${row('tk.status', html`<span class="tk-status" data-status="${k.status}" data-testid="tk-status">${
    label('status', k.status)}</span>`)}
    ${row('tk.category', k.category)}
    ${row('tk.complaintClass', label('complaintClass', k.complaintClass))}
    ${row('tk.severity', label('severity', k.severity))}
    ${row('tk.priority', k.priority ? tOr(`priority.${k.priority}`, k.priority) : '')}
    ${row('tk.customer', k.customerName ?? k.contactName ?? (k.customerId ? `#${k.customerId}` : ''))}
    ${row('tk.field.contactName', k.customerName && k.contactName !== k.customerName ? k.contactName : '')}
    ${row('tk.phone', k.contactPhone)}
    ${row('tk.email', k.contactEmail)}
    ${row('tk.channel', label('channel', k.channel))}
    ${row('tk.product', [k.productModel, k.productSerial].filter(Boolean).join(' · '))}
    ${row('tk.escalationLevel', k.escalationLevel > 0 ? t('tk.level', { n: k.escalationLevel }) : '')}
    ${row('tk.assignee', html`<span data-testid="tk-assignee">${k.assignee ?? ''}</span>`)}
    ${row('tk.departments', html`<span data-testid="tk-departments">${k.departments.join(', ')}</span>`)}
    ${row('tk.createdBy', k.createdBy)}
    ${row('tk.createdAt', dateTime(k.createdAt))}
    ${row('tk.call', k.callId)}
  </dl>
  ${k.description ? html`<p class="tk-description">${k.description}</p>` : ''}
  ${k.resolution || k.guidance ? html`<dl class="facts" data-testid="tk-outcome">
    ${row('tk.field.resolution', k.resolution)}
    ${row('tk.field.customerInformedVia', label('customerInformedVia', k.customerInformedVia))}
    ${row('tk.field.customerInformedAt', dateTime(k.customerInformedAt))}
    ${row('tk.field.guidance', k.guidance)}
  </dl>` : ''}`;
}

export function renderDetail(state) {
  const d = state.detail;
  if (d.error) {
    return html`<p class="error-text" data-testid="tk-notice">${d.error}</p>`;
  }
  const k = d.ticket;
  if (!k) {
    return html`<p class="muted">${t('tk.loading')}</p>`;
  }
  return html`<article class="tk-detail" data-ticket="${k.number}" data-version="${k.version}">
    <h2><span class="mono">${k.number}</span> ${flags({ ...k, overdue: k.clocks.some((c) => c.state === 'BREACHED') })}</h2>
    ${notice(d)}
    <div class="tk-detail-grid">
      <section>${facts(k)}</section>
      <section>
        <h3>${t('tk.clocks')}</h3>
        ${k.clocks.length ? html`<div class="table-scroll"><table class="grid" data-testid="clocks"><tbody>${
    k.clocks.map((c) => clockRow(c, state.now))}</tbody></table></div>` : html`<p class="muted">${t('tk.noClocks')}</p>`}
      </section>
    </div>
    <div class="tk-actions" data-testid="tk-actions">${k.allowedActions.map((a) => html`<button type="button"
      data-open-form="${a.action}"${d.form?.action === a.action ? html` aria-pressed="true"` : ''}>${
  label('action', a.action)}</button>`)}</div>
    ${actionForm(state)}
    <h3>${t('tk.timeline')}</h3>
    ${timeline(k.history)}
  </article>`;
}

export function renderTabs(state) {
  const tabs = ['worklist', 'list', ...(state.manager ? ['managers'] : [])];
  return html`${tabs.map((v) => html`<button type="button" role="tab" data-view="${v}"${
    state.view === v ? html` aria-selected="true" class="current"` : html` aria-selected="false"`}>${
    t(`tk.view.${v}`)}</button>`)}`;
}

export function renderMain(state) {
  switch (state.view) {
    case 'list':
      return renderList(state);
    case 'managers':
      return renderManagers(state);
    case 'detail':
      return renderDetail(state);
    default:
      return renderWorklist(state);
  }
}

/**
 * The datalists the assignee and department inputs offer: the action forms' from GET /api/tickets/{id}/choices,
 * the list filters' from GET /api/tickets/choices (loaded with the page, before any ticket is open).
 */
export function renderPickers(state) {
  const options = (list) => list.map((c) => html`<option value="${c.value}">${c.label ?? ''}</option>`);
  return html`<datalist id="tk-users">${options(state.users)}</datalist><datalist id="tk-departments">${
    options(state.departments)}</datalist><datalist id="tk-filter-users" data-testid="tk-filter-users">${
    options(state.filterChoices.assignees)}</datalist><datalist id="tk-filter-departments"
    data-testid="tk-filter-departments">${options(state.filterChoices.departments)}</datalist>`;
}
