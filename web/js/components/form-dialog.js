// A modal form (add or edit a partner, a plan item, a user, a unit): draws the fields the
// caller gives, sends them with the caller's submit function, and shows a 422's field errors
// beside their controls. Resolves with what submit returned, or null when cancelled.
import { t } from '../i18n.js';
import { html, render, nothing, errorBox } from '../ui.js';

let dialogCount = 0;

// formDialog({title, submitLabel, fields(errors) → template, submit(FormData) → Promise<value>})
export function formDialog({ title, submitLabel, fields, submit }) {
  return new Promise((resolve) => {
    const id = `form-dialog-${++dialogCount}`;
    const dialog = document.createElement('dialog');
    dialog.className = 'confirm form-dialog';
    dialog.setAttribute('aria-labelledby', `${id}-title`);
    document.body.append(dialog);
    let errors = [];
    let failure = null;
    let busy = false;
    const close = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    const onSubmit = async (e) => {
      e.preventDefault();
      if (busy) return;
      busy = true;
      failure = null;
      draw();
      try {
        close(await submit(new FormData(e.target), e.target));
        return;
      } catch (error) {
        if (error.status === 401) return close(null);
        errors = error.errors || [];
        failure = error;
      }
      busy = false;
      draw();
      const invalid = dialog.querySelector('[aria-invalid="true"]');
      (invalid || dialog.querySelector('.error-box'))?.focus?.();
    };
    const draw = () => render(html`
      <form novalidate @submit=${onSubmit}>
        <h2 id=${`${id}-title`}>${title}</h2>
        ${failure && !errors.length ? errorBox(failure) : nothing}
        ${fields(errors)}
        <div class="buttons">
          <button type="button" class="secondary" @click=${() => close(null)}>${t('common.cancel')}</button>
          <button type="submit" class="primary" ?disabled=${busy}>${submitLabel || t('common.save')}</button>
        </div>
      </form>`, dialog);
    draw();
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(null); });
    dialog.showModal();
    dialog.querySelector('input:not([type=hidden]), select, textarea')?.focus();
  });
}

// A labelled control with its error below it (aria-describedby, aria-invalid).
// control(id, labelText, error, template-of-the-input-given-{id, invalid, describedby}, help?)
export function field(id, text, error, input, help) {
  const describedby = [help ? `${id}-help` : '', `${id}-error`].filter(Boolean).join(' ');
  return html`<div class="field">
    <label for=${id}>${text}</label>
    ${input({ id, invalid: error ? 'true' : 'false', describedby })}
    ${help ? html`<p class="help" id=${`${id}-help`}>${help}</p>` : nothing}
    <p class="field-error" id=${`${id}-error`}>${error}</p>
  </div>`;
}

// The trimmed text of a form field, or undefined when it is empty.
export function text(form, name) {
  const v = (form.get(name) ?? '').toString().trim();
  return v === '' ? undefined : v;
}
