// Browser end-to-end tests against the real attache binary: a free port, a temporary data
// folder with the demo data, Debian's Chromium driven by playwright-core. Nothing is mocked.
// ATTACHE_BIN and ATTACHE_SOURCE come from CTest; screenshots go to ATTACHE_ARTIFACTS.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const SOURCE = process.env.ATTACHE_SOURCE || join(here, '../..');
export const BIN = process.env.ATTACHE_BIN || join(SOURCE, 'build/attache');
export const ARTIFACTS = process.env.ATTACHE_ARTIFACTS || join(SOURCE, 'build/e2e-artifacts');
export const PASSWORD = 'attache-demo-2026';
const CHROMIUM = process.env.ATTACHE_CHROMIUM || '/usr/bin/chromium';

// Starts `attache serve` on a free loopback port with a fresh data folder holding the demo
// data (demo: false for an empty one), with `args` added to its command line. Resolves with
// {url, data, stop(), cli(args)}.
export async function startServer({ demo = true, args = [] } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'attache-e2e-'));
  const data = join(root, 'data');
  const cli = (...args) => execFileSync(BIN, [...args, '--data', data], { encoding: 'utf8' });
  cli('migrate');
  if (demo) cli('seed-demo');
  const proc = spawn(BIN, ['serve', '--data', data, '--listen', '127.0.0.1:0',
    '--web', join(SOURCE, 'web'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (c) => { stderr += c; if (stderr.length > 1e6) stderr = stderr.slice(-5e5); });
  const url = await new Promise((resolve, reject) => {
    let line = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${line}\n${stderr}`)), 15000);
    proc.stdout.on('data', (chunk) => {
      line += chunk;
      const m = line.match(/http:\/\/[0-9.]+:\d+/);
      if (m) { clearTimeout(timer); resolve(m[0]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}\n${stderr}`)); });
  });
  return {
    url,
    data,
    cli,
    stderr: () => stderr,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

// Starts one server (startServer options) and one browser for a test file, before its first
// test, and stops both after its last: onReady(server, browser) receives them.
export function withServerAndBrowser(onReady, options) {
  let server;
  let browser;
  before(async () => {
    server = await startServer(options);
    browser = await launchBrowser();
    onReady(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Native date and file inputs follow the machine's locale, not the page's language (in
    // these headless runs: English, mm/dd/yyyy); officials' Vietnamese desktops show dd/mm/yyyy.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--no-first-run',
      '--disable-features=Translate,MediaRouter,OptimizationHints'],
  });
}

// A new browser context (its own cookies) with the language chosen before the first load,
// and a page in it. Console errors and failed requests are collected in page.problems.
export async function newPage(browser, { lang = 'vi', viewport = { width: 1280, height: 900 }, timezoneId = 'Asia/Ho_Chi_Minh' } = {}) {
  const context = await browser.newContext({ viewport, locale: lang === 'vi' ? 'vi-VN' : 'en-GB', timezoneId });
  await context.addInitScript((l) => { if (!localStorage.getItem('attache.lang')) localStorage.setItem('attache.lang', l); }, lang);
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  // Expected refusals (401 before login, 422 on a bad form) log "Failed to load resource";
  // those are not problems, but a server error is.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) page.problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => { if (r.status() >= 500) page.problems.push(`${r.status()} ${r.url()}`); });
  page.setDefaultTimeout(10000);
  return page;
}

// Logs in through the login form and waits for "My work".
export async function login(page, server, username, { next } = {}) {
  await page.goto(`${server.url}/#/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.fill('#login-username', username);
  await page.fill('#login-password', PASSWORD);
  await page.click('form button[type=submit]');
  await page.waitForFunction(() => !location.hash.startsWith('#/login'));
  await page.waitForSelector('main h1');
}

// Logs in over the API in the page's context (fast set-up for tests not about logging in).
export async function apiLogin(page, server, username) {
  const r = await page.request.post(`${server.url}/api/session`, { data: { username, password: PASSWORD } });
  assert.equal(r.status(), 200, `login ${username}`);
  return (await r.json()).csrf_token;
}

// Logs `username` in over the API (none: stays logged out), opens #<hash> and waits for the
// page to settle.
export async function openAs(page, server, username, hash) {
  if (username) await apiLogin(page, server, username);
  await page.goto(`${server.url}/#${hash}`);
  await page.waitForSelector('main h1');
  await settled(page);
}

// Waits until the page has nothing loading (no placeholder, no request in flight).
export async function settled(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

// Saves a full-page screenshot as ARTIFACTS/<name>.png.
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Runs axe-core on the page and fails on any serious or critical violation, naming them.
export async function checkAccessibility(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const text = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
  assert.equal(bad.length, 0, `${name}: accessibility violations\n${text}`);
}

// Fails when the page logged errors (an uncaught exception, a failed module load).
export function assertNoProblems(page, allowed = []) {
  const left = page.problems.filter((p) => !allowed.some((a) => p.includes(a)));
  assert.deepEqual(left, [], 'errors in the browser console');
}
