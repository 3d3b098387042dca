// The workflow steps a user may take on a proposal, from its `allowed_actions`: enabled ones
// as buttons (the main one first), disabled ones greyed with their reasons written out, and
// the dialog that confirms a step, asks its reason and the fields it sets (input_fields).
import { html, render, nothing, confirmDialog } from '../ui.js';
import { t, label, message } from '../i18n.js';
import { fieldControl, pickerLists, localErrors } from './field-input.js';

const SOFT = new Set(['return', 'reject', 'withdraw', 'cancel', 'postpone', 'send_back', 'terminate', 'suspend', 'record_pm_rejection']);
const DANGER = new Set(['reject', 'withdraw', 'cancel', 'terminate']);

// "thay mặt Võ Văn Thành" when the step is the deputy's for a leader.
export function onBehalfText(action, user) {
  if (!action.on_behalf_of) return '';
  const leader = (user.acting_for || []).find((a) => a.leader_id === action.on_behalf_of);
  return t('proposal.on_behalf_of', { name: leader?.leader_name || `#${action.on_behalf_of}` });
}

// The reasons of a disabled step, each with a way to the field or document it names.
function reasonItem(r, onReason) {
  const target = r.code === 'missing_field' || r.code === 'invalid_field' || r.code === 'missing_document';
  return html`<li>${message(r)}${target && onReason ? html` <button type="button" class="link"
    @click=${() => onReason(r)}>${r.code === 'missing_document' ? t('proposal.go_to_document') : t('proposal.go_to_field')}</button>` : nothing}</li>`;
}

// Lead-time and other warnings: they do not block, so they sit where the step is taken.
export function warningsBlock(proposal) {
  const warnings = proposal.warnings || [];
  if (!warnings.length) return nothing;
  return html`<div class="warnings" role="note" aria-labelledby="warnings-heading">
    <strong id="warnings-heading">${t('proposal.warnings', { n: warnings.length })}</strong>
    <ul>${warnings.map((w) => html`<li data-warning=${w.id}>${label(w.message)}
      ${w.source ? html`<details><summary>${t('proposal.legal_source')}</summary><p>${w.source}</p></details>` : nothing}</li>`)}</ul>
  </div>`;
}

// The panel. opts: {proposal, user, busy, onAct(action), onReason(reason), refused: ApiError|null}
export function actionsPanel({ proposal, user, busy, onAct, onReason, refused }) {
  const actions = proposal.allowed_actions || [];
  if (!actions.length) {
    return html`<section class="card actions-panel" aria-labelledby="actions-heading">
      <h2 id="actions-heading">${t('proposal.actions')}</h2>
      <p class="muted">${proposal.terminal ? t('proposal.terminal_no_actions') : t('proposal.no_actions')}</p></section>`;
  }
  const enabled = actions.filter((a) => a.enabled);
  const disabled = actions.filter((a) => !a.enabled);
  const button = (a) => {
    const who = onBehalfText(a, user);
    const cls = DANGER.has(a.action) ? 'danger' : SOFT.has(a.action) ? 'secondary' : 'primary';
    return html`<button type="button" class=${`action ${cls}`} data-action=${a.action}
      ?disabled=${!a.enabled || busy} aria-describedby=${a.enabled ? nothing : `reasons-${a.action}`}
      @click=${() => onAct(a)}>${label(a.label)}${who ? html`<span class="on-behalf"> (${who})</span>` : nothing}</button>`;
  };
  return html`<section class="card actions-panel" aria-labelledby="actions-heading">
    <h2 id="actions-heading">${t('proposal.actions')}</h2>
    ${warningsBlock(proposal)}
    ${refused ? html`<div class="error-box" role="alert" id="action-refused" tabindex="-1">
      <strong>${refused.status === 422 ? t('proposal.refused_rules') : t('proposal.refused')}</strong>
      ${refused.errors?.length ? html`<ul>${refused.errors.map((r) => reasonItem(r, onReason))}</ul>` : html` ${message({ message: refused.message })}`}
    </div>` : nothing}
    ${enabled.length ? html`<div class="action-buttons">${enabled.map(button)}</div>` : nothing}
    ${disabled.map((a) => html`<div class="action-disabled">
      ${button(a)}
      <div class="reasons" id=${`reasons-${a.action}`}>
        <p>${t('proposal.not_yet', { to: label(a.to_label) || label(a.label) })}</p>
        <ul>${(a.reasons || []).map((r) => reasonItem(r, onReason))}</ul>
      </div></div>`)}
  </section>`;
}

