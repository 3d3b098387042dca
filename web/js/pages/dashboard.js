// Tổng quan / Dashboard: what is in flight now (GET /api/dashboard) — the headline figures,
// proposals per step of each kind with the overdue ones stacked, overdue per unit (those
// escalated to the heads stacked), activities per month by kind over the last twelve months,
// steps taken per month, and the agreements that expire soon. Every chart has the same numbers
// as a table; a bar opens the filtered list.
import { get } from '../api.js';
import { t, label, fmtDate, fmtNumber, locale } from '../i18n.js';
import { html, render, nothing, errorBox, loading, emptyState, setTitle, kindLabel, daysUntil } from '../ui.js';
import { href } from '../router.js';
import { KINDS } from '../reference.js';
import { seesAllUnits } from '../app.js';
import { ACTIVITY_KINDS } from '../components/activities.js';
import { loadChartJs, chartFigure, drawBarChart, KIND_COLOURS, ON_TIME_COLOUR, OVERDUE_COLOUR } from '../components/chart.js';

// The overdue proposals that went up to the heads: darker than the overdue red, so the two
// stay apart without their hue.
const ESCALATED_COLOUR = '#5c1410';

// Stages before the leader's decision: still to be approved (for agreements: not in force).
const BEFORE_APPROVAL = new Set(['drafting', 'review', 'consultation', 'decision', 'pending']);

const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

// The twelve months ending with today's: ['2025-12', ..., '2026-11'].
function lastTwelveMonths(today) {
  const [y, m] = today.split('-').map(Number);
  return Array.from({ length: 12 }, (_, i) => iso(Date.UTC(y, m - 12 + i, 1)).slice(0, 7));
}

function monthLabel(month) {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { month: 'short', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, 1)));
}

const num = (n) => html`<td class="num" data-value=${n}>${fmtNumber(n)}</td>`;

function figure(id, value, text, link) {
  const body = html`<span class="dash-value" data-value=${value}>${fmtNumber(value)}</span>
    <span class="dash-label">${text}</span>`;
  return html`<li class="dash-figure" id=${id}>${link ? html`<a href=${link}>${body}</a>` : body}</li>`;
}

// Per kind: its steps in order, each with how many are on time and overdue.
function stepsByKind(pending) {
  const out = [];
  for (const kind of KINDS) {
    const rows = pending.filter((p) => p.kind === kind).sort((a, b) => a.position - b.position);
    if (rows.length) out.push({ kind, rows });
  }
  return out;
}

function stepsTable(kind, rows) {
  return html`<div class="table-wrap"><table class="dash-table" data-table=${`steps-${kind}`}>
    <caption class="visually-hidden">${t('dashboard.steps_caption', { kind: kindLabel(kind) })}</caption>
    <thead><tr><th scope="col">${t('dashboard.step')}</th><th scope="col" class="num">${t('dashboard.in_step')}</th>
      <th scope="col" class="num">${t('dashboard.of_which_overdue')}</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr data-state=${r.state}>
      <th scope="row"><a href=${href('/proposals', { kind, state: r.state })}>${label(r.state_label)}</a></th>
      ${num(r.count)}${num(r.overdue)}</tr>`)}</tbody>
  </table></div>`;
}

function unitsTable(rows) {
  return html`<div class="table-wrap"><table class="dash-table" data-table="overdue-units">
    <caption class="visually-hidden">${t('dashboard.overdue_by_unit')}</caption>
    <thead><tr><th scope="col">${t('dashboard.unit')}</th><th scope="col" class="num">${t('dashboard.overdue')}</th>
      <th scope="col" class="num">${t('notifications.escalated')}</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr data-unit=${r.unit.code}>
      <th scope="row"><a href=${href('/proposals', { unit: r.unit.code, overdue: 'true' })}>${label(r.unit.name)}</a> (${r.unit.code})</th>
      ${num(r.count)}<td class="num escalated" data-value=${r.escalated ?? 0}>${fmtNumber(r.escalated ?? 0)}</td></tr>`)}</tbody>
  </table></div>`;
}

function activitiesTable(months, perMonth) {
  return html`<div class="table-wrap"><table class="dash-table" data-table="activities">
    <caption class="visually-hidden">${t('dashboard.activities_title')}</caption>
    <thead><tr><th scope="col">${t('dashboard.month')}</th>
      ${ACTIVITY_KINDS.map((k) => html`<th scope="col" class="num">${kindLabel(k)}</th>`)}
      <th scope="col" class="num">${t('dashboard.total')}</th></tr></thead>
    <tbody>${months.map((m) => html`<tr data-month=${m}><th scope="row">${monthLabel(m)}</th>
      ${ACTIVITY_KINDS.map((k) => num(perMonth[m][k]))}
      ${num(ACTIVITY_KINDS.reduce((s, k) => s + perMonth[m][k], 0))}</tr>`)}</tbody>
  </table></div>`;
}

