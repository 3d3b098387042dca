// Plan B: postponing several approved activities in one action (POST /api/proposals/postpone).
// Which proposals may be chosen comes from the workflow definitions: the states the kind's
// `postpone` step leaves from and the roles that may take it; the dates each kind's
// postponement takes are that step's date fields. The server decides in the end, all or
// nothing: when one cannot be postponed, nothing changes and the dialog says which and why.
import { get, post } from '../api.js';
import { t, label, fmtNumber } from '../i18n.js';
import { html, render, nothing, errorBox, kindLabel, stateBadge } from '../ui.js';
import { workflows } from '../reference.js';
import { errorMessage } from './bilingual.js';

// What the user may postpone: {any, selectable(p), step(kind), dateFields(kind)}. A deputy
// acting for a leader may take the leader's steps.
export async function planBRules(user) {
  const all = await workflows();
  const roles = new Set(user?.roles || []);
  if (user?.acting_for?.length) roles.add('leader');
  const steps = new Map();
  const dates = new Map();
  for (const w of Array.isArray(all) ? all : []) {
    const step = (w.transitions || []).find((tr) => tr.action === 'postpone');
    if (!step || !step.roles.some((r) => roles.has(r))) continue;
    steps.set(w.kind, step);
    const fields = new Map((w.fields || []).map((f) => [f.name, f]));
    dates.set(w.kind, (step.input_fields || []).map((name) => fields.get(name)).filter((f) => f?.type === 'date'));
  }
  return {
    any: steps.size > 0,
    selectable: (p) => !!steps.get(p.kind)?.from.includes(p.state),
    dateFields: (kind) => dates.get(kind) || [],
  };
}

// The bar above the list: what Plan B is, a link to the approved activities, how many are
// chosen, and the button that opens the dialog (#planb-open).
// ctx: {chosen (a count), approvedShown, onShowApproved(), onClear(), onOpen()}
export function planBBar(ctx) {
  const n = ctx.chosen;
  return html`<section class="planb-bar" aria-labelledby="planb-title">
    <h2 id="planb-title">${t('planb.bar_title')}</h2>
    <p class="help">${t('planb.bar_help')}
      ${ctx.approvedShown ? nothing : html`<button type="button" class="link" id="planb-approved" @click=${ctx.onShowApproved}>${t('planb.show_approved')}</button>`}</p>
    <div class="planb-actions">
      <span class="planb-count" role="status">${n ? t('planb.chosen', { n: fmtNumber(n) }) : t('planb.none_chosen')}</span>
      ${n ? html`<button type="button" class="secondary" @click=${ctx.onClear}>${t('planb.clear')}</button>` : nothing}
      <button type="button" class="primary" id="planb-open" ?disabled=${!n} @click=${ctx.onOpen}>${t('planb.open')}</button>
    </div>
  </section>`;
}

let dialogCount = 0;

