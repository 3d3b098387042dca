// The proposal list: accent-insensitive search as the API answers it, filters kept in the URL
// and restored from a pasted link, sorting, keyset pages forward and back (and the browser's
// back button), the empty state, a bad filter, a unit's staff seeing only their unit, both
// languages, axe, 360 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, newPage, apiLogin, settled, screenshot, checkAccessibility, assertNoProblems } from './harness.mjs';

let server;
let browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

async function openList(user, hash = '', options = {}) {
  const page = await newPage(browser, options);
  await apiLogin(page, server, user);
  await page.goto(`${server.url}/#/proposals${hash}`);
  await page.waitForSelector('main h1');
  await settled(page);
  return page;
}

const api = async (page, query) => {
  const r = await page.request.get(`${server.url}/api/proposals?${new URLSearchParams(query)}`);
  assert.equal(r.status(), 200, JSON.stringify(query));
  return r.json();
};
const rowIds = (page) => page.$$eval('table.proposals tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.id)));
const hashQuery = (page) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] || '');

test('"hoi thao" without accents finds "Hội thảo", as the API ranks it', async () => {
  const page = await openList('mai');
  await page.fill('#list-q', 'hoi thao');
  await page.press('#list-q', 'Enter');
  await page.waitForFunction(() => location.hash.includes('q=hoi+thao'));
  await settled(page);
  const expected = (await api(page, { q: 'hoi thao', limit: 100 })).items;
  assert.ok(expected.length > 0);
  assert.deepEqual(await rowIds(page), expected.map((p) => p.id), 'the same proposals in the same order');
  const titles = await page.$$eval('table.proposals td.title', (tds) => tds.map((td) => td.textContent));
  assert.ok(titles.some((x) => x.includes('Hội thảo')), 'a title with "Hội thảo"');
  // Ranked by relevance: the sort is off and the page says so; no pages.
  assert.ok(await page.isDisabled('#list-sort'));
  assert.match(await page.textContent('#list-sort-note'), /mức độ phù hợp/);
  assert.equal(await page.locator('nav.pager').count(), 0);
  assertNoProblems(page);
  await page.context().close();
});

test('filters go into the URL without losing focus, and a pasted link restores them', async () => {
  const page = await openList('mai');
  await page.focus('#filter-kind');
  await page.selectOption('#filter-kind', 'agreement');
  await settled(page);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'filter-kind', 'focus stays on the filter');
  // The steps of the chosen kind, from its definition.
  const states = await page.$$eval('#filter-state option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(states.includes('approved_for_signing') && states.includes('in_force') && !states.includes('unit_endorsement'));
  await page.selectOption('#filter-unit', 'CVL');
  await settled(page);
  await page.selectOption('#list-sort', 'ref');
  await settled(page);
  const q = hashQuery(page);
  assert.equal(q.get('kind'), 'agreement');
  assert.equal(q.get('unit'), 'CVL');
  assert.equal(q.get('sort'), 'ref');
  const expected = (await api(page, { kind: 'agreement', unit: 'CVL', sort: 'ref', limit: 50 })).items.map((p) => p.id);
  assert.ok(expected.length > 1);
  assert.deepEqual(await rowIds(page), expected);

  const link = page.url();
  const fresh = await newPage(browser);
  await apiLogin(fresh, server, 'mai');
  await fresh.goto(link);
  await fresh.waitForSelector('table.proposals');
  await settled(fresh);
  assert.equal(await fresh.inputValue('#filter-kind'), 'agreement');
  assert.equal(await fresh.inputValue('#filter-unit'), 'CVL');
  assert.equal(await fresh.inputValue('#list-sort'), 'ref');
  assert.deepEqual(await rowIds(fresh), expected, 'the same rows from the pasted link');

  // The browser's back button undoes the last filter change.
  await page.goBack();
  await page.waitForFunction(() => !location.hash.includes('sort=ref'));
  await page.waitForSelector('table.proposals');
  await settled(page);
  assert.equal(await page.inputValue('#list-sort'), 'updated');
  assert.equal(await page.inputValue('#filter-unit'), 'CVL');
  await fresh.context().close();
  await page.context().close();
});

test('sorting changes the order as the API sorts', async () => {
  const page = await openList('mai');
  assert.deepEqual(await rowIds(page), (await api(page, { limit: 50 })).items.map((p) => p.id));
  await page.click('th button.sort:has-text("Số hồ sơ")');
  await page.waitForFunction(() => location.hash.includes('sort=ref'));
  await settled(page);
  const byRef = (await api(page, { sort: 'ref', limit: 50 })).items.map((p) => p.id);
  assert.deepEqual(await rowIds(page), byRef);
  assert.equal(await page.getAttribute('th:has(button.sort:has-text("Số hồ sơ"))', 'aria-sort'), 'ascending');
  await page.selectOption('#list-sort', 'due');
  await settled(page);
  const byDue = (await api(page, { sort: 'due', limit: 50 })).items.map((p) => p.id);
  assert.deepEqual(await rowIds(page), byDue);
  assert.notDeepEqual(byDue, byRef);
  await page.context().close();
});

