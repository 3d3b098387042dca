// Administration: units and users made from the page (the new user logs in), roles changed,
// an account disabled, a leader naming a deputy, and a clear refusal for everyone else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, openAs, newPage, settled, screenshot, checkAccessibility, assertNoProblems, PASSWORD } from './harness.mjs';

let server;
let browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const open = (page, username, hash) => openAs(page, server, username, hash);

async function canLogIn(page, username, password) {
  const r = await page.request.post(`${server.url}/api/session`, { data: { username, password } });
  return r.status();
}

test('the admin creates a unit and a user in it with roles; the user can log in', async () => {
  const page = await newPage(browser);
  await open(page, 'admin', '/admin?tab=units');
  await screenshot(page, 'admin.units.vi');
  await page.click('#add-unit');
  await page.fill('#nf-code', 'bad code');
  await page.fill('#nf-name-vi', 'Trung tâm Dịch vụ việc làm Hà Nội');
  await page.fill('#nf-name-en', 'Hanoi Employment Service Centre');
  await page.click('dialog button[type=submit]');
  await page.waitForSelector('#nf-code[aria-invalid="true"]');
  await page.fill('#nf-code', 'TTDVVL');
  await page.selectOption('#nf-parent', { label: 'CVL — Cục Việc làm' });
  await page.click('dialog button[type=submit]');
  await page.waitForSelector('table.pa-units tr[data-code="TTDVVL"]');
  assert.equal(await page.textContent('table.pa-units tr[data-code="TTDVVL"] td:nth-of-type(3)'), 'CVL');

  await page.click('.pa-tabs a:has-text("Người dùng")');
  await page.waitForSelector('#add-user:not([disabled])');
  await settled(page);
  await screenshot(page, 'admin.vi');
  await checkAccessibility(page, 'admin.vi');
  await page.click('#add-user');
  await page.fill('#uf-username', 'vinh');
  await page.fill('#uf-display', 'Phạm Quang Vinh');
  await page.selectOption('#uf-unit', 'TTDVVL');
  await page.check('dialog input[name=roles][value=unit_head]');
  await page.fill('#uf-password', 'mat-khau-ban-dau-2026');
  await page.click('dialog button[type=submit]');
  await page.waitForSelector('table.pa-users tr[data-username="vinh"]');
  const row = await page.textContent('table.pa-users tr[data-username="vinh"]');
  assert.match(row, /TTDVVL/);
  assert.match(row, /Lãnh đạo đơn vị/);
  assert.match(row, /Chuyên viên/);
  const fresh = await newPage(browser);
  assert.equal(await canLogIn(fresh, 'vinh', 'mat-khau-ban-dau-2026'), 200);
  const me = await (await fresh.request.get(`${server.url}/api/me`)).json();
  assert.equal(me.unit.code, 'TTDVVL');
  assert.deepEqual([...me.roles].sort(), ['staff', 'unit_head']);
  await fresh.context().close();
  assertNoProblems(page);
  await page.context().close();
});

test("the admin changes a user's roles and disables another, who can no longer log in", async () => {
  const page = await newPage(browser);
  await open(page, 'admin', '/admin?tab=users');
  await page.click('table.pa-users tr[data-username="khanh"] button:has-text("Sửa")');
  await page.check('dialog input[name=roles][value=unit_head]');
  await page.uncheck('dialog input[name=roles][value=staff]');
  await page.click('dialog button[type=submit]');
  await page.waitForSelector('table.pa-users tr[data-username="khanh"]:has-text("Lãnh đạo đơn vị")');
  const users = await (await page.request.get(`${server.url}/api/users`)).json();
  assert.deepEqual(users.find((u) => u.username === 'khanh').roles, ['unit_head']);

  assert.equal(await canLogIn(await newPage(browser), 'nga', PASSWORD), 200);
  await page.click('table.pa-users tr[data-username="nga"] button.pa-toggle');
  await page.click('dialog.confirm button.danger');
  await page.waitForSelector('table.pa-users tr[data-username="nga"]:has-text("Đã khóa")');
  assert.equal(await canLogIn(await newPage(browser), 'nga', PASSWORD), 401);
  assertNoProblems(page);
  await page.context().close();
});

test('a leader names a deputy for a date range and it shows', async () => {
  const page = await newPage(browser);
  await open(page, 'thanh', '/admin');
  assert.equal(await page.textContent('main h1'), 'Ủy quyền lãnh đạo');
  assert.equal(await page.locator('nav a[href="#/admin"]').count(), 1, 'leaders find the page in the navigation');
  await page.click('#add-deputy');
  const quang = await page.$eval('#df-deputy', (s) => [...s.options].find((o) => /Quang/.test(o.textContent))?.value);
  assert.ok(quang, 'the ICD head is among the people a leader may choose');
  await page.selectOption('#df-deputy', quang);
  const year = new Date().getFullYear() + 1;
  await page.fill('#df-start', `${year}-03-02`);
  await page.fill('#df-end', `${year}-03-06`);
  await page.fill('#df-reason', 'Đi công tác nước ngoài');
  await page.click('dialog button[type=submit]');
  const row = page.locator('table.pa-deputies tbody tr:has-text("Đi công tác nước ngoài")');
  await row.waitFor();
  const text = await row.textContent();
  assert.match(text, /Sắp tới/);
  assert.match(text, new RegExp(`${year}`));
  const auths = await (await page.request.get(`${server.url}/api/authorisations`)).json();
  const made = auths.find((a) => a.reason === 'Đi công tác nước ngoài');
  assert.deepEqual([made.starts_on, made.ends_on], [`${year}-03-02`, `${year}-03-06`]);
  assert.equal(made.leader.display_name, (await (await page.request.get(`${server.url}/api/me`)).json()).display_name);
  await checkAccessibility(page, 'admin.deputies');
  assertNoProblems(page);
  await page.context().close();
});

test('a non-admin opening #/admin is told it is not allowed; the page reads in English', async () => {
  const page = await newPage(browser);
  await open(page, 'lan', '/admin');
  assert.match(await page.textContent('.pa-forbidden'), /Không có quyền/);
  assert.equal(await page.locator('table').count(), 0);
  await page.context().close();

  const en = await newPage(browser, { lang: 'en' });
  await open(en, 'admin', '/admin?tab=users');
  assert.equal(await en.textContent('main h1'), 'Administration');
  await screenshot(en, 'admin.en');
  await checkAccessibility(en, 'admin.en');
  await en.context().close();
});