// Opens the dialog for the chosen proposals (list items: id, ref, title, kind, state). One the
// server refused can be left out there and then (onLeaveOut(p) tells the caller). Resolves
// with the server's `postponed` list, or null when cancelled.
export function planBDialog(proposals, rules, { onLeaveOut } = {}) {
  return new Promise((resolve) => {
    const id = `planb-${++dialogCount}`;
    const dialog = document.createElement('dialog');
    dialog.className = 'confirm planb-dialog';
    dialog.setAttribute('aria-labelledby', `${id}-title`);
    document.body.append(dialog);
    let chosen = [...proposals];
    // mode: 'tbd' (dates to be decided) or 'dates' (new dates, each proposal its own).
    const form = { reason: '', mode: 'tbd', online: false, dates: new Map() };
    const current = new Map(); // id → {field: 'YYYY-MM-DD' | null}, as the proposal has them
    let loadingDates = false;
    let errors = []; // the 422's errors, and the checks made here, in the same shape
    let failure = null; // anything else that went wrong
    let busy = false;

    const close = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    const errorsOf = (pid) => errors.filter((e) => e.id === pid);
    const fieldError = (pid, field) => errorMessage(errorsOf(pid).find((e) => e.field === field));
    const shownAtField = (e) => form.mode === 'dates' && rules.dateFields(chosen.find((p) => p.id === e.id)?.kind).some((f) => f.name === e.field);

    // The proposals' present dates, so new dates start from them (fetched once, on first use).
    async function loadDates() {
      if (current.size || loadingDates) return;
      loadingDates = true;
      draw();
      await Promise.all(chosen.map(async (p) => {
        try {
          const full = await get(`/api/proposals/${p.id}`);
          const values = {};
          for (const f of rules.dateFields(p.kind)) values[f.name] = full.fields?.[f.name] ?? null;
          current.set(p.id, values);
          form.dates.set(p.id, { ...values });
        } catch { current.set(p.id, {}); }
      }));
      loadingDates = false;
      draw();
    }

    // Checks what the server would refuse anyway, in words tied to the fields.
    function check() {
      const found = [];
      if (!form.reason.trim()) found.push({ field: 'reason', message: t('planb.reason_required') });
      if (form.mode === 'dates') {
        for (const p of chosen) {
          const fields = rules.dateFields(p.kind);
          const [start, end] = fields.map((f) => form.dates.get(p.id)?.[f.name]);
          if (start && end && end < start) found.push({ id: p.id, field: fields[1].name, message: t('planb.end_before_start') });
        }
      }
      return found;
    }

    function body() {
      const out = { ids: chosen.map((p) => p.id), reason: form.reason.trim() };
      if (form.online) out.online = true;
      if (form.mode === 'tbd') {
        out.to_be_decided = true;
        return out;
      }
      const newDates = {};
      for (const p of chosen) {
        const was = current.get(p.id) || {};
        const now = form.dates.get(p.id) || {};
        const changed = {};
        for (const f of rules.dateFields(p.kind))
          if ((now[f.name] || null) !== (was[f.name] || null)) changed[f.name] = now[f.name] || null;
        if (Object.keys(changed).length) newDates[String(p.id)] = changed;
      }
      if (Object.keys(newDates).length) out.new_dates = newDates;
      return out;
    }

    async function submit(e) {
      e.preventDefault();
      if (busy) return;
      failure = null;
      errors = check();
      if (!errors.length) {
        busy = true;
        draw();
        try {
          close((await post('/api/proposals/postpone', body())).postponed);
          return;
        } catch (error) {
          if (error.status === 401) return close(null);
          errors = error.status === 422 ? error.errors : [];
          failure = errors.length ? null : error;
        }
        busy = false;
      }
      draw();
      (dialog.querySelector('.planb-refused') || dialog.querySelector('[aria-invalid="true"]') || dialog.querySelector('.error-box'))?.focus();
    }

    function dateInputs(p) {
      if (form.mode !== 'dates') return nothing;
      if (loadingDates) return html`<p class="muted">${t('common.loading')}</p>`;
      return html`<div class="planb-dates">${rules.dateFields(p.kind).map((f) => {
        const fid = `${id}-${p.id}-${f.name}`;
        const error = fieldError(p.id, f.name);
        return html`<div class="field">
          <label for=${fid}>${label(f.label)}</label>
          <input type="date" id=${fid} .value=${form.dates.get(p.id)?.[f.name] || ''}
            aria-invalid=${error ? 'true' : 'false'} aria-describedby=${`${fid}-error`}
            @change=${(ev) => { form.dates.set(p.id, { ...form.dates.get(p.id), [f.name]: ev.target.value || null }); }}>
          <p class="field-error" id=${`${fid}-error`}>${error}</p>
        </div>`;
      })}</div>`;
    }

    function leaveOut(p) {
      chosen = chosen.filter((x) => x.id !== p.id);
      errors = errors.filter((e) => e.id !== p.id);
      onLeaveOut?.(p);
      if (!chosen.length) return close(null);
      draw();
      dialog.querySelector('textarea').focus();
    }

    function item(p) {
      const own = errorsOf(p.id).filter((e) => !shownAtField(e));
      return html`<li class="planb-item ${errorsOf(p.id).length ? 'refused' : ''}" data-id=${p.id}>
        <div><strong>${p.ref}</strong> ${p.title} <span class="muted">· ${kindLabel(p.kind)}</span> ${stateBadge(p)}</div>
        ${own.length ? html`<p class="field-error">${own.map((e) => errorMessage(e)).join('; ')}</p>
          <button type="button" class="link leave-out" @click=${() => leaveOut(p)}>${t('planb.leave_out', { ref: p.ref })}</button>` : nothing}
        ${dateInputs(p)}
      </li>`;
    }

    function refusedSummary() {
      const refused = chosen.filter((p) => errorsOf(p.id).length);
      if (!refused.length) return nothing;
      return html`<div class="error-box planb-refused" role="alert" tabindex="-1">
        <strong>${t('planb.refused_title')}</strong> ${t('planb.nothing_changed')}
        <ul>${refused.map((p) => html`<li><strong>${p.ref}</strong>: ${errorsOf(p.id).map((e) => (e.field && e.field !== 'ids' ? `${label(rules.dateFields(p.kind).find((f) => f.name === e.field)?.label) || e.field}: ` : '') + errorMessage(e)).join('; ')}</li>`)}</ul>
      </div>`;
    }

    // Refusals of the request as a whole (not of one proposal), and failures other than 422.
    function otherErrors() {
      const rest = errors.filter((e) => e.id === undefined && e.field !== 'reason');
      return html`${errorBox(failure)}${rest.length ? html`<div class="error-box" role="alert" tabindex="-1">
        <strong>${t('planb.refused_title')}</strong> ${t('planb.nothing_changed')}
        <ul>${rest.map((e) => html`<li>${errorMessage(e)}</li>`)}</ul>
      </div>` : nothing}`;
    }

    const draw = () => {
      const reasonError = errorMessage(errors.find((e) => e.id === undefined && e.field === 'reason'));
      render(html`<form novalidate @submit=${submit}>
        <h2 id=${`${id}-title`}>${t('planb.title')}</h2>
        <p>${t('planb.intro', { n: fmtNumber(chosen.length) })}</p>
        ${refusedSummary()}${otherErrors()}
        <div class="field">
          <label for=${`${id}-reason`}>${t('planb.reason')}</label>
          <textarea id=${`${id}-reason`} rows="3" maxlength="2000" required .value=${form.reason}
            aria-invalid=${reasonError ? 'true' : 'false'} aria-describedby=${`${id}-reason-error`}
            @input=${(ev) => { form.reason = ev.target.value; }}></textarea>
          <p class="field-error" id=${`${id}-reason-error`}>${reasonError}</p>
        </div>
        <fieldset>
          <legend>${t('planb.dates')}</legend>
          ${['tbd', 'dates'].map((mode) => html`<div class="check">
            <input type="radio" name="planb-mode" id=${`${id}-mode-${mode}`} value=${mode} .checked=${form.mode === mode}
              @change=${() => { form.mode = mode; draw(); if (mode === 'dates') loadDates(); }}>
            <label for=${`${id}-mode-${mode}`}>${t(`planb.mode_${mode}`)}</label>
          </div>`)}
          ${form.mode === 'dates' ? html`<p class="help">${t('planb.dates_help')}</p>` : nothing}
        </fieldset>
        <div class="check">
          <input type="checkbox" id=${`${id}-online`} .checked=${form.online} aria-describedby=${`${id}-online-help`}
            @change=${(ev) => { form.online = ev.target.checked; }}>
          <label for=${`${id}-online`}>${t('planb.online')}</label>
        </div>
        <p class="help" id=${`${id}-online-help`}>${t('planb.online_help')}</p>
        <h3 id=${`${id}-chosen`}>${t('planb.chosen_heading', { n: fmtNumber(chosen.length) })}</h3>
        <ul class="planb-items" aria-labelledby=${`${id}-chosen`}>${chosen.map(item)}</ul>
        <div class="buttons">
          <button type="button" class="secondary" @click=${() => close(null)}>${t('common.cancel')}</button>
          <button type="submit" class="primary" ?disabled=${busy || loadingDates}>${busy ? t('planb.busy') : t('planb.submit', { n: fmtNumber(chosen.length) })}</button>
        </div>
      </form>`, dialog);
    };
    draw();
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(null); });
    dialog.showModal();
    dialog.querySelector('textarea').focus();
  });
}
