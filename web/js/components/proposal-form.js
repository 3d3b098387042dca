// The form of a proposal, generated from its workflow definition: used to create a draft
// (new-proposal.js) and to edit one (proposal.js). It shows a field only when its `when`
// holds, marks what the submit step will require, checks formats before sending, and puts
// the server's 422 errors beside the fields they name.
import { html, nothing } from '../ui.js';
import { live } from '/node_modules/lit-html/directives/live.js';
import { t, label, message } from '../i18n.js';
import { evaluate } from './expression.js';
import { fieldControl, pickerLists, localErrors, focusField } from './field-input.js';

const stateIndex = (def, state) => def.states.findIndex((s) => s.id === state);

// The state the first step out of drafting leads to (unit_review for every kind today).
export function submitTarget(def) {
  const tr = def.transitions.find((x) => x.action === 'submit' && [].concat(x.from).includes(def.initial_state))
    || def.transitions.find((x) => [].concat(x.from).includes(def.initial_state) && x.action !== 'withdraw');
  if (!tr) return null;
  return typeof tr.to === 'string' ? tr.to : tr.to?.[0]?.state;
}

// Whether a field belongs to drafting: it is needed before the decision, or it is not one that
// a later step sets (decision numbers, signing dates, the dates of an extension).
export function isDraftingField(def, field) {
  const decision = def.states.findIndex((s) => s.stage === 'decision' || s.id === 'leader_decision');
  if (field.required_from) return decision < 0 || stateIndex(def, field.required_from) < decision;
  return !def.transitions.some((x) => (x.input_fields || []).includes(field.name));
}

// Whether the step out of drafting will require the field, given the values so far.
export function requiredToSubmit(def, field, values) {
  const target = submitTarget(def);
  if (!field.required_from || !target) return false;
  if (stateIndex(def, field.required_from) > stateIndex(def, target)) return false;
  return field.when ? evaluate(field.when, values) !== false : true;
}

export const isVisible = (field, values) => !field.when || evaluate(field.when, values) !== false;

const empty = (v) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

export class ProposalForm {
  // definition, partners: [] , initial: {title, fields}, mode: 'create' | 'edit',
  // planItems: [] (create only), redraw(): the host draws again.
  constructor({ definition, partners, initial = {}, mode = 'create', planItems = null, redraw }) {
    this.def = definition;
    this.partners = partners || [];
    this.mode = mode;
    this.planItems = planItems;
    this.title = initial.title || '';
    this.planItemId = initial.plan_item_id ?? null;
    this.original = structuredClone(initial.fields || {});
    this.values = structuredClone(initial.fields || {});
    this.drafts = {};
    this.errors = [];
    this.summary = '';
    this.busy = false;
    this.redraw = redraw;
    if (mode === 'create')
      for (const f of this.fields()) if (f.type === 'boolean' && this.values[f.name] === undefined) this.values[f.name] = false;
  }

  // The fields this form shows: drafting fields, and any later field that has a value.
  fields() {
    return (this.def.fields || []).filter((f) => isDraftingField(this.def, f) || !empty(this.original[f.name]));
  }

  ctx() {
    return {
      values: this.values,
      drafts: this.drafts,
      errors: this.errors,
      partners: this.partners,
      onChange: (name, value) => {
        this.values[name] = value;
        // An error goes once the user changed what it was about.
        this.errors = this.errors.filter((e) => !(e.field === name || e.field?.startsWith(`${name}[`) || e.field?.startsWith(`${name}.`)));
        if (name === 'in_annual_plan' && value === false) this.planItemId = null;
        this.redraw();
      },
      redraw: () => this.redraw(),
    };
  }

  // Errors from the server (422) or a disabled step's reasons, shown beside their fields.
  setErrors(errors, summary) {
    this.errors = errors || [];
    this.summary = summary || '';
  }

  // Checks, then {title, fields, plan_item_id?} to send, or null (the errors are shown).
  collect() {
    const errors = localErrors(this.fields(), this.values, this.drafts);
    if (!this.title.trim()) errors.unshift({ field: 'title', message: t('field.error_required') });
    if (errors.length) {
      this.setErrors(errors, t('form.fix_errors', { n: errors.length }));
      return null;
    }
    this.errors = [];
    this.summary = '';
    if (this.mode === 'create') {
      const fields = {};
      for (const f of this.fields())
        if (!empty(this.values[f.name]) && isVisible(f, this.values)) fields[f.name] = this.values[f.name];
      return { title: this.title.trim(), fields, ...(this.planItemId ? { plan_item_id: this.planItemId } : {}) };
    }
    // Editing sends only what changed; a field emptied is sent as null (removed).
    const fields = {};
    for (const f of this.fields()) {
      const before = this.original[f.name];
      const after = this.values[f.name];
      if (JSON.stringify(empty(before) ? null : before) !== JSON.stringify(empty(after) ? null : after))
        fields[f.name] = empty(after) ? null : after;
    }
    return { title: this.title.trim(), fields };
  }

  focusFirstError() {
    requestAnimationFrame(() => {
      const first = this.errors[0];
      if (!first || !focusField(first.field === 'title' ? 'title' : first.field)) document.getElementById('form-summary')?.focus();
    });
  }

