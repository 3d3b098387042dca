// The e-mail tab of the administration page: an administrator sends a test message, sees it
// waiting with the relay's error (the server sends towards a port where nothing listens),
// retries it, and a malformed address is refused beside the field. Delivery itself is
// tests/integration/test_mail.py's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { withServerAndBrowser, openAs, newPage, settled, screenshot, checkAccessibility, assertNoProblems } from './harness.mjs';

let server;
let browser;

async function closedPort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

// E-mail on, towards a loopback port where nothing listens.
const args = ['--smtp-host', '127.0.0.1', '--smtp-port', String(await closedPort()), '--smtp-starttls', 'no',
  '--mail-from', 'attache@molisa.test', '--mail-retry-base-ms', '60000'];
withServerAndBrowser((s, b) => { server = s; browser = b; }, { args });

test('the admin sends a test message, sees why it waits, and retries it', async () => {
  const page = await newPage(browser);
  await openAs(page, server, 'admin', '/admin?tab=mail');
  await page.waitForSelector('#mail-counts');
  assert.match(await page.textContent('table.mail-outbox[data-status="pending"], .empty'), /Không có thư nào/);

  await page.fill('#mail-test-to', 'lan@molisa.test\nBcc: x@y.z');
  await page.click('#mail-test-send');
  await page.waitForSelector('#mail-test-to[aria-invalid="true"]');
  assert.match(await page.textContent('#mail-test-to-error'), /không phải địa chỉ thư hợp lệ/);

  await page.fill('#mail-test-to', 'lan@molisa.test');
  await page.click('#mail-test-send');
  const row = page.locator('table.mail-outbox[data-status="pending"] tbody tr:has-text("lan@molisa.test")');
  await row.waitFor();
  assert.match(await row.textContent(), /Thư thử của Attaché/);
  // The sender's first attempt fails at once (nothing listens); its error shows after a refresh.
  let text = '';
  for (let i = 0; i < 50 && !/cannot connect/.test(text); i++) {
    await page.click('#mail-reload');
    await settled(page);
    text = await row.textContent();
  }
  assert.match(text, /cannot connect/);
  await screenshot(page, 'admin.mail.vi');
  await checkAccessibility(page, 'admin.mail.vi');

  const before = (await (await page.request.get(`${server.url}/api/admin/mail?status=pending`)).json()).items[0];
  await row.locator('button:has-text("Gửi lại")').click();
  await page.waitForSelector('#announcer:has-text("sẽ được gửi lại ngay")');
  const after = (await (await page.request.get(`${server.url}/api/admin/mail?status=pending`)).json()).items[0];
  assert.equal(after.id, before.id);
  assert.ok(after.retried_at, 'the retry is recorded');
  assertNoProblems(page);
  await page.context().close();

  const en = await newPage(browser, { lang: 'en' });
  await openAs(en, server, 'admin', '/admin?tab=mail');
  await en.waitForSelector('table.mail-outbox[data-status="pending"]');
  assert.equal(await en.textContent('#adm-mail-h'), 'Outgoing e-mail');
  assert.match(await en.textContent('.pa-tabs'), /E-mail/);
  await checkAccessibility(en, 'admin.mail.en');
  await en.context().close();
});
