// The calendar: approved activities on the right days of the month grid and in order in the
// list, the view and the month kept in the URL, a conference's time in the user's and the
// participants' zones, the personal iCalendar feed, and the narrow screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, newPage, apiLogin, settled, screenshot, checkAccessibility, assertNoProblems } from './harness.mjs';

let server;
let browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

// The demo data's "now" month, which has approved activities of every kind.
const MONTH = new Date().toISOString().slice(0, 7);
const FIRST = `${MONTH}-01`;
const LAST = new Date(Date.UTC(+MONTH.slice(0, 4), +MONTH.slice(5, 7), 0)).toISOString().slice(0, 10);

// The approved-or-later delegations, visits and conferences of the month, from the API, in
// date order: the rule of docs/reports.md and the iCalendar feed.
async function expectedEvents(page) {
  const workflows = await (await page.request.get(`${server.url}/api/workflows`)).json();
  const stage = new Map(workflows.flatMap((w) => w.states.map((s) => [`${w.kind}/${s.id}`, s.stage])));
  const events = [];
  for (const kind of ['outbound_delegation', 'inbound_visit', 'conference']) {
    const list = await (await page.request.get(`${server.url}/api/proposals?kind=${kind}&from=${FIRST}&to=${LAST}&limit=200`)).json();
    assert.equal(list.next_cursor, null);
    events.push(...list.items.filter((p) => p.starts_on && p.state !== 'postponed'
      && (p.state === 'closed' || ['approved', 'activity', 'report'].includes(stage.get(`${kind}/${p.state}`)))));
  }
  return events.sort((a, b) => a.starts_on.localeCompare(b.starts_on) || a.ends_on.localeCompare(b.ends_on) || a.ref.localeCompare(b.ref));
}

function daysOf(e) {
  const days = [];
  for (let d = Date.parse(e.starts_on); d <= Date.parse(e.ends_on || e.starts_on); d += 86400000) {
    const day = new Date(d).toISOString().slice(0, 10);
    if (day >= FIRST && day <= LAST) days.push(day);
  }
  return days;
}

test('the month view shows each approved activity on its days, and the list shows them in order', async () => {
  const page = await newPage(browser);
  await apiLogin(page, server, 'mai');
  const events = await expectedEvents(page);
  assert.ok(events.length >= 3, 'the demo month has approved activities');
  assert.ok(new Set(events.map((e) => e.kind)).size === 3, 'of the three kinds');
  await page.goto(`${server.url}/#/calendar?view=month&month=${MONTH}`);
  await page.waitForSelector('.cal-grid');
  await settled(page);

  // Monday first, and every week a full row.
  const firstHeader = await page.getAttribute('.cal-grid thead th:first-child abbr', 'title');
  assert.equal(firstHeader.toLowerCase(), 'thứ hai');
  assert.equal(await page.locator('.cal-grid tbody tr').first().locator('td').count(), 7);

  let expectedCells = 0;
  for (const e of events) {
    for (const day of daysOf(e)) {
      expectedCells++;
      const link = page.locator(`.cal-grid td[data-date="${day}"] a.cal-event[data-id="${e.id}"]`);
      assert.equal(await link.count(), 1, `${e.ref} on ${day}`);
      assert.equal(await link.getAttribute('href'), `#/proposals/${e.id}`);
      assert.equal(await link.getAttribute('data-kind'), e.kind);
    }
  }
  assert.equal(await page.locator('.cal-grid a.cal-event').count(), expectedCells, 'no other event in the grid');
  // Something not approved (a draft) is not on the calendar.
  const drafts = await (await page.request.get(`${server.url}/api/proposals?state=draft&from=${FIRST}&to=${LAST}&limit=200`)).json();
  for (const d of drafts.items) assert.equal(await page.locator(`a.cal-event[data-id="${d.id}"]`).count(), 0, `draft ${d.ref} is not shown`);
  // The events are links reachable from the keyboard.
  await page.focus('.cal-grid a.cal-event');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('cal-event')), true);
  await screenshot(page, 'calendar.month.vi');
  await checkAccessibility(page, 'calendar month');

  // To the list view: the month stays, the events come in date order.
  await page.click('.cal-views a:not([aria-current])');
  await page.waitForFunction((m) => location.hash === `#/calendar?view=list&month=${m}`, MONTH);
  await page.waitForSelector('ol.agenda');
  const ids = await page.$$eval('ol.agenda > li', (lis) => lis.map((li) => Number(li.dataset.id)));
  assert.deepEqual(ids, events.map((e) => e.id));
  // Previous month and back: the view stays.
  await page.click('.cal-months a:first-child');
  await page.waitForFunction(() => /view=list/.test(location.hash) && !location.hash.includes(`month=${new Date().toISOString().slice(0, 7)}`));
  await page.click('.cal-months a:nth-of-type(2)');
  await page.waitForFunction((m) => location.hash === `#/calendar?view=list&month=${m}`, MONTH);
  await page.click('.cal-views a:not([aria-current])');
  await page.waitForFunction((m) => location.hash === `#/calendar?view=month&month=${m}`, MONTH);
  await page.waitForSelector('.cal-grid');
  assertNoProblems(page);
  await page.context().close();
});

