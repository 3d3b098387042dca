// Notifications (issue 9): the navigation's unread badge, the notifications page in Vietnamese
// and English, marking one, one by following its link and all read, "only unread" and paging;
// the e-mail settings with a field error; the escalated column of the dashboard; Plan B on the
// proposals list, refused all or nothing and then done for two approved demo activities.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, newPage, apiLogin, openAs, settled, screenshot, checkAccessibility, assertNoProblems } from './harness.mjs';

let server;
let browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const VIETNAMESE = /[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđăơư]/i;
const BADGE = 'nav a[href="#/notifications"] .count';

// The scheduler's sweep runs at start-up on its own thread; run it once more and wait for it,
// so the demo's reminders are there before a test counts them (each is raised once). Every
// test calls this first (a root before() hook would not wait for the server's).
let swept = null;
function remindersRaised() {
  swept ??= (async () => {
    const page = await newPage(browser);
    const csrf = await apiLogin(page, server, 'admin');
    const r = await page.request.post(`${server.url}/api/admin/reminders/run`, { headers: { 'X-CSRF-Token': csrf } });
    assert.equal(r.status(), 200, await r.text());
    await page.context().close();
  })();
  return swept;
}

async function api(page, path) {
  const r = await page.request.get(`${server.url}${path}`);
  assert.equal(r.status(), 200, `${path}: ${await r.text()}`);
  return r.json();
}

async function unread(page) {
  return (await api(page, '/api/notifications/unread-count')).unread;
}

async function badgeShows(page, n) {
  if (n === 0) await page.waitForSelector(BADGE, { state: 'detached' });
  else await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent.trim() === want, [BADGE, String(n)]);
}

test('the badge counts unread notifications; reading one, following one and all lower it, in both languages', async () => {
  await remindersRaised();
  const page = await newPage(browser);
  await openAs(page, server, 'mai', '/work');
  const n = await unread(page);
  assert.ok(n >= 4, `the ICD officer has unread reminders in the demo data (${n})`);
  await badgeShows(page, n);
  assert.equal(await page.getAttribute(BADGE, 'aria-label'), `${n} thông báo chưa đọc`);

  await page.click('nav a[href="#/notifications"]');
  await page.waitForSelector('main h1:has-text("Thông báo")');
  await settled(page);
  const listed = await api(page, '/api/notifications?limit=50');
  const classes = await page.$$eval('li.notification', (els) => els.map((e) => e.className));
  assert.equal(classes.length, listed.items.length);
  const firstRead = classes.findIndex((c) => c.includes(' read'));
  assert.ok(firstRead === -1 || classes.slice(firstRead).every((c) => c.includes(' read')), 'unread first');
  assert.equal((await page.textContent('li.notification .notification-text')).trim(), listed.items[0].text.vi);
  assert.match(listed.items[0].text.vi, VIETNAMESE);
  assert.match(await page.textContent('.notifications-summary'), new RegExp(`${n} thông báo chưa đọc`));
  await screenshot(page, 'notifications.vi');
  await checkAccessibility(page, 'notifications (vi)');

  // Mark the first read: the badge and the page's count go down; the item stays, now read.
  const first = listed.items[0];
  await page.click(`li[data-id="${first.id}"] button.mark-read`);
  await badgeShows(page, n - 1);
  await page.waitForSelector(`li[data-id="${first.id}"].read`);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.id), String(first.id), 'focus stays on the item');

  // Following a notification's link opens its proposal and marks it read.
  const second = listed.items.find((x, i) => i > 0 && !x.read && x.proposal);
  await page.click(`li[data-id="${second.id}"] a[href="#/proposals/${second.proposal.id}"]`);
  await page.waitForFunction((id) => location.hash === `#/proposals/${id}`, second.proposal.id);
  await badgeShows(page, n - 2);
  assert.equal((await api(page, '/api/notifications?limit=200')).items.find((x) => x.id === second.id).read, true);

  // Read elsewhere (another browser): the next navigation brings the badge up to date.
  const elsewhere = await newPage(browser);
  const csrf = await apiLogin(elsewhere, server, 'mai');
  const third = (await api(elsewhere, '/api/notifications?unread=1&limit=1')).items[0];
  const r = await elsewhere.request.post(`${server.url}/api/notifications/${third.id}/read`, { headers: { 'X-CSRF-Token': csrf } });
  assert.equal(r.status(), 200);
  await elsewhere.context().close();
  await page.click('nav a[href="#/proposals"]');
  await badgeShows(page, n - 3);

  // English: the same notifications in English, the badge's label too.
  await page.click('button.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.goto(`${server.url}/#/notifications`);
  await page.waitForSelector('main h1:has-text("Notifications")');
  await settled(page);
  const now = await api(page, '/api/notifications?limit=50');
  assert.equal((await page.textContent('li.notification .notification-text')).trim(), now.items[0].text.en);
  assert.notEqual(now.items[0].text.en, now.items[0].text.vi);
  // Titles and names stay as written; the words around them and the kind's badge are English.
  assert.doesNotMatch(await page.textContent('li.notification .notification-kind'), VIETNAMESE);
  assert.equal(await page.getAttribute(BADGE, 'aria-label'), `${n - 3} unread notifications`);
  await screenshot(page, 'notifications.en');
  await checkAccessibility(page, 'notifications (en)');

  // Only unread, then all read: the list empties and the badge goes.
  await page.check('#notifications-unread');
  await page.waitForFunction(() => location.hash === '#/notifications?unread=1');
  await settled(page);
  assert.equal(await page.locator('li.notification.read').count(), 0);
  assert.equal(await page.locator('li.notification.unread').count(), Math.min(n - 3, 50));
  await page.click('#notifications-read-all');
  await badgeShows(page, 0);
  assert.equal(await unread(page), 0);
  assert.match(await page.textContent('.notifications-summary'), /read every notification/);
  await page.uncheck('#notifications-unread');
  await settled(page);
  await page.check('#notifications-unread');
  await page.waitForSelector('.notifications-list .empty:has-text("No unread notifications")');
  assertNoProblems(page);
  await page.context().close();
});

