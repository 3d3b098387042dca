// Measures how long each main page of the web UI takes to load with many proposals in the
// database: the time from navigation until the page has no loading placeholder left and its
// requests are done. A benchmark, not a test: it prints a table and fails nobody.
//
//   cd tests/e2e && ATTACHE_BIN=../../build/attache node page-load.mjs [--proposals 100000] [--runs 5]
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { startServer, launchBrowser, newPage, apiLogin } from './harness.mjs';

const { values } = parseArgs({
  options: { proposals: { type: 'string', default: '100000' }, runs: { type: 'string', default: '5' } },
});
const proposals = Number(values.proposals);
const runs = Number(values.runs);

const PAGES = [
  ['My work (ICD officer)', 'mai', '/#/work'],
  ['Proposals list', 'mai', '/#/proposals'],
  ['Proposals, filtered', 'mai', '/#/proposals?kind=agreement&overdue=true'],
  ['Search "hoi thao"', 'mai', '/#/proposals?q=hoi%20thao'],
  ['Proposal page', 'mai', '/#/proposals/1'],
  ['New outbound delegation', 'lan', '/#/new/outbound_delegation'],
  ['Pending agreements', 'mai', '/#/agreements'],
  ['Calendar', 'mai', '/#/calendar'],
  ['Dashboard', 'mai', '/#/dashboard'],
  ['Annual report', 'mai', `/#/reports/annual?year=${new Date().getFullYear() - 1}`],
  ['Partners', 'mai', '/#/partners'],
  ['Plan', 'lan', '/#/plan'],
  ['My work (unit staff)', 'lan', '/#/work'],
];

const started = performance.now();
const server = await startServer();
if (proposals > 0) server.cli('seed', '--proposals', String(proposals));
console.log(`seeded ${proposals} proposals in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const browser = await launchBrowser();

const rows = [];
for (const [name, user, path] of PAGES) {
  const page = await newPage(browser);
  await apiLogin(page, server, user);
  const times = [];
  for (let i = 0; i < runs + 1; i++) {
    await page.goto('about:blank');
    const t0 = performance.now();
    await page.goto(`${server.url}${path}`);
    await page.waitForSelector('main h1');
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 30000 });
    await page.waitForLoadState('networkidle');
    // networkidle waits 500 ms of quiet after the last request; that wait is not load time.
    const t1 = performance.now() - 500;
    if (i > 0) times.push(t1 - t0);  // the first load warms the caches
  }
  times.sort((a, b) => a - b);
  rows.push({ page: name, median: times[Math.floor(times.length / 2)], worst: times[times.length - 1] });
  await page.context().close();
}
await browser.close();
await server.stop();

console.log(`\n| page (${proposals} proposals) | median ms | worst ms |\n|---|---:|---:|`);
for (const r of rows) console.log(`| ${r.page} | ${r.median.toFixed(0)} | ${r.worst.toFixed(0)} |`);
const slow = rows.filter((r) => r.median > 1000);
console.log(slow.length ? `\nover one second: ${slow.map((r) => r.page).join(', ')}` : '\nevery page under one second (median)');
