// The caller's e-mail settings (GET|PATCH /api/me/notification-settings): the address and how
// e-mail comes — at each step and in the daily digest, in the digest only, or never. A 422's
// errors are shown at their fields; the address is checked by the server, not the browser, so
// the message is the same in every browser and language.
import { get, patch } from '../api.js';
import { t } from '../i18n.js';
import { html, render, nothing, errorBox, loading, announce } from '../ui.js';
import { errorMessage } from './bilingual.js';

export const EMAIL_MODES = ['immediate', 'digest', 'none'];

// Draws the settings form into `el` and loads the settings. Returns nothing; the form lives
// as long as the element.
export async function mountNotificationSettings(el) {
  const view = { settings: null, email: '', mode: 'immediate', errors: [], failure: null, busy: false, saved: false };

  const errorOf = (field) => errorMessage(view.errors.find((e) => e.field === field));

  async function save(e) {
    e.preventDefault();
    if (view.busy) return;
    const form = e.target;
    view.email = form.elements.email.value.trim();
    view.mode = form.elements.email_mode.value || view.mode;
    view.busy = true;
    view.saved = false;
    view.failure = null;
    draw();
    try {
      view.settings = await patch('/api/me/notification-settings', { email: view.email || null, email_mode: view.mode });
      view.email = view.settings.email || '';
      view.mode = view.settings.email_mode;
      view.errors = [];
      view.saved = true;
      announce(t('settings.saved'));
    } catch (error) {
      if (error.status === 401) return;
      view.errors = error.status === 422 ? error.errors : [];
      view.failure = view.errors.length ? null : error;
    }
    view.busy = false;
    draw();
    el.querySelector('[aria-invalid="true"]')?.focus();
  }

  function draw() {
    if (!view.settings) {
      render(html`${view.failure ? errorBox(view.failure) : loading(3)}`, el);
      return;
    }
    const emailError = errorOf('email');
    const modeError = errorOf('email_mode');
    render(html`<form class="notification-settings" novalidate @submit=${save}
        @input=${() => { if (view.saved) { view.saved = false; draw(); } }}>
      ${errorBox(view.failure)}
      <div class="field">
        <label for="settings-email">${t('settings.email')}</label>
        <input type="email" id="settings-email" name="email" maxlength="254" autocomplete="email"
          .value=${view.email} aria-invalid=${emailError ? 'true' : 'false'}
          aria-describedby="settings-email-help settings-email-error">
        <p class="help" id="settings-email-help">${t('settings.email_help')}</p>
        <p class="field-error" id="settings-email-error">${emailError}</p>
      </div>
      <fieldset class="email-modes" aria-describedby="settings-mode-error">
        <legend>${t('settings.mode')}</legend>
        ${EMAIL_MODES.map((mode) => html`<div class="check">
          <input type="radio" id=${`settings-mode-${mode}`} name="email_mode" value=${mode}
            .checked=${view.mode === mode} aria-describedby=${`settings-mode-${mode}-help`}>
          <label for=${`settings-mode-${mode}`}>${t(`settings.mode_${mode}`)}</label>
          <p class="help" id=${`settings-mode-${mode}-help`}>${t(`settings.mode_${mode}_help`)}</p>
        </div>`)}
        <p class="field-error" id="settings-mode-error">${modeError}</p>
      </fieldset>
      <div class="buttons start">
        <button type="submit" class="primary" ?disabled=${view.busy}>${view.busy ? t('settings.saving') : t('settings.save')}</button>
        ${view.saved ? html`<span class="saved">${t('settings.saved')}</span>` : nothing}
      </div>
    </form>`, el);
  }

  draw();
  try {
    view.settings = await get('/api/me/notification-settings');
    view.email = view.settings.email || '';
    view.mode = view.settings.email_mode;
  } catch (error) {
    if (error.status === 401) return;
    view.failure = error;
  }
  draw();
}