test('"more" pages on with next_before', async () => {
  await remindersRaised();
  const page = await newPage(browser);
  await apiLogin(page, server, 'quang');
  const all = (await api(page, '/api/notifications?limit=200')).items;
  assert.ok(all.length > 4, `the ICD head has notifications in the demo (${all.length})`);
  // The page asks for 50 at a time; ask the real server for 3, to page through a short list.
  await page.route('**/api/notifications?*', (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set('limit', '3');
    route.continue({ url: url.toString() });
  });
  await page.goto(`${server.url}/#/notifications`);
  await page.waitForSelector('main h1');
  await settled(page);
  assert.equal(await page.locator('li.notification').count(), 3);
  await page.click('.notifications-list .more button');
  await page.waitForFunction(() => document.querySelectorAll('li.notification').length === 6);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.id), String(all[3].id), 'focus on the first new one');
  const ids = await page.$$eval('li.notification', (els) => els.map((e) => Number(e.dataset.id)));
  assert.deepEqual(ids, all.slice(0, 6).map((x) => x.id));
  await page.context().close();
});

test('e-mail settings: a bad address is shown at its field; a good one and the digest are saved', async () => {
  await remindersRaised();
  const page = await newPage(browser, { viewport: { width: 360, height: 740 } });
  await openAs(page, server, 'lan', '/notifications');
  await page.waitForSelector('#settings-email');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 360px screen`);
  await page.click('.page-head button.link');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'settings-title', 'the settings link brings the keyboard there');
  await screenshot(page, 'notifications.narrow.vi');
  await page.fill('#settings-email', 'không phải địa chỉ');
  await page.click('.notification-settings button[type=submit]');
  await page.waitForSelector('#settings-email[aria-invalid="true"]');
  const error = (await page.textContent('#settings-email-error')).trim();
  assert.match(error, /không hợp lệ/);
  assert.doesNotMatch(error, /not a valid/, 'only the Vietnamese half');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'settings-email');
  assert.equal((await api(page, '/api/me/notification-settings')).email, null, 'nothing saved');
  await checkAccessibility(page, 'settings with an error');

  await page.fill('#settings-email', 'lan@molisa.gov.vn');
  await page.check('#settings-mode-digest');
  await page.click('.notification-settings button[type=submit]');
  await page.waitForSelector('#settings-email[aria-invalid="false"]');
  await page.waitForSelector('.notification-settings .saved');
  assert.deepEqual(await api(page, '/api/me/notification-settings'), { email: 'lan@molisa.gov.vn', email_mode: 'digest' });
  await page.reload();
  await page.waitForSelector('#settings-email');
  await settled(page);
  assert.equal(await page.inputValue('#settings-email'), 'lan@molisa.gov.vn');
  assert.equal(await page.isChecked('#settings-mode-digest'), true);
  assertNoProblems(page);
  await page.context().close();
});

test('the dashboard shows, per unit, the overdue proposals escalated to the heads', async () => {
  await remindersRaised();
  const page = await newPage(browser);
  await openAs(page, server, 'mai', '/dashboard');
  const rows = (await api(page, '/api/dashboard')).overdue_by_unit;
  assert.ok(rows.some((r) => r.escalated > 0), 'the demo has escalated proposals');
  const table = page.locator('table[data-table="overdue-units"]');
  assert.equal((await table.locator('thead th').nth(2).textContent()).trim(), 'Đã báo lãnh đạo');
  for (const r of rows)
    assert.equal(await table.locator(`tr[data-unit="${r.unit.code}"] td.escalated`).getAttribute('data-value'), String(r.escalated));
  await page.context().close();
});

test('Plan B: a refusal changes nothing and says which; then two approved activities are postponed', async () => {
  await remindersRaised();
  const page = await newPage(browser);
  const csrf = await apiLogin(page, server, 'mai');
  const me = await api(page, '/api/me');
  const approved = (await api(page, '/api/proposals?state=approved&limit=100')).items;
  const mine = [];
  for (const p of approved) {
    const full = await api(page, `/api/proposals/${p.id}`);
    if (full.created_by?.id !== me.id) mine.push(full);
  }
  assert.ok(mine.length >= 3, `three approved demo activities others created (${mine.length})`);
  const [a, b, gone] = mine;

  await page.goto(`${server.url}/#/proposals`);
  await page.waitForSelector('main h1');
  await settled(page);
  await page.click('#planb-approved');
  await page.waitForFunction(() => location.hash.includes('state=approved'));
  await settled(page);
  for (const p of [a, gone]) await page.check(`tr[data-id="${p.id}"] td.select input`);
  assert.match(await page.textContent('.planb-count'), /Đã chọn 2 hoạt động/);
  await screenshot(page, 'planb.list.vi');
  await checkAccessibility(page, 'proposals with Plan B');
  await page.click('#planb-open');
  const dialog = page.locator('dialog.planb-dialog[open]');
  await dialog.waitFor();
  await checkAccessibility(page, 'Plan B dialog');
  await screenshot(page, 'planb.dialog.vi');
  // No reason: the dialog asks for one.
  await dialog.locator('button[type=submit]').click();
  await dialog.locator('textarea[aria-invalid="true"]').waitFor();
  // Meanwhile someone else postpones one of them: the server refuses all, and names it.
  const r = await page.request.post(`${server.url}/api/proposals/postpone`, {
    headers: { 'X-CSRF-Token': csrf }, data: { ids: [gone.id], reason: 'Đối tác đề nghị lùi lịch', to_be_decided: true } });
  assert.equal(r.status(), 200, await r.text());
  await dialog.locator('textarea').fill('Điều chỉnh kế hoạch đối ngoại quý IV');
  await dialog.locator('button[type=submit]').click();
  await dialog.locator('.planb-refused').waitFor();
  assert.match(await dialog.locator('.planb-refused').textContent(), new RegExp(`${gone.ref}:.*không hoãn được`));
  assert.match(await dialog.locator('.planb-refused').textContent(), /Chưa hồ sơ nào thay đổi/);
  await screenshot(page, 'planb.refused.vi');
  assert.equal((await api(page, `/api/proposals/${a.id}`)).state, 'approved', 'all or nothing');
  // The refused one can be left out there and then; the list's choice follows.
  await dialog.locator(`li[data-id="${gone.id}"] button.leave-out`).click();
  assert.equal(await dialog.locator('li.planb-item').count(), 1);
  assert.equal(await dialog.locator('.planb-refused').count(), 0);
  assert.match(await page.textContent('.planb-count'), /Đã chọn 1 hoạt động/);
  await dialog.locator('button:has-text("Hủy bỏ")').click();

  // Again, with the two still approved: new dates for one, "to be decided" is not chosen.
  await page.reload();
  await page.waitForSelector('main h1');
  await settled(page);
  assert.equal(await page.locator(`tr[data-id="${gone.id}"]`).count(), 0, 'the postponed one left the list');
  for (const p of [a, b]) await page.check(`tr[data-id="${p.id}"] td.select input`);
  await page.click('#planb-open');
  await dialog.waitFor();
  await dialog.locator('textarea').fill('Điều chỉnh kế hoạch đối ngoại quý IV');
  await dialog.locator('input[value="dates"]').check();
  const dateInputs = dialog.locator(`li[data-id="${a.id}"] input[type=date]`);
  await dateInputs.first().waitFor();
  await dateInputs.nth(0).fill('2027-03-02');
  await dateInputs.nth(1).fill('2027-03-01');
  await dialog.locator('button[type=submit]').click();
  await dialog.locator(`li[data-id="${a.id}"] input[aria-invalid="true"]`).waitFor();
  await screenshot(page, 'planb.dates.vi');
  await dateInputs.nth(1).fill('2027-03-06');
  await dialog.locator('button[type=submit]').click();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForSelector('#announcer:not([hidden])');
  assert.match(await page.textContent('#announcer'), new RegExp(`Đã hoãn 2 hoạt động: .*${a.ref}`));
  await settled(page);
  for (const p of [a, b]) {
    const after = await api(page, `/api/proposals/${p.id}`);
    assert.equal(after.state, 'postponed', p.ref);
    const history = await api(page, `/api/proposals/${p.id}/history`);
    assert.equal(history.at(-1).action, 'postpone');
    assert.match(history.at(-1).comment, /quý IV/);
  }
  const fieldsA = (await api(page, `/api/proposals/${a.id}`)).fields;
  const [startField, endField] = Object.keys(fieldsA).filter((k) => fieldsA[k] === '2027-03-02' || fieldsA[k] === '2027-03-06');
  assert.ok(startField && endField, `the new dates were saved: ${JSON.stringify(fieldsA)}`);
  assert.equal(await page.locator(`tr[data-id="${a.id}"]`).count(), 0, 'the list was refreshed');
  assert.match(await page.textContent('.planb-count'), /Chưa chọn/);
  assertNoProblems(page);
  await page.context().close();
});
