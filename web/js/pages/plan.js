// Kế hoạch đối ngoại / The annual plan: a unit's planned activities of a year, plan against
// actual (the annual report's figures), which proposals carry out each item and which
// activities were outside the plan. ICD and leaders choose the unit; unit staff see their own.
import { get, del, withQuery } from '../api.js';
import { t, label, fmtMoney, countryName } from '../i18n.js';
import { html, render, nothing, errorBox, loading, emptyState, setTitle, kindLabel, announce, confirmDialog, stateBadge } from '../ui.js';
import { units as loadUnits, partners as loadPartners, KINDS } from '../reference.js';
import { href } from '../router.js';
import { hasRole, seesAllUnits } from '../app.js';
import { planItemDialog } from '../components/plan-item-form.js';

// Proposals that will not happen are not activities outside the plan.
const DROPPED = ['draft', 'withdrawn', 'rejected', 'cancelled'];

export async function mount(main, { query, session }) {
  setTitle(t('plan.title'));
  const user = session.user;
  const thisYear = new Date().getFullYear();
  const yearParam = Number(query.get('year'));
  const year = yearParam >= 2000 && yearParam <= 2100 ? yearParam : thisYear;
  const all = seesAllUnits();
  const unit = all ? (query.get('unit') || '') : user.unit?.code;
  const isIcd = hasRole('icd_officer', 'icd_head');
  const mayManage = isIcd || hasRole('staff', 'unit_head');
  const state = { items: null, report: null, units: [], partners: [], error: null, links: null, outside: null, linkError: null };
  let alive = true;

  const go = (next) => { location.hash = href('/plan', { year, unit: all ? unit : '', ...next }); };
  const mayEdit = (item) => isIcd || (mayManage && item.unit.id === user.unit?.id);

  const summary = () => {
    const rows = new Map(KINDS.map((k) => [k, { planned: 0, carried_out: 0, outside_plan: 0 }]));
    for (const r of state.report?.plan_vs_actual || []) {
      if (unit && r.unit?.code !== unit) continue;
      const row = rows.get(r.kind);
      if (!row) continue;
      row.planned += r.planned; row.carried_out += r.carried_out; row.outside_plan += r.outside_plan;
    }
    const total = { planned: 0, carried_out: 0, outside_plan: 0 };
    for (const r of rows.values()) for (const k of Object.keys(total)) total[k] += r[k];
    return { rows, total };
  };

  const add = async () => {
    const saved = await planItemDialog({ year, partners: state.partners, units: isIcd ? state.units : null, unit: unit || state.units[0]?.code });
    if (!saved) return;
    announce(t('plan.added'));
    await load();
  };
  const edit = async (item) => {
    if (!await planItemDialog({ item, year, partners: state.partners })) return;
    announce(t('common.saved'));
    await load();
  };
  const remove = async (item) => {
    const ok = await confirmDialog({ title: t('plan.delete_title'), body: item.title, confirmLabel: t('plan.delete'), needsComment: null, danger: true });
    if (!ok) return;
    try {
      await del(`/api/plan-items/${item.id}`);
      announce(t('plan.deleted'));
      await load();
    } catch (error) {
      announce(error.status === 409 ? t('plan.delete_linked') : (error.message || t('plan.delete_failed')), 'error');
    }
  };

  const linkedCell = (item) => {
    const linked = state.links?.get(item.id);
    if (!item.linked_proposals) return html`<span class="badge pa-not-done">${t('plan.not_carried_out')}</span>`;
    return html`<span class="badge pa-done">${t('plan.linked', { n: item.linked_proposals })}</span>
      ${linked?.length ? html`<ul class="pa-links">${linked.map((p) => html`<li><a href=${`#/proposals/${p.id}`}>${p.ref}</a> ${stateBadge(p)}</li>`)}</ul>` : nothing}`;
  };

  const draw = () => {
    const s = summary();
    const unitName = unit ? label(state.units.find((u) => u.code === unit)?.name) || unit : t('plan.all_units');
    render(html`
      <div class="page-head">
        <h1>${t('plan.heading', { year })}</h1>
        ${mayManage ? html`<button type="button" class="primary" id="add-plan-item" @click=${add} ?disabled=${state.items === null}>${t('plan.add')}</button>` : nothing}
      </div>
      <form class="filters" @submit=${(e) => e.preventDefault()}>
        <div>
          <label for="plan-year">${t('plan.year')}</label>
          <select id="plan-year" @change=${(e) => go({ year: e.target.value })}>
            ${[thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map((y) => html`<option value=${y} ?selected=${y === year}>${y}</option>`)}
          </select>
        </div>
        ${all ? html`<div>
          <label for="plan-unit">${t('plan.field.unit')}</label>
          <select id="plan-unit" @change=${(e) => go({ unit: e.target.value })}>
            <option value="" ?selected=${!unit}>${t('plan.all_units')}</option>
            ${state.units.map((u) => html`<option value=${u.code} ?selected=${u.code === unit}>${u.code} — ${label(u.name)}</option>`)}
          </select></div>` : html`<p class="pa-unit"><span class="muted">${t('plan.field.unit')}:</span> ${label(user.unit?.name)}</p>`}
      </form>
      ${errorBox(state.error)}
      <section aria-labelledby="pva-h">
        <h2 id="pva-h">${t('plan.vs_actual', { unit: unitName })}</h2>
        ${state.report === null ? loading(6) : html`
        <div class="table-wrap"><table class="pa-pva">
          <thead><tr><th scope="col">${t('plan.col.kind')}</th><th scope="col" class="num">${t('plan.col.planned')}</th>
            <th scope="col" class="num">${t('plan.col.carried_out')}</th><th scope="col" class="num">${t('plan.col.outside_plan')}</th></tr></thead>
          <tbody>${KINDS.map((k) => { const r = s.rows.get(k); return html`<tr data-kind=${k}>
            <th scope="row">${kindLabel(k)}</th><td class="num">${r.planned}</td><td class="num">${r.carried_out}</td><td class="num">${r.outside_plan}</td></tr>`; })}</tbody>
          <tfoot><tr data-kind="total"><th scope="row">${t('plan.total')}</th><td class="num">${s.total.planned}</td>
            <td class="num">${s.total.carried_out}</td><td class="num">${s.total.outside_plan}</td></tr></tfoot>
        </table></div>
        <p class="help">${t('plan.vs_actual_help')}</p>`}
      </section>
      <section aria-labelledby="items-h">
        <h2 id="items-h">${t('plan.items')}${state.items ? html` <span class="count">${state.items.length}</span>` : nothing}</h2>
        ${state.items === null ? loading(6) : state.items.length === 0 ? emptyState(t('plan.no_items', { year }),
          mayManage ? html`<button type="button" class="primary" @click=${add}>${t('plan.add')}</button>` : nothing) : html`
        <div class="table-wrap"><table class="pa-items">
          <thead><tr>
            <th scope="col">${t('plan.col.title')}</th><th scope="col">${t('plan.col.kind')}</th>
            ${all && !unit ? html`<th scope="col">${t('plan.field.unit')}</th>` : nothing}
            <th scope="col">${t('plan.field.partner')}</th><th scope="col">${t('plan.field.country')}</th>
            <th scope="col">${t('plan.field.quarter')}</th><th scope="col" class="num">${t('plan.field.budget')}</th>
            <th scope="col">${t('plan.col.carried_out')}</th>
            ${mayManage ? html`<th scope="col"><span class="pa-sr">${t('plan.col.actions')}</span></th>` : nothing}
          </tr></thead>
          <tbody>${state.items.map((item) => html`<tr data-id=${item.id}>
            <th scope="row" class="pa-title">${item.title}</th>
            <td>${kindLabel(item.kind)}</td>
            ${all && !unit ? html`<td>${item.unit.code}</td>` : nothing}
            <td>${item.partner ? html`<a href=${`#/partners/${item.partner.id}`}>${item.partner.acronym || label({ vi: item.partner.name_vi, en: item.partner.name_en })}</a>` : ''}</td>
            <td>${countryName(item.country)}</td>
            <td>${item.quarter ? t('plan.quarter', { q: item.quarter }) : ''}</td>
            <td class="num">${item.budget ? fmtMoney(item.budget.amount, item.budget.currency) : ''}</td>
            <td>${linkedCell(item)}</td>
            ${mayManage ? html`<td class="pa-actions">${mayEdit(item) ? html`
              <button type="button" class="link" @click=${() => edit(item)} aria-label=${t('plan.edit_named', { title: item.title })}>${t('plan.edit')}</button>
              <button type="button" class="link" @click=${() => remove(item)} ?disabled=${item.linked_proposals > 0}
                title=${item.linked_proposals > 0 ? t('plan.delete_linked') : ''}
                aria-label=${t('plan.delete_named', { title: item.title })}>${t('plan.delete')}</button>` : nothing}</td>` : nothing}
          </tr>`)}</tbody>
        </table></div>`}
      </section>
      <section aria-labelledby="outside-h">
        <h2 id="outside-h">${t('plan.outside')}</h2>
        <p class="help">${t('plan.outside_help', { year })}</p>
        ${!unit ? html`<p class="muted">${t('plan.outside_choose_unit')}</p>`
          : state.linkError ? errorBox(state.linkError)
          : state.outside === null ? loading(3)
          : state.outside.length === 0 ? emptyState(t('plan.outside_none'))
          : html`<div class="table-wrap"><table class="pa-outside">
            <thead><tr><th scope="col">${t('plan.col.ref')}</th><th scope="col">${t('plan.col.title')}</th>
              <th scope="col">${t('plan.col.kind')}</th><th scope="col">${t('plan.col.state')}</th></tr></thead>
            <tbody>${state.outside.map((p) => html`<tr data-id=${p.id}><td class="ref"><a href=${`#/proposals/${p.id}`}>${p.ref}</a></td>
              <td>${p.title}</td><td>${kindLabel(p.kind)}</td><td>${stateBadge(p)}</td></tr>`)}</tbody>
          </table></div>`}
      </section>`, main);
  };

  // Which proposals carry out which item, and which are outside the plan: every list summary
  // names its plan item, so the unit's proposals of the year are read a page at a time.
  const loadLinks = async () => {
    if (!unit) return;
    try {
      const links = new Map();
      const outside = [];
      let cursor = null;
      do {
        const list = await get(withQuery('/api/proposals', { unit, from: `${year}-01-01`, to: `${year}-12-31`, limit: 200, cursor }));
        for (const p of list.items) {
          if (['draft', 'withdrawn'].includes(p.state)) continue;
          const brief = { id: p.id, ref: p.ref, title: p.title, kind: p.kind, state: p.state, state_label: p.state_label };
          if (p.plan_item_id) links.set(p.plan_item_id, [...(links.get(p.plan_item_id) || []), brief]);
          else if (p.starts_on?.startsWith(String(year)) && !DROPPED.includes(p.state)) outside.push(brief);
        }
        cursor = list.next_cursor;
      } while (cursor);
      outside.sort((a, b) => a.ref.localeCompare(b.ref));
      state.links = links;
      state.outside = outside;
    } catch (error) {
      if (error.status === 401) return;
      state.linkError = error;
    }
  };

  const load = async () => {
    try {
      const [items, report, units, partners] = await Promise.all([
        get(withQuery('/api/plan-items', { year, unit: all ? unit : '' })),
        get(withQuery('/api/reports/annual', { year })),
        loadUnits(),
        loadPartners(),
      ]);
      if (!alive) return;
      state.items = items.sort((a, b) => (a.quarter || 9) - (b.quarter || 9) || a.title.localeCompare(b.title));
      state.report = report;
      state.units = units;
      state.partners = partners;
      state.error = null;
    } catch (error) {
      if (error.status === 401) return;
      state.error = error;
      state.items ??= [];
      state.report ??= { plan_vs_actual: [] };
    }
    if (!alive) return;
    draw();
    await loadLinks();
    if (alive) draw();
  };

  draw();
  await load();
  return () => { alive = false; };
}
