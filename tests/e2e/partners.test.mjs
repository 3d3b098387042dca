// Partners and the annual plan: accent-insensitive search, a partner's activities as the API
// lists them, who may add partners, the plan page's figures against the annual report, and a
// staff member adding a plan item.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, openAs, newPage, settled, screenshot, checkAccessibility, assertNoProblems } from './harness.mjs';

let server;
let browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const open = (page, username, hash) => openAs(page, server, username, hash);

test('searching "han quoc" finds the Korean partners; the list is accessible in both languages', async () => {
  const page = await newPage(browser);
  await open(page, 'lan', '/partners');
  const all = await page.locator('table.pa-partners tbody tr').count();
  assert.ok(all >= 20, `the demo has its partners listed (${all})`);
  await screenshot(page, 'partners.vi');
  await checkAccessibility(page, 'partners.vi');
  await page.fill('#partner-q', 'han quoc');
  const names = await page.locator('table.pa-partners tbody th a').allTextContents();
  assert.ok(names.length >= 2 && names.length < all, `a few partners match (${names.length})`);
  for (const n of names) assert.match(n, /Hàn Quốc/);
  assert.match(page.url(), /q=han(\+|%20)quoc/, 'the search is kept in the link');
  // Staff may not add partners: no button.
  assert.equal(await page.locator('#add-partner').count(), 0);
  assertNoProblems(page);
  await page.context().close();

  const en = await newPage(browser, { lang: 'en' });
  await open(en, 'lan', '/partners');
  assert.equal(await en.textContent('main h1'), 'Partners');
  await screenshot(en, 'partners.en');
  await checkAccessibility(en, 'partners.en');
  await en.context().close();
});

test("a partner's page lists the same activities as the API", async () => {
  const page = await newPage(browser);
  await open(page, 'mai', '/partners/1');
  const api = await (await page.request.get(`${server.url}/api/partners/1`)).json();
  assert.ok(api.activities.length > 3);
  const refs = await page.locator('table.pa-activities tbody td.ref a').allTextContents();
  assert.deepEqual(refs.sort(), api.activities.map((a) => a.ref).sort());
  assert.match(await page.textContent('main h1'), /Tổ chức Lao động Quốc tế/);
  await screenshot(page, 'partner.vi');
  await checkAccessibility(page, 'partner.vi');
  // The kind buttons filter the table to that kind.
  await page.click('.pa-kinds button:has-text("Hội nghị")');
  const conferences = await page.locator('table.pa-activities tbody tr').count();
  assert.equal(conferences, api.activity_counts.conference);
  assertNoProblems(page);
  await page.context().close();
});

