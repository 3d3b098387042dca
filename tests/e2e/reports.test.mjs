// The annual report and the dashboard: every figure the page shows is the API's, the CSV link
// gives the API's CSV, the printed page is a clean A4 document; the dashboard draws its charts
// and its data tables hold the API's numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { withServerAndBrowser, newPage, apiLogin, settled, screenshot, checkAccessibility, assertNoProblems } from './harness.mjs';

const YEAR = 2025;
let server;
let browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const digits = (s) => (s || '').replace(/[^0-9]/g, '');

// The text of every numeric cell of a table, by row key and column: {rowKey: {col: text}}.
async function tableCells(page, selector) {
  return page.$$eval(`${selector} tbody tr`, (rows) => Object.fromEntries(rows.map((r) => [r.dataset.key,
    Object.fromEntries([...r.querySelectorAll('td[data-col]')].map((td) => [td.dataset.col, td.textContent.trim()]))])));
}

function assertRowsMatch(name, cells, rows, keyOf) {
  assert.equal(Object.keys(cells).length, rows.length, `${name}: one row per API row`);
  for (const row of rows) {
    const shown = cells[keyOf(row)];
    assert.ok(shown, `${name}: a row for ${keyOf(row)}`);
    for (const [col, value] of Object.entries(row.counts)) {
      assert.equal(digits(shown[col]), String(Math.round(value)), `${name} ${keyOf(row)} ${col}`);
    }
  }
}

test('the annual report shows the API figures in every table, in both languages', async () => {
  for (const lang of ['vi', 'en']) {
    const page = await newPage(browser, { lang });
    await apiLogin(page, server, 'mai');
    const api = await (await page.request.get(`${server.url}/api/reports/annual?year=${YEAR}`)).json();
    assert.ok(api.totals.outbound_delegations > 0 && api.by_unit.length > 1, 'the demo data has a year with activities');
    await page.goto(`${server.url}/#/reports/annual?year=${YEAR}`);
    await page.waitForSelector('#report-totals');
    await settled(page);
    assert.match(await page.textContent('main h1'), new RegExp(String(YEAR)));
    assert.equal(await page.$eval('#report-year', (s) => s.value), String(YEAR));

    const totals = await tableCells(page, '#report-totals');
    const t = api.totals;
    const expected = {
      outbound_delegations: t.outbound_delegations, inbound_visits: t.inbound_visits, conferences: t.conferences,
      format_in_person: t.conferences_by_format.in_person, format_online: t.conferences_by_format.online,
      format_hybrid: t.conferences_by_format.hybrid, agreements_signed: t.agreements_signed,
      agreements_in_force: t.agreements_in_force, aid_approved: t.aid_approved, aid_usd: t.aid_usd,
    };
    for (const [key, value] of Object.entries(expected))
      assert.equal(digits(totals[key]?.[key]), String(Math.round(value)), `totals ${key}`);
    assert.match(totals.aid_usd.aid_usd, /US\$|\$/, 'the aid total is shown in US dollars');

    assertRowsMatch('by unit', await tableCells(page, '#report-units'), api.by_unit, (r) => r.unit.code);
    assertRowsMatch('by partner', await tableCells(page, '#report-partners'), api.by_partner, (r) => String(r.partner.id));
    assertRowsMatch('by country', await tableCells(page, '#report-countries'), api.by_country, (r) => r.country);
    assertRowsMatch('by donor type', await tableCells(page, '#report-donors'),
      api.aid_by_donor_type.map((r) => ({ ...r, counts: { count: r.count, usd: r.usd } })), (r) => r.type);
    assertRowsMatch('plan', await tableCells(page, '#report-plan'),
      api.plan_vs_actual.map((r) => ({ ...r, counts: { planned: r.planned, carried_out: r.carried_out, outside_plan: r.outside_plan } })),
      (r) => `${r.unit.code}/${r.kind}`);
    // Names, not codes: the unit's and the country's name in the page's language.
    const unitName = api.by_unit[0].unit.name[lang];
    assert.equal((await page.textContent(`#report-units tr[data-key="${api.by_unit[0].unit.code}"] th`)).trim(), unitName);
    const country = api.by_country[0].country;
    const countryName = new Intl.DisplayNames([lang === 'vi' ? 'vi-VN' : 'en-GB'], { type: 'region' }).of(country);
    assert.equal((await page.textContent(`#report-countries tr[data-key="${country}"] th`)).trim(), countryName);

    await screenshot(page, `report.${lang}`);
    await checkAccessibility(page, `report ${lang}`);
    assertNoProblems(page);
    await page.context().close();
  }
});