test("a conference's opening time shows in the user's zone and in each participant's zone", async () => {
  // A user in London, so that their time differs from the conference's (Hà Nội, GMT+7).
  const page = await newPage(browser, { lang: 'en', timezoneId: 'Europe/London' });
  await apiLogin(page, server, 'mai');
  const events = await expectedEvents(page);
  let conference = null;
  for (const e of events.filter((x) => x.kind === 'conference')) {
    const full = await (await page.request.get(`${server.url}/api/proposals/${e.id}`)).json();
    if (full.fields.opens_at && full.fields.participant_time_zones?.length) conference = full;
  }
  assert.ok(conference, 'the demo month has a hybrid conference with participant zones');
  const { at, tz } = conference.fields.opens_at;
  assert.equal(tz, 'Asia/Ho_Chi_Minh', 'the demo conference opens in Hà Nội time (GMT+7, no summer time)');
  const instant = new Date(Date.parse(`${at}:00Z`) - 7 * 3600000);
  const hhmm = (zone) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).format(instant);

  await page.goto(`${server.url}/#/calendar?view=list&month=${MONTH}`);
  await page.waitForSelector('ol.agenda');
  await settled(page);
  const item = page.locator(`ol.agenda > li[data-id="${conference.id}"]`);
  const mine = await item.locator('.cal-times p').first().textContent();
  assert.ok(mine.includes(hhmm('Europe/London')), `the user's time ${hhmm('Europe/London')} in "${mine}"`);
  assert.match(mine, /London/);
  for (const zone of conference.fields.participant_time_zones) {
    const row = item.locator(`.cal-zones li[data-zone="${zone}"]`);
    assert.equal(await row.count(), 1, `a line for ${zone}`);
    const text = await row.textContent();
    let valid = true;
    try { new Intl.DateTimeFormat('en', { timeZone: zone }); } catch { valid = false; }
    if (valid) assert.ok(text.includes(hhmm(zone)), `${zone}: ${hhmm(zone)} in "${text}"`);
    else assert.match(text, /unknown time zone/, `${zone} is not an IANA zone and is said so`);
  }
  await screenshot(page, 'calendar.list.en');
  await checkAccessibility(page, 'calendar list');
  assertNoProblems(page);
  await page.context().close();
});

test('the subscription link is a working personal feed; a new one replaces it', async () => {
  const page = await newPage(browser);
  await apiLogin(page, server, 'lan');
  await page.goto(`${server.url}/#/calendar`);
  await page.waitForSelector('.cal-subscribe');
  await settled(page);
  assert.match(await page.textContent('#cal-subscribe-warning'), /riêng bạn/);
  await page.click('.cal-subscribe-buttons button');
  await page.waitForSelector('#cal-feed-url');
  const url = await page.inputValue('#cal-feed-url');
  assert.match(url, new RegExp(`^${server.url}/api/calendar\\.ics\\?feed=.+`));
  // The feed works without the session (a calendar program has none).
  const feed = await fetch(url);
  assert.equal(feed.status, 200);
  assert.match(feed.headers.get('content-type'), /^text\/calendar/);
  const body = await feed.text();
  assert.match(body, /^BEGIN:VCALENDAR/);
  assert.ok((body.match(/BEGIN:VEVENT/g) || []).length > 0, 'the feed has events');
  // Copy puts the address on the clipboard (or selects it) and says so.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await page.click('.cal-feed-row button');
  await page.waitForSelector('.cal-subscribe [role="status"]:has-text("Đã sao chép")');
  // A new link: the old one stops working.
  await page.click('.cal-subscribe-buttons button');
  await page.waitForFunction((old) => document.querySelector('#cal-feed-url').value !== old, url);
  assert.equal((await fetch(url)).status, 404);
  assert.equal((await fetch(await page.inputValue('#cal-feed-url'))).status, 200);
  assertNoProblems(page);
  await page.context().close();
});

test('at 360 px the month view is a compact agenda without horizontal scroll', async () => {
  const page = await newPage(browser, { viewport: { width: 360, height: 740 } });
  await apiLogin(page, server, 'mai');
  await page.goto(`${server.url}/#/calendar?view=month&month=${MONTH}`);
  await page.waitForSelector('.cal-compact');
  await settled(page);
  assert.equal(await page.locator('.cal-grid').isVisible(), false);
  assert.ok(await page.locator('.cal-compact li.agenda-item').count() > 0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  await screenshot(page, 'calendar.narrow.vi');
  await page.context().close();
});
