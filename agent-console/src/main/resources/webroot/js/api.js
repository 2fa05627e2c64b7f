// JSON over fetch; the session travels in the HttpOnly cookie. Errors become ApiError {status, message, field}.
// Every state-changing call is sent as application/json (with at least {}): the server refuses any other content
// type on POST/PUT/PATCH/DELETE (CSRF), and the browser adds the Origin it checks.

export class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field ?? null;
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
    throw new ApiError(response.status, data?.error ?? response.statusText, data?.field);
  }
  return data;
}

export const get = (path, options) => call('GET', path, undefined, options);
export const post = (path, body = {}, options) => call('POST', path, body, options);
