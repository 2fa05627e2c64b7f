// render(state) of the admin page: three tabs (users, departments, calendars), each a list with an edit button per
// row and, when open, the one form of state.form. Every value is escaped by html``; the errors the server (or the
// calendar parser) named by field are shown beside that field, others above the buttons.
import { html } from './esc.js';
import { t, tOr } from './i18n.js';
import { WEEKDAYS, daysText, hoursText } from './admin-state.js';

const TABS = ['users', 'departments', 'calendars'];

function fieldError(state, field) {
  const text = state.errors[field];
  return text ? html`<span class="field-error" data-error-for="${field}">${text}</span>` : '';
}

function formEnd(state) {
  return html`<p class="form-result error-text" data-testid="form-error">${state.formError ?? ''}</p>
    <div class="control-row">
      <button type="submit" class="primary" data-testid="form-save">${t('admin.save')}</button>
      <button type="button" data-cancel="1">${t('admin.cancel')}</button>
    </div>`;
}

function value(state, field, fallback) {
  return state.draft && field in state.draft ? state.draft[field] : fallback;
}

function roleName(role) {
  return tOr(`admin.role.${role}`, role);
}

function isOpen(state, kind, key) {
  return state.form && state.form.kind === kind && state.form.key === key;
}

function stateBadge(u) {
  if (u.disabled) {
    return html`<span class="badge badge-bad" data-state="disabled">${t('admin.user.disabled')}</span>`;
  }
  if (u.lockedAt) {
    return html`<span class="badge badge-muted" data-state="locked">${t('admin.user.locked')}</span>`;
  }
  return html`<span class="badge badge-ok" data-state="enabled">${t('admin.user.enabled')}</span>`;
}

function userForm(state, user) {
  const isNew = !user;
  const roles = value(state, 'roles', user?.roles ?? []);
  return html`<form class="panel admin-form" data-form="user" data-testid="user-form" novalidate>
    <div class="form-grid">
      ${isNew ? html`<label for="f-username">${t('admin.user.username')}</label>
        <div><input id="f-username" name="username" autocomplete="off" value="${value(state, 'username', '')}">
        ${fieldError(state, 'username')}</div>` : ''}
      <label for="f-displayName">${t('admin.user.displayName')}</label>
      <div><input id="f-displayName" name="displayName" value="${value(state, 'displayName', user?.displayName ?? '')}">
        ${fieldError(state, 'displayName')}</div>
      ${isNew ? html`<label for="f-password">${t('admin.user.password')}</label>
        <div><input id="f-password" name="password" type="password" autocomplete="new-password">
        ${fieldError(state, 'password')}</div>` : ''}
      <span>${t('admin.user.roles')}</span>
      <div class="check-list" data-testid="role-choices">${state.roles.map((r) => html`<label class="check">
        <input type="checkbox" name="roles" value="${r}"${roles.includes(r) ? html` checked` : ''}>
        ${roleName(r)}</label>`)}
        ${fieldError(state, 'roles')}</div>
      <label for="f-skills">${t('admin.user.skills')}</label>
      <div><input id="f-skills" name="skills" placeholder="${t('admin.user.skillsHint')}"
        value="${value(state, 'skills', (user?.skills ?? []).join(','))}">${fieldError(state, 'skills')}</div>
      ${isNew ? '' : html`<span>${t('admin.user.state')}</span>
        <div><label class="check"><input type="checkbox" name="disabled" value="true"${
          value(state, 'disabled', user.disabled) ? html` checked` : ''}> ${t('admin.user.disable')}</label>
        ${fieldError(state, 'disabled')}</div>`}
    </div>
    ${formEnd(state)}
  </form>`;
}

function passwordForm(state) {
  return html`<form class="panel admin-form" data-form="password" data-testid="password-form" novalidate>
    <div class="form-grid">
      <label for="f-new-password">${t('admin.user.newPassword')}</label>
      <div><input id="f-new-password" name="password" type="password" autocomplete="new-password">
        ${fieldError(state, 'password')}</div>
    </div>
    ${formEnd(state)}
  </form>`;
}

