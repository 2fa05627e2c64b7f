// The ticket form (prefilled from the popped call) and the "my recent tickets" list. Fields that belong to one type
// only (a complaint's class and severity, a repair's product model and serial) show for that type and are sent only
// with it; after a save the whole form goes back to its defaults, so that nothing of one caller's ticket leaks into
// the next. A caller without a customer record gets a contact phone (the caller's number, pre-filled) and name, so
// that a complaint from an unknown caller is filed without creating a customer first.
import { html, render } from './esc.js';
import { get, post } from './api.js';
import { t, tOr } from './i18n.js';
import { dateTime } from './format.js';
import { errorText } from './page.js';

const REQUIRED = ['type', 'category', 'serviceMode', 'description'];
const REQUIRED_BY_TYPE = { COMPLAINT: ['complaintClass'] };
const FIELD_INPUT = {
  type: 'ticket-type',
  category: 'ticket-category',
  priority: 'ticket-priority',
  productId: 'ticket-product',
  serviceMode: 'ticket-service-mode',
  description: 'ticket-description',
  complaintClass: 'ticket-complaint-class',
  severity: 'ticket-severity',
  productModel: 'ticket-product-model',
  productSerial: 'ticket-product-serial',
  contactPhone: 'ticket-contact-phone',
  contactName: 'ticket-contact-name',
};

let context = { customerId: null, customerName: null, callId: null, callerNumber: null, products: [] };

const $ = (id) => document.getElementById(id);

function clearErrors() {
  document.querySelectorAll('#ticket-form [data-error-for]').forEach((el) => {
    el.textContent = '';
  });
  document.querySelectorAll('#ticket-form .invalid').forEach((el) => el.classList.remove('invalid'));
  $('ticket-result').textContent = '';
  $('ticket-result').className = 'form-result';
}

function fieldError(field, message) {
  const slot = document.querySelector(`#ticket-form [data-error-for="${field}"]`);
  if (slot) {
    slot.textContent = message;
  } else {
    showResult(message, true);
  }
  const input = FIELD_INPUT[field] && $(FIELD_INPUT[field]);
  if (input) {
    input.classList.add('invalid');
  }
}

function showResult(text, isError) {
  const box = $('ticket-result');
  box.textContent = text;
  box.className = isError ? 'form-result error-text' : 'form-result ok-text';
}

function renderContext() {
  const unknown = context.callId ? t('pop.unknownCaller') : t('ticket.noCustomer');
  $('ticket-customer').textContent = context.customerName ?? unknown;
  $('ticket-call').textContent = context.callId ?? t('ticket.noCall');
  const select = $('ticket-product');
  const chosen = select.value;
  render(select, html`<option value="">${t('ticket.noProduct')}</option>${context.products.map((p) => html`
    <option value="${p.id}">${p.model} · ${p.serial}</option>`)}`);
  if (context.products.some((p) => String(p.id) === chosen)) {
    select.value = chosen;
  }
}

/** Prefills the form from a call.offered message (or clears it for null). */
export function setCallContext(offer) {
  const pop = offer?.pop;
  context = {
    customerId: pop?.customer?.id ?? null,
    customerName: pop?.customer?.name ?? null,
    callId: offer?.callId ?? null,
    callerNumber: pop?.callerNumber || null,
    products: pop?.products ?? [],
  };
  renderContext();
  prefillContact();
}

/** An unknown caller's number goes into the contact phone (the agent may correct it); a customer on file needs none. */
function prefillContact() {
  const phone = $('ticket-contact-phone');
  phone.value = context.customerId === null && context.callerNumber ? context.callerNumber : '';
  $('ticket-contact-name').value = '';
}

/** Shows the fields of the chosen type only. */
function showTypeFields() {
  const type = $('ticket-type').value;
  document.querySelectorAll('#ticket-form [data-for-type]').forEach((el) => {
    el.hidden = el.dataset.forType !== type;
  });
}

/** Every field back to its default (type-specific ones too), the context of the call kept. */
function resetForm() {
  $('ticket-form').reset();
  showTypeFields();
  renderContext();
  prefillContact();
}

function readForm() {
  const productId = $('ticket-product').value;
  const type = $('ticket-type').value;
  const complaint = type === 'COMPLAINT' ? {
    complaintClass: $('ticket-complaint-class').value,
    severity: $('ticket-severity').value,
  } : {};
  // a repair names its product: one of the caller's (productId) or the model and serial / IMEI typed here
  const repair = type === 'REPAIR' ? {
    productModel: $('ticket-product-model').value.trim() || null,
    productSerial: $('ticket-product-serial').value.trim() || null,
  } : {};
  return {
    ...complaint,
    ...repair,
    type,
    category: $('ticket-category').value.trim(),
    priority: $('ticket-priority').value,
    productId: productId ? Number(productId) : null,
    serviceMode: $('ticket-service-mode').value,
    description: $('ticket-description').value.trim(),
    contactPhone: $('ticket-contact-phone').value.trim() || null,
    contactName: $('ticket-contact-name').value.trim() || null,
    customerId: context.customerId,
    callId: context.callId,
  };
}

async function submit(event) {
  event.preventDefault();
  clearErrors();
  const ticket = readForm();
  const missing = [...REQUIRED, ...(REQUIRED_BY_TYPE[ticket.type] ?? [])].filter((f) => !ticket[f]);
  if (ticket.type === 'COMPLAINT' && !ticket.customerId && !ticket.contactPhone) {
    missing.push('contactPhone'); // the server's rule too: a complaint needs a customer or a contact phone
  }
  if (missing.length) {
    missing.forEach((f) => fieldError(f, t('ticket.required')));
    showResult(t('ticket.fixErrors'), true);
    return;
  }
  const button = $('ticket-submit');
  button.disabled = true;
  button.textContent = t('ticket.saving');
  try {
    const saved = await post('/api/tickets', ticket);
    showResult(t('ticket.saved', { number: saved.number }), false);
    resetForm();
    await refreshMyTickets();
  } catch (e) {
    if (e.status === 400 && e.field) {
      fieldError(e.field, e.message);
    } else {
      showResult(errorText(e), true);
    }
  } finally {
    button.disabled = false;
    button.textContent = t('ticket.submit');
  }
}

let myTickets = [];

function renderMyTickets() {
  const list = $('my-tickets');
  if (!myTickets.length) {
    render(list, html`<li class="muted">${t('ticket.mineEmpty')}</li>`);
    return;
  }
  render(list, html`${myTickets.map((k) => html`
    <li data-ticket-id="${k.id}">
      <a class="mono ticket-number" href="tickets.html?id=${k.id}" target="_blank" rel="noopener">${k.number}</a>
      <span class="badge">${t(`type.${k.type}`)}</span>
      <span>${k.category}</span>
      <span class="muted">${tOr(`tk.status.${k.status}`, k.status)} · ${dateTime(k.createdAt)}</span>
    </li>`)}`);
}

export async function refreshMyTickets() {
  try {
    const { tickets } = await get('/api/tickets?mine=true&limit=10');
    myTickets = tickets;
  } catch {
    // keep the list shown so far; the next save refreshes it again
  }
  renderMyTickets();
}

export function rerenderTicketPanel() {
  renderContext();
  renderMyTickets();
}

export function initTicketForm() {
  $('ticket-form').addEventListener('submit', submit);
  $('ticket-type').addEventListener('change', showTypeFields);
  showTypeFields();
  renderContext();
  return refreshMyTickets();
}
