// The add / edit partner dialog (ICD officers and heads, administrators).
import { post, patch } from '../api.js';
import { t } from '../i18n.js';
import { html, fieldError } from '../ui.js';
import { formDialog, field, text } from './form-dialog.js';
import { forget } from '../reference.js';

export const PARTNER_TYPES = ['un_agency', 'financial_institution', 'government', 'ngo', 'regional_body', 'other'];

export function partnerTypeLabel(type) {
  return t(`partners.type.${PARTNER_TYPES.includes(type) ? type : 'other'}`);
}

// Opens the dialog; resolves with the saved partner, or null when cancelled.
export function partnerDialog(partner = null) {
  const p = partner || { type: 'ngo', name_vi: '', name_en: '', acronym: '', country: null, notes: '' };
  return formDialog({
    title: partner ? t('partners.edit_title') : t('partners.add_title'),
    submitLabel: partner ? t('common.save') : t('partners.add'),
    fields: (errors) => html`
      ${field('pf-type', t('partners.field.type'), fieldError(errors, 'type'), (a) => html`
        <select id=${a.id} name="type" aria-invalid=${a.invalid} aria-describedby=${a.describedby}>
          ${PARTNER_TYPES.map((ty) => html`<option value=${ty} ?selected=${ty === p.type}>${partnerTypeLabel(ty)}</option>`)}
        </select>`)}
      ${field('pf-name-vi', t('partners.field.name_vi'), fieldError(errors, 'name_vi'), (a) => html`
        <input id=${a.id} name="name_vi" required maxlength="300" .value=${p.name_vi} aria-invalid=${a.invalid} aria-describedby=${a.describedby}>`)}
      ${field('pf-name-en', t('partners.field.name_en'), fieldError(errors, 'name_en'), (a) => html`
        <input id=${a.id} name="name_en" required maxlength="300" lang="en" .value=${p.name_en} aria-invalid=${a.invalid} aria-describedby=${a.describedby}>`)}
      <div class="pa-row">
        ${field('pf-acronym', t('partners.field.acronym'), fieldError(errors, 'acronym'), (a) => html`
          <input id=${a.id} name="acronym" maxlength="32" .value=${p.acronym || ''} aria-invalid=${a.invalid} aria-describedby=${a.describedby}>`)}
        ${field('pf-country', t('partners.field.country'), fieldError(errors, 'country'), (a) => html`
          <input id=${a.id} name="country" maxlength="2" autocapitalize="characters" .value=${p.country || ''}
            aria-invalid=${a.invalid} aria-describedby=${a.describedby}>`, t('partners.country_help'))}
      </div>
      ${field('pf-notes', t('partners.field.notes'), fieldError(errors, 'notes'), (a) => html`
        <textarea id=${a.id} name="notes" rows="3" maxlength="5000" .value=${p.notes || ''} aria-invalid=${a.invalid} aria-describedby=${a.describedby}></textarea>`)}`,
    submit: async (form) => {
      const body = {
        type: form.get('type'),
        name_vi: text(form, 'name_vi') ?? '',
        name_en: text(form, 'name_en') ?? '',
        acronym: text(form, 'acronym') ?? '',
        country: text(form, 'country')?.toUpperCase() ?? null,
        notes: text(form, 'notes') ?? '',
      };
      const local = [];
      if (!body.name_vi) local.push({ field: 'name_vi', message: t('partners.required'), message_en: t('partners.required') });
      if (!body.name_en) local.push({ field: 'name_en', message: t('partners.required'), message_en: t('partners.required') });
      if (body.country && !/^[A-Z]{2}$/.test(body.country))
        local.push({ field: 'country', message: t('partners.country_help'), message_en: t('partners.country_help') });
      if (local.length) throw Object.assign(new Error(t('partners.check_fields')), { status: 422, errors: local });
      try {
        const saved = partner ? await patch(`/api/partners/${partner.id}`, body) : await post('/api/partners', body);
        forget('partners');
        return saved;
      } catch (error) {
        if (error.status === 409)
          error.errors = [{ field: 'name_vi', message: t('partners.name_taken'), message_en: t('partners.name_taken') }];
        throw error;
      }
    },
  });
}