function renderUsers(state) {
  const formFor = (u) => (isOpen(state, 'user', u.username) ? userForm(state, u)
    : isOpen(state, 'password', u.username) ? passwordForm(state) : '');
  return html`<section class="panel">
    <div class="panel-head"><h2>${t('admin.tab.users')}</h2>
      <button type="button" class="primary" data-open="user" data-testid="new-user">${t('admin.users.new')}</button>
    </div>
    ${isOpen(state, 'user', null) ? userForm(state, null) : ''}
    <table class="grid" data-testid="user-table">
      <thead><tr><th>${t('admin.user.username')}</th><th>${t('admin.user.displayName')}</th>
        <th>${t('admin.user.roles')}</th><th>${t('admin.user.skills')}</th><th>${t('admin.user.state')}</th>
        <th>${t('admin.actions')}</th></tr></thead>
      <tbody>${state.users.map((u) => html`<tr data-user="${u.username}">
        <td class="mono">${u.username}</td><td>${u.displayName}</td>
        <td data-col="roles">${u.roles.map(roleName).join('、')}</td>
        <td>${u.skills.join(', ')}</td><td>${stateBadge(u)}</td>
        <td class="row-actions">
          <button type="button" data-open="user" data-key="${u.username}">${t('admin.edit')}</button>
          <button type="button" data-open="password" data-key="${u.username}">${t('admin.user.resetPassword')}</button>
          ${u.lockedAt ? html`<button type="button" data-unlock="${u.username}">${t('admin.user.unlock')}</button>` : ''}
        </td></tr>
        ${formFor(u) ? html`<tr class="form-row"><td colspan="6">${formFor(u)}</td></tr>` : ''}`)}</tbody>
    </table>
  </section>`;
}

function calendarChoice(state, current) {
  if (state.calendarsError || state.calendars.length === 0) {
    return html`<input id="f-calendarCode" name="calendarCode" value="${current ?? ''}"
      placeholder="${t('admin.dept.defaultCalendar')}">`;
  }
  return html`<select id="f-calendarCode" name="calendarCode">
    <option value="">${t('admin.dept.defaultCalendar')}</option>
    ${state.calendars.map((c) => html`<option value="${c.code}"${c.code === current ? html` selected` : ''}>${
      c.name} (${c.code})</option>`)}
  </select>`;
}

function departmentForm(state, dept) {
  const isNew = !dept;
  const members = value(state, 'members', dept?.members ?? []);
  const managers = value(state, 'managers', dept?.managers ?? []);
  return html`<form class="panel admin-form" data-form="department" data-testid="department-form" novalidate>
    <div class="form-grid">
      ${isNew ? html`<label for="f-code">${t('admin.dept.code')}</label>
        <div><input id="f-code" name="code" autocomplete="off" value="${value(state, 'code', '')}">
        ${fieldError(state, 'code')}</div>` : ''}
      <label for="f-name">${t('admin.dept.name')}</label>
      <div><input id="f-name" name="name" value="${value(state, 'name', dept?.name ?? '')}">
        ${fieldError(state, 'name')}</div>
      <label for="f-calendarCode">${t('admin.dept.calendar')}</label>
      <div>${calendarChoice(state, value(state, 'calendarCode', dept?.calendarCode ?? ''))}
        ${fieldError(state, 'calendarCode')}</div>
      <span>${t('admin.dept.staff')}</span>
      <div><table class="grid staff-table" data-testid="staff-table">
        <thead><tr><th>${t('admin.user.displayName')}</th><th>${t('admin.dept.member')}</th>
          <th>${t('admin.dept.manager')}</th></tr></thead>
        <tbody>${state.users.map((u) => html`<tr data-staff="${u.username}">
          <td>${u.displayName} <span class="muted mono">${u.username}</span></td>
          <td><input type="checkbox" name="members" value="${u.username}" aria-label="${t('admin.dept.member')}"${
            members.includes(u.username) ? html` checked` : ''}></td>
          <td><input type="checkbox" name="managers" value="${u.username}" aria-label="${t('admin.dept.manager')}"${
            managers.includes(u.username) ? html` checked` : ''}></td></tr>`)}</tbody>
      </table>${fieldError(state, 'members')}${fieldError(state, 'managers')}</div>
    </div>
    ${formEnd(state)}
  </form>`;
}

function userNames(state, usernames) {
  const byName = new Map(state.users.map((u) => [u.username, u.displayName]));
  return usernames.map((n) => byName.get(n) ?? n).join('、');
}

