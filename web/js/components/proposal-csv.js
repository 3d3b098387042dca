// A CSV file of a proposal list with the same filters as on screen: every matching proposal
// (up to 5,000), made by the server like every export (GET /api/proposals?format=csv: UTF-8
// with a byte-order mark, bilingual headers, cells a spreadsheet would run as formulas
// neutralised), saved under a name of the user's language.
import { get, withQuery } from '../api.js';
import { t } from '../i18n.js';

// Fetches the file for the list `params` describes (without its paging) and saves it.
export async function downloadCsv(params) {
  const { cursor, limit, ...filters } = params;
  const response = await get(withQuery('/api/proposals', { ...filters, format: 'csv' }), { raw: true });
  const blob = await response.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${t('list.csv_filename')}-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
