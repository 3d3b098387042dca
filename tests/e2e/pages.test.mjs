// Every main page, in Vietnamese and in English, for the user who works on it: it loads with
// no error in the console, its heading is in the page's language, axe-core finds no serious or
// critical violation, and it is photographed (page-<name>.<lang>.png) for people to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, openAs, newPage, screenshot, checkAccessibility, assertNoProblems } from './harness.mjs';

let server;
let browser;
withServerAndBrowser((s, b) => { server = s; browser = b; });

const lastYear = new Date().getFullYear() - 1;
// [name, user, hash]; the proposal and partner pages use the demo's first agreement and partner.
const PAGES = [
  ['login', null, '/login'],
  ['work', 'mai', '/work'],
  ['notifications', 'mai', '/notifications'],
  ['proposals', 'mai', '/proposals'],
  ['proposal', 'mai', '/proposals/1'],
  ['new', 'lan', '/new'],
  ['new-outbound', 'lan', '/new/outbound_delegation'],
  ['agreements', 'quang', '/agreements'],
  ['calendar-month', 'mai', '/calendar?view=month'],
  ['calendar-list', 'mai', '/calendar?view=list'],
  ['dashboard', 'mai', '/dashboard'],
  ['annual-report', 'mai', `/reports/annual?year=${lastYear}`],
  ['partners', 'mai', '/partners'],
  ['partner', 'mai', '/partners/1'],
  ['plan', 'lan', '/plan'],
  ['admin', 'admin', '/admin'],
];

// Words that only the English strings hold, and ones only the Vietnamese hold.
const ENGLISH = /\b(the|and|of|Proposals|Log in)\b/;
const VIETNAMESE = /[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđăơư]/i;

for (const lang of ['vi', 'en']) {
  test(`every main page in ${lang === 'vi' ? 'Vietnamese' : 'English'}`, async () => {
    for (const [name, user, hash] of PAGES) {
      const page = await newPage(browser, { lang });
      await openAs(page, server, user, hash);
      const heading = (await page.textContent('main h1')).trim();
      assert.ok(heading, `${name}: a heading`);
      assert.equal(await page.getAttribute('html', 'lang'), lang, name);
      // The navigation (or, before login, the heading) is in the page's language.
      const chrome = user ? (await page.textContent('#primary-nav')).trim() : heading;
      if (lang === 'vi') assert.match(chrome, VIETNAMESE, `${name}: in Vietnamese`);
      else assert.doesNotMatch(chrome, VIETNAMESE, `${name}: in English`);
      if (lang === 'en' && name !== 'login') assert.match(await page.textContent('main'), ENGLISH, `${name}: English text`);
      await screenshot(page, `page-${name}.${lang}`);
      await checkAccessibility(page, `${name} (${lang})`);
      assertNoProblems(page);
      await page.context().close();
    }
  });
}
