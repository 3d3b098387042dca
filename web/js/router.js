// Hash routes, so every page (with its filters) is a link that can be bookmarked or sent:
// #/proposals?kind=agreement&overdue=true. Pages are ES modules loaded when first visited;
// each exports mount(main, context) and may return a function that unmounts it.

export const routes = [
  { pattern: '/login', page: 'login', public: true },
  { pattern: '/', page: 'work' },
  { pattern: '/work', page: 'work' },
  { pattern: '/notifications', page: 'notifications' },
  { pattern: '/proposals', page: 'proposals' },
  { pattern: '/proposals/:id', page: 'proposal' },
  { pattern: '/new', page: 'new-proposal' },
  { pattern: '/new/:kind', page: 'new-proposal' },
  { pattern: '/agreements', page: 'agreements' },
  { pattern: '/calendar', page: 'calendar' },
  { pattern: '/dashboard', page: 'dashboard' },
  { pattern: '/reports/annual', page: 'annual-report' },
  { pattern: '/partners', page: 'partners' },
  { pattern: '/partners/:id', page: 'partner' },
  { pattern: '/plan', page: 'plan' },
  { pattern: '/admin', page: 'admin' },
];

// Splits "#/proposals/12?x=1" into {path: '/proposals/12', query: URLSearchParams}.
export function parseHash(hash) {
  const raw = (hash || '').replace(/^#/, '') || '/';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  return { path: path || '/', query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
}

// The route matching `path` and its parameters, or null.
export function match(path) {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    const want = route.pattern.split('/').filter(Boolean);
    if (want.length !== parts.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < want.length && ok; i++) {
      if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(parts[i]);
      else ok = want[i] === parts[i];
    }
    if (ok) return { route, params };
  }
  return null;
}

// "#/proposals?kind=aid" from a path and an object of query values (empty ones left out).
export function href(path, query) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {}))
    if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  const s = q.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

export function navigate(path, query, { replace = false } = {}) {
  const target = href(path, query);
  if (replace) history.replaceState(null, '', target);
  else location.hash = target;
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

// The current location as "/path?query", for the login page's return address.
export function currentLocation() {
  const { path, query } = parseHash(location.hash);
  const s = query.toString();
  return s ? `${path}?${s}` : path;
}
