// Lịch / Calendar: the approved delegations, visits and conferences of a month, as a grid of
// weeks (Monday first) or as a chronological agenda: #/calendar?view=month&month=2026-12.
// A conference's opening time is shown in the user's zone and in each participant's zone.
// The user can also make a personal iCalendar feed address for Outlook or Google Calendar.
import { get, post } from '../api.js';
import { t, fmtDate, fmtDateTime, countryName, locale } from '../i18n.js';
import { html, render, nothing, errorBox, loading, emptyState, setTitle, stateBadge, kindLabel, announce } from '../ui.js';
import { href } from '../router.js';
import { units, byId } from '../reference.js';
import { loadActivities, ACTIVITY_KINDS as KINDS } from '../components/activities.js';
import { zonedInstant, userZone, zoneCity, zoneOffset, isValidZone } from '../components/zoned-time.js';


// ---- Dates as 'YYYY-MM-DD' strings, computed in UTC so no zone moves a day.
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86400000;
const msOf = (isoDate) => Date.UTC(+isoDate.slice(0, 4), +isoDate.slice(5, 7) - 1, +isoDate.slice(8, 10));

function currentMonth() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

function monthRange(month) {
  const [y, m] = month.split('-').map(Number);
  return { first: iso(Date.UTC(y, m - 1, 1)), last: iso(Date.UTC(y, m, 0)) };
}

function shiftMonth(month, delta) {
  const [y, m] = month.split('-').map(Number);
  return iso(Date.UTC(y, m - 1 + delta, 1)).slice(0, 7);
}

function todayIso() {
  const now = new Date();
  return iso(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
}

// The weeks of the month grid: arrays of 7 'YYYY-MM-DD', Monday to Sunday.
function weeksOf(month) {
  const { first, last } = monthRange(month);
  const start = msOf(first) - ((new Date(msOf(first)).getUTCDay() + 6) % 7) * DAY;
  const end = msOf(last) + ((7 - new Date(msOf(last)).getUTCDay()) % 7) * DAY;
  const weeks = [];
  for (let d = start; d <= end; d += 7 * DAY) weeks.push(Array.from({ length: 7 }, (_, i) => iso(d + i * DAY)));
  return weeks;
}

function monthTitle(month) {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, 1)));
}

function weekdayNames() {
  const long = new Intl.DateTimeFormat(locale(), { weekday: 'long', timeZone: 'UTC' });
  const short = new Intl.DateTimeFormat(locale(), { weekday: 'short', timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const d = new Date(Date.UTC(2024, 0, 1 + i));
    return { long: long.format(d), short: short.format(d) };
  });
}

// ---- Data

async function loadEvents(month) {
  const { first, last } = monthRange(month);
  const events = await loadActivities(first, last);
  // A conference's opening time and its participants' zones are in its fields.
  await Promise.all(events.filter((e) => e.kind === 'conference').map(async (e) => {
    try {
      const full = await get(`/api/proposals/${e.id}`);
      const opens = full.fields?.opens_at;
      e.opens = opens?.at && opens?.tz ? zonedInstant(opens.at, opens.tz) : null;
      e.opensZone = opens?.tz || null;
      e.zones = Array.isArray(full.fields?.participant_time_zones) ? full.fields.participant_time_zones : [];
    } catch (error) {
      if (error.status === 401) throw error;
      e.opens = null;
    }
  }));
  return events;
}

// ---- Pieces

function dateRange(e) {
  return html`<time datetime=${e.starts_on}>${fmtDate(e.starts_on)}</time>${e.ends_on !== e.starts_on
    ? html` – <time datetime=${e.ends_on}>${fmtDate(e.ends_on)}</time>` : nothing}`;
}

// The opening time in the user's zone, then in the host's and each participant's zone.
function timesOf(e) {
  if (!e.opens) return nothing;
  const mine = userZone();
  const zones = [...new Set([e.opensZone, ...(e.zones || [])].filter(Boolean))];
  return html`<div class="cal-times">
    <p><strong>${t('calendar.opens_at')}</strong> ${fmtDateTime(e.opens, mine)}
      <span class="muted">(${t('calendar.your_time', { zone: zoneCity(mine), offset: zoneOffset(e.opens, mine) })})</span></p>
    ${zones.length ? html`<p class="cal-zones-title">${t('calendar.participant_zones')}</p>
      <ul class="cal-zones">${zones.map((z) => (isValidZone(z) ? html`<li data-zone=${z}>
        <span class="zone">${zoneCity(z)} <span class="muted">(${zoneOffset(e.opens, z)})</span></span>
        <span class="zone-time">${fmtDateTime(e.opens, z)}</span></li>`
        : html`<li data-zone=${z} class="unknown-zone"><span class="zone">${z}</span>
        <span class="zone-time">${t('calendar.unknown_zone')}</span></li>`))}</ul>` : nothing}
  </div>`;
}