test('the year chooser changes the year in the URL and the figures', async () => {
  const page = await newPage(browser, { lang: 'en' });
  await apiLogin(page, server, 'mai');
  await page.goto(`${server.url}/#/reports/annual?year=${YEAR}`);
  await page.waitForSelector('#report-totals');
  const api = await (await page.request.get(`${server.url}/api/reports/annual?year=2024`)).json();
  await page.selectOption('#report-year', '2024');
  await page.waitForFunction(() => location.hash === '#/reports/annual?year=2024');
  await page.waitForSelector('main h1:has-text("2024")');
  await page.waitForSelector('#report-totals');
  const totals = await tableCells(page, '#report-totals');
  assert.equal(digits(totals.aid_usd.aid_usd), String(Math.round(api.totals.aid_usd)));
  assert.equal(digits(totals.agreements_signed.agreements_signed), String(api.totals.agreements_signed));
  await page.context().close();
});

test('the CSV link downloads the API CSV; printing hides the navigation and gives a short A4 PDF', async () => {
  const page = await newPage(browser);
  await apiLogin(page, server, 'mai');
  await page.goto(`${server.url}/#/reports/annual?year=${YEAR}`);
  await page.waitForSelector('#report-totals');
  await settled(page);
  const link = page.locator('a[download]');
  assert.equal(await link.getAttribute('href'), `/api/reports/annual?year=${YEAR}&format=csv`);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = await download.path();
  const csv = readFileSync(file, 'utf8');
  const apiCsv = await (await page.request.get(`${server.url}/api/reports/annual?year=${YEAR}&format=csv`)).text();
  assert.equal(csv.replace(/^\uFEFF/, ''), apiCsv.replace(/^\uFEFF/, ''), 'the downloaded file is the API CSV');
  const api = await (await page.request.get(`${server.url}/api/reports/annual?year=${YEAR}`)).json();
  const t = api.totals;
  assert.ok(csv.includes(`,${t.outbound_delegations},${t.inbound_visits},${t.conferences},${t.agreements_signed},${t.aid_approved},${t.aid_usd.toFixed(2)}`),
    'the CSV totals line holds the JSON totals');

  await page.emulateMedia({ media: 'print' });
  for (const selector of ['header.top', '#report-year', 'a[download]', 'button.primary']) {
    assert.equal(await page.locator(selector).first().isVisible(), false, `${selector} is hidden in print`);
  }
  assert.equal(await page.locator('.report-print-head').isVisible(), true, 'the title block shows in print');
  assert.match(await page.textContent('.report-print-head'), /Vụ Hợp tác quốc tế/);
  await screenshot(page, 'report.print');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 5, `the printed report has ${pages} A4 pages`);
  await page.context().close();
});

