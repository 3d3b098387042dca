// The whole story of an outbound delegation through the UI, each person in their own browser:
// staff drafts it in the form and attaches the invitation (file input) and the programme
// (drag and drop), submits; the unit head endorses; ICD returns it with a reason; staff fixes
// a field and resubmits; it is endorsed again; ICD asks the Ministry of Foreign Affairs and
// records the answer, then forwards; finance gives its opinion (the state budget pays); the ICD
// head recommends; a leader's deputy approves on the leader's behalf with the decision number;
// the delegation leaves, comes back, files its report, and the proposal closes. The timeline
// then shows every step in order with the right people.
//
// Dates: the departure is set 60 days ahead (first a date too close, to see the lead-time
// warning). The definition lets the return be recorded with the planned date (the `complete`
// step asks return_on and only checks it is not before departure), so the story needs no
// date in the past.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, newPage, login, apiLogin, settled, screenshot, checkAccessibility, assertNoProblems, PASSWORD } from './harness.mjs';

let server;
let browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const PDF = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';

function isoIn(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function as(username) {
  const page = await newPage(browser);
  await login(page, server, username);
  return page;
}

async function open(page, id) {
  const url = `${server.url}/#/proposals/${id}`;
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await page.waitForSelector('.ref-line .badge');
  await settled(page);
}

const stateOf = (page) => page.getAttribute('.ref-line .badge', 'data-state');

// Takes a step through its button and the confirmation dialog; waits for the new state.
async function act(page, action, { comment, fill, to } = {}) {
  await page.click(`.actions-panel button.action[data-action="${action}"]:not([disabled])`);
  await page.waitForSelector('dialog[open]');
  if (fill) await fill(page);
  if (comment) await page.fill('dialog[open] textarea#confirm-comment, dialog[open] textarea#action-comment', comment);
  await page.click('dialog[open] button[type=submit]');
  await page.waitForSelector('dialog[open]', { state: 'detached' });
  if (to) await page.waitForSelector(`.ref-line .badge[data-state="${to}"]`);
  await settled(page);
}

test('an outbound delegation from draft to closed, through the UI', async () => {
  const lan = await as('lan');

  // The chooser, then the form of an outbound delegation.
  await lan.click('nav a[href="#/new"]');
  await lan.waitForSelector('.kind-choice');
  await lan.click('a.kind-choice[href="#/new/outbound_delegation"]');
  await lan.waitForSelector('#f-title');
  await settled(lan);
  await lan.fill('#f-title', 'Đoàn công tác học tập kinh nghiệm dịch vụ việc làm tại Hàn Quốc');
  await lan.fill('#f-destination_countries-add', 'Hàn Quốc (KR)');
  await lan.waitForSelector('[data-field="destination_countries"] .chips li:has-text("Hàn Quốc")');
  await lan.fill('#f-destination_cities', 'Seoul\nSejong');
  // A listed partner: the free-text inviting organisation is then not asked.
  assert.equal(await lan.isVisible('#f-inviting_organisation'), true);
  await lan.fill('#f-inviting_partner', 'MOEL — Bộ Việc làm và Lao động Hàn Quốc');
  await lan.waitForSelector('#f-inviting_organisation', { state: 'detached' });
  await lan.fill('#f-purpose', 'Học tập kinh nghiệm tổ chức dịch vụ việc làm công.');
  // A departure ten days ahead is too late for the 20 working days the rules ask.
  await lan.fill('#f-depart_on', isoIn(10));
  await lan.fill('#f-return_on', isoIn(15));
  await lan.click('#f-purpose');
  await lan.waitForSelector('.proposal-form .warnings:has-text("20 ngày làm việc")');
  await lan.fill('#f-depart_on', isoIn(60));
  await lan.fill('#f-return_on', isoIn(65));
  await lan.click('#f-purpose');
  await lan.waitForFunction(() => !document.querySelector('.proposal-form .warnings')?.textContent.includes('20 ngày làm việc'));
  // Members: two rows added with the add-row button, one removed, one added again.
  await lan.click('#f-members-add');
  await lan.fill('#f-members-0-full_name', 'Trần Văn Hùng');
  await lan.fill('#f-members-0-position', 'Cục trưởng');
  await lan.fill('#f-members-0-unit', 'Cục Việc làm');
  await lan.selectOption('#f-members-0-role', 'head');
  await lan.click('#f-members-add');
  await lan.fill('#f-members-1-full_name', 'Người nhập nhầm');
  await lan.click('fieldset.person[data-row="1"] button.remove-row');
  await lan.waitForSelector('fieldset.person[data-row="1"]', { state: 'detached' });
  await lan.click('#f-members-add');
  await lan.fill('#f-members-1-full_name', 'Nguyễn Thị Lan');
  await lan.fill('#f-members-1-position', 'Chuyên viên');
  await lan.fill('#f-members-1-unit', 'Cục Việc làm');
  await lan.selectOption('#f-members-1-role', 'member');
  // The state budget pays: the budget estimate appears and is required.
  assert.equal(await lan.isVisible('#f-budget_estimate-amount'), false);
  await lan.check('[data-field="funding_sources"] label.choice:has-text("Ngân sách nhà nước") input');
  await lan.fill('#f-budget_estimate-amount', '180000000');
  await lan.selectOption('#f-plan_item_id', '1');
  assert.equal(await lan.isChecked('#f-in_annual_plan'), true, 'a plan item marks the trip as planned');
  await lan.selectOption('#f-passport_type', 'official');
  await lan.selectOption('#f-invitation_language', 'vi');
  await screenshot(lan, 'journey.form.vi');
  await checkAccessibility(lan, 'outbound form');
  await lan.click('.proposal-form button[type=submit]');
  await lan.waitForFunction(() => /^#\/proposals\/\d+/.test(location.hash));
  const id = Number(new URL(lan.url()).hash.match(/\d+/)[0]);
  await lan.waitForSelector('#proposal-notice');
  await settled(lan);
  assert.equal(await stateOf(lan), 'draft');
  assert.match(await lan.textContent('[data-field="members"]'), /Trần Văn Hùng[\s\S]*Trưởng đoàn[\s\S]*Nguyễn Thị Lan/);
  assert.match(await lan.textContent('[data-field="budget_estimate"]'), /180\.000\.000/);
  // Submitting is not possible yet: the reasons name the missing documents.
  assert.equal(await lan.isDisabled('button.action[data-action="submit"]'), true);
  assert.match(await lan.textContent('#reasons-submit'), /Thư mời/);

  // The invitation through the file input, the programme by drag and drop.
  await lan.setInputFiles('#doc-file-invitation_letter', { name: 'thu-moi.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
  await lan.waitForSelector('li.doc.present[data-type="invitation_letter"] a:has-text("thu-moi.pdf")');
  const dropped = await lan.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'chuong-trinh.pdf', { type: 'application/pdf' }));
    return dt;
  }, PDF);
  await lan.dispatchEvent('.drop-zone[data-type="programme"]', 'drop', { dataTransfer: dropped });
  await lan.waitForSelector('li.doc.present[data-type="programme"] a:has-text("chuong-trinh.pdf")');
  await settled(lan);
  await screenshot(lan, 'journey.draft.vi');
  await act(lan, 'submit', { to: 'unit_review' });

  // The unit head endorses.
  const hung = await as('hung');
  await open(hung, id);
  await act(hung, 'endorse', { to: 'icd_review' });

  // ICD returns it for correction; the reason is required.
  const mai = await as('mai');
  await open(mai, id);
  await mai.click('button.action[data-action="return"]');
  await mai.click('dialog[open] button[type=submit]');
  // The reason is required: the dialog stays open until one is given.
  await mai.waitForSelector('dialog[open] #confirm-error:has-text("Vui lòng nhập lý do")');
  assert.equal(await mai.getAttribute('dialog[open] #confirm-comment', 'aria-invalid'), 'true');
  await mai.fill('dialog[open] #confirm-comment', 'Đề nghị bổ sung mục đích cụ thể của chuyến công tác.');
  await mai.click('dialog[open] button[type=submit]');
  await mai.waitForSelector('.ref-line .badge[data-state="returned"]');

  // Staff sees the reason in the timeline, fixes the purpose and resubmits.
  await open(lan, id);
  assert.equal(await stateOf(lan), 'returned');
  assert.match(await lan.textContent('#timeline'), /Đề nghị bổ sung mục đích/);
  await lan.click('#edit-button');
  await lan.fill('#f-purpose', 'Học tập kinh nghiệm tổ chức dịch vụ việc làm công và hệ thống thông tin thị trường lao động của Hàn Quốc.');
  await lan.click('.proposal-form button[type=submit]');
  await lan.waitForSelector('#proposal-notice:has-text("Đã lưu")');
  assert.match(await lan.textContent('[data-field="purpose"]'), /thông tin thị trường lao động/);
  await act(lan, 'resubmit', { to: 'unit_review' });
  await open(hung, id);
  await act(hung, 'endorse', { to: 'icd_review' });

  // ICD consults the Ministry of Foreign Affairs, records its answer, then forwards: the state
  // budget pays, so the next step is finance's opinion.
  await open(mai, id);
  await act(mai, 'consult', { to: 'consultation' });
  await mai.click('.consultations button:has-text("Xin ý kiến")');
  await mai.fill('#consult-body', 'Bộ Ngoại giao');
  await mai.fill('#consult-note', 'Công văn số 1234/HTQT');
  await mai.click('.ask-form button[type=submit]');
  await mai.waitForSelector('.consultations tbody tr:has-text("Bộ Ngoại giao")');
  assert.equal(await mai.isDisabled('button.action[data-action="forward"]'), true, 'forward waits for the answer');
  await mai.click('.consultations tbody button:has-text("Ghi nhận ý kiến")');
  await mai.check('.answer-form input[value="agree"]');
  await mai.click('.answer-form button[type=submit]');
  await mai.waitForSelector('.consultations .badge.answer-agree');
  await settled(mai);
  await act(mai, 'forward', { to: 'finance_review' });

  const thu = await as('thu');
  await open(thu, id);
  await act(thu, 'give_opinion', { comment: 'Đồng ý dự toán, chi từ nguồn ngân sách năm 2027.', to: 'icd_head_review' });

  const quang = await as('quang');
  await open(quang, id);
  await act(quang, 'recommend', { comment: 'Đề nghị Lãnh đạo Bộ cho phép cử đoàn.', to: 'leader_decision' });

  // The leader names a deputy over the API; the deputy approves in the UI, for the leader.
  // A deputy sees proposals through their own roles (acting for a leader does not widen what
  // they see), so the deputy is a new deputy head of ICD who took no part so far.
  const admin = await newPage(browser);
  const adminCsrf = await apiLogin(admin, server, 'admin');
  const made = await admin.request.post(`${server.url}/api/users`, {
    headers: { 'X-CSRF-Token': adminCsrf },
    data: { username: 'phong', display_name: 'Nguyễn Văn Phong', unit: 'HTQT', roles: ['icd_head'], password: PASSWORD },
  });
  assert.equal(made.status(), 201, await made.text());
  const deputyId = (await made.json()).id;
  await admin.context().close();
  const thanh = await newPage(browser);
  const csrf = await apiLogin(thanh, server, 'thanh');
  const auth = await thanh.request.post(`${server.url}/api/authorisations`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { deputy_id: deputyId, starts_on: isoIn(-1), ends_on: isoIn(30), reason: 'Thứ trưởng đi công tác nước ngoài' },
  });
  assert.equal(auth.status(), 201, await auth.text());
  assert.equal((await auth.json()).deputy.display_name, 'Nguyễn Văn Phong');
  await thanh.context().close();

  const phong = await as('phong');
  await open(phong, id);
  const approve = phong.locator('button.action[data-action="approve"]');
  assert.match(await approve.textContent(), /thay mặt Võ Văn Thành/);
  await screenshot(phong, 'journey.deputy.vi');
  await act(phong, 'approve', {
    fill: async (p) => {
      await p.waitForSelector('dialog[open] #f-decision_no');
      await p.fill('dialog[open] #f-decision_no', '125/QĐ-BLĐTBXH');
    },
    to: 'approved',
  });
  assert.match(await phong.textContent('[data-field="decision_no"]'), /125\/QĐ-BLĐTBXH/);

  // The delegation leaves with the decision attached, comes back and reports.
  await open(lan, id);
  assert.equal(await lan.isDisabled('button.action[data-action="depart"]'), true, 'depart needs the decision document');
  await lan.setInputFiles('#doc-file-decision', { name: 'quyet-dinh.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
  await lan.waitForSelector('li.doc.present[data-type="decision"]');
  await act(lan, 'depart', { to: 'in_progress' });
  await act(lan, 'complete', {
    fill: async (p) => assert.equal(await p.inputValue('dialog[open] #f-return_on'), isoIn(65)),
    to: 'report_due',
  });
  await lan.setInputFiles('#doc-file-report', { name: 'bao-cao.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
  await lan.waitForSelector('li.doc.present[data-type="report"]');
  await act(lan, 'file_report', { to: 'closed' });
  assert.match(await lan.textContent('.actions-panel'), /kết thúc/);

  // Every step in order, each with its actor; the deputy's step names the leader.
  const steps = await lan.$$eval('#timeline li.step', (items) => items.map((li) => ({
    action: li.dataset.action,
    actor: li.querySelector('.step-actor').textContent.trim(),
  })));
  const workflowSteps = steps.filter((s) => !['upload_document', 'edit', 'ask_opinion', 'record_opinion'].includes(s.action));
  assert.deepEqual(workflowSteps.map((s) => s.action), ['create', 'submit', 'endorse', 'return', 'resubmit', 'endorse',
    'consult', 'forward', 'give_opinion', 'recommend', 'approve', 'depart', 'complete', 'file_report']);
  const who = Object.fromEntries(workflowSteps.map((s) => [s.action, s.actor]));
  assert.match(who.submit, /Nguyễn Thị Lan/);
  assert.match(who.return, /^Lê Thị Mai|Mai/);
  assert.match(who.give_opinion, /Thu/);
  assert.match(who.approve, /thay mặt Võ Văn Thành/);
  assert.ok(steps.some((s) => s.action === 'edit'), 'the correction is in the timeline');
  assert.ok(steps.some((s) => s.action === 'record_opinion'), 'the recorded opinion is in the timeline');
  assert.match(await lan.textContent('#timeline .integrity'), /mã băm/);
  await screenshot(lan, 'journey.closed.vi');
  await checkAccessibility(lan, 'closed proposal');

  for (const p of [lan, hung, mai, thu, quang, phong]) {
    assertNoProblems(p);
    await p.context().close();
  }
});