  planPicker() {
    if (!this.planItems) return nothing;
    const items = this.planItems.filter((p) => p.kind === this.def.kind);
    return html`<div class="field" data-field="plan_item_id">
      <label for="f-plan_item_id">${t('form.plan_item')}</label>
      <select id="f-plan_item_id" aria-describedby="f-plan_item_id-help" @change=${(e) => {
        this.planItemId = e.target.value ? Number(e.target.value) : null;
        if (this.planItemId && this.def.fields.some((f) => f.name === 'in_annual_plan')) this.values.in_annual_plan = true;
        this.redraw();
      }}>
        <option value="" ?selected=${!this.planItemId}>${t('form.plan_none')}</option>
        ${items.map((p) => html`<option value=${p.id} ?selected=${p.id === this.planItemId}>${p.year}${p.quarter ? ` · ${t('form.quarter', { q: p.quarter })}` : ''} — ${p.title}</option>`)}
      </select>
      <p class="help" id="f-plan_item_id-help">${items.length ? t('form.plan_help') : t('form.plan_no_items')}</p>
      ${this.planItemId ? nothing : html`<p class="flag outside-plan">${t('form.outside_plan')}</p>`}
    </div>`;
  }

  // The warnings of the definition that would show at submit, as far as the browser can tell
  // (working days are counted without holidays; the server's count is shown after saving).
  previewWarnings() {
    return (this.def.warnings || []).filter((w) => (w.actions || []).some((a) => a === 'submit')
      && evaluate(w.when, this.values) === true);
  }

  template({ submitLabel, onSubmit, onCancel, cancelLabel }) {
    const ctx = this.ctx();
    const titleErrors = this.errors.filter((e) => e.field === 'title').map((e) => message(e));
    const submit = async (e) => {
      e.preventDefault();
      // A picker's typed text is settled on change; make sure the last one was.
      document.activeElement?.blur?.();
      const body = this.collect();
      if (!body) {
        this.redraw();
        this.focusFirstError();
        return;
      }
      await onSubmit(body);
    };
    const fields = this.fields();
    const warnings = this.previewWarnings();
    const known = new Set(['title', ...fields.map((f) => f.name)]);
    const others = this.errors.filter((e) => !known.has(e.field.split(/[[.]/)[0]));
    return html`<form class="proposal-form" novalidate @submit=${submit}>
      ${pickerLists(this.partners)}
      <div id="form-summary" class="error-box" role="alert" tabindex="-1" ?hidden=${!this.summary}>
        ${this.summary ? html`<strong>${this.summary}</strong>
          <ul>${this.errors.map((e) => html`<li><a href="#" @click=${(ev) => { ev.preventDefault(); focusField(e.field); }}>${this.labelOf(e.field)}</a>: ${message(e)}</li>`)}</ul>` : nothing}
      </div>
      <p class="help">${html`<span class="req" aria-hidden="true">*</span>`} ${t('form.required_legend')}</p>
      <div class="field" data-field="title">
        <label for="f-title">${t('form.title')} <span class="req" aria-hidden="true">*</span></label>
        <input id="f-title" maxlength="500" required aria-invalid=${titleErrors.length ? 'true' : 'false'}
          aria-describedby="f-title-help f-title-error" .value=${live(this.title)}
          @input=${(e) => { this.title = e.target.value; }}>
        <p class="help" id="f-title-help">${t('form.title_help')}</p>
        <p class="field-error" id="f-title-error">${titleErrors.join(' ')}</p>
      </div>
      ${this.planPicker()}
      ${fields.filter((f) => isVisible(f, this.values)).map((f) => fieldControl(f, ctx, { required: requiredToSubmit(this.def, f, this.values) }))}
      ${others.length ? html`<div class="error-box"><ul>${others.map((e) => html`<li>${message(e)}</li>`)}</ul></div>` : nothing}
      ${warnings.length ? html`<div class="warnings" role="note">
        <strong>${t('form.warnings_before_submit')}</strong>
        <ul>${warnings.map((w) => html`<li>${label(w.message)}</li>`)}</ul>
        <p class="help">${t('form.warnings_help')}</p></div>` : nothing}
      <div class="buttons">
        ${onCancel ? html`<button type="button" class="secondary" @click=${onCancel}>${cancelLabel || t('common.cancel')}</button>` : nothing}
        <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? t('form.saving') : submitLabel}</button>
      </div>
    </form>`;
  }

  // A path's label for the error summary: "Thành viên đoàn, dòng 2: Họ và tên".
  labelOf(path) {
    if (path === 'title') return t('form.title');
    const m = /^([a-z0-9_]+)(?:\[(\d+)\])?(?:\.([a-z0-9_]+))?/.exec(path || '');
    const f = this.def.fields.find((x) => x.name === m?.[1]);
    if (!f) return path;
    let text = label(f.label);
    if (m[2] !== undefined) text += `, ${t('field.row', { n: Number(m[2]) + 1 })}`;
    const item = (f.item_fields || []).find((x) => x.name === m[3]);
    if (item) text += `: ${label(item.label)}`;
    return text;
  }
}