function agendaItem(e, ctx) {
  const unit = ctx.units.get(e.unit_id);
  return html`<li class="agenda-item" data-id=${e.id} data-kind=${e.kind}>
    <div class="agenda-date">${dateRange(e)}</div>
    <div class="agenda-body">
      <a class="agenda-title" href=${`#/proposals/${e.id}`}><span class="ref">${e.ref}</span> ${e.title}</a>
      <div class="agenda-meta">
        <span class="kind-tag" data-kind=${e.kind}>${kindLabel(e.kind)}</span>
        ${stateBadge(e)}
        ${unit ? html`<span>${unit.code}</span>` : nothing}
        ${e.country ? html`<span>${countryName(e.country)}</span>` : nothing}
      </div>
      ${timesOf(e)}
    </div>
  </li>`;
}

function agenda(events, ctx, className = 'agenda') {
  if (!events.length) return emptyState(t('calendar.empty'));
  return html`<ol class=${className} aria-label=${t('calendar.agenda_label', { month: monthTitle(ctx.month) })}>
    ${events.map((e) => agendaItem(e, ctx))}</ol>`;
}

function monthGrid(events, ctx) {
  const names = weekdayNames();
  const today = todayIso();
  const mine = userZone();
  return html`<div class="table-wrap cal-grid-wrap"><table class="cal-grid">
    <caption class="visually-hidden">${monthTitle(ctx.month)}</caption>
    <thead><tr>${names.map((n) => html`<th scope="col"><abbr title=${n.long}>${n.short}</abbr></th>`)}</tr></thead>
    <tbody>${weeksOf(ctx.month).map((week) => html`<tr>${week.map((day) => {
      const inMonth = day.slice(0, 7) === ctx.month;
      const todays = inMonth ? events.filter((e) => e.starts_on <= day && day <= e.ends_on) : [];
      return html`<td class=${`cal-day${inMonth ? '' : ' other-month'}${day === today ? ' today' : ''}`}
        data-date=${day} aria-current=${day === today ? 'date' : nothing}>
        <div class="cal-day-num"><time datetime=${day}>${Number(day.slice(8))}</time></div>
        ${todays.length ? html`<ul class="cal-events">${todays.map((e) => html`<li>
          <a class=${`cal-event${e.starts_on < day ? ' continues' : ''}`} data-kind=${e.kind} data-id=${e.id}
            href=${`#/proposals/${e.id}`}>${e.opens && e.starts_on === day
              ? html`<span class="cal-time">${new Intl.DateTimeFormat(locale(), { timeStyle: 'short', timeZone: mine }).format(e.opens)}</span> ` : nothing}<span class="ref">${e.ref}</span>
            <span class="cal-event-title">${e.title}</span><span class="visually-hidden"> (${kindLabel(e.kind)}, ${fmtDate(e.starts_on)} – ${fmtDate(e.ends_on)})</span></a></li>`)}</ul>` : nothing}
      </td>`;
    })}</tr>`)}</tbody>
  </table></div>`;
}

function legend() {
  return html`<ul class="cal-legend" aria-label=${t('calendar.legend')}>
    ${KINDS.map((k) => html`<li><span class="kind-tag" data-kind=${k}>${kindLabel(k)}</span></li>`)}</ul>`;
}

// ---- The subscription (iCalendar feed) card.

function subscribeCard(sub, actions) {
  return html`<section class="card cal-subscribe" aria-labelledby="cal-subscribe-title">
    <h2 id="cal-subscribe-title">${t('calendar.subscribe_title')}</h2>
    <p>${t('calendar.subscribe_intro')}</p>
    <ul class="cal-howto">
      <li>${t('calendar.subscribe_outlook')}</li>
      <li>${t('calendar.subscribe_google')}</li>
    </ul>
    <p class="notice" id="cal-subscribe-warning">${t('calendar.subscribe_warning')}</p>
    ${errorBox(sub.error)}
    ${sub.url ? html`
      <label for="cal-feed-url">${t('calendar.subscribe_url_label')}</label>
      <div class="cal-feed-row">
        <input id="cal-feed-url" type="text" readonly .value=${sub.url}
          aria-describedby="cal-subscribe-warning" @focus=${(e) => e.target.select()}>
        <button type="button" class="primary" @click=${actions.copy}>${t('calendar.copy')}</button>
      </div>
      <p class="help" role="status">${sub.copied ? t('calendar.copied') : ''}</p>` : nothing}
    <div class="buttons cal-subscribe-buttons">
      <button type="button" class=${sub.url ? 'secondary' : 'primary'} ?disabled=${sub.busy}
        @click=${actions.create}>${sub.url ? t('calendar.subscribe_new') : t('calendar.subscribe_create')}</button>
    </div>
    <p class="help">${t('calendar.subscribe_replaces')}</p>
  </section>`;
}

// ---- The page

export async function mount(el, { query }) {
  setTitle(t('calendar.title'));
  const view = query.get('view') === 'list' ? 'list' : 'month';
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(query.get('month') || '') ? query.get('month') : currentMonth();
  const state = { events: null, error: null, units: new Map() };
  const sub = { url: null, busy: false, error: null, copied: false };
  const ctx = { month, units: state.units };
  const link = (q) => href('/calendar', { view, month, ...q });

  const actions = {
    async create() {
      sub.busy = true;
      sub.error = null;
      draw();
      try {
        const answer = await post('/api/me/calendar-feed');
        sub.url = new URL(answer.path, location.origin).href;
        sub.copied = false;
        announce(t('calendar.subscribe_created'));
      } catch (error) {
        sub.error = error;
      }
      sub.busy = false;
      draw();
      el.querySelector('#cal-feed-url')?.focus();
    },
    async copy() {
      const input = el.querySelector('#cal-feed-url');
      try {
        await navigator.clipboard.writeText(sub.url);
      } catch {
        // Without clipboard permission, select the text so Ctrl+C copies it.
        input?.select();
        if (!document.execCommand?.('copy')) {
          announce(t('calendar.copy_failed'), 'error');
          return;
        }
      }
      sub.copied = true;
      announce(t('calendar.copied'));
      draw();
    },
  };

  const draw = () => render(html`
    <div class="page-head">
      <h1>${t('calendar.title')}</h1>
    </div>
    <div class="cal-toolbar">
      <nav class="cal-months" aria-label=${t('calendar.month_nav')}>
        <a class="button secondary" href=${link({ month: shiftMonth(month, -1) })}
          aria-label=${t('calendar.previous_label', { month: monthTitle(shiftMonth(month, -1)) })}>‹ ${t('calendar.previous')}</a>
        <h2 class="cal-month-title" id="cal-month-title">${monthTitle(month)}</h2>
        <a class="button secondary" href=${link({ month: shiftMonth(month, 1) })}
          aria-label=${t('calendar.next_label', { month: monthTitle(shiftMonth(month, 1)) })}>${t('calendar.next')} ›</a>
        ${month !== currentMonth() ? html`<a class="button secondary" href=${link({ month: currentMonth() })}>${t('calendar.this_month')}</a>` : nothing}
      </nav>
      <div class="cal-pick">
        <label for="cal-month-input">${t('calendar.choose_month')}</label>
        <input id="cal-month-input" type="month" .value=${month} @change=${(e) => {
          if (/^\d{4}-\d{2}$/.test(e.target.value)) location.hash = link({ month: e.target.value });
        }}>
      </div>
      <div class="cal-views" role="group" aria-label=${t('calendar.view_label')}>
        <a class=${`button ${view === 'month' ? 'primary' : 'secondary'}`} href=${link({ view: 'month' })}
          aria-current=${view === 'month' ? 'true' : nothing}>${t('calendar.view_month')}</a>
        <a class=${`button ${view === 'list' ? 'primary' : 'secondary'}`} href=${link({ view: 'list' })}
          aria-current=${view === 'list' ? 'true' : nothing}>${t('calendar.view_list')}</a>
      </div>
    </div>
    ${legend()}
    ${errorBox(state.error)}
    <section class=${`cal-body cal-${view}`} aria-labelledby="cal-month-title" aria-busy=${state.events === null ? 'true' : 'false'}>
      ${state.events === null ? loading(10)
        : view === 'list' ? agenda(state.events, ctx)
        : html`${state.events.length ? nothing : emptyState(t('calendar.empty'))}
          ${monthGrid(state.events, ctx)}
          ${state.events.length ? html`<div class="cal-compact">${agenda(state.events, ctx, 'agenda compact')}</div>` : nothing}`}
    </section>
    ${subscribeCard(sub, actions)}`, el);

  draw();
  try {
    const [unitMap, events] = await Promise.all([byId(units), loadEvents(month)]);
    ctx.units = unitMap;
    state.events = events;
  } catch (error) {
    if (error.status === 401) return;
    state.error = error;
    state.events = [];
  }
  draw();
}
