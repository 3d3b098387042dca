// A modal dialog that takes one step of a proposal's workflow: the fields the step sets as it
// is taken (input_fields: the signing date, the decision number...), a reason where the step
// needs one, and the server's refusals (422) shown beside the fields they concern.
import { t, label, message } from '../i18n.js';
import { html, render, nothing, fieldError } from '../ui.js';

let dialogSeq = 0;

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function control(field, id, value, required, error) {
  const described = [field.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
  const invalid = error ? 'true' : 'false';
  switch (field.type) {
    case 'enum':
      return html`<select id=${id} name=${field.name} ?required=${required} aria-invalid=${invalid} aria-describedby=${described}>
        <option value="" ?selected=${!value}>${t('board.step.choose')}</option>
        ${(field.options || []).map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${label(o.label)}</option>`)}
      </select>`;
    case 'boolean':
      return html`<input type="checkbox" id=${id} name=${field.name} ?checked=${value === true} aria-describedby=${described}>`;
    case 'long_text':
      return html`<textarea id=${id} name=${field.name} rows="3" ?required=${required} aria-invalid=${invalid} aria-describedby=${described}>${value ?? ''}</textarea>`;
    case 'integer':
      return html`<input type="number" id=${id} name=${field.name} step="1" min=${field.min ?? nothing} .value=${value ?? ''} ?required=${required} aria-invalid=${invalid} aria-describedby=${described}>`;
    case 'date':
      return html`<input type="date" id=${id} name=${field.name} .value=${value ?? ''} ?required=${required} aria-invalid=${invalid} aria-describedby=${described}>`;
    default:
      return html`<input type="text" id=${id} name=${field.name} maxlength=${field.max_length ?? nothing} .value=${value ?? ''} ?required=${required} aria-invalid=${invalid} aria-describedby=${described}>`;
  }
}

function readValue(field, el) {
  if (!el) return undefined;
  if (field.type === 'boolean') return el.checked;
  const raw = el.value.trim();
  if (raw === '') return undefined;
  if (field.type === 'integer') return Number(raw);
  return raw;
}

// stepDialog({proposal, action, definition, submit}) opens the dialog for `action` (an entry of
// proposal.allowed_actions). submit({comment, fields}) sends the step and resolves with the
// proposal after it. Resolves with that proposal, or null when cancelled. A 422 keeps the
// dialog open with its reasons; any other error closes it and rejects with that error.
export function stepDialog({ proposal, action, definition, submit }) {
  return new Promise((resolve, reject) => {
    const n = ++dialogSeq;
    const fields = (action.input_fields || [])
      .map((name) => (definition?.fields || []).find((f) => f.name === name) || { name, type: 'text', label: { vi: name, en: name } });
    const dialog = document.createElement('dialog');
    dialog.className = 'confirm step-dialog';
    dialog.setAttribute('aria-labelledby', `step-title-${n}`);
    document.body.append(dialog);
    let errors = [];
    let busy = false;
    const required = (f) => f.required_from === action.to;
    const initial = (f) => proposal.fields?.[f.name] ?? (f.type === 'date' && required(f) ? today() : undefined);
    const finish = (fn, value) => {
      dialog.close();
      dialog.remove();
      fn(value);
    };
    const known = new Set([...fields.map((f) => f.name), 'comment']);
    const draw = () => {
      const others = errors.filter((e) => !known.has(e.field));
      const commentError = fieldError(errors, 'comment');
      render(html`<form @submit=${onSubmit} novalidate>
        <h2 id=${`step-title-${n}`}>${label(action.label)}</h2>
        <p><strong>${proposal.ref}</strong> — ${proposal.title}</p>
        ${action.to_label ? html`<p class="step-to">${t('board.step.moves_to', { state: label(action.to_label) })}</p>` : nothing}
        ${others.length ? html`<div class="error-box" role="alert"><strong>${t('board.step.refused')}</strong>
          <ul>${others.map((e) => html`<li>${message(e)}</li>`)}</ul></div>` : nothing}
        ${fields.map((f) => {
          const id = `step-${n}-${f.name}`;
          const error = fieldError(errors, f.name);
          const field = control(f, id, initial(f), required(f), error);
          return html`<div class=${f.type === 'boolean' ? 'step-field check' : 'step-field'}>
            ${f.type === 'boolean' ? html`${field}<label for=${id}>${label(f.label)}</label>`
              : html`<label for=${id}>${label(f.label)}${required(f) ? html` <span class="required">${t('board.step.required')}</span>` : nothing}</label>${field}`}
            ${f.help ? html`<p class="help" id=${`${id}-help`}>${label(f.help)}</p>` : nothing}
            <p class="field-error" id=${`${id}-error`}>${error}</p>
          </div>`;
        })}
        <label for=${`step-${n}-comment`}>${action.needs_comment ? t('common.reason') : t('common.comment_optional')}</label>
        <textarea id=${`step-${n}-comment`} rows="3" ?required=${action.needs_comment}
          aria-invalid=${commentError ? 'true' : 'false'} aria-describedby=${`step-${n}-comment-error`}></textarea>
        <p class="field-error" id=${`step-${n}-comment-error`}>${commentError}</p>
        <div class="buttons">
          <button type="button" class="secondary" @click=${() => finish(resolve, null)}>${t('common.cancel')}</button>
          <button type="submit" class="primary" ?disabled=${busy}>${busy ? t('board.step.sending') : label(action.label)}</button>
        </div>
      </form>`, dialog);
    };
    async function onSubmit(e) {
      e.preventDefault();
      const comment = dialog.querySelector(`#step-${n}-comment`).value.trim();
      if (action.needs_comment && !comment) {
        errors = [{ field: 'comment', message: t('common.reason_required') }];
        draw();
        dialog.querySelector(`#step-${n}-comment`).focus();
        return;
      }
      const values = {};
      for (const f of fields) {
        const v = readValue(f, dialog.querySelector(`#step-${n}-${f.name}`));
        if (v !== undefined) values[f.name] = v;
      }
      busy = true;
      errors = [];
      draw();
      try {
        const answer = await submit({ comment, fields: values });
        finish(resolve, answer);
      } catch (error) {
        busy = false;
        if (error.status === 422 && error.errors?.length) {
          errors = error.errors;
          draw();
          const first = dialog.querySelector('[aria-invalid="true"]') || dialog.querySelector('.error-box');
          if (first) {
            if (!first.hasAttribute('tabindex') && first.classList.contains('error-box')) first.setAttribute('tabindex', '-1');
            first.focus();
          }
          return;
        }
        finish(reject, error);
      }
    }
    draw();
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); if (!busy) finish(resolve, null); });
    dialog.showModal();
    (dialog.querySelector('input, select, textarea') || dialog.querySelector('button.primary')).focus();
  });
}
