// The popped call's customer record, under the screen-pop: for an unknown caller "create customer" (the phone
// pre-filled from the caller number) or "link existing" (search by name or phone); for a known one "edit" (name,
// class, phones, products). A create that looks like an existing customer (same phone, same serial, similar name:
// the server's 409) offers "use the existing record" or "create anyway". Whichever customer results is handed to
// onLinked (the pop then shows it and the ticket form uses it) and the form resets completely.
// One state object, a pure reduce(state, message), render(state); requests dispatch their results.
import { get, post, put } from './api.js';
import { html, render } from './esc.js';
import { t } from './i18n.js';
import { errorText } from './page.js';

const CLASSES = ['ORDINARY', 'VIP', 'BLACKLISTED'];
const SEARCH_MAX = 10;

function emptyForm() {
  return { name: '', customerClass: 'ORDINARY', phones: '', model: '', serial: '', purchaseDate: '', products: [] };
}

export function initialState() {
  return {
    callId: null,
    callerNumber: null,
    customer: null, // the card (GET /api/customers/{id}) or the pop's customer, null for an unknown caller
    mode: 'idle', // idle | unknown | known | create | duplicate | link | edit
    form: emptyForm(),
    duplicate: null, // {id, name, matched} of the 409
    query: '',
    results: [],
    error: null, // {field, message}
    busy: false,
  };
}

function settled(state) {
  if (!state.callId && !state.customer) {
    return 'idle';
  }
  return state.customer ? 'known' : 'unknown';
}

function formOf(customer) {
  return {
    ...emptyForm(),
    name: customer.name,
    customerClass: customer.customerClass,
    phones: (customer.phones ?? []).join(', '),
    products: (customer.products ?? []).map((p) => ({
      id: p.id, model: p.model, serial: p.serial, purchaseDate: p.purchaseDate ?? '', remove: false,
    })),
  };
}

/** Field names of the form: "name", or "products.1.model" for an existing product's model. */
function withInput(form, field, value) {
  const parts = field.split('.');
  if (parts[0] !== 'products') {
    return { ...form, [field]: value };
  }
  const index = Number(parts[1]);
  return {
    ...form,
    products: form.products.map((p, i) => (i === index ? { ...p, [parts[2]]: value } : p)),
  };
}

export function reduce(state, msg) {
  switch (msg.type) {
    case 'offer':
      return { ...initialState(), callId: msg.callId, callerNumber: msg.callerNumber, customer: msg.customer,
        mode: msg.customer ? 'known' : (msg.callId ? 'unknown' : 'idle') };
    case 'open-create':
      return { ...state, mode: 'create', form: { ...emptyForm(), phones: state.callerNumber ?? '' }, error: null,
        duplicate: null };
    case 'open-link':
      return { ...state, mode: 'link', query: state.callerNumber ?? '', results: [], error: null };
    case 'card':
      return { ...state, customer: msg.customer };
    case 'open-edit':
      return state.customer?.phones ? { ...state, mode: 'edit', form: formOf(state.customer), error: null,
        busy: false } : state;
    case 'input':
      return msg.field === 'query' ? { ...state, query: msg.value }
        : { ...state, form: withInput(state.form, msg.field, msg.value) };
    case 'busy':
      return { ...state, busy: true, error: null };
    case 'duplicate':
      return { ...state, mode: 'duplicate', duplicate: msg.existing, busy: false };
    case 'failed':
      return { ...state, busy: false, error: { field: msg.field ?? null, message: msg.message } };
    case 'results':
      return { ...state, busy: false, results: msg.customers };
    case 'linked':
      return { ...state, customer: msg.customer, mode: 'known', form: emptyForm(), duplicate: null, query: '',
        results: [], error: null, busy: false };
    case 'cancel':
      return { ...state, mode: settled(state), form: emptyForm(), duplicate: null, results: [], error: null,
        busy: false };
    default:
      return state;
  }
}

/** The request body of the create / edit form. */
export function customerBody(form, confirmDuplicate) {
  const phones = form.phones.split(/[\s,;\uFF0C\uFF1B]+/).filter((p) => p);
  const products = form.products.filter((p) => !p.remove).map((p) => ({
    id: p.id, model: p.model.trim(), serial: p.serial.trim(), purchaseDate: p.purchaseDate || null,
  }));
  if (form.model.trim() || form.serial.trim()) {
    products.push({ model: form.model.trim(), serial: form.serial.trim(), purchaseDate: form.purchaseDate || null });
  }
  return { name: form.name.trim(), class: form.customerClass, phones, products, confirmDuplicate };
}

