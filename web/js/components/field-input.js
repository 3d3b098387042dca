// One control per field type of a workflow definition (docs/workflows.md), and the read-only
// view of a stored value. Controls are drawn from a shared context:
//   ctx = {values, drafts, errors, partners, onChange(name, value), redraw()}
// `values` holds what the server will receive; `drafts` holds text typed into a searchable
// picker or a number box that does not resolve to a value yet, so redraws never lose it.
// Errors are [{field, message}] with the server's paths: "members", "guests[0].full_name".
import { html, nothing } from '../ui.js';
import { live } from '/node_modules/lit-html/directives/live.js';
import { t, label, fmtDate, fmtNumber, fmtMoney, countryName, message, locale } from '../i18n.js';
import { countries, countryFromText } from './countries.js';

export const CURRENCIES = ['VND', 'USD', 'EUR', 'JPY', 'KRW', 'CNY', 'AUD', 'GBP', 'CHF', 'SGD', 'THB', 'CAD', 'NZD', 'SEK', 'NOK', 'DKK'];

const id = (path) => `f-${path.replace(/[^a-z0-9_]+/gi, '-')}`;

// The partner's name as the pickers and views show it: "ILO — Tổ chức Lao động Quốc tế".
export function partnerText(p) {
  if (!p) return '';
  const name = label({ vi: p.name_vi, en: p.name_en });
  return p.acronym ? `${p.acronym} — ${name}` : name;
}

function partnerFromText(text, partners) {
  const s = (text || '').trim().toLocaleLowerCase(locale());
  if (!s) return null;
  const hit = partners.find((p) => partnerText(p).toLocaleLowerCase(locale()) === s
    || (p.acronym && p.acronym.toLocaleLowerCase(locale()) === s)
    || p.name_vi.toLocaleLowerCase(locale()) === s || p.name_en.toLocaleLowerCase(locale()) === s);
  return hit ? hit.id : null;
}

// The first letter up: the server's field messages are fragments ("bắt buộc").
const sentence = (s) => (s ? s[0].toLocaleUpperCase(locale()) + s.slice(1) : s);

// Messages for exactly this path.
export function errorsAt(errors, path) {
  return (errors || []).filter((e) => e.field === path).map((e) => sentence(message(e)));
}

// Messages for a field and the elements of a list field (not the cells of people rows,
// which show beside their own input).
function fieldErrors(field, errors) {
  return (errors || []).filter((e) => e.field === field.name
    || (field.type !== 'people' && e.field?.startsWith(`${field.name}[`)))
    .map((e) => sentence(message(e)));
}

function errorLine(path, messages) {
  return html`<p class="field-error" id=${`${id(path)}-error`}>${messages.join(' ')}</p>`;
}

function describedBy(path, help, messages) {
  return [help ? `${id(path)}-help` : '', messages.length ? `${id(path)}-error` : ''].filter(Boolean).join(' ') || nothing;
}

// Whether a `required` marker belongs on the field (the caller decides from the state order).
function requiredMark(required) {
  return required ? html` <span class="req" title=${t('field.required_to_submit')}>*<span class="visually-hidden"> ${t('field.required_to_submit')}</span></span>` : nothing;
}

// The datalists the searchable pickers use; render once per form.
export function pickerLists(partners) {
  return html`
    <datalist id="dl-countries">${countries().map((c) => html`<option value=${c.text}></option>`)}</datalist>
    <datalist id="dl-partners">${partners.map((p) => html`<option value=${partnerText(p)}></option>`)}</datalist>
    <datalist id="dl-currencies">${CURRENCIES.map((c) => html`<option value=${c}></option>`)}</datalist>
    <datalist id="dl-zones">${zones().map((z) => html`<option value=${z}></option>`)}</datalist>`;
}

let zoneList = null;
function zones() {
  if (!zoneList) {
    try {
      zoneList = Intl.supportedValuesOf('timeZone');
    } catch {
      zoneList = ['Asia/Ho_Chi_Minh', 'UTC'];
    }
  }
  return zoneList;
}

