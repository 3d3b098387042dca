// Hồ sơ / Proposals: every proposal the user may see, filtered, searched (accent-insensitive),
// sorted and paged. Every filter lives in the hash query, so a list is a link that can be
// bookmarked or sent; a change pushes a history entry (the search while typing replaces it),
// so the browser's back button steps back through the filters. ICD officers and heads and
// leaders choose approved activities here (across pages and filters) to postpone them
// together: Plan B.
import { get, withQuery } from '../api.js';
import { t, label, fmtNumber, message } from '../i18n.js';
import { html, render, nothing, loading, emptyState, errorBox, setTitle, announce } from '../ui.js';
import { href } from '../router.js';
import { proposalTable } from '../components/proposal-table.js';
import { filterForm, readListQuery, listQueryObject, FILTER_KEYS, SORTS, activeFilterCount } from '../components/proposal-filters.js';
import { downloadCsv } from '../components/proposal-csv.js';
import { units, partners, workflow, workflows, byId } from '../reference.js';
import { seesAllUnits, refreshCounts } from '../app.js';
import { planBRules, planBDialog, planBBar } from '../components/plan-b.js';

const PAGE_SIZE = 50;
const SEARCH_SIZE = 100;
const COLUMNS = ['ref', 'title', 'kind', 'state', 'unit', 'partner', 'due', 'updated'];