function fieldError(state, ...fields) {
  const e = state.error;
  if (!e || !fields.some((f) => e.field === f || (e.field ?? '').startsWith(`${f}[`))) {
    return '';
  }
  return html`<span class="field-error">${e.message}</span>`;
}

function otherError(state) {
  const e = state.error;
  const shown = ['name', 'class', 'phones', 'products'];
  if (!e || shown.some((f) => e.field === f || (e.field ?? '').startsWith(`${f}[`))) {
    return '';
  }
  return html`<p class="field-error" data-testid="customer-error">${e.message}</p>`;
}

function classSelect(form) {
  return html`<select id="cust-class" data-field="customerClass">${CLASSES.map((c) => html`
    <option value="${c}" ${c === form.customerClass ? 'selected' : ''}>${t(`class.${c}`)}</option>`)}</select>`;
}

function productRows(state) {
  if (!state.form.products.length) {
    return '';
  }
  return html`<table class="grid"><thead><tr>
      <th>${t('pop.model')}</th><th>${t('pop.serial')}</th><th>${t('pop.purchaseDate')}</th><th>${t('cust.remove')}</th>
    </tr></thead><tbody>${state.form.products.map((p, i) => html`<tr>
      <td><input data-field="products.${i}.model" value="${p.model}" maxlength="100"></td>
      <td><input data-field="products.${i}.serial" value="${p.serial}" maxlength="64" class="mono"></td>
      <td><input type="date" data-field="products.${i}.purchaseDate" value="${p.purchaseDate}"></td>
      <td><input type="checkbox" data-field="products.${i}.remove" ${p.remove ? 'checked' : ''}
        aria-label="${t('cust.remove')}"></td>
    </tr>`)}</tbody></table>`;
}

function customerForm(state) {
  const f = state.form;
  const editing = state.mode === 'edit';
  return html`<form id="customer-form" class="customer-form" data-testid="customer-form" novalidate>
    <h4>${editing ? t('cust.editTitle') : t('cust.createTitle')}</h4>
    <div class="form-grid">
      <label for="cust-name">${t('cust.name')}</label>
      <div><input id="cust-name" data-field="name" value="${f.name}" maxlength="100" autocomplete="off">
        ${fieldError(state, 'name')}</div>
      <label for="cust-class">${t('cust.class')}</label>
      <div>${classSelect(f)}${fieldError(state, 'class')}</div>
      <label for="cust-phones">${t('cust.phones')}</label>
      <div><input id="cust-phones" data-field="phones" value="${f.phones}" maxlength="200" inputmode="tel"
        autocomplete="off" placeholder="${t('cust.phonesHint')}">${fieldError(state, 'phones')}</div>
      <label for="cust-model">${editing ? t('cust.newProduct') : t('cust.product')}</label>
      <div class="product-inputs">
        <input id="cust-model" data-field="model" value="${f.model}" maxlength="100" placeholder="${t('pop.model')}">
        <input id="cust-serial" data-field="serial" value="${f.serial}" maxlength="64" class="mono"
          placeholder="${t('pop.serial')}">
        <input id="cust-purchase" type="date" data-field="purchaseDate" value="${f.purchaseDate}"
          aria-label="${t('pop.purchaseDate')}">
      </div>
    </div>
    ${productRows(state)}
    ${fieldError(state, 'products')}
    ${otherError(state)}
    <div class="form-actions">
      <button id="customer-save" type="submit" class="primary" ${state.busy ? 'disabled' : ''}>
        ${state.busy ? t('cust.saving') : t('cust.save')}</button>
      <button type="button" class="quiet" data-cust-action="cancel">${t('cust.cancel')}</button>
    </div>
  </form>`;
}

function duplicateOffer(state) {
  const d = state.duplicate;
  return html`<div id="customer-duplicate" class="customer-duplicate warn" data-testid="customer-duplicate" data-existing-id="${d.id}">
    <p>${t(`cust.matched.${d.matched}`, { name: d.name, id: d.id })}</p>
    <div class="form-actions">
      <button id="customer-use-existing" type="button" class="primary" data-cust-action="use-existing">
        ${t('cust.useExisting')}</button>
      <button id="customer-create-anyway" type="button" data-cust-action="create-anyway">
        ${t('cust.createAnyway')}</button>
      <button type="button" class="quiet" data-cust-action="cancel">${t('cust.cancel')}</button>
    </div>
    ${otherError(state)}
  </div>`;
}

