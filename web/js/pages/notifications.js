// Thông báo / Notifications: what the user has been told (GET /api/notifications), unread
// first, then newest first; each in the UI language with its time and a link to its proposal
// (following the link marks it read). One or all can be marked read; "only unread" filters
// (kept in the hash, #/notifications?unread=1); "more" pages on with next_before. Below, the
// user's e-mail settings. Every change of the unread count goes to the navigation's badge.
import { get, post, withQuery } from '../api.js';
import { t, label, fmtDateTime, fmtNumber, has } from '../i18n.js';
import { html, render, nothing, errorBox, loading, emptyState, setTitle, announce } from '../ui.js';
import { href } from '../router.js';
import { setUnreadCount } from '../app.js';
import { mountNotificationSettings } from '../components/notification-settings.js';

const PAGE_SIZE = 50;

function kindLabel(kind) {
  return has(`notifications.kind.${kind}`) ? t(`notifications.kind.${kind}`) : t('notifications.kind.other');
}

export async function mount(main, { query }) {
  setTitle(t('notifications.title'));
  const view = {
    items: null, unread: null, next: null, error: null, busy: false,
    onlyUnread: query.get('unread') === '1', moreBusy: false, allBusy: false,
  };
  let seq = 0;
  let gone = false;

  function told(unread) {
    view.unread = unread;
    setUnreadCount(unread);
  }

  async function load({ more = false } = {}) {
    const mine = ++seq;
    if (more) view.moreBusy = true;
    else view.busy = true;
    draw();
    try {
      const answer = await get(withQuery('/api/notifications', {
        unread: view.onlyUnread ? 1 : '', limit: PAGE_SIZE, before: more ? view.next : '',
      }));
      if (mine !== seq) return;
      const firstNew = answer.items[0]?.id;
      view.items = more ? [...view.items, ...answer.items] : answer.items;
      view.next = answer.next_before || null;
      view.error = null;
      told(answer.unread);
      view.busy = false;
      view.moreBusy = false;
      draw();
      if (more && firstNew) main.querySelector(`li[data-id="${firstNew}"]`)?.focus();
    } catch (error) {
      if (mine !== seq || error.status === 401) return;
      view.error = error;
      if (!more) view.items = [];
      view.busy = false;
      view.moreBusy = false;
      draw();
    }
  }

  // Marks one read. quiet: the user followed the proposal link and is leaving the page.
  async function markRead(n, { quiet = false } = {}) {
    if (n.read) return;
    try {
      const answer = await post(`/api/notifications/${n.id}/read`);
      n.read = true;
      n.read_at = new Date().toISOString();
      told(answer.unread);
      if (gone || quiet) return;
      draw();
      // The button is gone: keep the keyboard where it was, on the notification itself.
      main.querySelector(`li[data-id="${n.id}"]`)?.focus();
    } catch (error) {
      if (error.status !== 401 && !quiet && !gone) announce(t('notifications.mark_failed'), 'error');
    }
  }

  async function markAll() {
    view.allBusy = true;
    draw();
    try {
      const answer = await post('/api/notifications/read-all');
      const now = new Date().toISOString();
      for (const n of view.items || []) if (!n.read) Object.assign(n, { read: true, read_at: now });
      told(answer.unread);
      announce(t('notifications.marked_all', { n: fmtNumber(answer.marked) }));
    } catch (error) {
      if (error.status === 401) return;
      announce(t('notifications.mark_failed'), 'error');
    }
    view.allBusy = false;
    if (!gone) draw();
  }

  function setOnlyUnread(on) {
    view.onlyUnread = on;
    view.next = null;
    history.replaceState(null, '', href('/notifications', { unread: on ? 1 : '' }));
    load();
  }

  // The settings sit beside the list on wide screens and below it on narrow ones: this brings
  // them into view (and the keyboard to them) without changing the route.
  function toSettings() {
    const heading = main.querySelector('#settings-title');
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  }

  function item(n) {
    const text = label(n.text);
    return html`<li class="notification ${n.read ? 'read' : 'unread'}" data-id=${n.id} data-kind=${n.kind} tabindex="-1">
      <div class="notification-head">
        ${n.read ? nothing : html`<span class="badge unread-mark">${t('notifications.unread_mark')}</span>`}
        <span class="badge notification-kind">${kindLabel(n.kind)}</span>
        <time datetime=${n.created_at}>${fmtDateTime(n.created_at)}</time>
      </div>
      <p class="notification-text">${text}</p>
      <div class="notification-actions">
        ${n.proposal ? html`<a href=${`#/proposals/${n.proposal.id}`} @click=${() => markRead(n, { quiet: true })}>${t('notifications.open', { ref: n.proposal.ref })}</a>` : nothing}
        ${n.read ? nothing : html`<button type="button" class="link mark-read" @click=${() => markRead(n)}>${t('notifications.mark_read')}<span class="visually-hidden"> — ${n.proposal ? n.proposal.ref : kindLabel(n.kind)}</span></button>`}
      </div>
    </li>`;
  }

  function list() {
    if (view.items === null) return loading(6);
    if (view.error && !view.items.length) return errorBox(view.error);
    if (!view.items.length) return emptyState(view.onlyUnread ? t('notifications.empty_unread') : t('notifications.empty'));
    return html`<ul class="notifications" aria-labelledby="notifications-list-title">${view.items.map(item)}</ul>
      ${view.error ? errorBox(view.error) : nothing}
      ${view.next ? html`<div class="more"><button type="button" class="secondary" ?disabled=${view.moreBusy}
        @click=${() => load({ more: true })}>${view.moreBusy ? t('common.loading') : t('notifications.more')}</button></div>` : nothing}`;
  }

  function summary() {
    if (view.unread === null) return t('common.loading');
    return view.unread ? t('notifications.unread_count', { n: fmtNumber(view.unread) }) : t('notifications.all_read');
  }

  function draw() {
    if (gone) return;
    render(html`
      <div class="page-head"><h1>${t('notifications.title')}</h1>
        <button type="button" class="link" @click=${toSettings}>${t('settings.title')}</button></div>
      <div class="notifications-layout">
      <section aria-labelledby="notifications-list-title">
        <h2 id="notifications-list-title" class="visually-hidden">${t('notifications.list_title')}</h2>
        <div class="notifications-toolbar">
          <p class="notifications-summary" role="status">${summary()}</p>
          <div class="check">
            <input type="checkbox" id="notifications-unread" .checked=${view.onlyUnread}
              @change=${(e) => setOnlyUnread(e.target.checked)}>
            <label for="notifications-unread">${t('notifications.only_unread')}</label>
          </div>
          <button type="button" class="secondary" id="notifications-read-all" ?disabled=${!view.unread || view.allBusy}
            @click=${markAll}>${t('notifications.mark_all')}</button>
        </div>
        <div class="notifications-list ${view.busy && view.items ? 'stale' : ''}" aria-busy=${view.busy ? 'true' : 'false'}>${list()}</div>
      </section>
      <section class="card notifications-settings" aria-labelledby="settings-title">
        <h2 id="settings-title" tabindex="-1">${t('settings.title')}</h2>
        <p class="help">${t('settings.intro')}</p>
        <div id="settings-form"></div>
      </section>
      </div>`, main);
  }

  draw();
  mountNotificationSettings(main.querySelector('#settings-form'));
  await load();
  return () => {
    gone = true;
    seq++;
  };
}
