// The console's one way to the public APIs: who is acting, read-your-writes, If-Match, and problem documents.

const API = '/api/v1';
const IDENTITY_KEY = 'almanac.identity';
const TOKEN_KEY = 'almanac.token';

/** How this deployment identifies users (console-settings.json): 'development' or 'jwt'. */
export const settings = { identity_mode: 'jwt' };

/** A refused request: its status and RFC 9457 problem, whose errors name the fields at fault. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
  get errors() { return Array.isArray(this.problem.errors) ? this.problem.errors : []; }
}

/** Development mode: whom the user acts as. JWT mode: the bearer token they brought. */
export const identity = {
  user: '', roles: '', token: '',
  load() {
    try { Object.assign(this, JSON.parse(localStorage.getItem(IDENTITY_KEY) || '{}')); } catch { /* a fresh start */ }
    this.token = sessionStorage.getItem(TOKEN_KEY) || '';
    // A login proxy or an OAuth 2 implicit redirect hands the token over in the fragment; it leaves the URL at once.
    const fragment = new URLSearchParams(location.hash.replace(/^#\/?[^?&]*[?&]?/, ''));
    const handed = fragment.get('access_token');
    if (handed) {
      this.setToken(handed);
      fragment.delete('access_token');
      history.replaceState(null, '', location.pathname + location.hash.replace(/[?&]access_token=[^&]*/, ''));
    }
  },
  actAs(user, admin) {
    this.user = user.trim();
    this.roles = admin ? 'admin' : '';
    localStorage.setItem(IDENTITY_KEY, JSON.stringify({ user: this.user, roles: this.roles }));
  },
  setToken(token) {
    this.token = token.trim();
    if (this.token) sessionStorage.setItem(TOKEN_KEY, this.token); else sessionStorage.removeItem(TOKEN_KEY);
  },
  headers() {
    if (settings.identity_mode === 'development') {
      const headers = {};
      if (this.user) headers['X-Almanac-User'] = this.user;
      if (this.roles) headers['X-Almanac-Roles'] = this.roles;
      return headers;
    }
    return this.token ? { Authorization: `Bearer ${this.token}` } : {};
  },
  label() {
    if (settings.identity_mode === 'development') return (this.user || 'developer') + (this.roles || !this.user ? ' (admin)' : '');
    return this.token ? 'signed in' : 'not signed in';
  },
};

/**
 * Read your writes (ADR 0015, 0058): every command answers with a consistency token, and the reads after it pass the
 * newest one until a read answers fresh, so what the user just did is what they see next.
 */
let consistencyToken = null;

export function lastConsistencyToken() { return consistencyToken; }

function url(path, params) {
  const target = new URL(path.startsWith('/api/') ? path : API + path, location.origin);
  for (const [name, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === '') continue;
    for (const one of Array.isArray(value) ? value : [value]) target.searchParams.append(name, one);
  }
  return target;
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try { return await response.json(); } catch { /* no body */ }
  }
  return { title: response.statusText, status: response.status };
}

/** GET a read: its JSON body and ETag. */
export async function read(path, params = {}, { signal, token } = {}) {
  const passed = token || consistencyToken;
  const target = url(path, passed ? { ...params, consistency_token: passed } : params);
  const response = await fetch(target, { headers: { Accept: 'application/json', ...identity.headers() }, signal });
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  if (passed === consistencyToken && response.headers.get('Almanac-Consistency') === 'fresh') consistencyToken = null;
  return { body: await response.json(), etag: response.headers.get('ETag') };
}

/** Every page of a list that answers next_cursor, up to `limit` rows. */
export async function readAll(path, params, rowsOf, { signal, limit = 5000, token } = {}) {
  const rows = [];
  let cursor;
  do {
    const { body } = await read(path, { ...params, cursor }, { signal, token });
    rows.push(...rowsOf(body));
    cursor = body.next_cursor;
  } while (cursor && rows.length < limit);
  return rows;
}

/**
 * A command: method and path as the API names them (an event's `actions` give both), a JSON body, and the version the
 * user saw as If-Match. Answers the body, the new ETag and the consistency token, which the next reads pass.
 */
export async function command(method, path, body, { ifMatch, idempotencyKey } = {}) {
  const headers = { Accept: 'application/json', ...identity.headers() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch !== undefined && ifMatch !== null) headers['If-Match'] = String(ifMatch).startsWith('"') ? ifMatch : `"${ifMatch}"`;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  const response = await fetch(url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const token = response.headers.get('Almanac-Consistency-Token');
  if (token) consistencyToken = token;
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  const text = await response.text();
  return { body: text ? JSON.parse(text) : null, etag: response.headers.get('ETag'), token };
}

/** The headers a stream request sends: the same identity as every other request. */
export function streamHeaders() { return identity.headers(); }