function renderDepartments(state) {
  return html`<section class="panel">
    <div class="panel-head"><h2>${t('admin.tab.departments')}</h2>
      <button type="button" class="primary" data-open="department" data-testid="new-department">${
        t('admin.dept.new')}</button>
    </div>
    ${isOpen(state, 'department', null) ? departmentForm(state, null) : ''}
    <table class="grid" data-testid="department-table">
      <thead><tr><th>${t('admin.dept.code')}</th><th>${t('admin.dept.name')}</th><th>${t('admin.dept.calendar')}</th>
        <th>${t('admin.dept.managers')}</th><th>${t('admin.dept.members')}</th><th>${t('admin.actions')}</th></tr></thead>
      <tbody>${state.departments.map((d) => html`<tr data-department="${d.code}">
        <td class="mono">${d.code}</td><td>${d.name}</td><td>${d.calendarCode ?? t('admin.dept.defaultCalendar')}</td>
        <td data-col="managers">${userNames(state, d.managers)}</td><td data-col="members">${userNames(state, d.members)}</td>
        <td><button type="button" data-open="department" data-key="${d.code}">${t('admin.edit')}</button></td></tr>
        ${isOpen(state, 'department', d.code)
          ? html`<tr class="form-row"><td colspan="6">${departmentForm(state, d)}</td></tr>` : ''}`)}</tbody>
    </table>
    ${state.departments.length ? '' : html`<p class="muted">${t('admin.none')}</p>`}
  </section>`;
}

function calendarForm(state, cal) {
  return html`<form class="panel admin-form" data-form="calendar" data-testid="calendar-form" novalidate>
    <div class="form-grid">
      <label for="f-cal-name">${t('admin.cal.name')}</label>
      <div><input id="f-cal-name" name="name" value="${value(state, 'name', cal.name ?? '')}">
        ${fieldError(state, 'name')}</div>
      <label for="f-cal-zone">${t('admin.cal.zone')}</label>
      <div><input id="f-cal-zone" name="zone" value="${value(state, 'zone', cal.zone ?? 'Asia/Shanghai')}">
        ${fieldError(state, 'zone')}</div>
      <span>${t('admin.cal.week')}</span>
      <div class="form-grid week-grid"><span class="muted">${t('admin.cal.weekHint')}</span><span></span>
        ${WEEKDAYS.map((d) => html`<label for="f-week-${d}">${t(`admin.day.${d}`)}</label>
          <div><input id="f-week-${d}" name="week.${d}"
            value="${value(state, `week.${d}`, hoursText(cal.week?.[d]))}">${fieldError(state, `week.${d}`)}</div>`)}
      </div>
      <label for="f-cal-days">${t('admin.cal.days')}</label>
      <div><textarea id="f-cal-days" name="days" rows="8" placeholder="${t('admin.cal.daysHint')}">${
        value(state, 'days', daysText(cal.days))}</textarea>
        <span class="muted">${t('admin.cal.daysHint')}</span>${fieldError(state, 'days')}</div>
    </div>
    ${formEnd(state)}
  </form>`;
}

function renderCalendars(state) {
  if (state.calendarsError) {
    return html`<section class="panel"><h2>${t('admin.tab.calendars')}</h2>
      <p class="error-text" data-testid="calendars-error">${t('admin.cal.unavailable',
        { message: state.calendarsError })}</p></section>`;
  }
  return html`<section class="panel"><h2>${t('admin.tab.calendars')}</h2>
    <table class="grid" data-testid="calendar-table">
      <thead><tr><th>${t('admin.cal.code')}</th><th>${t('admin.cal.name')}</th><th>${t('admin.cal.zone')}</th>
        <th>${t('admin.cal.days')}</th><th>${t('admin.actions')}</th></tr></thead>
      <tbody>${state.calendars.map((c) => html`<tr data-calendar="${c.code}">
        <td class="mono">${c.code}</td><td>${c.name}</td><td>${c.zone}</td>
        <td>${t('admin.cal.dayCount', { count: (c.days ?? []).length })}</td>
        <td><button type="button" data-open="calendar" data-key="${c.code}">${t('admin.edit')}</button></td></tr>
        ${isOpen(state, 'calendar', c.code)
          ? html`<tr class="form-row"><td colspan="5">${calendarForm(state, c)}</td></tr>` : ''}`)}</tbody>
    </table>
    ${state.calendars.length ? '' : html`<p class="muted">${t('admin.none')}</p>`}
  </section>`;
}

export function renderAdmin(state) {
  if (state.loadError) {
    return html`<p class="panel error-text" data-testid="load-error">${t('admin.loadFailed',
      { message: state.loadError })}</p>`;
  }
  const body = { users: renderUsers, departments: renderDepartments, calendars: renderCalendars }[state.tab];
  return html`<div class="tabs" role="tablist">${TABS.map((tab) => html`<button type="button" role="tab"
      data-tab="${tab}" data-testid="tab-${tab}" aria-selected="${tab === state.tab ? 'true' : 'false'}"
      class="${tab === state.tab ? 'current' : ''}">${t(`admin.tab.${tab}`)}</button>`)}</div>
    ${state.loaded ? body(state) : ''}`;
}