export async function mount(main, { query, session }) {
  setTitle(t('list.title'));
  const list = readListQuery(query);
  const wide = window.matchMedia('(min-width: 48rem)').matches;
  const view = {
    items: null, next: null, error: null, busy: true, states: [],
    unitList: [], partnerList: [], unitMap: new Map(), partnerMap: new Map(),
    filtersOpen: wide || false, csvBusy: false,
    planB: null, chosen: new Map(), // Plan B's rules for this user, and the chosen proposals by id
  };
  let seq = 0;
  let searchTimer = null;
  let lastChangeWasTyping = false;
  const showUnit = seesAllUnits();

  const pageNumber = () => (list.cursor ? list.prev.length + 2 : 1);

  function apiQuery() {
    const params = {};
    for (const key of FILTER_KEYS) params[key] = list[key];
    if (list.q) {
      params.q = list.q;
      params.limit = SEARCH_SIZE;
    } else {
      params.sort = list.sort;
      params.cursor = list.cursor;
      params.limit = PAGE_SIZE;
    }
    return params;
  }

  // Writes the list's state into the address bar without remounting the page, so focus stays
  // where the user is. push: a new history entry (back undoes this change).
  function writeUrl(push) {
    const target = href('/proposals', listQueryObject(list));
    if (target === location.hash) return;
    if (push) history.pushState(null, '', target);
    else history.replaceState(null, '', target);
  }

  // The states of the chosen kind; with no kind but a state (Plan B's "approved only"), that
  // state as any kind names it.
  async function loadStates() {
    if (list.kind) {
      view.states = (await workflow(list.kind))?.states || [];
    } else if (list.state) {
      const all = await workflows();
      const found = (Array.isArray(all) ? all : []).flatMap((w) => w.states || []).find((s) => s.id === list.state);
      view.states = found ? [found] : [];
    } else {
      view.states = [];
    }
  }

  async function load() {
    const mine = ++seq;
    view.busy = true;
    draw();
    try {
      const answer = await get(withQuery('/api/proposals', apiQuery()));
      if (mine !== seq) return;
      view.items = answer.items;
      view.next = answer.next_cursor || null;
      view.error = null;
    } catch (error) {
      if (mine !== seq || error.status === 401) return;
      view.items = [];
      view.next = null;
      view.error = error;
    }
    view.busy = false;
    draw();
  }

  function change(key, value, { typing = false } = {}) {
    if (list[key] === value) return;
    list[key] = value;
    if (key === 'kind' && list.state && !typing) list.state = '';
    list.cursor = '';
    list.prev = [];
    writeUrl(!(typing && lastChangeWasTyping));
    lastChangeWasTyping = typing;
    if (key === 'kind' || key === 'state') loadStates().then(draw, () => {});
    load();
  }

  // Plan B: only the approved activities, of every kind (the other filters stay).
  function showApproved() {
    if (list.state === 'approved') list.state = '';
    list.kind = '';
    change('state', 'approved');
  }

  function choose(proposals, on) {
    for (const p of proposals) {
      if (on) view.chosen.set(p.id, p);
      else view.chosen.delete(p.id);
    }
    draw();
  }

  async function postpone() {
    const chosen = [...view.chosen.values()];
    const done = await planBDialog(chosen, view.planB, { onLeaveOut: (p) => choose([p], false) });
    if (!done) {
      main.querySelector('#planb-open')?.focus();
      return;
    }
    view.chosen.clear();
    announce(t('planb.done', { n: fmtNumber(done.length), refs: done.map((p) => p.ref).join(', ') }));
    refreshCounts();
    await load();
    main.querySelector('#list-results')?.focus();
  }

  function planB() {
    if (!view.planB?.any) return nothing;
    return planBBar({
      chosen: view.chosen.size,
      approvedShown: list.state === 'approved' && !list.kind,
      onShowApproved: showApproved,
      onClear: () => choose([...view.chosen.values()], false),
      onOpen: postpone,
    });
  }

  function clearAll() {
    for (const key of FILTER_KEYS) list[key] = '';
    list.q = '';
    list.cursor = '';
    list.prev = [];
    view.states = [];
    lastChangeWasTyping = false;
    writeUrl(true);
    load();
    main.querySelector('#list-q')?.focus();
  }

  function setSort(sort) {
    if (list.q) return;
    list.sort = sort === 'updated' ? '' : sort;
    list.cursor = '';
    list.prev = [];
    lastChangeWasTyping = false;
    writeUrl(true);
    load();
  }

  function goPage(direction) {
    if (direction > 0) {
      if (!view.next) return;
      if (list.cursor) list.prev = [...list.prev, list.cursor];
      list.cursor = view.next;
    } else {
      list.cursor = list.prev.length ? list.prev[list.prev.length - 1] : '';
      list.prev = list.prev.slice(0, -1);
    }
    lastChangeWasTyping = false;
    writeUrl(true);
    load().then(() => main.querySelector('#list-results')?.focus({ preventScroll: false }));
  }

  function summaryText() {
    const n = view.items?.length || 0;
    if (list.q) {
      return n >= SEARCH_SIZE ? t('list.search_capped', { n: fmtNumber(n) }) : t('list.search_count', { n: fmtNumber(n) });
    }
    const first = (pageNumber() - 1) * PAGE_SIZE;
    if (pageNumber() === 1 && !view.next) return t('list.count', { n: fmtNumber(n) });
    if (!n) return t('list.page_empty');
    const range = { from: fmtNumber(first + 1), to: fmtNumber(first + n), page: fmtNumber(pageNumber()) };
    return view.next ? t('list.range', range) : t('list.range_last', { ...range, total: fmtNumber(first + n) });
  }

  // A 422 on a bad filter (a date that is not one, a country code that is no country) names
  // the filters in the user's language; the server's words follow.
  function filterError(error) {
    if (error?.status !== 422 || !error.errors?.length) return errorBox(error);
    return html`<div class="error-box" role="alert">
      <strong>${t('list.bad_filter')}</strong>
      <ul>${error.errors.map((e) => html`<li>${FILTER_KEYS.includes(e.field) || e.field === 'q' || e.field === 'sort' || e.field === 'cursor'
        ? t(`list.filter.${e.field}`) : e.field}: ${message(e)}</li>`)}</ul>
      <button type="button" class="secondary" @click=${clearAll}>${t('list.clear')}</button>
    </div>`;
  }

  function onSearchInput(e) {
    const value = e.target.value;
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => change('q', value.trim(), { typing: true }), 350);
  }

  function onSearchSubmit(e) {
    e.preventDefault();
    clearTimeout(searchTimer);
    lastChangeWasTyping = false;
    change('q', main.querySelector('#list-q').value.trim());
  }

  async function csv() {
    view.csvBusy = true;
    draw();
    try {
      await downloadCsv(apiQuery());
    } catch (error) {
      if (error.status !== 401) announce(t('list.csv_failed'), 'error');
    }
    view.csvBusy = false;
    draw();
  }

  function results() {
    if (view.items === null) return loading(8);
    if (view.error) return filterError(view.error);
    if (!view.items.length) {
      const filtered = activeFilterCount(list) || list.q;
      return emptyState(filtered ? t('list.empty_filtered') : t('list.empty'),
        filtered ? html`<button type="button" class="secondary" @click=${clearAll}>${t('list.clear')}</button>` : nothing);
    }
    return proposalTable(view.items, {
      columns: COLUMNS,
      units: view.unitMap,
      partners: view.partnerMap,
      sort: list.q ? null : (list.sort || 'updated'),
      onSort: list.q ? null : setSort,
      caption: t('list.caption'),
      select: view.planB?.any ? {
        selectable: view.planB.selectable,
        selected: (p) => view.chosen.has(p.id),
        onToggle: choose,
        rowLabel: (p) => t('planb.choose', { ref: p.ref }),
        allLabel: t('planb.choose_all'),
      } : null,
    });
  }

  function pager() {
    if (list.q || view.error || view.items === null) return nothing;
    const hasPrev = !!list.cursor;
    if (!hasPrev && !view.next) return nothing;
    return html`<nav class="pager" aria-label=${t('list.pages')}>
      <button type="button" class="secondary" ?disabled=${!hasPrev || view.busy} @click=${() => goPage(-1)}>${t('list.previous')}</button>
      <span>${t('list.page', { n: fmtNumber(pageNumber()) })}</span>
      <button type="button" class="secondary" ?disabled=${!view.next || view.busy} @click=${() => goPage(1)}>${t('list.next')}</button>
    </nav>`;
  }

  function draw() {
    render(html`
      <div class="page-head">
        <h1>${t('list.title')}</h1>
        <button type="button" class="secondary" ?disabled=${view.csvBusy || !view.items?.length}
          @click=${csv}>${view.csvBusy ? t('list.csv_busy') : t('list.csv')}</button>
      </div>
      ${showUnit ? nothing : html`<p class="muted">${t('list.own_unit', { unit: label(session.user.unit?.name) })}</p>`}
      <form class="list-search" role="search" @submit=${onSearchSubmit}>
        <label for="list-q">${t('list.search_label')}</label>
        <div class="search-row">
          <input type="search" id="list-q" name="q" .value=${list.q} maxlength="200"
            placeholder=${t('list.search_placeholder')} aria-describedby="list-q-help" @input=${onSearchInput}>
          <button type="submit" class="primary">${t('list.search')}</button>
        </div>
        <p class="help" id="list-q-help">${t('list.search_help')}</p>
      </form>
      ${filterForm({
        list, units: view.unitList, partners: view.partnerList, states: view.states, showUnit,
        open: view.filtersOpen, onToggle: (e) => { view.filtersOpen = e.target.open; },
        onChange: (k, v) => change(k, v), onClear: clearAll,
      })}
      <div class="list-toolbar">
        <h2 id="list-results" tabindex="-1" class="list-summary"><span role="status">${view.items === null ? t('common.loading') : view.error ? t('list.error_heading') : summaryText()}</span></h2>
        <div class="sort-control">
          <label for="list-sort">${t('list.sort_label')}</label>
          <select id="list-sort" .value=${list.sort || 'updated'} ?disabled=${!!list.q}
            aria-describedby=${list.q ? 'list-sort-note' : nothing} @change=${(e) => setSort(e.target.value)}>
            ${SORTS.map((s) => html`<option value=${s} ?selected=${(list.sort || 'updated') === s}>${t(`list.sort.${s}`)}</option>`)}
          </select>
        </div>
      </div>
      ${list.q ? html`<p class="notice" id="list-sort-note">${t('list.ranked')}</p>` : nothing}
      ${planB()}
      <div class="list-results ${view.busy && view.items !== null ? 'stale' : ''}" aria-busy=${view.busy ? 'true' : 'false'}>
        ${results()}
      </div>
      ${pager()}`, main);
  }

  draw();
  try {
    const [unitList, partnerList, planB] = await Promise.all([units(), partners(), planBRules(session.user), loadStates()]);
    view.planB = planB;
    view.unitList = Array.isArray(unitList) ? unitList : [];
    view.partnerList = Array.isArray(partnerList) ? partnerList : [];
    view.unitMap = await byId(units);
    view.partnerMap = await byId(partners);
  } catch (error) {
    if (error.status === 401) return undefined;
    view.error = error;
  }
  await load();
  return () => {
    seq++;
    clearTimeout(searchTimer);
  };
}
