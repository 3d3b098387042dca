// Báo cáo tổng kết / Annual report (#/reports/annual?year=2025): the tables of
// GET /api/reports/annual (counting rules in docs/reports.md) — totals, by unit, by partner,
// by country, aid by donor type, plan against actual — printable as a clean A4 document
// (print.css) and downloadable as CSV.
import { get, withQuery } from '../api.js';
import { t, label, fmtNumber, fmtDate, countryName, has } from '../i18n.js';
import { html, render, nothing, errorBox, loading, emptyState, setTitle, kindLabel } from '../ui.js';
import { navigate } from '../router.js';
import { units } from '../reference.js';
import { seesAllUnits } from '../app.js';

const FIRST_YEAR = 2015;
// The columns of the breakdowns by unit, partner and country, in the CSV's order.
const COUNTS = ['outbound_delegations', 'inbound_visits', 'conferences', 'agreements_signed', 'aid_approved', 'aid_usd'];

const usd = (n) => fmtNumber(n, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const cell = (key, n) => html`<td class="num" data-col=${key} data-value=${n}>${key === 'aid_usd' || key === 'usd' ? usd(n) : fmtNumber(n)}</td>`;

function donorType(type) {
  return has(`report.donor_type.${type}`) ? t(`report.donor_type.${type}`) : type;
}

function breakdown(id, title, firstColumn, rows, nameOf) {
  return html`<section class="report-section" aria-labelledby=${`${id}-title`}>
    <h2 id=${`${id}-title`}>${title}</h2>
    ${rows.length ? html`<div class="table-wrap"><table class="report-table" id=${id}>
      <thead><tr><th scope="col">${firstColumn}</th>
        ${COUNTS.map((c) => html`<th scope="col" class="num">${t(`report.col.${c}`)}</th>`)}</tr></thead>
      <tbody>${rows.map((r) => html`<tr data-key=${r.key}><th scope="row">${nameOf(r)}</th>
        ${COUNTS.map((c) => cell(c, r.counts?.[c] ?? 0))}</tr>`)}</tbody>
    </table></div>` : emptyState(t('report.no_rows'))}
  </section>`;
}

function totalsTable(totals) {
  const byFormat = totals.conferences_by_format || {};
  const rows = [
    ['outbound_delegations', totals.outbound_delegations],
    ['inbound_visits', totals.inbound_visits],
    ['conferences', totals.conferences],
    ...['in_person', 'online', 'hybrid'].map((f) => [`format_${f}`, byFormat[f] ?? 0, true]),
    ['agreements_signed', totals.agreements_signed],
    ['agreements_in_force', totals.agreements_in_force],
    ['aid_approved', totals.aid_approved],
    ['aid_usd', totals.aid_usd],
  ];
  return html`<div class="table-wrap report-totals-wrap"><table class="report-table report-totals" id="report-totals">
    <thead><tr><th scope="col">${t('report.indicator')}</th><th scope="col" class="num">${t('report.value')}</th></tr></thead>
    <tbody>${rows.map(([key, n, sub]) => html`<tr data-key=${key} class=${sub ? 'sub' : ''}>
      <th scope="row">${t(`report.total.${key}`)}</th>${cell(key, n ?? 0)}</tr>`)}</tbody>
  </table></div>`;
}

function donorTable(rows) {
  return html`<section class="report-section" aria-labelledby="report-donors-title">
    <h2 id="report-donors-title">${t('report.aid_by_donor_type')}</h2>
    ${rows.length ? html`<div class="table-wrap"><table class="report-table" id="report-donors">
      <thead><tr><th scope="col">${t('report.donor_type_col')}</th><th scope="col" class="num">${t('report.projects')}</th>
        <th scope="col" class="num">${t('report.col.aid_usd')}</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr data-key=${r.type}><th scope="row">${donorType(r.type)}</th>
        ${cell('count', r.count)}${cell('usd', r.usd)}</tr>`)}</tbody>
    </table></div>` : emptyState(t('report.no_aid'))}
  </section>`;
}

function planTable(rows) {
  return html`<section class="report-section" aria-labelledby="report-plan-title">
    <h2 id="report-plan-title">${t('report.plan_vs_actual')}</h2>
    <p class="help">${t('report.plan_help')}</p>
    ${rows.length ? html`<div class="table-wrap"><table class="report-table" id="report-plan">
      <thead><tr><th scope="col">${t('report.unit')}</th><th scope="col">${t('report.kind')}</th>
        <th scope="col" class="num">${t('report.planned')}</th><th scope="col" class="num">${t('report.carried_out')}</th>
        <th scope="col" class="num">${t('report.outside_plan')}</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr data-key=${`${r.unit?.code}/${r.kind}`}>
        <th scope="row">${label(r.unit?.name)}</th><td>${kindLabel(r.kind)}</td>
        ${cell('planned', r.planned)}${cell('carried_out', r.carried_out)}${cell('outside_plan', r.outside_plan)}</tr>`)}</tbody>
    </table></div>` : emptyState(t('report.no_plan'))}
  </section>`;
}