test('the dashboard draws its charts and its tables hold the API numbers', async () => {
  for (const lang of ['vi', 'en']) {
    const page = await newPage(browser, { lang });
    await apiLogin(page, server, 'mai');
    const api = await (await page.request.get(`${server.url}/api/dashboard`)).json();
    await page.goto(`${server.url}/#/dashboard`);
    await page.waitForSelector('#chart-steps-month');
    await settled(page);
    await page.waitForFunction(() => window.Chart && document.querySelectorAll('canvas').length >= 4
      && [...document.querySelectorAll('canvas')].every((c) => window.Chart.getChart(c)));

    // Each canvas is drawn, with a size, and described for screen readers.
    const canvases = await page.$$eval('canvas', (cs) => cs.map((c) => ({ id: c.id, w: c.width, h: c.height, role: c.getAttribute('role'), label: c.getAttribute('aria-label') })));
    const kinds = [...new Set(api.pending.map((p) => p.kind))];
    assert.equal(canvases.length, kinds.length + 3, 'one chart per kind, by unit, per month (activities and steps)');
    for (const c of canvases) {
      assert.ok(c.w > 0 && c.h > 0, `${c.id} has a size`);
      assert.equal(c.role, 'img');
      assert.ok(c.label.length > 10, `${c.id} has an aria-label`);
    }

    // The headline figures.
    const overdue = api.pending.reduce((s, p) => s + p.overdue, 0);
    assert.equal(await page.getAttribute('#fig-overdue .dash-value', 'data-value'), String(overdue));
    assert.equal(digits(await page.textContent('#fig-overdue .dash-value')), String(overdue));
    assert.equal(digits(await page.textContent('#fig-agreements .dash-value')), String(api.agreements.pending));
    assert.equal(digits(await page.textContent('#fig-expiring .dash-value')), String(api.agreements.expiring_90_days.length));

    // The tables: every step of every kind, every unit, every month.
    for (const p of api.pending) {
      const cells = await page.$$eval(`table[data-table="steps-${p.kind}"] tr[data-state="${p.state}"] td`, (tds) => tds.map((td) => td.textContent.trim()));
      assert.deepEqual(cells.map(digits), [String(p.count), String(p.overdue)], `${p.kind}/${p.state}`);
    }
    for (const u of api.overdue_by_unit) {
      assert.equal(digits(await page.textContent(`table[data-table="overdue-units"] tr[data-unit="${u.unit.code}"] td`)), String(u.count));
    }
    for (const m of api.steps_by_month) {
      assert.equal(digits(await page.textContent(`table[data-table="steps-by-month"] tr[data-month="${m.month}"] td`)), String(m.steps));
    }
    // The tables are reachable: "view as table" opens them.
    await page.click('#chart-overdue-units-title ~ details summary');
    assert.equal(await page.locator('table[data-table="overdue-units"]').isVisible(), true);
    // A bar links to the filtered list: the step table's first link is that list.
    const first = api.pending[0];
    assert.equal(await page.getAttribute(`table[data-table="steps-${first.kind}"] tr[data-state="${first.state}"] a`, 'href'),
      `#/proposals?kind=${first.kind}&state=${first.state}`);

    await screenshot(page, `dashboard.${lang}`);
    await checkAccessibility(page, `dashboard ${lang}`);
    assertNoProblems(page);
    await page.context().close();
  }
});

test('the dashboard counts activities per month from the list', async () => {
  const page = await newPage(browser, { lang: 'en' });
  await apiLogin(page, server, 'mai');
  await page.goto(`${server.url}/#/dashboard`);
  await page.waitForSelector('table[data-table="activities"]', { state: 'attached' });
  await settled(page);
  const api = await (await page.request.get(`${server.url}/api/dashboard`)).json();
  const month = api.today.slice(0, 7);
  // This month's approved-or-later activities of each kind, from the list over the API.
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const workflows = await (await page.request.get(`${server.url}/api/workflows`)).json();
  const stage = new Map(workflows.flatMap((w) => w.states.map((s) => [`${w.kind}/${s.id}`, s.stage])));
  const counts = [];
  for (const kind of ['outbound_delegation', 'inbound_visit', 'conference']) {
    const list = await (await page.request.get(`${server.url}/api/proposals?kind=${kind}&from=${month}-01&to=${last}&limit=200`)).json();
    counts.push(list.items.filter((p) => p.starts_on?.startsWith(month) && p.state !== 'postponed'
      && (p.state === 'closed' || ['approved', 'activity', 'report'].includes(stage.get(`${kind}/${p.state}`)))).length);
  }
  assert.ok(counts.some((n) => n > 0), 'the demo data has activities this month');
  const cells = await page.$$eval(`table[data-table="activities"] tr[data-month="${month}"] td`, (tds) => tds.map((td) => td.dataset.value));
  assert.deepEqual(cells, [...counts.map(String), String(counts.reduce((a, b) => a + b, 0))]);
  await page.context().close();
});

