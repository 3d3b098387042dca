// The proposal page and the form: a step refused for a missing guest list shows why, and the
// form opens with the error beside the guest list; two leaders acting at once, the second told
// who acted first; the chooser, each kind's form and a proposal page, checked by axe in both
// languages and at 360 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, newPage, login, settled, screenshot, checkAccessibility, assertNoProblems } from './harness.mjs';

let server;
let browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';
const KINDS = ['outbound_delegation', 'inbound_visit', 'conference', 'aid', 'agreement'];

function isoIn(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return d.toISOString().slice(0, 10);
}

async function as(username, options) {
  const page = await newPage(browser, options);
  await login(page, server, username);
  return page;
}

async function csrfOf(page) {
  return (await (await page.request.get(`${server.url}/api/session`)).json()).csrf_token;
}

async function open(page, id) {
  await page.goto(`${server.url}/#/proposals/${id}`);
  await page.waitForSelector('.ref-line .badge');
  await settled(page);
}

async function noHorizontalScroll(page, name) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name} is ${overflow}px wider than the screen`);
}

test('an inbound visit without its guest list cannot be submitted; the form shows why beside the list', async () => {
  const lan = await as('lan');
  const csrf = await csrfOf(lan);
  const created = await lan.request.post(`${server.url}/api/proposals`, {
    headers: { 'X-CSRF-Token': csrf },
    data: {
      kind: 'inbound_visit',
      title: 'Đoàn Bộ Lao động Nhật Bản thăm và làm việc',
      fields: {
        visiting_organisation: 'Bộ Y tế, Lao động và Phúc lợi Nhật Bản', visitor_country: 'JP', highest_rank: 'director',
        purpose: 'Trao đổi về chương trình thực tập sinh kỹ năng.', programme_summary: 'Làm việc với Cục Việc làm.',
        places_visited: ['Hà Nội'], arrive_on: isoIn(45), leave_on: isoIn(47), visa_needed: false,
        funding_sources: ['partner'], in_annual_plan: true,
      },
    },
  });
  assert.equal(created.status(), 201);
  const { id } = await created.json();
  const up = await lan.request.post(`${server.url}/api/proposals/${id}/documents`, {
    headers: { 'X-CSRF-Token': csrf },
    multipart: { type: 'programme', file: { name: 'chuong-trinh.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) } },
  });
  assert.equal(up.status(), 201);

  await open(lan, id);
  // The submit button is disabled, and its reasons are written out beside it, not in a tooltip.
  const submit = lan.locator('button.action[data-action="submit"]');
  assert.equal(await submit.isDisabled(), true);
  assert.equal(await submit.getAttribute('aria-describedby'), 'reasons-submit');
  const reasons = lan.locator('#reasons-submit');
  assert.equal(await reasons.isVisible(), true);
  assert.match(await reasons.textContent(), /Danh sách khách/);
  assert.doesNotMatch(await reasons.textContent(), /Chương trình làm việc/, 'the programme is attached');
  await screenshot(lan, 'proposal.refused.vi');

  // "Fill in" opens the form with the error beside the guest list and focus in it.
  await reasons.locator('li:has-text("Danh sách khách") button').click();
  await lan.waitForSelector('.proposal-form');
  const guestError = lan.locator('[data-field="guests"] > .field-error');
  assert.match(await guestError.textContent(), /Danh sách khách/);
  assert.match(await lan.getAttribute('#f-guests', 'aria-describedby'), /\bf-guests-error\b/);
  assert.match(await lan.textContent('#form-summary'), /Danh sách khách/);
  await screenshot(lan, 'proposal.guests-missing.vi');
  await checkAccessibility(lan, 'edit form with errors');

  // A guest row missing its required cells is caught beside each cell before anything is sent.
  await lan.click('#f-guests-add');
  await lan.fill('#f-guests-0-full_name', 'Tanaka Hiroshi');
  await lan.click('.proposal-form button[type=submit]');
  await lan.waitForSelector('#f-guests-0-nationality-error');
  assert.equal(await lan.getAttribute('#f-guests-0-nationality', 'aria-invalid'), 'true');
  await lan.fill('#f-guests-0-nationality', 'Nhật Bản (JP)');
  await lan.fill('#f-guests-0-position', 'Vụ trưởng');
  await lan.fill('#f-guests-0-passport_no', 'TK1234567');
  await lan.click('.proposal-form button[type=submit]');
  await lan.waitForSelector('#proposal-notice:has-text("Đã lưu")');
  assert.match(await lan.textContent('[data-field="guests"]'), /Tanaka Hiroshi[\s\S]*Nhật Bản[\s\S]*TK1234567/);
  assert.equal(await submit.isDisabled(), false);
  await submit.click();
  await lan.click('dialog[open] button[type=submit]');
  await lan.waitForSelector('.ref-line .badge[data-state="unit_review"]');

  // Someone of another unit's kind of role who may not see passports sees them hidden.
  const thu = await as('thu');
  await open(thu, id);
  assert.doesNotMatch(await thu.textContent('[data-field="guests"]'), /TK1234567/);
  assert.match(await thu.textContent('[data-field="guests"]'), /Ẩn/);
  assertNoProblems(lan);
  assertNoProblems(thu);
  await lan.context().close();
  await thu.context().close();
});

test('two leaders act at once: one wins, the other sees who acted and the new state', async () => {
  const thanh = await as('thanh');
  const list = await (await thanh.request.get(`${server.url}/api/proposals?state=leader_decision&limit=50`)).json();
  let target = null;
  for (const item of list.items) {
    const p = await (await thanh.request.get(`${server.url}/api/proposals/${item.id}`)).json();
    if (p.allowed_actions.some((a) => a.action === 'return' && a.enabled)) { target = p; break; }
  }
  assert.ok(target, 'the demo data has a proposal awaiting a leader');
  const binh = await as('binh');
  await open(thanh, target.id);
  await open(binh, target.id);
  for (const page of [thanh, binh]) {
    await page.click('button.action[data-action="return"]');
    await page.fill('dialog[open] #confirm-comment', 'Đề nghị làm rõ nguồn kinh phí.');
  }
  await thanh.click('dialog[open] button[type=submit]');
  await thanh.waitForSelector('.ref-line .badge[data-state="returned"]');
  await binh.click('dialog[open] button[type=submit]');
  const notice = binh.locator('#proposal-notice.conflict');
  await notice.waitFor();
  assert.match(await notice.textContent(), /Võ Văn Thành/);
  assert.match(await notice.textContent(), /Trả lại để hoàn thiện/);
  assert.equal(await binh.getAttribute('.ref-line .badge', 'data-state'), 'returned');
  assert.equal(await binh.locator('button.action[data-action="return"]').count(), 0, 'the page shows the reloaded steps');
  await screenshot(binh, 'proposal.conflict.vi');
  const returns = await binh.$$eval('#timeline li.step[data-action="return"]', (li) => li.length);
  assert.ok(returns >= 1);
  assertNoProblems(thanh);
  assertNoProblems(binh);
  await thanh.context().close();
  await binh.context().close();
});

test('the chooser, the form of each kind and a proposal page: screenshots, axe, both languages, 360 px', async () => {
  for (const lang of ['vi', 'en']) {
    const page = await as('lan', { lang });
    await page.goto(`${server.url}/#/new`);
    await page.waitForSelector('.kind-choice');
    assert.equal(await page.locator('.kind-choice').count(), 5);
    await screenshot(page, `new.${lang}`);
    await checkAccessibility(page, `chooser ${lang}`);
    for (const kind of KINDS) {
      await page.goto(`${server.url}/#/new/${kind}`);
      await page.waitForSelector('.proposal-form #f-title');
      await settled(page);
      if (kind === 'inbound_visit') await page.click('#f-guests-add');
      await screenshot(page, `new.${kind}.${lang}`);
      await checkAccessibility(page, `form ${kind} ${lang}`);
    }
    // A proposal of the demo with documents, consultations and a long history.
    const list = await (await page.request.get(`${server.url}/api/proposals?kind=outbound_delegation&state=closed&limit=1`)).json();
    await open(page, list.items[0].id);
    assert.ok(await page.locator('#timeline li.step').count() > 3);
    await screenshot(page, `proposal.${lang}`);
    await checkAccessibility(page, `proposal ${lang}`);
    if (lang === 'en') assert.match(await page.textContent('#timeline-heading'), /Timeline/);
    assertNoProblems(page);
    await page.context().close();
  }

  const narrow = await as('lan', { viewport: { width: 360, height: 740 } });
  await narrow.goto(`${server.url}/#/new/outbound_delegation`);
  await narrow.waitForSelector('#f-title');
  await narrow.click('#f-members-add');
  await settled(narrow);
  await noHorizontalScroll(narrow, 'the outbound form');
  await screenshot(narrow, 'new.outbound_delegation.narrow.vi');
  const drafts = await (await narrow.request.get(`${server.url}/api/proposals?kind=inbound_visit&unit=CVL&limit=1`)).json();
  await open(narrow, drafts.items[0].id);
  await noHorizontalScroll(narrow, 'the proposal page');
  await screenshot(narrow, 'proposal.narrow.vi');
  await narrow.context().close();
});

