// The one way the UI talks to the server: JSON in and out, the CSRF token on every change, and
// problem+json errors turned into ApiError. A 401 on any call but the login itself sends the
// user to the login page and, once logged in, back to where they were.

let csrfToken = null;
let onUnauthorised = () => {};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    // [{field, message, message_en, code}] for 422 answers; empty otherwise.
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
  }
}

export function setCsrfToken(token) {
  csrfToken = token;
}

// Called with no arguments whenever the session turns out to be gone.
export function setUnauthorisedHandler(fn) {
  onUnauthorised = fn;
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return { title: response.statusText };
  }
}

// request(method, path, {body, headers, raw}) → the parsed JSON (null for 204), or the
// Response itself with raw: true. Throws ApiError for any answer that is not 2xx.
export async function request(method, path, options = {}) {
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  let body = options.body;
  if (body !== undefined && !(body instanceof FormData) && typeof body !== 'string') {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  if (response.status === 401 && !options.allowUnauthorised) {
    onUnauthorised();
    throw new ApiError(401, await problemOf(response));
  }
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  if (options.raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

export const get = (path, options) => request('GET', path, options);
export const post = (path, body, options) => request('POST', path, { ...options, body });
export const patch = (path, body, options) => request('PATCH', path, { ...options, body });
export const del = (path, options) => request('DELETE', path, options);

// Builds "/api/x?a=1&b=2" leaving out empty values.
export function withQuery(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {}))
    if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

// Uploads a file with progress: onProgress(fraction 0..1). Resolves with the parsed answer;
// rejects with ApiError like request().
export function upload(path, formData, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let parsed = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = { title: xhr.statusText };
      }
      if (xhr.status === 401) onUnauthorised();
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed);
      else reject(new ApiError(xhr.status, parsed));
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'network error' }));
    xhr.send(formData);
  });
}
