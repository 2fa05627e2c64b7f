// The one way values reach the page as HTML: html`...` escapes every interpolated value unless it is itself the
// result of html`...` (or an array of such). render() only accepts that result, so nothing unescaped gets through.
// Attributes in templates must always be quoted.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(value) {
  return String(value).replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

class SafeHtml {
  constructor(markup) {
    this.markup = markup;
  }

  toString() {
    return this.markup;
  }
}

function piece(value) {
  if (value instanceof SafeHtml) {
    return value.markup;
  }
  if (Array.isArray(value)) {
    return value.map(piece).join('');
  }
  if (value === null || value === undefined || value === false) {
    return '';
  }
  return escapeHtml(value);
}

/** Tagged template: html`<td>${name}</td>` with name escaped. */
export function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) {
    out += piece(values[i]) + strings[i + 1];
  }
  return new SafeHtml(out);
}

/** Replaces the content of element with markup made by html`...`. */
export function render(element, markup) {
  if (!(markup instanceof SafeHtml)) {
    throw new TypeError('render() takes html`...` only');
  }
  element.innerHTML = markup.markup;
}