// A country picker (an <input list>) for a path; resolves to a code on change.
function countryInput(path, value, ctx, { labelled, invalid, described, onPick } = {}) {
  const text = path in ctx.drafts ? ctx.drafts[path] : value ? countries().find((c) => c.code === value)?.text || value : '';
  const settle = (e, final) => {
    const typed = e.target.value;
    const code = countryFromText(typed);
    if (code || !typed.trim()) {
      delete ctx.drafts[path];
      (onPick || ((v) => ctx.onChange(path, v)))(code);
      if (onPick) e.target.value = '';
    } else {
      ctx.drafts[path] = typed;
      if (final) ctx.redraw();
    }
  };
  return html`<input id=${id(path)} list="dl-countries" autocomplete="off" .value=${live(text)}
    aria-labelledby=${labelled || nothing} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${described || nothing}
    placeholder=${t('field.country_placeholder')}
    @input=${(e) => { if (countryFromText(e.target.value) && countries().some((c) => c.text === e.target.value)) settle(e, true); else ctx.drafts[path] = e.target.value; }}
    @change=${(e) => settle(e, true)}>`;
}

function control(field, ctx, path, messages, help) {
  const value = ctx.values[field.name];
  const invalid = messages.length > 0;
  const common = { id: id(path), invalid: invalid ? 'true' : 'false', described: describedBy(path, help, messages) };
  const set = (v) => ctx.onChange(field.name, v);
  // Typing is kept at once without drawing again, so a redraw caused by another control
  // never loses text whose change event has not fired yet.
  const quiet = (v) => { ctx.values[field.name] = v; };
  switch (field.type) {
    case 'long_text':
      return html`<textarea id=${common.id} rows="4" maxlength=${field.max_length || 20000}
        aria-invalid=${common.invalid} aria-describedby=${common.described}
        .value=${live(value ?? '')} @input=${(e) => quiet(e.target.value || null)}
        @change=${(e) => set(e.target.value || null)}></textarea>`;
    case 'date':
      return html`<input type="date" id=${common.id} class="short" aria-invalid=${common.invalid} aria-describedby=${common.described}
        .value=${live(value ?? '')} @input=${(e) => quiet(e.target.value || null)}
        @change=${(e) => set(e.target.value || null)}>`;
    case 'number':
    case 'integer': {
      const text = path in ctx.drafts ? ctx.drafts[path] : value ?? '';
      return html`<input type="number" id=${common.id} class="short" inputmode=${field.type === 'integer' ? 'numeric' : 'decimal'}
        step=${field.type === 'integer' ? '1' : 'any'} min=${field.min ?? nothing} max=${field.max ?? nothing}
        aria-invalid=${common.invalid} aria-describedby=${common.described} .value=${live(String(text))}
        @input=${(e) => { if (e.target.value !== '' && !Number.isNaN(Number(e.target.value))) { delete ctx.drafts[path]; quiet(Number(e.target.value)); } }}
        @change=${(e) => {
          const raw = e.target.value;
          if (raw === '' && !e.target.validity.badInput) { delete ctx.drafts[path]; set(null); return; }
          const n = Number(raw);
          if (raw === '' || Number.isNaN(n)) { ctx.drafts[path] = raw; ctx.redraw(); return; }
          delete ctx.drafts[path];
          set(n);
        }}>`;
    }
    case 'country':
      return countryInput(path, value, ctx, { invalid, described: common.described });
    case 'partner': {
      const current = ctx.partners.find((p) => p.id === value);
      const text = path in ctx.drafts ? ctx.drafts[path] : current ? partnerText(current) : '';
      const settle = (e) => {
        const typed = e.target.value;
        const pid = partnerFromText(typed, ctx.partners);
        if (pid || !typed.trim()) { delete ctx.drafts[path]; set(pid); } else { ctx.drafts[path] = typed; ctx.redraw(); }
      };
      return html`<input id=${common.id} list="dl-partners" autocomplete="off" placeholder=${t('field.partner_placeholder')}
        aria-invalid=${common.invalid} aria-describedby=${common.described} .value=${live(text)}
        @input=${(e) => { if (ctx.partners.some((p) => partnerText(p) === e.target.value)) settle(e); else ctx.drafts[path] = e.target.value; }}
        @change=${settle}>`;
    }
    case 'enum': {
      const options = field.options || [];
      return html`<select id=${common.id} aria-invalid=${common.invalid} aria-describedby=${common.described}
        @change=${(e) => set(e.target.value || null)}>
        <option value="" ?selected=${!value}>${t('field.choose')}</option>
        ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${label(o.label)}</option>`)}
      </select>`;
    }
    case 'text':
    default:
      return html`<input id=${common.id} maxlength=${field.max_length || 500}
        aria-invalid=${common.invalid} aria-describedby=${common.described}
        .value=${live(value ?? '')} @input=${(e) => quiet(e.target.value.trim() || null)}
        @change=${(e) => set(e.target.value.trim() || null)}>`;
  }
}

// Controls that are a group of inputs: a fieldset with a legend instead of one label.
function groupControl(field, ctx, messages, help, required) {
  const name = field.name;
  const value = ctx.values[name];
  const set = (v) => ctx.onChange(name, v);
  const legend = html`<legend>${label(field.label)}${requiredMark(required)}</legend>`;
  const helpLine = help ? html`<p class="help" id=${`${id(name)}-help`}>${help}</p>` : nothing;
  const described = describedBy(name, help, messages);
  switch (field.type) {
    case 'boolean':
      return html`<div class="field field-boolean" data-field=${name}>
        <input type="checkbox" id=${id(name)} .checked=${live(value === true)} aria-describedby=${described}
          aria-invalid=${messages.length ? 'true' : 'false'} @change=${(e) => set(e.target.checked)}>
        <label for=${id(name)}>${label(field.label)}${requiredMark(required)}</label>
        ${helpLine}${errorLine(name, messages)}</div>`;
    case 'enum_list': {
      const chosen = Array.isArray(value) ? value : [];
      return html`<fieldset class="field field-choices" data-field=${name} id=${id(name)} tabindex="-1" aria-describedby=${described}>${legend}
        ${helpLine}
        <div class="choices">${(field.options || []).map((o) => html`<label class="choice">
          <input type="checkbox" .checked=${live(chosen.includes(o.value))}
            @change=${(e) => set(e.target.checked ? [...chosen, o.value] : chosen.filter((x) => x !== o.value))}>
          ${label(o.label)}</label>`)}</div>
        ${errorLine(name, messages)}</fieldset>`;
    }
    case 'country_list': {
      const chosen = Array.isArray(value) ? value : [];
      const addPath = `${name}-add`;
      return html`<fieldset class="field field-countries" data-field=${name} aria-describedby=${described}>${legend}
        ${helpLine}
        ${chosen.length ? html`<ul class="chips">${chosen.map((code) => html`<li>${countryName(code)}
          <button type="button" class="link" aria-label=${t('field.remove_item', { item: countryName(code) })}
            @click=${() => set(chosen.filter((c) => c !== code))}>✕</button></li>`)}</ul>` : nothing}
        <label for=${id(addPath)} class="sub">${t('field.add_country')}</label>
        ${countryInput(addPath, null, ctx, {
          invalid: messages.length > 0,
          described,
          onPick: (code) => { if (code && !chosen.includes(code)) set([...chosen, code]); },
        })}
        ${errorLine(name, messages)}</fieldset>`;
    }
    case 'money': {
      const money = value && typeof value === 'object' ? value : {};
      const amountPath = `${name}.amount`;
      const text = amountPath in ctx.drafts ? ctx.drafts[amountPath] : money.amount ?? '';
      const update = (patch) => {
        const next = { amount: money.amount ?? null, currency: money.currency || 'VND', ...patch };
        set(next.amount === null || next.amount === undefined ? null : next);
      };
      return html`<fieldset class="field field-money" data-field=${name} aria-describedby=${described}>${legend}
        ${helpLine}
        <div class="inline">
          <div><label for=${id(amountPath)} class="sub">${t('field.amount')}</label>
            <input type="number" id=${id(amountPath)} min="0" step="any" inputmode="decimal" class="short"
              aria-invalid=${messages.length ? 'true' : 'false'} .value=${live(String(text))}
              @input=${(e) => {
                const n = Number(e.target.value);
                if (e.target.value !== '' && !Number.isNaN(n)) {
                  delete ctx.drafts[amountPath];
                  ctx.values[name] = { amount: n, currency: money.currency || 'VND' };
                }
              }}
              @change=${(e) => {
                const raw = e.target.value;
                if (raw === '' && !e.target.validity.badInput) { delete ctx.drafts[amountPath]; update({ amount: null }); return; }
                const n = Number(raw);
                if (raw === '' || Number.isNaN(n)) { ctx.drafts[amountPath] = raw; ctx.redraw(); return; }
                delete ctx.drafts[amountPath];
                update({ amount: n });
              }}></div>
          <div><label for=${id(`${name}.currency`)} class="sub">${t('field.currency')}</label>
            <input id=${id(`${name}.currency`)} list="dl-currencies" class="currency" maxlength="3" autocomplete="off"
              .value=${live(money.currency || 'VND')} @change=${(e) => update({ currency: e.target.value.trim().toUpperCase() })}></div>
        </div>
        ${money.amount !== undefined && money.amount !== null ? html`<p class="help">${fmtMoney(money.amount, money.currency)}</p>` : nothing}
        ${errorLine(name, messages)}</fieldset>`;
    }
    case 'datetime': {
      const dt = value && typeof value === 'object' ? value : {};
      const update = (patch) => {
        const next = { at: dt.at || '', tz: dt.tz || 'Asia/Ho_Chi_Minh', ...patch };
        set(next.at ? next : null);
      };
      return html`<fieldset class="field field-datetime" data-field=${name} aria-describedby=${described}>${legend}
        ${helpLine}
        <div class="inline">
          <div><label for=${id(`${name}.at`)} class="sub">${t('field.local_time')}</label>
            <input type="datetime-local" id=${id(`${name}.at`)} aria-invalid=${messages.length ? 'true' : 'false'}
              .value=${live((dt.at || '').slice(0, 16))} @change=${(e) => update({ at: e.target.value })}></div>
          <div><label for=${id(`${name}.tz`)} class="sub">${t('field.time_zone')}</label>
            <input id=${id(`${name}.tz`)} list="dl-zones" autocomplete="off" .value=${live(dt.tz || 'Asia/Ho_Chi_Minh')}
              @change=${(e) => update({ tz: e.target.value.trim() })}></div>
        </div>
        ${errorLine(name, messages)}</fieldset>`;
    }
    case 'string_list': {
      const draftPath = name;
      const text = draftPath in ctx.drafts ? ctx.drafts[draftPath] : (Array.isArray(value) ? value.join('\n') : '');
      return html`<div class="field" data-field=${name}>
        <label for=${id(name)}>${label(field.label)}${requiredMark(required)}</label>
        <textarea id=${id(name)} rows="3" aria-invalid=${messages.length ? 'true' : 'false'}
          aria-describedby=${[`${id(name)}-lines`, described === nothing ? '' : described].join(' ').trim()}
          .value=${live(text)} @input=${(e) => { ctx.drafts[draftPath] = e.target.value; }}
          @change=${(e) => {
            delete ctx.drafts[draftPath];
            const items = e.target.value.split('\n').map((s) => s.trim()).filter(Boolean);
            set(items.length ? items : null);
          }}></textarea>
        <p class="help" id=${`${id(name)}-lines`}>${t('field.one_per_line')}</p>
        ${helpLine}${errorLine(name, messages)}</div>`;
    }
    case 'people':
      return peopleControl(field, ctx, messages, help, required);
    default:
      return null;
  }
}

function peopleControl(field, ctx, messages, help, required) {
  const name = field.name;
  const rows = Array.isArray(ctx.values[name]) ? ctx.values[name] : [];
  const items = field.item_fields || [];
  const set = (v) => ctx.onChange(name, v.length ? v : null);
  const setCell = (i, col, v) => set(rows.map((r, j) => (j === i ? { ...r, [col]: v } : r)));
  const add = () => {
    set([...rows, {}]);
    requestAnimationFrame(() => document.getElementById(id(`${name}[${rows.length}].${items[0]?.name}`))?.focus());
  };
  const remove = (i) => {
    set(rows.filter((_, j) => j !== i));
    requestAnimationFrame(() => document.getElementById(`${id(name)}-add`)?.focus());
  };
  const cell = (row, i, item) => {
    const path = `${name}[${i}].${item.name}`;
    const errs = errorsAt(ctx.errors, path);
    const v = row[item.name];
    const attrs = { invalid: errs.length ? 'true' : 'false', described: errs.length ? `${id(path)}-error` : nothing };
    let input;
    if (item.type === 'country') {
      input = countryInput(path, v, { ...ctx, onChange: (_, code) => setCell(i, item.name, code) }, { invalid: errs.length > 0, described: attrs.described });
    } else if (item.type === 'enum') {
      input = html`<select id=${id(path)} aria-invalid=${attrs.invalid} aria-describedby=${attrs.described}
        @change=${(e) => setCell(i, item.name, e.target.value || null)}>
        <option value="" ?selected=${!v}>${t('field.choose')}</option>
        ${(item.options || []).map((o) => html`<option value=${o.value} ?selected=${o.value === v}>${label(o.label)}</option>`)}</select>`;
    } else {
      input = html`<input id=${id(path)} type=${item.type === 'date' ? 'date' : 'text'} aria-invalid=${attrs.invalid}
        aria-describedby=${attrs.described} .value=${live(v ?? '')}
        @input=${(e) => { rows[i][item.name] = e.target.value.trim() || null; }}
        @change=${(e) => setCell(i, item.name, e.target.value.trim() || null)}>`;
    }
    return html`<div class="cell">
      <label for=${id(path)} class="sub">${label(item.label)}${item.required ? html` <span class="req" aria-hidden="true">*</span>` : nothing}</label>
      ${input}${errs.length ? errorLine(path, errs) : nothing}</div>`;
  };
  const rowLabel = (i) => t('field.row', { n: i + 1 });
  return html`<fieldset class="field field-people" data-field=${name} id=${id(name)} tabindex="-1"
      aria-describedby=${describedBy(name, help, messages)}>
    <legend>${label(field.label)}${requiredMark(required)}</legend>
    ${help ? html`<p class="help" id=${`${id(name)}-help`}>${help}</p>` : nothing}
    ${rows.length === 0 ? html`<p class="muted">${t('field.no_rows')}</p>` : nothing}
    ${rows.map((row, i) => html`<fieldset class="person" data-row=${i}>
      <legend>${rowLabel(i)}</legend>
      <div class="cells">${items.map((item) => cell(row, i, item))}</div>
      <button type="button" class="secondary remove-row" @click=${() => remove(i)}>${t('field.remove_row', { n: i + 1 })}</button>
    </fieldset>`)}
    <button type="button" class="secondary add-row" id=${`${id(name)}-add`} @click=${add}>+ ${t('field.add_row')}</button>
    ${errorLine(name, messages)}
  </fieldset>`;
}

// The control of one field, with its label, help and errors. `required` shows the marker.
export function fieldControl(field, ctx, { required = false } = {}) {
  const messages = fieldErrors(field, ctx.errors);
  const help = field.help ? label(field.help) : '';
  const group = groupControl(field, ctx, messages, help, required);
  if (group) return group;
  return html`<div class="field" data-field=${field.name}>
    <label for=${id(field.name)}>${label(field.label)}${requiredMark(required)}</label>
    ${control(field, ctx, field.name, messages, help)}
    ${help ? html`<p class="help" id=${`${id(field.name)}-help`}>${help}</p>` : nothing}
    ${errorLine(field.name, messages)}
  </div>`;
}

// The element to focus for a field's error (the control, or the group's first input).
export function focusField(path) {
  const direct = document.getElementById(id(path));
  const target = direct && direct.matches('input, select, textarea') ? direct
    : document.querySelector(`[data-field="${CSS.escape(path.split(/[[.]/)[0])}"] :is(input, select, textarea)`) || direct;
  if (target) {
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
    return true;
  }
  return false;
}

// Checks the formats the server checks, in the browser, before sending: dates, numbers,
// pickers whose text names nothing, the required columns of people rows.
export function localErrors(fields, values, drafts) {
  const errors = [];
  const add = (field, key) => errors.push({ field, message: t(key, {}), message_en: t(key, {}) });
  for (const f of fields) {
    const v = values[f.name];
    for (const path of Object.keys(drafts)) {
      if (path === f.name || path.startsWith(`${f.name}[`) || path.startsWith(`${f.name}.`)) {
        if (f.type === 'string_list' && path === f.name) continue;
        const target = path.endsWith('.amount') ? f.name : path;
        add(target, f.type === 'partner' ? 'field.error_partner' : ['number', 'integer', 'money'].includes(f.type) ? 'field.error_number' : 'field.error_country');
      }
    }
    if (f.name in drafts && f.type === 'country_list') add(f.name, 'field.error_country');
    if (v === null || v === undefined) continue;
    if (f.type === 'integer' && !Number.isInteger(v)) add(f.name, 'field.error_integer');
    if ((f.type === 'number' || f.type === 'integer') && ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max)))
      errors.push({ field: f.name, message: t('field.error_range', { min: f.min ?? '', max: f.max ?? '' }) });
    if (f.type === 'money' && (!(v.amount >= 0) || !/^[A-Z]{3}$/.test(v.currency || ''))) add(f.name, 'field.error_money');
    if (f.type === 'datetime' && v.at && !v.tz) add(f.name, 'field.error_zone');
    if (f.type === 'people' && Array.isArray(v)) {
      v.forEach((row, i) => {
        for (const item of f.item_fields || [])
          if (item.required && (row[item.name] === null || row[item.name] === undefined || row[item.name] === ''))
            add(`${f.name}[${i}].${item.name}`, 'field.error_required');
      });
    }
  }
  // One message per path.
  return errors.filter((e, i) => errors.findIndex((x) => x.field === e.field) === i);
}

// The instant a local time in a zone names, for showing it in the reader's zone.
function zonedInstant(at, tz) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(at || '');
  if (!m) return null;
  const guess = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  try {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    }).formatToParts(new Date(guess)).map((p) => [p.type, p.value]));
    const asZone = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24, +parts.minute);
    return new Date(guess - (asZone - guess));
  } catch {
    return null;
  }
}

// The read-only view of a stored value, formatted for the reader.
export function fieldValue(field, value, { partners = [] } = {}) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    return html`<span class="muted">${t('field.empty')}</span>`;
  const option = (v) => label((field.options || []).find((o) => o.value === v)?.label) || v;
  switch (field.type) {
    case 'long_text': return html`<div class="long-text">${value}</div>`;
    case 'date': return html`<time datetime=${value}>${fmtDate(value)}</time>`;
    case 'datetime': {
      const instant = zonedInstant(value.at, value.tz);
      const local = new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
        .format(new Date(`${value.at.slice(0, 16)}:00Z`));
      const mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
      return html`${local} (${value.tz})${instant && mine !== value.tz ? html`<br><span class="muted">${t('field.in_your_zone', {
        time: new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(instant), zone: mine })}</span>` : nothing}`;
    }
    case 'number': case 'integer': return fmtNumber(value);
    case 'boolean': return value ? t('common.yes') : t('common.no');
    case 'country': return countryName(value);
    case 'country_list': return value.map(countryName).join(', ');
    case 'partner': {
      const p = partners.find((x) => x.id === value);
      return p ? html`<a href=${`#/partners/${p.id}`}>${partnerText(p)}</a>` : `#${value}`;
    }
    case 'money': return fmtMoney(value.amount, value.currency);
    case 'enum': return option(value);
    case 'enum_list': return value.map(option).join(', ');
    case 'string_list': return html`<ul class="plain">${value.map((s) => html`<li>${s}</li>`)}</ul>`;
    case 'people': {
      const items = field.item_fields || [];
      const cellText = (item, v) => {
        if (v === null || v === undefined || v === '') return item.personal ? html`<span class="muted">${t('field.hidden')}</span>` : '';
        if (item.type === 'country') return countryName(v);
        if (item.type === 'date') return fmtDate(v);
        if (item.type === 'enum') return label((item.options || []).find((o) => o.value === v)?.label) || v;
        return v;
      };
      return html`<div class="table-wrap"><table class="people">
        <caption class="visually-hidden">${label(field.label)}</caption>
        <thead><tr><th scope="col">#</th>${items.map((item) => html`<th scope="col">${label(item.label)}</th>`)}</tr></thead>
        <tbody>${value.map((row, i) => html`<tr><td class="num">${i + 1}</td>${items.map((item) => html`<td>${cellText(item, row[item.name])}</td>`)}</tr>`)}</tbody>
      </table></div>`;
    }
    default: return String(value);
  }
}
