// The add / edit plan item dialog: kind, title, partner, country, quarter and budget.
import { post, patch } from '../api.js';
import { t, label } from '../i18n.js';
import { html, nothing, fieldError, kindLabel } from '../ui.js';
import { KINDS } from '../reference.js';
import { formDialog, field, text } from './form-dialog.js';

// planItemDialog({item?, year, partners, units?: [unit] to choose from (ICD adding), unit?})
export function planItemDialog({ item = null, year, partners, units = null, unit = '' }) {
  const it = item || { kind: 'outbound_delegation', title: '', partner_id: null, country: null, quarter: null, budget: null };
  const sorted = [...partners].sort((a, b) => label({ vi: a.name_vi, en: a.name_en }).localeCompare(label({ vi: b.name_vi, en: b.name_en })));
  return formDialog({
    title: item ? t('plan.edit_title') : t('plan.add_title', { year }),
    submitLabel: item ? t('common.save') : t('plan.add'),
    fields: (errors) => html`
      ${!item && units ? field('pi-unit', t('plan.field.unit'), fieldError(errors, 'unit'), (a) => html`
        <select id=${a.id} name="unit" required aria-invalid=${a.invalid} aria-describedby=${a.describedby}>
          ${units.map((u) => html`<option value=${u.code} ?selected=${u.code === unit}>${u.code} — ${label(u.name)}</option>`)}
        </select>`) : nothing}
      ${field('pi-kind', t('plan.field.kind'), fieldError(errors, 'kind'), (a) => html`
        <select id=${a.id} name="kind" aria-invalid=${a.invalid} aria-describedby=${a.describedby}>
          ${KINDS.map((k) => html`<option value=${k} ?selected=${k === it.kind}>${kindLabel(k)}</option>`)}
        </select>`)}
      ${field('pi-title', t('plan.field.title'), fieldError(errors, 'title'), (a) => html`
        <input id=${a.id} name="title" required maxlength="500" .value=${it.title} aria-invalid=${a.invalid} aria-describedby=${a.describedby}>`)}
      ${field('pi-partner', t('plan.field.partner'), fieldError(errors, 'partner_id'), (a) => html`
        <select id=${a.id} name="partner_id" aria-invalid=${a.invalid} aria-describedby=${a.describedby}>
          <option value="" ?selected=${!it.partner_id}>${t('plan.no_partner')}</option>
          ${sorted.map((p) => html`<option value=${p.id} ?selected=${p.id === it.partner_id}>${label({ vi: p.name_vi, en: p.name_en })}${p.acronym ? ` (${p.acronym})` : ''}</option>`)}
        </select>`)}
      <div class="pa-row">
        ${field('pi-country', t('plan.field.country'), fieldError(errors, 'country'), (a) => html`
          <input id=${a.id} name="country" maxlength="2" .value=${it.country || ''} aria-invalid=${a.invalid} aria-describedby=${a.describedby}>`, t('plan.country_help'))}
        ${field('pi-quarter', t('plan.field.quarter'), fieldError(errors, 'quarter'), (a) => html`
          <select id=${a.id} name="quarter" aria-invalid=${a.invalid} aria-describedby=${a.describedby}>
            <option value="" ?selected=${!it.quarter}>${t('plan.no_quarter')}</option>
            ${[1, 2, 3, 4].map((q) => html`<option value=${q} ?selected=${q === it.quarter}>${t('plan.quarter', { q })}</option>`)}
          </select>`)}
      </div>
      <div class="pa-row">
        ${field('pi-amount', t('plan.field.budget'), fieldError(errors, 'budget'), (a) => html`
          <input id=${a.id} name="amount" type="number" min="0" step="any" inputmode="decimal" .value=${it.budget ? String(it.budget.amount) : ''}
            aria-invalid=${a.invalid} aria-describedby=${a.describedby}>`)}
        ${field('pi-currency', t('plan.field.currency'), '', (a) => html`
          <input id=${a.id} name="currency" maxlength="3" .value=${it.budget?.currency || 'VND'} aria-describedby=${a.describedby}>`)}
      </div>`,
    submit: async (form) => {
      const amount = text(form, 'amount');
      const country = text(form, 'country')?.toUpperCase() ?? null;
      const body = {
        kind: form.get('kind'),
        title: text(form, 'title') ?? '',
        partner_id: form.get('partner_id') ? Number(form.get('partner_id')) : null,
        country,
        quarter: form.get('quarter') ? Number(form.get('quarter')) : null,
        budget: amount === undefined ? null : { amount: Number(amount), currency: (text(form, 'currency') || 'VND').toUpperCase() },
      };
      const local = [];
      if (!body.title) local.push({ field: 'title', message: t('plan.required'), message_en: t('plan.required') });
      if (country && !/^[A-Z]{2}$/.test(country)) local.push({ field: 'country', message: t('plan.country_help'), message_en: t('plan.country_help') });
      if (body.budget && !(body.budget.amount >= 0)) local.push({ field: 'budget', message: t('plan.bad_amount'), message_en: t('plan.bad_amount') });
      if (local.length) throw Object.assign(new Error(t('plan.check_fields')), { status: 422, errors: local });
      if (item) return patch(`/api/plan-items/${item.id}`, body);
      return post('/api/plan-items', { ...body, year, ...(units ? { unit: form.get('unit') } : {}) });
    },
  });
}