function stepsMonthTable(rows) {
  return html`<div class="table-wrap"><table class="dash-table" data-table="steps-by-month">
    <caption class="visually-hidden">${t('dashboard.steps_by_month')}</caption>
    <thead><tr><th scope="col">${t('dashboard.month')}</th><th scope="col" class="num">${t('dashboard.steps')}</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr data-month=${r.month}><th scope="row">${monthLabel(r.month)}</th>${num(r.steps)}</tr>`)}</tbody>
  </table></div>`;
}

function expiringTable(rows) {
  if (!rows.length) return emptyState(t('dashboard.none_expiring'));
  return html`<div class="table-wrap"><table class="dash-table" data-table="expiring">
    <caption class="visually-hidden">${t('dashboard.expiring_title')}</caption>
    <thead><tr><th scope="col">${t('dashboard.ref')}</th><th scope="col">${t('dashboard.agreement')}</th>
      <th scope="col">${t('dashboard.partner')}</th><th scope="col">${t('dashboard.expires_on')}</th></tr></thead>
    <tbody>${rows.map((a) => html`<tr>
      <td class="ref"><a href=${`#/proposals/${a.id}`}>${a.ref}</a></td>
      <td><a href=${`#/proposals/${a.id}`}>${a.title}</a></td>
      <td>${label(a.partner?.name)}</td>
      <td><time datetime=${a.expires_on}>${fmtDate(a.expires_on)}</time>
        <span class="muted">(${t('dashboard.days_left', { n: daysUntil(a.expires_on) })})</span></td></tr>`)}</tbody>
  </table></div>`;
}

export async function mount(el) {
  setTitle(t('dashboard.title'));
  const state = { data: null, error: null, activities: null, activitiesError: null };
  const charts = [];
  let gone = false;

  const draw = () => {
    const d = state.data;
    if (!d) {
      render(html`<div class="page-head"><h1>${t('dashboard.title')}</h1></div>
        ${errorBox(state.error)}${state.error ? nothing : html`<div class="dash-loading">${loading(12)}</div>`}`, el);
      return;
    }
    const pendingTotal = d.pending.filter((p) => BEFORE_APPROVAL.has(p.stage)).reduce((s, p) => s + p.count, 0);
    const overdueTotal = d.pending.reduce((s, p) => s + p.overdue, 0);
    const kinds = stepsByKind(d.pending);
    const months = lastTwelveMonths(d.today);
    render(html`
      <div class="page-head">
        <h1>${t('dashboard.title')}</h1>
        <p class="muted dash-asof">${t(seesAllUnits() ? 'dashboard.as_of_all' : 'dashboard.as_of_unit', { date: fmtDate(d.today) })}</p>
      </div>
      <ul class="dash-figures" aria-label=${t('dashboard.figures')}>
        ${figure('fig-pending', pendingTotal, t('dashboard.pending'))}
        ${figure('fig-overdue', overdueTotal, t('dashboard.overdue_total'), href('/proposals', { overdue: 'true' }))}
        ${figure('fig-agreements', d.agreements.pending, t('dashboard.agreements_pending'), '#/agreements')}
        ${figure('fig-expiring', d.agreements.expiring_90_days.length, t('dashboard.expiring'))}
      </ul>

      <section aria-labelledby="dash-steps-title">
        <h2 id="dash-steps-title">${t('dashboard.pending_by_step')}</h2>
        <p class="help">${t('dashboard.pending_by_step_help')}</p>
        ${kinds.length ? html`<div class="dash-grid">${kinds.map(({ kind, rows }) => html`<div class="card" data-kind=${kind}>
          ${chartFigure({
            id: `chart-steps-${kind}`,
            title: kindLabel(kind),
            level: 3,
            label: t('dashboard.steps_chart_label', { kind: kindLabel(kind),
              total: fmtNumber(rows.reduce((s, r) => s + r.count, 0)), overdue: fmtNumber(rows.reduce((s, r) => s + r.overdue, 0)) }),
            height: rows.length * 32 + 70,
            table: stepsTable(kind, rows),
          })}</div>`)}</div>` : emptyState(t('dashboard.nothing_pending'))}
      </section>

      <div class="dash-grid">
        <section class="card" aria-labelledby="chart-overdue-units-title">
          ${d.overdue_by_unit.length ? chartFigure({
            id: 'chart-overdue-units',
            title: t('dashboard.overdue_by_unit'),
            note: t('notifications.escalated_help'),
            label: t('dashboard.units_chart_label', { list: d.overdue_by_unit.map((r) => `${r.unit.code}: ${r.count}, ${t('notifications.escalated_count', { n: r.escalated ?? 0 })}`).join('; ') }),
            height: Math.max(160, d.overdue_by_unit.length * 32 + 60),
            table: unitsTable(d.overdue_by_unit),
          }) : html`<h2 class="chart-title" id="chart-overdue-units-title">${t('dashboard.overdue_by_unit')}</h2>${emptyState(t('dashboard.none_overdue'))}`}
        </section>
        <section class="card" aria-labelledby="dash-expiring-title">
          <h2 class="chart-title" id="dash-expiring-title">${t('dashboard.expiring_title')}</h2>
          ${expiringTable(d.agreements.expiring_90_days)}
        </section>
      </div>

      <div class="dash-grid">
        <section class="card" aria-labelledby="chart-activities-title">
          ${state.activitiesError ? html`<h2 class="chart-title" id="chart-activities-title">${t('dashboard.activities_title')}</h2>${errorBox(state.activitiesError)}`
            : state.activities === null ? html`<h2 class="chart-title" id="chart-activities-title">${t('dashboard.activities_title')}</h2>${loading(8)}`
            : chartFigure({
              id: 'chart-activities',
              title: t('dashboard.activities_title'),
              note: t('dashboard.activities_help'),
              label: t('dashboard.activities_chart_label', { total: fmtNumber(months.reduce((s, m) => s + ACTIVITY_KINDS.reduce((x, k) => x + state.activities[m][k], 0), 0)) }),
              height: 300,
              table: activitiesTable(months, state.activities),
            })}
        </section>
        <section class="card" aria-labelledby="chart-steps-month-title">
          ${chartFigure({
            id: 'chart-steps-month',
            title: t('dashboard.steps_by_month'),
            note: t('dashboard.steps_by_month_help'),
            label: t('dashboard.steps_month_chart_label', { total: fmtNumber(d.steps_by_month.reduce((s, r) => s + r.steps, 0)) }),
            height: 300,
            table: stepsMonthTable(d.steps_by_month),
          })}
        </section>
      </div>`, el);
  };

  const drawCharts = async () => {
    const Chart = await loadChartJs();
    if (gone) return;
    const d = state.data;
    const add = (c) => { if (c) charts.push(c); };
    for (const { kind, rows } of stepsByKind(d.pending)) {
      add(drawBarChart(Chart, `chart-steps-${kind}`, {
        horizontal: true,
        stacked: true,
        labels: rows.map((r) => label(r.state_label)),
        datasets: [
          { label: t('dashboard.on_time'), data: rows.map((r) => r.count - r.overdue), backgroundColor: ON_TIME_COLOUR },
          { label: t('dashboard.overdue'), data: rows.map((r) => r.overdue), backgroundColor: OVERDUE_COLOUR },
        ],
        onBarClick: (i, dataset) => {
          location.hash = href('/proposals', { kind, state: rows[i].state, overdue: dataset === 1 ? 'true' : '' });
        },
      }));
    }
    if (d.overdue_by_unit.length) {
      add(drawBarChart(Chart, 'chart-overdue-units', {
        horizontal: true,
        labels: d.overdue_by_unit.map((r) => r.unit.code),
        stacked: true,
        datasets: [
          { label: t('notifications.not_escalated'), data: d.overdue_by_unit.map((r) => r.count - (r.escalated ?? 0)), backgroundColor: OVERDUE_COLOUR },
          { label: t('notifications.escalated'), data: d.overdue_by_unit.map((r) => r.escalated ?? 0), backgroundColor: ESCALATED_COLOUR },
        ],
        onBarClick: (i) => { location.hash = href('/proposals', { unit: d.overdue_by_unit[i].unit.code, overdue: 'true' }); },
      }));
    }
    add(drawBarChart(Chart, 'chart-steps-month', {
      labels: d.steps_by_month.map((r) => monthLabel(r.month)),
      datasets: [{ label: t('dashboard.steps'), data: d.steps_by_month.map((r) => r.steps), backgroundColor: ON_TIME_COLOUR }],
    }));
    if (state.activities) {
      const months = lastTwelveMonths(d.today);
      add(drawBarChart(Chart, 'chart-activities', {
        stacked: true,
        labels: months.map(monthLabel),
        datasets: ACTIVITY_KINDS.map((k) => ({ label: kindLabel(k), data: months.map((m) => state.activities[m][k]), backgroundColor: KIND_COLOURS[k] })),
      }));
    }
  };

  draw();
  try {
    state.data = await get('/api/dashboard');
  } catch (error) {
    if (error.status === 401) return undefined;
    state.error = error;
    draw();
    return undefined;
  }
  draw();

  // Activities per month by kind come counted from the server (the calendar's rule).
  const months = lastTwelveMonths(state.data.today);
  const perMonth = Object.fromEntries(months.map((mo) => [mo, Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, 0]))]));
  for (const a of state.data.activities_by_month || []) if (perMonth[a.month]?.[a.kind] !== undefined) perMonth[a.month][a.kind] += a.count;
  state.activities = perMonth;
  if (gone) return undefined;
  draw();
  try {
    await drawCharts();
  } catch (error) {
    // Without the charts the tables still hold every number: open them.
    console.warn(error);
    el.querySelectorAll('details.chart-table').forEach((d) => { d.open = true; });
  }
  return () => {
    gone = true;
    charts.forEach((c) => c.destroy());
  };
}