test('pages: next, previous and the back button', async () => {
  const page = await openList('mai');
  const first = await api(page, { limit: 50 });
  assert.ok(first.next_cursor, 'the demo has more than one page');
  const second = await api(page, { limit: 50, cursor: first.next_cursor });
  assert.match(await page.textContent('#list-results'), /1–50/);
  await page.click('nav.pager button:has-text("Trang sau")');
  await page.waitForFunction(() => location.hash.includes('cursor='));
  await settled(page);
  assert.deepEqual(await rowIds(page), second.items.map((p) => p.id));
  assert.match(await page.textContent('#list-results'), /51–/);
  await page.click('nav.pager button:has-text("Trang trước")');
  await page.waitForFunction(() => !location.hash.includes('cursor='));
  await settled(page);
  assert.deepEqual(await rowIds(page), first.items.map((p) => p.id));
  await page.goBack();
  await page.waitForFunction(() => location.hash.includes('cursor='));
  await page.waitForSelector('table.proposals');
  await settled(page);
  assert.deepEqual(await rowIds(page), second.items.map((p) => p.id), 'back returns to page 2');
  await page.context().close();
});

test('no match shows the empty state with a way out; a bad filter shows the error', async () => {
  const page = await openList('mai', '?q=khongcoketquanao&kind=aid');
  await page.waitForSelector('.empty');
  assert.match(await page.textContent('.empty'), /Không có hồ sơ nào khớp/);
  await page.click('.empty button:has-text("Xóa bộ lọc")');
  await page.waitForSelector('table.proposals');
  await settled(page);
  assert.equal(hashQuery(page).toString(), '');
  assert.equal(await page.inputValue('#list-q'), '');
  await page.goto(`${server.url}/#/proposals?country=XX`);
  await page.waitForSelector('.error-box[role=alert]');
  assert.match(await page.textContent('.error-box'), /Bộ lọc không hợp lệ[\s\S]*Quốc gia/);
  await page.context().close();
});

test('the CSV download holds every proposal of the filtered list', async () => {
  const page = await openList('mai', '?kind=agreement');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Tải về CSV")')]);
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(await download.path(), 'utf8');
  // Made by the server (GET /api/proposals?format=csv), with the bilingual headers of every export.
  assert.ok(text.startsWith('\ufeffSố hồ sơ / Reference,'), 'a BOM and the bilingual header');
  const lines = text.trim().split('\r\n');
  const expected = (await api(page, { kind: 'agreement', limit: 200 })).items;
  assert.equal(lines.length - 1, expected.length);
  assert.ok(lines.slice(1).every((l) => l.startsWith('TT-')), 'only agreements');
  await page.context().close();
});

test("a unit's staff see only their unit's proposals", async () => {
  const page = await openList('lan');
  const units = await (await page.request.get(`${server.url}/api/units`)).json();
  const cvl = units.find((u) => u.code === 'CVL');
  assert.equal(await page.locator('#filter-unit').count(), 0, 'no unit filter for a unit’s staff');
  const cells = await page.$$eval('table.proposals tbody tr', (trs) => trs.map((tr) => tr.children[4].textContent.trim()));
  assert.ok(cells.length > 0);
  assert.deepEqual([...new Set(cells)], ['CVL']);
  const mine = (await api(page, { limit: 50 })).items;
  assert.ok(mine.every((p) => p.unit_id === cvl.id));
  assert.deepEqual(await rowIds(page), mine.map((p) => p.id));
  await page.context().close();
  const icd = await openList('mai');
  const all = (await api(icd, { limit: 200 })).items;
  assert.ok(all.some((p) => p.unit_id !== cvl.id), 'others exist that lan does not see');
  await icd.context().close();
});

test('the list in Vietnamese, English and at 360 px: axe, screenshots', async () => {
  for (const lang of ['vi', 'en']) {
    const page = await openList('mai', '?kind=agreement', { lang });
    assert.match(await page.textContent('h1'), lang === 'vi' ? /Hồ sơ/ : /Proposals/);
    await screenshot(page, `proposals.${lang}`);
    await checkAccessibility(page, `proposals ${lang}`);
    assertNoProblems(page);
    await page.context().close();
  }
  const page = await openList('lan', '', { viewport: { width: 360, height: 740 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  assert.equal(await page.getAttribute('details.list-filters', 'open'), null, 'the filters start folded');
  await page.click('details.list-filters > summary');
  await page.selectOption('#filter-kind', 'outbound_delegation');
  await settled(page);
  assert.equal(hashQuery(page).get('kind'), 'outbound_delegation');
  const kinds = await page.$$eval('table.proposals tbody tr', (trs) => trs.map((tr) => tr.children[2].textContent.trim()));
  assert.ok(kinds.length > 0 && kinds.every((k) => k === 'Đoàn ra'));
  await screenshot(page, 'proposals.narrow.vi');
  await checkAccessibility(page, 'proposals narrow');
  await page.context().close();
});