test('an edit on a version someone else changed meanwhile is refused (412), reloaded and said', async () => {
  const lan = await as('lan');
  const csrf = await csrfOf(lan);
  const created = await (await lan.request.post(`${server.url}/api/proposals`, {
    headers: { 'X-CSRF-Token': csrf }, data: { kind: 'agreement', title: 'Bản ghi nhớ hợp tác về đào tạo nghề', fields: { urgent: false } },
  })).json();
  await open(lan, created.id);
  await lan.click('#edit-button');
  await lan.fill('#f-title', 'Bản ghi nhớ hợp tác về đào tạo nghề (sửa trong trình duyệt)');
  // Meanwhile a colleague saves another change.
  const other = await lan.request.patch(`${server.url}/api/proposals/${created.id}`, {
    headers: { 'X-CSRF-Token': csrf, 'If-Match': `"${created.version}"` }, data: { fields: { scope: 'Đào tạo nghề cho lao động.' } },
  });
  assert.equal(other.status(), 200);
  await lan.click('.proposal-form button[type=submit]');
  const notice = lan.locator('#proposal-notice.conflict');
  await notice.waitFor();
  assert.match(await notice.textContent(), /chưa được lưu/);
  assert.match(await lan.textContent('[data-field="scope"]'), /Đào tạo nghề cho lao động/, 'the latest version is shown');
  assert.equal(await lan.textContent('main h1'), 'Bản ghi nhớ hợp tác về đào tạo nghề');
  assertNoProblems(lan);
  await lan.context().close();
});

test('an auditor sees the audit chain verified and no step to take', async () => {
  const ha = await as('ha');
  const list = await (await ha.request.get(`${server.url}/api/proposals?kind=agreement&limit=1`)).json();
  await open(ha, list.items[0].id);
  assert.match(await ha.textContent('#timeline .integrity.ok'), /hợp lệ/);
  assert.equal(await ha.locator('button.action').count(), 0);
  assert.equal(await ha.locator('input[type=file]').count(), 0, 'an auditor uploads nothing');
  assertNoProblems(ha);
  await ha.context().close();
});
