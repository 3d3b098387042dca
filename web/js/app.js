// The application shell: finds the session, draws the navigation (with the counts of what
// waits for the user and of unread notifications), and mounts the page of the current hash
// route.
import { get, del, setCsrfToken, setUnauthorisedHandler, withQuery } from './api.js';
import { loadLanguage, setLanguage, language, t, label } from './i18n.js';
import { match, parseHash, navigate, currentLocation } from './router.js';
import { html, render, nothing, errorBox, loading, setTitle } from './ui.js';

export const session = { user: null, csrf: null };

const main = () => document.getElementById('main');
let unmount = null;
let mountSeq = 0;
const counts = { awaiting: null, unread: null };
// Bumped by every unread-count request and by every count a page reports, so an answer that
// left before the latest change (a poll racing a "mark read") never overwrites it.
let unreadSeq = 0;
const UNREAD_POLL_MS = 60000;

export function hasRole(...roles) {
  return !!session.user && session.user.roles.some((r) => roles.includes(r));
}

// Whether the user's work spans every unit (ICD, finance, leaders, auditors, admin).
export function seesAllUnits() {
  return hasRole('icd_officer', 'icd_head', 'finance', 'leader', 'auditor', 'admin');
}

export function setSession(answer) {
  session.user = answer?.user || null;
  session.csrf = answer?.csrf_token || null;
  setCsrfToken(session.csrf);
}

function navItems() {
  const items = [
    { path: '/work', key: 'nav.work', count: counts.awaiting },
    { path: '/notifications', key: 'notifications.nav', count: counts.unread, countKey: 'notifications.count_label' },
    { path: '/proposals', key: 'nav.proposals' },
  ];
  if (hasRole('staff', 'icd_officer')) items.push({ path: '/new', key: 'nav.new' });
  items.push(
    { path: '/agreements', key: 'nav.agreements' },
    { path: '/calendar', key: 'nav.calendar' },
    { path: '/dashboard', key: 'nav.dashboard' },
    { path: '/reports/annual', key: 'nav.reports' },
    { path: '/partners', key: 'nav.partners' },
    { path: '/plan', key: 'nav.plan' },
  );
  if (hasRole('admin')) items.push({ path: '/admin', key: 'nav.admin' });
  else if (hasRole('leader')) items.push({ path: '/admin', key: 'admin.nav_deputies' });
  return items;
}

function activePath() {
  const { path } = parseHash(location.hash);
  return path === '/' ? '/work' : path;
}

async function logout() {
  try {
    await del('/api/session');
  } catch { /* the session may be gone already */ }
  setSession(null);
  navigate('/login');
}

function switchLanguage() {
  setLanguage(language() === 'vi' ? 'en' : 'vi');
  location.reload();
}

export function renderHeader() {
  const header = document.getElementById('top');
  if (!session.user) {
    render(html`<div class="bar"><a class="brand" href="#/login">Attaché</a>
      <button type="button" class="link lang-switch" @click=${switchLanguage}
        lang=${language() === 'vi' ? 'en' : 'vi'}>${t('nav.other_language')}</button></div>`, header);
    return;
  }
  const current = activePath();
  const u = session.user;
  // On narrow screens the navigation folds behind the menu button, which then carries the
  // unread count so that it is still seen.
  render(html`
    <div class="bar">
      <a class="brand" href="#/work">Attaché</a>
      <button type="button" class="menu-toggle secondary" aria-expanded="false" aria-controls="primary-nav"
        @click=${(e) => {
          const nav = document.getElementById('primary-nav');
          const open = nav.classList.toggle('open');
          e.currentTarget.setAttribute('aria-expanded', String(open));
        }}>${t('nav.menu')}${counts.unread ? html` <span class="count" aria-label=${t('notifications.count_label', { n: counts.unread })}>${counts.unread}</span>` : nothing}</button>
      <nav id="primary-nav" aria-label=${t('nav.label')}>
        <ul>${navItems().map((item) => html`<li><a href=${`#${item.path}`}
          aria-current=${current === item.path || current.startsWith(`${item.path}/`) ? 'page' : nothing}>
          ${t(item.key)}${item.count ? html` <span class="count" aria-label=${t(item.countKey || 'nav.count_label', { n: item.count })}>${item.count}</span>` : nothing}</a></li>`)}</ul>
      </nav>
      <div class="user">
        <span class="who" title=${label(u.unit?.name)}>${u.display_name}${u.acting_for?.length ? html` <span class="deputy">${t('nav.deputy_for', { names: u.acting_for.map((a) => a.leader_name).join(', ') })}</span>` : nothing}</span>
        <button type="button" class="link lang-switch" @click=${switchLanguage}
          lang=${language() === 'vi' ? 'en' : 'vi'}>${t('nav.other_language')}</button>
        <button type="button" class="link" @click=${logout}>${t('nav.logout')}</button>
      </div>
    </div>`, header);
}

