// The pending agreements board: an agreement approved for signing moved across the board by
// its card's steps until it is signed, reported and in force (when it leaves the board), with
// the API's state checked at each move; a step someone else took first (409); a missing reason
// and a refusal in the step dialog; overdue cards highlighted; the agreements expiring within
// 90 days; both languages, axe, 360 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, newPage, apiLogin, settled, screenshot, checkAccessibility, assertNoProblems } from './harness.mjs';

let server;
let browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const api = async (page, path) => {
  const r = await page.request.get(`${server.url}${path}`);
  assert.equal(r.status(), 200, path);
  return r.json();
};

// The board page as `user`, settled.
async function openBoard(user, options = {}) {
  const page = await newPage(browser, options);
  const csrf = await apiLogin(page, server, user);
  await page.goto(`${server.url}/#/agreements`);
  await page.waitForSelector('.board');
  await settled(page);
  return { page, csrf };
}

const card = (state, id) => `.board-column[data-state="${state}"] .agreement-card[data-id="${id}"]`;

// Opens a card's steps and clicks the one whose label starts with `text`.
async function takeStep(page, state, id, text) {
  await page.click(`${card(state, id)} .steps-toggle`);
  await page.click(`${card(state, id)} .step-buttons button:has-text("${text}")`);
  await page.waitForSelector('dialog.action-dialog[open]');
}

const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

test('an agreement moves across the board to signed and in force, then leaves it', async () => {
  const { page, csrf } = await openBoard('mai');
  const { items } = await api(page, '/api/proposals?kind=agreement&state=approved_for_signing');
  assert.ok(items.length > 0, 'the demo data has an agreement approved for signing');
  const id = items[0].id;
  await page.waitForSelector(card('approved_for_signing', id));

  // Approved for signing → signed: the step asks for the signing date and how it was signed.
  await takeStep(page, 'approved_for_signing', id, 'Ghi nhận đã ký');
  const dialog = page.locator('dialog.action-dialog');
  assert.ok(await dialog.locator('input[type=date]#f-signed_on').inputValue(), 'the signing date defaults to today');
  await dialog.locator('button[type=submit]').click();
  // Nothing chosen for how it was signed: the server's refusal shows beside the field, and
  // the dialog stays open to fix it.
  await dialog.locator('select#f-signing_format[aria-invalid="true"]').waitFor();
  assert.ok((await dialog.locator('#f-signing_format-error').textContent()).trim(), 'the message is under the field');
  assert.equal(await dialog.locator('.error-box').count(), 0, 'an error that names a field shows only beside it');
  await screenshot(page, 'board.step-error.vi');
  await dialog.locator('select#f-signing_format').selectOption('online');
  await dialog.locator('button[type=submit]').click();
  await page.waitForSelector(card('signed', id));
  assert.equal(await page.locator(`.agreement-card[data-id="${id}"]`).count(), 1, 'the card is in one column only');
  assert.match(await page.textContent('.board-notice'), /Đã ký, chờ báo cáo Bộ Ngoại giao/);
  assert.equal((await api(page, `/api/proposals/${id}`)).state, 'signed');

  // Reporting to Foreign Affairs needs the signed copy and the report: the card says so.
  await page.click(`${card('signed', id)} .steps-toggle`);
  const disabled = page.locator(`${card('signed', id)} .step-disabled li:has-text("Ghi nhận đã báo cáo Bộ Ngoại giao")`);
  await disabled.waitFor();
  assert.ok(await disabled.locator('a').count(), 'a link to complete the proposal');
  for (const type of ['signed_copy', 'mofa_report']) {
    const r = await page.request.post(`${server.url}/api/proposals/${id}/documents`, {
      headers: { 'X-CSRF-Token': csrf },
      multipart: { type, file: { name: `${type}.pdf`, mimeType: 'application/pdf', buffer: MINIMAL_PDF } },
    });
    assert.equal(r.status(), 201, `upload ${type}: ${await r.text()}`);
  }
  // Closing and opening the steps asks the server again.
  await page.click(`${card('signed', id)} .steps-toggle`);
  await takeStep(page, 'signed', id, 'Ghi nhận đã báo cáo Bộ Ngoại giao');
  await page.locator('dialog.action-dialog button[type=submit]').click();
  await page.waitForSelector(card('awaiting_force', id));
  assert.equal((await api(page, `/api/proposals/${id}`)).state, 'awaiting_force');

  // Awaiting entry into force → in force: the card leaves the board.
  await takeStep(page, 'awaiting_force', id, 'Ghi nhận có hiệu lực');
  await page.locator('dialog.action-dialog #f-expires_on').fill('2031-12-31');
  await page.locator('dialog.action-dialog button[type=submit]').click();
  await page.waitForSelector('.board-notice:has-text("rời khỏi bảng")');
  assert.equal(await page.locator(`.agreement-card[data-id="${id}"]`).count(), 0, 'an agreement in force is not pending');
  const after = await api(page, `/api/proposals/${id}`);
  assert.equal(after.state, 'in_force');
  assert.equal(after.fields.expires_on, '2031-12-31');
  assertNoProblems(page);
  await page.context().close();
});

