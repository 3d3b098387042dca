// The filters of the proposal list: what they are, how they read from and write to the hash
// query (so a filtered list is a link), and the form that edits them. The form collapses into
// a "Filters" disclosure, open by default on wide screens.
import { t, label, countryName, locale } from '../i18n.js';
import { html, nothing, kindLabel } from '../ui.js';
import { KINDS } from '../reference.js';

// The filters the server takes, in the order they appear in links.
export const FILTER_KEYS = ['kind', 'state', 'unit', 'partner', 'country', 'from', 'to', 'overdue', 'awaiting'];
export const SORTS = ['updated', 'created', 'due', 'ref'];

// {q, kind, ..., sort, cursor, prev: [cursor...]} from the hash query. `cursor` is the current
// page's cursor (none on the first page); `prev` the cursors of the pages between the first
// and this one, so "previous page" works from a pasted link too.
export function readListQuery(query) {
  const list = { q: (query.get('q') || '').trim(), sort: query.get('sort') || '', cursor: query.get('cursor') || '' };
  for (const key of FILTER_KEYS) list[key] = query.get(key) || '';
  list.prev = (query.get('prev') || '').split(',').filter(Boolean);
  return list;
}

// The hash query object for router.href(): empty values are left out by href().
export function listQueryObject(list) {
  const out = { q: list.q };
  for (const key of FILTER_KEYS) out[key] = list[key];
  out.sort = list.q ? '' : list.sort;
  out.cursor = list.q ? '' : list.cursor;
  out.prev = list.q || !list.cursor ? '' : list.prev.join(',');
  return out;
}

// How many filters (not the search, not the sort) are set.
export function activeFilterCount(list) {
  return FILTER_KEYS.filter((k) => list[k]).length;
}

// ISO 3166-1 alpha-2 codes that Intl can name: every pair of letters Intl.DisplayNames knows,
// less the codes CLDR names that are not countries (EU, UN, user-assigned and reserved ones).
const NOT_COUNTRIES = new Set(['AC', 'CP', 'DG', 'EA', 'EU', 'EZ', 'IC', 'TA', 'UN', 'XK', 'ZZ', 'AA', 'QO']);
let countryCodes = null;
function allCountries() {
  if (countryCodes) return countryCodes;
  const names = new Intl.DisplayNames([locale()], { type: 'region', fallback: 'none' });
  const codes = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code) || code[0] === 'X' || (code[0] === 'Q' && code[1] >= 'M')) continue;
      let name;
      try { name = names.of(code); } catch { name = undefined; }
      if (name && name !== code) codes.push({ code, name });
    }
  }
  const collator = new Intl.Collator(locale());
  codes.sort((x, y) => collator.compare(x.name, y.name));
  countryCodes = codes;
  return codes;
}

function partnerName(p) {
  return label({ vi: p.name_vi, en: p.name_en });
}

// The filter form. ctx: {list, units (array), partners (array), states (of the chosen kind),
// showUnit, open, onChange(key, value), onClear()}.
export function filterForm(ctx) {
  const { list, onChange } = ctx;
  const collator = new Intl.Collator(locale());
  const partners = [...(ctx.partners || [])].sort((a, b) => collator.compare(partnerName(a), partnerName(b)));
  const countries = allCountries();
  const change = (key) => (e) => onChange(key, e.target.type === 'checkbox'
    ? (e.target.checked ? e.target.value : '') : e.target.value);
  const n = activeFilterCount(list);
  const select = (key, options, { disabled = false, help = '' } = {}) => html`
    <div>
      <label for=${`filter-${key}`}>${t(`list.filter.${key}`)}</label>
      <select id=${`filter-${key}`} name=${key} .value=${list[key]} ?disabled=${disabled}
        aria-describedby=${help ? `filter-${key}-help` : nothing} @change=${change(key)}>
        <option value="" ?selected=${!list[key]}>${t('list.any')}</option>
        ${options.map((o) => html`<option value=${o.value} ?selected=${String(o.value) === list[key]}>${o.text}</option>`)}
      </select>
      ${help ? html`<p class="help" id=${`filter-${key}-help`}>${help}</p>` : nothing}
    </div>`;
  // A value from a pasted link that the lists do not hold (a country, a state) stays selectable.
  const withCurrent = (options, key, text) => (list[key] && !options.some((o) => String(o.value) === list[key])
    ? [...options, { value: list[key], text: text(list[key]) }] : options);

  return html`<details class="list-filters" ?open=${ctx.open} @toggle=${ctx.onToggle}>
    <summary>${t('list.filters')}${n ? html` <span class="count" aria-label=${t('list.filters_active', { n })}>${n}</span>` : nothing}</summary>
    <form class="filters" @submit=${(e) => e.preventDefault()}>
      ${select('kind', KINDS.map((k) => ({ value: k, text: kindLabel(k) })))}
      ${select('state', withCurrent((ctx.states || []).map((s) => ({ value: s.id, text: label(s.label) })), 'state', (v) => v),
        { disabled: !list.kind && !list.state, help: list.kind ? '' : t('list.state_needs_kind') })}
      ${ctx.showUnit ? select('unit', withCurrent((ctx.units || []).map((u) => ({ value: u.code, text: `${u.code} — ${label(u.name)}` })), 'unit', (v) => v)) : nothing}
      ${select('partner', withCurrent(partners.map((p) => ({ value: String(p.id), text: p.acronym ? `${p.acronym} — ${partnerName(p)}` : partnerName(p) })), 'partner', (v) => `#${v}`))}
      ${select('country', withCurrent(countries.map((c) => ({ value: c.code, text: c.name })), 'country', (v) => countryName(v)))}
      <div>
        <label for="filter-from">${t('list.filter.from')}</label>
        <input type="date" id="filter-from" name="from" .value=${list.from} @change=${change('from')}>
      </div>
      <div>
        <label for="filter-to">${t('list.filter.to')}</label>
        <input type="date" id="filter-to" name="to" .value=${list.to} @change=${change('to')}>
      </div>
      <div class="checks">
        <div class="check"><input type="checkbox" id="filter-overdue" value="true" .checked=${list.overdue === 'true'} @change=${change('overdue')}>
          <label for="filter-overdue">${t('list.filter.overdue')}</label></div>
        <div class="check"><input type="checkbox" id="filter-awaiting" value="me" .checked=${list.awaiting === 'me'} @change=${change('awaiting')}>
          <label for="filter-awaiting">${t('list.filter.awaiting')}</label></div>
      </div>
      <div class="filter-actions">
        <button type="button" class="secondary" ?disabled=${!n && !list.q} @click=${ctx.onClear}>${t('list.clear')}</button>
      </div>
    </form>
  </details>`;
}