// The unread notifications' count as a page learnt it (the answer of "mark read").
export function setUnreadCount(n) {
  unreadSeq++;
  counts.unread = n;
  renderHeader();
}

// Asks for the unread notifications' count (cheap): every minute, after each navigation, and
// with refreshCounts. A poll never sends the user to the login page; the next page does.
export async function refreshUnread() {
  if (!session.user) return;
  const mine = ++unreadSeq;
  let n = null;
  try {
    n = (await get('/api/notifications/unread-count', { allowUnauthorised: true })).unread;
  } catch { /* the badge is left out until the next answer */ }
  if (mine !== unreadSeq) return;
  counts.unread = n;
  renderHeader();
}

// Refreshes the counts in the navigation (what waits for me, unread notifications); pages call
// it after an action.
export async function refreshCounts() {
  if (!session.user) return;
  refreshUnread();
  try {
    const answer = await get(withQuery('/api/proposals', { awaiting: 'me', limit: 100 }));
    const n = answer.items.length;
    counts.awaiting = answer.next_cursor ? `${n}+` : n;
  } catch {
    counts.awaiting = null;
  }
  renderHeader();
}

async function mountCurrent() {
  const seq = ++mountSeq;
  const { path, query } = parseHash(location.hash);
  const found = match(path);
  if (unmount) {
    try { unmount(); } catch { /* a page's clean-up must not stop the next one */ }
    unmount = null;
  }
  // Each page draws into a fresh element of its own, so what one page left behind (lit-html
  // keeps its state on the container) never mixes with the next.
  const el = document.createElement('div');
  el.className = 'page';
  main().replaceChildren(el);
  document.getElementById('primary-nav')?.classList.remove('open');
  if (!found) {
    setTitle(t('error.not_found'));
    render(html`<h1>${t('error.not_found')}</h1><p><a href="#/work">${t('nav.work')}</a></p>`, el);
    return;
  }
  if (!found.route.public && !session.user) {
    navigate('/login', { next: currentLocation() }, { replace: true });
    return;
  }
  renderHeader();
  render(loading(), el);
  try {
    const page = await import(`./pages/${found.route.page}.js`);
    if (seq !== mountSeq) return;
    render(nothing, el);
    const cleanup = await page.mount(el, { params: found.params, query, session });
    if (seq !== mountSeq) {
      if (typeof cleanup === 'function') cleanup();
      return;
    }
    unmount = typeof cleanup === 'function' ? cleanup : null;
  } catch (error) {
    if (seq !== mountSeq || error.status === 401) return;
    console.error(error);
    render(html`${errorBox(error)}`, el);
  }
}

// A page changed: move focus to its heading for keyboard and screen-reader users.
export function focusHeading() {
  const h = main().querySelector('h1');
  if (h) {
    h.setAttribute('tabindex', '-1');
    h.focus({ preventScroll: true });
  }
}

async function start() {
  await loadLanguage();
  setUnauthorisedHandler(() => {
    if (!session.user && parseHash(location.hash).path === '/login') return;
    setSession(null);
    const next = currentLocation();
    navigate('/login', next.startsWith('/login') ? {} : { next, expired: 1 }, { replace: true });
  });
  try {
    setSession(await get('/api/session', { allowUnauthorised: true }));
  } catch {
    setSession(null);
  }
  document.getElementById('skip-link').textContent = t('nav.skip');
  document.getElementById('skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    main().focus();
  });
  window.addEventListener('hashchange', async () => {
    refreshUnread();
    await mountCurrent();
    focusHeading();
  });
  await mountCurrent();
  if (session.user) refreshCounts();
  setInterval(() => { if (!document.hidden) refreshUnread(); }, UNREAD_POLL_MS);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) refreshUnread(); });
}

start();