test('a step someone took first reloads the board and says so', async () => {
  const { page, csrf } = await openBoard('mai');
  const { items } = await api(page, '/api/proposals?kind=agreement&state=postponed');
  assert.ok(items.length > 0, 'the demo data has a postponed agreement');
  const p = items[0];
  await page.click(`${card('postponed', p.id)} .steps-toggle`);
  await page.waitForSelector(`${card('postponed', p.id)} .step-buttons button:has-text("Ấn định lại thời gian")`);
  // Someone else reschedules it meanwhile.
  const r = await page.request.post(`${server.url}/api/proposals/${p.id}/actions`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { action: 'reschedule', expected_version: p.version, fields: { proposed_signing_on: '2027-03-15' } },
  });
  assert.equal(r.status(), 200, await r.text());
  await page.click(`${card('postponed', p.id)} .step-buttons button:has-text("Ấn định lại thời gian")`);
  await page.locator('dialog.action-dialog #f-proposed_signing_on').fill('2027-04-01');
  await page.locator('dialog.action-dialog button[type=submit]').click();
  await page.waitForSelector('.board-notice[role=alert]:has-text("trước bạn")');
  await page.waitForSelector(card('approved_for_signing', p.id));
  assert.equal(await page.locator(card('postponed', p.id)).count(), 0);
  assertNoProblems(page);
  await page.context().close();
});

test('the step dialog asks for a missing reason and shows a refusal that names no field', async () => {
  const { page } = await openBoard('mai');
  const { items } = await api(page, '/api/proposals?kind=agreement&state=negotiation');
  assert.ok(items.length > 0, 'the demo data has an agreement in negotiation');
  const p = items[0];
  // Returning needs a reason: without one the dialog stays open and says so under the comment.
  await takeStep(page, 'negotiation', p.id, 'Trả lại');
  const dialog = page.locator('dialog.action-dialog');
  await dialog.locator('button[type=submit]').click();
  await dialog.locator('#action-comment-error:has-text("Vui lòng nhập lý do")').waitFor();
  assert.equal(await dialog.locator('#action-comment').getAttribute('aria-invalid'), 'true');
  // A rule the server refuses on (here made up) shows in the dialog's error box.
  await page.route('**/api/proposals/*/actions', (route) => route.fulfill({
    status: 422, contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'urn:attache:problem:validation', title: 'Unprocessable', status: 422, detail: 'refused',
      errors: [{ field: 'signed_copy', code: 'missing_document', message: 'Thiếu bản ký', message_en: 'Signed copy missing' }] }),
  }));
  await dialog.locator('#action-comment').fill('Cần làm rõ điều khoản.');
  await dialog.locator('button[type=submit]').click();
  await dialog.locator('.error-box:has-text("Thiếu bản ký")').waitFor();
  await screenshot(page, 'board.step-refused.vi');
  assert.equal(await dialog.locator('#action-comment').getAttribute('aria-invalid'), 'false');
  await page.unroute('**/api/proposals/*/actions');
  await dialog.locator('button:has-text("Hủy bỏ")').click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await api(page, `/api/proposals/${p.id}`)).state, 'negotiation', 'nothing was sent');
  await page.context().close();
});

test('overdue cards stand out, the expiring list names the partner; vi, en, axe', async () => {
  for (const lang of ['vi', 'en']) {
    const { page } = await openBoard('quang', { lang });
    const agreements = (await api(page, '/api/proposals?kind=agreement&limit=200')).items;
    const overdue = agreements.filter((p) => p.overdue);
    const shown = await page.$$eval('.agreement-card', (cards) => cards.map((c) => ({
      id: Number(c.dataset.id), overdue: c.classList.contains('overdue'),
      badge: !!c.querySelector('.badge.late'), border: getComputedStyle(c).borderLeftColor,
    })));
    assert.ok(shown.length >= 10, 'the demo has pending agreements at most steps');
    const late = shown.filter((c) => c.overdue);
    assert.ok(late.length > 0, 'the demo has overdue pending agreements');
    for (const c of shown) {
      const p = agreements.find((x) => x.id === c.id);
      assert.equal(c.overdue, p.overdue, `card ${p.ref} overdue`);
      assert.equal(c.badge, p.overdue, `card ${p.ref} badge`);
    }
    assert.ok(overdue.length >= late.length);
    assert.notEqual(late[0].border, shown.find((c) => !c.overdue).border, 'an overdue card has a red edge');
    // Columns follow the definition's order of pending steps.
    const states = await page.$$eval('.board-column', (cols) => cols.map((c) => c.dataset.state));
    const definition = await api(page, '/api/workflows/agreement');
    assert.deepEqual(states, definition.states.filter((s) => s.stage === 'pending' && !s.terminal).map((s) => s.id));

    const dashboard = await api(page, '/api/dashboard');
    const expiring = dashboard.agreements.expiring_90_days;
    assert.ok(expiring.length > 0, 'the demo has an agreement expiring within 90 days');
    const row = page.locator(`.expiring-table tr[data-id="${expiring[0].id}"]`);
    assert.match(await row.textContent(), new RegExp(expiring[0].ref));
    assert.match(await row.textContent(), new RegExp(lang === 'vi' ? expiring[0].partner.name.vi : expiring[0].partner.name.en));
    assert.match(await page.textContent('h1'), lang === 'vi' ? /đang chờ/ : /Pending/);
    await screenshot(page, `board.${lang}`);
    await checkAccessibility(page, `board ${lang}`);
    assertNoProblems(page);
    await page.context().close();
  }
});

test('at 360 px the board scrolls inside its frame, not the page', async () => {
  const { page } = await openBoard('mai', { viewport: { width: 360, height: 740 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  const board = await page.$eval('.board-wrap', (el) => el.scrollWidth > el.clientWidth);
  assert.ok(board, 'the board scrolls horizontally inside its container');
  await screenshot(page, 'board.narrow.vi');
  await page.context().close();
});
