// A CSV file of a proposal list with the same filters as on screen (every page, up to a
// limit), UTF-8 with a byte-order mark so spreadsheet programs read Vietnamese correctly.
import { get, withQuery } from '../api.js';
import { t, label, countryName } from '../i18n.js';
import { kindLabel } from '../ui.js';

const MAX_ROWS = 5000;

function cell(value) {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// Fetches every page of the list `params` describes (without its cursor) and saves it.
export async function downloadCsv(params, { units, partners }) {
  const rows = [];
  let cursor = '';
  do {
    const query = { ...params, cursor: params.q ? '' : cursor, limit: 200 };
    const page = await get(withQuery('/api/proposals', query));
    rows.push(...page.items);
    cursor = params.q ? null : page.next_cursor;
  } while (cursor && rows.length < MAX_ROWS);
  const head = ['ref', 'title', 'kind', 'state', 'unit', 'partner', 'country', 'dates_from', 'dates_to', 'due', 'overdue', 'updated'];
  const lines = [head.map((h) => cell(t(`list.csv_columns.${h}`))).join(',')];
  for (const p of rows) {
    const partner = partners?.get(p.partner_id);
    lines.push([
      p.ref, p.title, kindLabel(p.kind), label(p.state_label) || p.state,
      units?.get(p.unit_id)?.code || '',
      partner ? label({ vi: partner.name_vi, en: partner.name_en }) : '',
      p.country ? countryName(p.country) : '', p.starts_on || '', p.ends_on || '', p.due_on || '',
      p.overdue ? t('common.yes') : t('common.no'), (p.updated_at || '').slice(0, 10),
    ].map(cell).join(','));
  }
  const blob = new Blob(['\ufeff', `${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${t('list.csv_filename')}-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
