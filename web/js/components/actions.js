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

// Confirms a step: its reason and the fields it sets (input_fields, their current values
// filled in). Without `submit`, resolves with {comment, fields} or null and the caller sends
// the step; a step without input fields then uses the shared confirmation dialog.
// With `submit({comment, fields})` (a promise of the server's answer) the dialog sends the
// step itself and stays open while it runs, so that a 422 shows beside the fields it names
// and can be fixed and retried. It resolves with the answer (null when cancelled) and rejects
// with any other error (409, 403...), which the caller handles.
export function confirmAction(action, { proposal, definition, partners = [], user, submit }) {
  const who = onBehalfText(action, user);
  const title = label(action.label);
  const body = [
    action.to_label ? t('proposal.confirm_moves_to', { state: label(action.to_label) }) : '',
    who ? t('proposal.confirm_on_behalf', { who }) : '',
    (proposal.warnings || []).length && ['submit', 'resubmit', 'approve', 'recommend'].includes(action.action)
      ? t('proposal.confirm_with_warnings', { n: proposal.warnings.length }) : '',
  ].filter(Boolean).join(' ');
  const inputs = (action.input_fields || []).map((n) => definition.fields.find((f) => f.name === n)).filter(Boolean);
  if (!inputs.length && !submit) {
    return confirmDialog({
      title, body, confirmLabel: label(action.label), needsComment: action.needs_comment, danger: DANGER.has(action.action),
    });
  }
  // Errors the field controls show (field-input.js: the field itself or its list elements).
  const beside = (e) => inputs.some((f) => e.field === f.name || e.field?.startsWith(`${f.name}[`));
  return new Promise((resolve, reject) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'confirm action-dialog';
    dialog.setAttribute('aria-labelledby', 'action-dialog-title');
    document.body.append(dialog);
    const values = {};
    for (const f of inputs) values[f.name] = structuredClone(proposal.fields?.[f.name] ?? null);
    // A dialog that sends the step itself is opened away from the proposal (the board): it
    // names the proposal, and a date the step requires starts at today, the usual answer.
    if (submit) for (const f of inputs) if (f.type === 'date' && f.required_from === action.to && values[f.name] === null) values[f.name] = today();
    const ctx = {
      values, drafts: {}, errors: [], partners,
      onChange: (name, v) => { values[name] = v; ctx.errors = ctx.errors.filter((e) => !e.field.startsWith(name)); draw(); },
      redraw: () => draw(),
    };
    let commentError = '';
    let refused = null; // the server's errors that name no input here, or its message
    let busy = false;
    const close = (settle, v) => { dialog.close(); dialog.remove(); settle(v); };
    const showErrors = () => {
      draw();
      const first = dialog.querySelector('[aria-invalid="true"], .error-box');
      first?.focus();
    };
    const onSubmit = async (e) => {
      e.preventDefault();
      if (busy) return;
      // Blurring fires the change event of the control being typed in, so its value counts.
      document.activeElement?.blur?.();
      const comment = dialog.querySelector('#action-comment').value.trim();
      ctx.errors = localErrors(inputs, values, ctx.drafts);
      commentError = action.needs_comment && !comment ? t('common.reason_required') : '';
      refused = null;
      if (ctx.errors.length || commentError) { showErrors(); return; }
      const fields = {};
      for (const f of inputs) if (values[f.name] !== null && values[f.name] !== undefined && values[f.name] !== '') fields[f.name] = values[f.name];
      if (!submit) { close(resolve, { comment, fields }); return; }
      busy = true;
      draw();
      try {
        const answer = await submit({ comment, fields });
        close(resolve, answer);
      } catch (error) {
        busy = false;
        if (error.status !== 422) { close(reject, error); return; }
        const errors = error.errors || [];
        ctx.errors = errors.filter(beside);
        commentError = errors.filter((x) => x.field === 'comment').map((x) => message(x)).join(' ');
        const rest = errors.filter((x) => !beside(x) && x.field !== 'comment').map((x) => message(x));
        refused = rest.length ? rest : errors.length ? null : [message({ message: error.message })];
        showErrors();
      }
    };
    const draw = () => render(html`<form @submit=${onSubmit} novalidate>
      <h2 id="action-dialog-title">${title}</h2>
      ${submit ? html`<p><strong>${proposal.ref}</strong> — ${proposal.title}</p>` : nothing}
      ${body ? html`<p>${body}</p>` : nothing}
      ${refused ? html`<div class="error-box" role="alert" tabindex="-1"><strong>${t('proposal.refused_rules')}</strong>
        <ul>${refused.map((m) => html`<li>${m}</li>`)}</ul></div>` : nothing}
      ${inputs.length ? html`<p class="help">${t('proposal.input_fields_help')}</p>
        ${pickerLists(partners)}
        ${inputs.map((f) => fieldControl(f, ctx, { required: false }))}` : nothing}
      <label for="action-comment">${action.needs_comment ? t('common.reason') : t('common.comment_optional')}</label>
      <textarea id="action-comment" rows="3" aria-invalid=${commentError ? 'true' : 'false'} aria-describedby="action-comment-error"></textarea>
      <p class="field-error" id="action-comment-error">${commentError}</p>
      <div class="buttons">
        <button type="button" class="secondary" ?disabled=${busy} @click=${() => close(resolve, null)}>${t('common.cancel')}</button>
        <button type="submit" class=${DANGER.has(action.action) ? 'danger' : 'primary'} ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'}>
          ${busy ? t('proposal.action_sending') : label(action.label)}</button>
      </div></form>`, dialog);
    draw();
    // Escape while the step is being sent would leave its outcome unknown to the caller.
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); if (!busy) close(resolve, null); });
    dialog.showModal();
    dialog.querySelector('input, select, textarea')?.focus();
  });
}

// Today's date in the reader's time zone, as an ISO date.
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
