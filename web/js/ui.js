// Small pieces every page uses: badges, empty and error states, a loading placeholder that
// keeps its height, a confirmation dialog, a polite announcer, and form field helpers.
import { html, nothing, render } from '/node_modules/lit-html/lit-html.js';
import { t, label, fmtDate, message, has } from './i18n.js';

export { html, nothing, render };

// Whole days from today (the user's calendar date) to 'YYYY-MM-DD'; negative when past.
export function daysUntil(isoDate) {
  if (!isoDate) return null;
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  const now = new Date();
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((Date.UTC(y, m - 1, d) - today) / 86400000);
}

// Whole days since an RFC 3339 instant (days at the current step).
export function daysSince(instant) {
  if (!instant) return null;
  const then = new Date(instant).getTime();
  if (Number.isNaN(then)) return null;
  return Math.max(0, Math.floor((Date.now() - then) / 86400000));
}

export function kindLabel(kind) {
  return t(`kind.${kind}`);
}

export function roleLabel(role) {
  return has(`role.${role}`) ? t(`role.${role}`) : role;
}

export function stateBadge(p) {
  return html`<span class="badge state" data-state=${p.state}>${label(p.state_label) || p.state}</span>`;
}

// The deadline of the current step: the date and the days left, red when overdue.
export function dueBadge(dueOn, overdue) {
  if (!dueOn) return html`<span class="muted">${t('common.no_deadline')}</span>`;
  const days = daysUntil(dueOn);
  const late = overdue || days < 0;
  const text = late ? t('common.days_overdue', { n: Math.abs(days) })
    : days === 0 ? t('common.due_today') : t('common.days_left', { n: days });
  return html`<span class="due ${late ? 'overdue' : days <= 2 ? 'soon' : ''}">
    <time datetime=${dueOn}>${fmtDate(dueOn)}</time> · <span class="days">${text}</span></span>`;
}

export function emptyState(text, action) {
  return html`<div class="empty" role="status"><p>${text}</p>${action || nothing}</div>`;
}

// An error box for a failed load or action; ApiError problems show their detail.
export function errorBox(error) {
  if (!error) return nothing;
  const detail = error.status === 0 ? t('error.network')
    : error.status === 403 ? t('error.forbidden')
    : error.status === 404 ? t('error.not_found')
    : error.status === 503 ? t('error.unavailable')
    : error.message || t('error.generic');
  return html`<div class="error-box" role="alert">
    <strong>${t('error.title')}</strong> ${detail}
    ${error.errors?.length ? html`<ul>${error.errors.map((e) => html`<li>${e.field ? html`<code>${e.field}</code>: ` : nothing}${message(e)}</li>`)}</ul>` : nothing}
  </div>`;
}

// A grey placeholder of fixed height while a page loads, so nothing jumps when data arrives.
export function loading(lines = 6) {
  return html`<div class="loading" aria-busy="true" aria-label=${t('common.loading')}>
    ${Array.from({ length: lines }, () => html`<div class="skeleton-line"></div>`)}</div>`;
}

// Says something to screen-reader users and shows it briefly (saved, failed, ...).
export function announce(text, kind = 'info') {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = text;
  region.dataset.kind = kind;
  region.hidden = false;
  clearTimeout(region._timer);
  region._timer = setTimeout(() => { region.hidden = true; }, 5000);
}

// Asks to confirm an action in a modal dialog. With needsComment, a reason is required.
// Resolves with {comment} when confirmed, null when cancelled.
export function confirmDialog({ title, body, confirmLabel, needsComment = false, commentLabel, danger = false }) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'confirm';
    dialog.setAttribute('aria-labelledby', 'confirm-title');
    document.body.append(dialog);
    let error = '';
    const close = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    const submit = (e) => {
      e.preventDefault();
      const comment = dialog.querySelector('textarea')?.value.trim() || '';
      if (needsComment && !comment) {
        error = t('common.reason_required');
        draw();
        dialog.querySelector('textarea').focus();
        return;
      }
      close({ comment });
    };
    const draw = () => render(html`
      <form method="dialog" novalidate @submit=${submit}>
        <h2 id="confirm-title">${title}</h2>
        ${body ? html`<p>${body}</p>` : nothing}
        ${needsComment !== null ? html`
          <label for="confirm-comment">${commentLabel || (needsComment ? t('common.reason') : t('common.comment_optional'))}</label>
          <textarea id="confirm-comment" rows="3" ?required=${needsComment}
            aria-invalid=${error ? 'true' : 'false'} aria-describedby="confirm-error"></textarea>
          <p id="confirm-error" class="field-error">${error}</p>` : nothing}
        <div class="buttons">
          <button type="button" class="secondary" @click=${() => close(null)}>${t('common.cancel')}</button>
          <button type="submit" class=${danger ? 'danger' : 'primary'}>${confirmLabel || t('common.confirm')}</button>
        </div>
      </form>`, dialog);
    draw();
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(null); });
    dialog.showModal();
    (dialog.querySelector('textarea') || dialog.querySelector('button.primary, button.danger')).focus();
  });
}

// The error of one field from a 422 answer, for aria-describedby beside the control.
export function fieldError(errors, name) {
  const e = (errors || []).find((x) => x.field === name || x.field?.startsWith(`${name}/`) || x.field?.startsWith(`${name}[`));
  return e ? message(e) : '';
}

// Sets the document title and the page heading's text.
export function setTitle(text) {
  document.title = text ? `${text} — Attaché` : 'Attaché';
}