test('an ICD officer adds a partner and it appears in the list', async () => {
  const page = await newPage(browser);
  await open(page, 'mai', '/partners');
  await page.click('#add-partner');
  await page.selectOption('#pf-type', 'ngo');
  await page.fill('#pf-name-vi', 'Quỹ Hỗ trợ Lao động Di cư Thử nghiệm');
  await page.fill('#pf-name-en', 'Test Migrant Workers Fund');
  await page.fill('#pf-acronym', 'TMWF');
  await page.fill('#pf-country', 'kr');
  await page.click('dialog button[type=submit]');
  await page.waitForSelector('main h1:has-text("Quỹ Hỗ trợ Lao động Di cư Thử nghiệm")');
  assert.match(page.url(), /#\/partners\/\d+$/);
  await page.goto(`${server.url}/#/partners?q=quy ho tro lao dong di cu`);
  await settled(page);
  assert.deepEqual(await page.locator('table.pa-partners tbody th a').allTextContents(), ['Quỹ Hỗ trợ Lao động Di cư Thử nghiệm']);
  // A name already taken is said beside the field.
  await page.click('#add-partner');
  await page.fill('#pf-name-vi', 'Quỹ Hỗ trợ Lao động Di cư Thử nghiệm');
  await page.fill('#pf-name-en', 'Test Migrant Workers Fund');
  await page.click('dialog button[type=submit]');
  await page.waitForSelector('#pf-name-vi[aria-invalid="true"]');
  assert.match(await page.textContent('#pf-name-vi-error'), /Đã có đối tác/);
  await page.click('dialog button.secondary');
  assertNoProblems(page);
  await page.context().close();
});

test("the plan shows the unit's items and the report's plan-against-actual figures", async () => {
  const page = await newPage(browser);
  const year = new Date().getFullYear();
  await open(page, 'lan', `/plan?year=${year}`);
  const items = await (await page.request.get(`${server.url}/api/plan-items?year=${year}`)).json();
  assert.ok(items.length > 0);
  const shown = await page.locator('table.pa-items tbody th.pa-title').allTextContents();
  assert.deepEqual(shown.sort(), items.map((i) => i.title).sort());
  const report = await (await page.request.get(`${server.url}/api/reports/annual?year=${year}`)).json();
  const sum = { planned: 0, carried_out: 0, outside_plan: 0 };
  for (const r of report.plan_vs_actual) if (r.unit.code === 'CVL') for (const k of Object.keys(sum)) sum[k] += r[k];
  const total = (await page.locator('table.pa-pva tfoot tr td').allTextContents()).map(Number);
  assert.deepEqual(total, [sum.planned, sum.carried_out, sum.outside_plan]);
  for (const kind of ['outbound_delegation', 'conference']) {
    const row = report.plan_vs_actual.find((r) => r.unit.code === 'CVL' && r.kind === kind) || { planned: 0, carried_out: 0, outside_plan: 0 };
    const cells = (await page.locator(`table.pa-pva tr[data-kind="${kind}"] td`).allTextContents()).map(Number);
    assert.deepEqual(cells, [row.planned, row.carried_out, row.outside_plan], kind);
  }
  // Proposals outside the plan are listed by reference once their links are read.
  await page.waitForSelector('table.pa-outside tbody tr, section:has(#outside-h) .empty');
  await screenshot(page, 'plan.vi');
  await checkAccessibility(page, 'plan.vi');
  assertNoProblems(page);
  await page.context().close();

  const en = await newPage(browser, { lang: 'en' });
  await open(en, 'mai', `/plan?year=${year}&unit=CVL`);
  assert.match(await en.textContent('main h1'), /Foreign-affairs plan/);
  await screenshot(en, 'plan.en');
  await checkAccessibility(en, 'plan.en');
  await en.context().close();
});

test('a staff member adds an item to their unit plan', async () => {
  const page = await newPage(browser);
  const year = new Date().getFullYear();
  await open(page, 'lan', `/plan?year=${year}`);
  const before = await page.locator('table.pa-items tbody tr').count();
  await page.click('#add-plan-item');
  await page.selectOption('#pi-kind', 'inbound_visit');
  await page.click('dialog button[type=submit]');
  await page.waitForSelector('#pi-title[aria-invalid="true"]');
  await page.fill('#pi-title', 'Đón đoàn Bộ Lao động Nhật Bản sang làm việc');
  await page.selectOption('#pi-quarter', '4');
  await page.fill('#pi-country', 'JP');
  await page.fill('#pi-amount', '120000000');
  await page.click('dialog button[type=submit]');
  await page.waitForSelector('table.pa-items th:has-text("Đón đoàn Bộ Lao động Nhật Bản")');
  await settled(page);
  assert.equal(await page.locator('table.pa-items tbody tr').count(), before + 1);
  const items = await (await page.request.get(`${server.url}/api/plan-items?year=${year}`)).json();
  const added = items.find((i) => i.title === 'Đón đoàn Bộ Lao động Nhật Bản sang làm việc');
  assert.equal(added.unit.code, 'CVL');
  assert.deepEqual([added.kind, added.quarter, added.country, added.budget.amount], ['inbound_visit', 4, 'JP', 120000000]);
  assertNoProblems(page);
  await page.context().close();
});
