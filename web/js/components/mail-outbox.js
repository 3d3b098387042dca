// Thư điện tử / E-mail, the administration page's tab: the messages that could not be sent
// (failed) and those waiting (pending), each with its last error and a Retry button, and a
// form that sends a test message so an administrator can check the configuration.
// mailOutbox(container) draws into `container` and keeps its own state; it returns a function
// that stops it.
import { get, post, withQuery } from '../api.js';
import { t, fmtDateTime, fmtNumber } from '../i18n.js';
import { html, render, nothing, errorBox, loading, emptyState, announce, fieldError } from '../ui.js';
import { field } from './form-dialog.js';

const SHOWN = ['failed', 'pending'];

function recipient(m) {
  return m.to.name ? html`${m.to.name} <span class="muted">&lt;${m.to.address}&gt;</span>` : m.to.address;
}

export function mailOutbox(container) {
  const state = { lists: null, enabled: true, counts: null, error: null, testErrors: [], sending: false, retrying: new Set() };
  let alive = true;

  const load = async () => {
    try {
      const pages = await Promise.all(SHOWN.map((status) => get(withQuery('/api/admin/mail', { status, limit: 50 }))));
      if (!alive) return;
      state.lists = Object.fromEntries(SHOWN.map((status, i) => [status, pages[i].items]));
      state.enabled = pages[0].enabled;
      state.counts = pages[0].counts;
      state.error = null;
    } catch (error) {
      if (error.status === 401 || !alive) return;
      state.error = error;
      state.lists ??= { failed: [], pending: [] };
    }
    draw();
  };

  const retry = async (m) => {
    state.retrying.add(m.id);
    draw();
    try {
      await post(`/api/admin/mail/${m.id}/retry`);
      announce(t('admin.mail_outbox.retried', { to: m.to.address }));
      await load();
    } catch (error) {
      announce(error.message || t('admin.failed'), 'error');
    } finally {
      state.retrying.delete(m.id);
      if (alive) draw();
    }
  };

  const sendTest = async (e) => {
    e.preventDefault();
    const to = new FormData(e.target).get('to').toString().trim();
    if (!to) {
      state.testErrors = [{ field: 'to', message: t('admin.required'), message_en: t('admin.required') }];
      draw();
      container.querySelector('#mail-test-to').focus();
      return;
    }
    state.sending = true;
    state.testErrors = [];
    draw();
    try {
      await post('/api/admin/mail/test', { to });
      e.target.reset();
      announce(t('admin.mail_outbox.test_queued', { to }));
      await load();
    } catch (error) {
      state.testErrors = error.errors?.length ? error.errors : [{ field: 'to', message: error.message, message_en: error.message }];
    }
    state.sending = false;
    if (alive) draw();
  };

  const table = (status) => {
    const rows = state.lists[status];
    if (!rows.length) return emptyState(t(`admin.mail_outbox.none_${status}`));
    return html`<div class="table-wrap"><table class="mail-outbox" data-status=${status}>
      <thead><tr><th scope="col">${t('admin.mail_outbox.to')}</th><th scope="col">${t('admin.mail_outbox.subject')}</th>
        <th scope="col">${t('admin.mail_outbox.created')}</th><th scope="col">${t('admin.mail_outbox.attempts')}</th>
        <th scope="col">${t('admin.mail_outbox.last_error')}</th>
        ${status === 'pending' ? html`<th scope="col">${t('admin.mail_outbox.next_attempt')}</th>` : nothing}
        <th scope="col"><span class="pa-sr">${t('admin.actions')}</span></th></tr></thead>
      <tbody>${rows.map((m) => html`<tr data-id=${m.id}>
        <td>${recipient(m)}</td><th scope="row">${m.subject}</th>
        <td class="pa-nowrap">${fmtDateTime(m.created_at)}</td><td>${fmtNumber(m.attempts)}</td>
        <td class="mail-error">${m.last_error || ''}</td>
        ${status === 'pending' ? html`<td class="pa-nowrap">${fmtDateTime(m.next_attempt_at)}</td>` : nothing}
        <td class="pa-actions"><button type="button" class="link" ?disabled=${state.retrying.has(m.id) || !state.enabled}
          aria-label=${t('admin.mail_outbox.retry_named', { to: m.to.address })} @click=${() => retry(m)}>${t('admin.mail_outbox.retry')}</button></td>
      </tr>`)}</tbody>
    </table></div>`;
  };

  const draw = () => {
    if (!alive) return;
    const c = state.counts;
    render(html`<section aria-labelledby="adm-mail-h">
      <div class="page-head"><h2 id="adm-mail-h">${t('admin.mail_outbox.title')}</h2>
        <button type="button" class="secondary" id="mail-reload" @click=${load}>${t('admin.mail_outbox.reload')}</button></div>
      ${errorBox(state.error)}
      ${state.enabled ? nothing : html`<p class="error-box" role="status" id="mail-off">${t('admin.mail_outbox.off')}</p>`}
      ${c ? html`<p class="help" id="mail-counts">${t('admin.mail_outbox.counts', { pending: fmtNumber(c.pending), sent: fmtNumber(c.sent), failed: fmtNumber(c.failed) })}</p>` : nothing}
      <form class="filters mail-test" novalidate @submit=${sendTest}>
        ${field('mail-test-to', t('admin.mail_outbox.test_to'), fieldError(state.testErrors, 'to'), (a) => html`
          <input id=${a.id} name="to" type="email" autocomplete="email" maxlength="254" ?disabled=${!state.enabled}
            aria-invalid=${a.invalid} aria-describedby=${a.describedby}>`, t('admin.mail_outbox.test_help'))}
        <div><button type="submit" class="primary" id="mail-test-send" ?disabled=${state.sending || !state.enabled}>${t('admin.mail_outbox.test_send')}</button></div>
      </form>
      ${SHOWN.map((status) => html`<h3>${t(`admin.mail_outbox.heading_${status}`)}</h3>
        ${state.lists === null ? loading(3) : table(status)}`)}
    </section>`, container);
  };

  draw();
  load();
  return () => { alive = false; };
}