function linkSearch(state) {
  return html`<form id="customer-search" class="customer-search" data-testid="customer-search" novalidate>
    <label for="cust-query">${t('cust.searchLabel')}</label>
    <input id="cust-query" data-field="query" value="${state.query}" maxlength="100" autocomplete="off"
      placeholder="${t('cust.searchHint')}">
    <button id="customer-search-go" type="submit" ${state.busy ? 'disabled' : ''}>${t('cust.search')}</button>
    <button type="button" class="quiet" data-cust-action="cancel">${t('cust.cancel')}</button>
    <ul id="customer-results" class="customer-results" data-testid="customer-results">${state.results.map((c) => html`
      <li><button type="button" data-cust-action="link" data-customer-id="${c.id}">${t('cust.link')}</button>
        <span>${c.name}</span> <span class="mono muted">${(c.phones ?? []).join(', ')}</span></li>`)}</ul>
    ${otherError(state)}
  </form>`;
}

export function view(state) {
  switch (state.mode) {
    case 'unknown':
      return html`<div class="form-actions">
        <button id="customer-create" type="button" class="primary" data-cust-action="open-create">
          ${t('cust.create')}</button>
        <button id="customer-link" type="button" data-cust-action="open-link">${t('cust.linkExisting')}</button>
      </div>`;
    case 'known':
      return html`<div class="form-actions">
        <button id="customer-edit" type="button" data-cust-action="open-edit">${t('cust.edit')}</button>
      </div>`;
    case 'create':
    case 'edit':
      return customerForm(state);
    case 'duplicate':
      return duplicateOffer(state);
    case 'link':
      return linkSearch(state);
    default:
      return html``;
  }
}

/**
 * Mounts the panel into container. onLinked(card) is called with the customer card whenever the call gets its
 * customer (created, chosen, or edited). Returns {offer(offer, card), redraw()}.
 */
export function createCustomerPanel(container, onLinked) {
  let state = initialState();

  function dispatch(msg) {
    state = reduce(state, msg);
    if (msg.type !== 'input') {
      render(container, view(state));
    }
  }

  async function link(id) {
    const card = await get(`/api/customers/${id}`);
    dispatch({ type: 'linked', customer: card });
    onLinked(card);
  }

  async function attempt(work) {
    dispatch({ type: 'busy' });
    try {
      await work();
    } catch (e) {
      if (e.status === 409 && e.body?.existing && state.mode !== 'edit') {
        dispatch({ type: 'duplicate', existing: e.body.existing });
      } else {
        dispatch({ type: 'failed', field: e.status === 400 ? e.field : null, message: errorText(e) });
      }
    }
  }

  const save = (confirmDuplicate) => attempt(async () => {
    const body = customerBody(state.form, confirmDuplicate);
    const saved = state.mode === 'edit'
      ? await put(`/api/customers/${state.customer.id}`, body)
      : await post('/api/customers', body);
    await link(saved.customer.id);
  });

  const search = () => attempt(async () => {
    const q = state.query.trim();
    if (!q) {
      dispatch({ type: 'results', customers: [] });
      return;
    }
    const { customers } = await get(`/api/customers?q=${encodeURIComponent(q)}&limit=${SEARCH_MAX}`);
    dispatch({ type: 'results', customers });
  });

  const actions = {
    'open-create': () => dispatch({ type: 'open-create' }),
    'open-link': () => dispatch({ type: 'open-link' }),
    'open-edit': () => attempt(async () => {
      if (!state.customer.phones) { // the pop knows id, name and class only: read the whole card first
        dispatch({ type: 'card', customer: await get(`/api/customers/${state.customer.id}`) });
      }
      dispatch({ type: 'open-edit' });
    }),
    cancel: () => dispatch({ type: 'cancel' }),
    'use-existing': () => attempt(() => link(state.duplicate.id)),
    'create-anyway': () => save(true),
    link: (button) => attempt(() => link(Number(button.dataset.customerId))),
  };

  container.addEventListener('click', (event) => {
    const button = event.target.closest('[data-cust-action]');
    if (button && !state.busy) {
      actions[button.dataset.custAction]?.(button);
    }
  });
  const onInput = (event) => {
    const field = event.target.dataset?.field;
    if (field) {
      const value = event.target.type === 'checkbox' ? event.target.checked : event.target.value;
      dispatch({ type: 'input', field, value });
    }
  };
  container.addEventListener('input', onInput);
  container.addEventListener('change', onInput);
  container.addEventListener('submit', (event) => {
    event.preventDefault();
    if (state.busy) {
      return;
    }
    if (event.target.id === 'customer-search') {
      search();
    } else {
      save(false);
    }
  });

  return {
    /** A new offer (or null); card is the customer's full card when known (phones and products for editing). */
    offer(offer, card) {
      dispatch({
        type: 'offer',
        callId: offer?.callId ?? null,
        callerNumber: offer?.pop?.callerNumber ?? null,
        customer: card ?? offer?.pop?.customer ?? null,
      });
    },
    redraw() {
      render(container, view(state));
    },
  };
}
