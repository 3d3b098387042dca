// The table of proposals that the work page, the lists and the partner page share. Columns
// may be chosen; with onSort, the sortable headers become buttons (aria-sort tells which);
// with select, a first column of checkboxes chooses rows (Plan B on the list).
import { t, label, fmtDate, countryName } from '../i18n.js';
import { html, nothing, stateBadge, dueBadge, kindLabel, daysSince, roleLabel } from '../ui.js';

export const DEFAULT_COLUMNS = ['ref', 'title', 'kind', 'state', 'unit', 'due'];

const SORTABLE = { ref: 'ref', due: 'due', created: 'created', updated: 'updated' };

function header(column, sort, onSort) {
  const text = t(`table.${column}`);
  const key = SORTABLE[column];
  if (!onSort || !key) return html`<th scope="col">${text}</th>`;
  const active = sort === key;
  const direction = key === 'created' || key === 'updated' ? 'descending' : 'ascending';
  return html`<th scope="col" aria-sort=${active ? direction : 'none'}>
    <button type="button" class="sort" @click=${() => onSort(key)}>${text}${active ? html` <span aria-hidden="true">${direction === 'ascending' ? '▲' : '▼'}</span>` : nothing}</button></th>`;
}

function cell(column, p, ctx) {
  switch (column) {
    case 'ref': return html`<td class="ref"><a href=${`#/proposals/${p.id}`}>${p.ref}</a></td>`;
    case 'title': return html`<td class="title"><a href=${`#/proposals/${p.id}`}>${p.title}</a></td>`;
    case 'kind': return html`<td>${kindLabel(p.kind)}</td>`;
    case 'state': return html`<td>${stateBadge(p)}</td>`;
    case 'unit': return html`<td>${ctx.units?.get(p.unit_id)?.code || ''}</td>`;
    case 'partner': {
      const partner = ctx.partners?.get(p.partner_id);
      return html`<td>${partner ? (label({ vi: partner.name_vi, en: partner.name_en })) : ''}</td>`;
    }
    case 'country': return html`<td>${countryName(p.country)}</td>`;
    case 'dates': return html`<td>${p.starts_on ? fmtDate(p.starts_on) : ''}${p.ends_on && p.ends_on !== p.starts_on ? html` – ${fmtDate(p.ends_on)}` : nothing}</td>`;
    case 'due': return html`<td>${dueBadge(p.due_on, p.overdue)}</td>`;
    case 'at_step': return html`<td>${t('common.days', { n: daysSince(p.state_entered_at) ?? 0 })}</td>`;
    case 'waiting_for': return html`<td>${(p.awaiting_roles || []).map(roleLabel).join(', ')}</td>`;
    case 'created': return html`<td>${fmtDate(p.created_at)}</td>`;
    case 'updated': return html`<td>${fmtDate(p.updated_at)}</td>`;
    default: return html`<td></td>`;
  }
}

// The header of the selection column: one checkbox for every choosable row shown.
function selectHeader(items, select) {
  const choosable = items.filter(select.selectable);
  const chosen = choosable.filter(select.selected);
  return html`<th scope="col" class="select">${choosable.length ? html`<input type="checkbox"
    aria-label=${select.allLabel} .checked=${chosen.length === choosable.length}
    .indeterminate=${chosen.length > 0 && chosen.length < choosable.length}
    @change=${(e) => select.onToggle(choosable, e.target.checked)}>` : html`<span class="visually-hidden">${select.allLabel}</span>`}</th>`;
}

function selectCell(p, select) {
  if (!select.selectable(p)) return html`<td class="select"></td>`;
  return html`<td class="select"><input type="checkbox" aria-label=${select.rowLabel(p)}
    .checked=${select.selected(p)} @change=${(e) => select.onToggle([p], e.target.checked)}></td>`;
}

// proposalTable(items, {columns, units, partners, sort, onSort, caption, select}); select:
// {selectable(p), selected(p), onToggle(proposals, checked), rowLabel(p), allLabel}.
export function proposalTable(items, ctx = {}) {
  const columns = ctx.columns || DEFAULT_COLUMNS;
  const { select } = ctx;
  return html`<div class="table-wrap"><table class="proposals">
    ${ctx.caption ? html`<caption>${ctx.caption}</caption>` : nothing}
    <thead><tr>${select ? selectHeader(items, select) : nothing}${columns.map((c) => header(c, ctx.sort, ctx.onSort))}</tr></thead>
    <tbody>${items.map((p) => html`<tr class="${p.overdue ? 'overdue' : ''} ${select?.selected(p) ? 'selected' : ''}" data-id=${p.id}>
      ${select ? selectCell(p, select) : nothing}${columns.map((c) => cell(c, p, ctx))}</tr>`)}</tbody>
  </table></div>`;
}
