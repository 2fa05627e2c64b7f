// JSON over fetch; the session travels in the HttpOnly cookie. Errors become ApiError {status, message, field,
// retryAfter} (retryAfter: the seconds of a 429's Retry-After, else null).
// Every state-changing call is sent as application/json (with at least {}): the server refuses any other content
// type on POST/PUT/PATCH/DELETE (CSRF), and the browser adds the Origin it checks.

export class ApiError extends Error {
  constructor(status, message, field, retryAfter) {
    super(message);
    this.status = status;
    this.field = field ?? null;
    this.retryAfter = retryAfter ?? null;
  }
}

async function call(method, path, body, { redirectOn401 = true } = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (method !== 'GET' && method !== 'HEAD') {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  const response = await fetch(path, init);
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    if (response.status === 401 && redirectOn401) {
      window.location.assign('index.html');
    }
    const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    throw new ApiError(response.status, data?.error ?? response.statusText, data?.field,
      Number.isNaN(retryAfter) ? null : retryAfter);
  }
  return data;
}

export const get = (path, options) => call('GET', path, undefined, options);
export const post = (path, body = {}, options) => call('POST', path, body, options);
export const put = (path, body = {}, options) => call('PUT', path, body, options);
