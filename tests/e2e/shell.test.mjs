// The shell: login, my work with its count, expiry back to where the user was, the language
// switch that persists, keyboard access to the navigation, the narrow screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, newPage, login, settled, screenshot, checkAccessibility, assertNoProblems } from './harness.mjs';

let server;
let browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

test('a wrong password is refused with a message; the right one opens My work', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/`);
  await page.waitForSelector('#login-username');
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  await screenshot(page, 'login.vi');
  await checkAccessibility(page, 'login');
  await page.fill('#login-username', 'mai');
  await page.fill('#login-password', 'wrong-password');
  await page.click('form button[type=submit]');
  await page.waitForSelector('.form-error:has-text("Sai tên đăng nhập")');
  await login(page, server, 'mai');
  assert.equal(await page.textContent('main h1'), 'Việc của tôi');
  await settled(page);
  const rows = await page.locator('#waiting-heading + * tbody tr, section:has(#waiting-heading) tbody tr').count();
  assert.ok(rows > 0, 'the ICD officer has proposals waiting in the demo data');
  const count = await page.textContent('nav a[href="#/work"] .count');
  assert.equal(count.trim(), String(rows));
  await screenshot(page, 'work.vi');
  await checkAccessibility(page, 'work');
  assertNoProblems(page);
  await page.context().close();
});

test('an expired session brings the user to login and back to where they were', async () => {
  const page = await newPage(browser);
  await login(page, server, 'mai');
  await settled(page);
  await page.context().clearCookies();
  // Any request now answers 401: the next page the user opens sends them to log in.
  await page.goto(`${server.url}/#/work?from=expiry`);
  await page.waitForSelector('#login-username');
  assert.match(await page.textContent('.form-error'), /hết hạn/);
  await page.fill('#login-username', 'mai');
  await page.fill('#login-password', 'attache-demo-2026');
  await page.click('form button[type=submit]');
  await page.waitForFunction(() => !location.hash.startsWith('#/login'));
  assert.equal(new URL(page.url()).hash, '#/work?from=expiry');
  await page.waitForSelector('main h1:has-text("Việc của tôi")');
  await page.context().close();
});

test('the language switch changes every string and persists across loads', async () => {
  const page = await newPage(browser);
  await login(page, server, 'lan');
  await page.click('button.lang-switch');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.waitForSelector('main h1:has-text("My work")');
  await page.reload();
  await page.waitForSelector('main h1:has-text("My work")');
  assert.equal((await page.textContent('nav a[href="#/proposals"]')).trim(), 'Proposals');
  await settled(page);
  await screenshot(page, 'work.en');
  await page.click('button.lang-switch');
  await page.waitForSelector('main h1:has-text("Việc của tôi")');
  await page.context().close();
});

test('the navigation works from the keyboard and at 360 px', async () => {
  const page = await newPage(browser, { viewport: { width: 360, height: 740 } });
  await login(page, server, 'lan');
  await settled(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than a 360px screen`);
  await page.reload();
  await settled(page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'skip-link');
  await page.focus('button.menu-toggle');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('button.menu-toggle', 'aria-expanded'), 'true');
  await page.focus('nav a[href="#/proposals"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/proposals'));
  await screenshot(page, 'narrow.vi');
  await page.context().close();
});