// Confirms a step. Steps without input fields use the shared confirmation dialog; those with
// input fields get a dialog of their own with the fields (their current values filled in).
// Resolves with {comment, fields?} or null.
export function confirmAction(action, { proposal, definition, partners, user }) {
  const who = onBehalfText(action, user);
  const title = label(action.label);
  const body = [
    action.to_label ? t('proposal.confirm_moves_to', { state: label(action.to_label) }) : '',
    who ? t('proposal.confirm_on_behalf', { who }) : '',
    (proposal.warnings || []).length && ['submit', 'resubmit', 'approve', 'recommend'].includes(action.action)
      ? t('proposal.confirm_with_warnings', { n: proposal.warnings.length }) : '',
  ].filter(Boolean).join(' ');
  const inputs = (action.input_fields || []).map((n) => definition.fields.find((f) => f.name === n)).filter(Boolean);
  if (!inputs.length) {
    return confirmDialog({
      title, body, confirmLabel: label(action.label), needsComment: action.needs_comment, danger: DANGER.has(action.action),
    });
  }
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'confirm action-dialog';
    dialog.setAttribute('aria-labelledby', 'action-dialog-title');
    document.body.append(dialog);
    const values = {};
    for (const f of inputs) values[f.name] = structuredClone(proposal.fields?.[f.name] ?? null);
    const ctx = {
      values, drafts: {}, errors: [], partners,
      onChange: (name, v) => { values[name] = v; ctx.errors = ctx.errors.filter((e) => !e.field.startsWith(name)); draw(); },
      redraw: () => draw(),
    };
    let commentError = '';
    const close = (v) => { dialog.close(); dialog.remove(); resolve(v); };
    const submit = (e) => {
      e.preventDefault();
      document.activeElement?.blur?.();
      const comment = dialog.querySelector('#action-comment').value.trim();
      ctx.errors = localErrors(inputs, values, ctx.drafts);
      commentError = action.needs_comment && !comment ? t('common.reason_required') : '';
      if (ctx.errors.length || commentError) { draw(); return; }
      const fields = {};
      for (const f of inputs) if (values[f.name] !== null && values[f.name] !== undefined && values[f.name] !== '') fields[f.name] = values[f.name];
      close({ comment, fields });
    };
    const draw = () => render(html`<form @submit=${submit} novalidate>
      <h2 id="action-dialog-title">${title}</h2>
      ${body ? html`<p>${body}</p>` : nothing}
      <p class="help">${t('proposal.input_fields_help')}</p>
      ${pickerLists(partners)}
      ${inputs.map((f) => fieldControl(f, ctx, { required: false }))}
      <label for="action-comment">${action.needs_comment ? t('common.reason') : t('common.comment_optional')}</label>
      <textarea id="action-comment" rows="3" aria-invalid=${commentError ? 'true' : 'false'} aria-describedby="action-comment-error"></textarea>
      <p class="field-error" id="action-comment-error">${commentError}</p>
      <div class="buttons">
        <button type="button" class="secondary" @click=${() => close(null)}>${t('common.cancel')}</button>
        <button type="submit" class=${DANGER.has(action.action) ? 'danger' : 'primary'}>${label(action.label)}</button>
      </div></form>`, dialog);
    draw();
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(null); });
    dialog.showModal();
    dialog.querySelector('input, select, textarea')?.focus();
  });
}