export async function mount(el, { query, session }) {
  const thisYear = new Date().getFullYear();
  const asked = Number(query.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
  setTitle(t('report.title_year', { year }));
  const years = [];
  for (let y = Math.max(thisYear + 1, year); y >= Math.min(FIRST_YEAR, year); y--) years.push(y);
  const state = { report: null, error: null, ministry: '' };
  const csv = withQuery('/api/reports/annual', { year, format: 'csv' });
  const scope = seesAllUnits() ? t('report.scope_all') : t('report.scope_unit', { unit: label(session.user.unit?.name) });

  const draw = () => {
    const r = state.report;
    render(html`<article class="annual-report">
      <header class="report-print-head print-only">
        <p class="report-ministry">${state.ministry}</p>
        <p class="report-department">${t('report.department')}</p>
      </header>
      <div class="page-head">
        <h1>${t('report.title_year', { year })}</h1>
      </div>
      <p class="report-scope">${scope}${r ? html` · ${t('report.made_on', { date: fmtDate(new Date().toISOString()) })}` : nothing}</p>
      <div class="report-controls no-print">
        <div>
          <label for="report-year">${t('report.year')}</label>
          <select id="report-year" @change=${(e) => navigate('/reports/annual', { year: e.target.value })}>
            ${years.map((y) => html`<option value=${y} ?selected=${y === year}>${y}</option>`)}
          </select>
        </div>
        <div class="buttons report-buttons">
          <a class="button secondary" href=${csv} download=${`tong-ket-doi-ngoai-${year}.csv`}>${t('report.csv')}</a>
          <button type="button" class="primary" ?disabled=${!r} @click=${() => window.print()}>${t('report.print')}</button>
        </div>
      </div>
      <p class="help no-print">${t('report.rules')}</p>
      ${errorBox(state.error)}
      ${r === null && !state.error ? loading(14) : nothing}
      ${r ? html`
        <section class="report-section" aria-labelledby="report-totals-title">
          <h2 id="report-totals-title">${t('report.totals')}</h2>
          ${totalsTable(r.totals || {})}
        </section>
        ${breakdown('report-units', t('report.by_unit'), t('report.unit'),
          r.by_unit.map((x) => ({ ...x, key: x.unit?.code })), (x) => label(x.unit?.name))}
        ${breakdown('report-partners', t('report.by_partner'), t('report.partner'),
          r.by_partner.map((x) => ({ ...x, key: String(x.partner?.id) })), (x) => (x.partner ? label(x.partner.name) : t('report.no_partner')))}
        ${breakdown('report-countries', t('report.by_country'), t('report.country'),
          r.by_country.map((x) => ({ ...x, key: x.country })), (x) => (x.country ? countryName(x.country) : t('report.no_country')))}
        ${donorTable(r.aid_by_donor_type)}
        ${planTable(r.plan_vs_actual)}` : nothing}
    </article>`, el);
  };

  draw();
  try {
    const [report, unitList] = await Promise.all([
      get(withQuery('/api/reports/annual', { year })),
      units().catch(() => []),
    ]);
    state.report = report;
    // The ministry is the root of the unit tree.
    const root = (Array.isArray(unitList) ? unitList : []).find((u) => u.parent_id === null);
    state.ministry = root ? label(root.name) : '';
  } catch (error) {
    if (error.status === 401) return;
    state.error = error;
  }
  draw();
}
