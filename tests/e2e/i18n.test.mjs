// The two language files have the same keys, every string is non-empty, the placeholders
// ({n}) agree, and every key the UI's code names with t('...') exists. No browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCE } from './harness.mjs';

const web = join(SOURCE, 'web');
const load = (lang) => JSON.parse(readFileSync(join(web, 'i18n', `${lang}.json`), 'utf8'));

function flatten(obj, prefix = '', out = new Map()) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object') flatten(v, key, out);
    else out.set(key, v);
  }
  return out;
}

function sources(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (name.endsWith('.js')) out.push(path);
  }
  return out;
}

const vi = flatten(load('vi'));
const en = flatten(load('en'));

test('vi.json and en.json have the same keys', () => {
  const onlyVi = [...vi.keys()].filter((k) => !en.has(k));
  const onlyEn = [...en.keys()].filter((k) => !vi.has(k));
  assert.deepEqual(onlyVi, [], 'keys only in vi.json');
  assert.deepEqual(onlyEn, [], 'keys only in en.json');
});

test('every string is non-empty and the placeholders agree', () => {
  for (const [key, text] of vi) {
    assert.equal(typeof text, 'string', key);
    assert.ok(text.trim(), `vi ${key} is empty`);
    assert.ok(en.get(key)?.trim(), `en ${key} is empty`);
    const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
    assert.equal(names(text), names(en.get(key)), `placeholders of ${key}`);
  }
});

test('Vietnamese strings carry Vietnamese letters where they are sentences', () => {
  // A guard against English left in vi.json: a vi string of three or more words that is the
  // same as its English one is a forgotten translation.
  const same = [...vi].filter(([k, v]) => v.split(/\s+/).length >= 3 && v === en.get(k)).map(([k]) => k);
  assert.deepEqual(same, []);
});

test("every t('key') in the UI's code exists", () => {
  const missing = [];
  for (const file of sources(join(web, 'js'))) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/\bt\(\s*'([a-z0-9_.]+)'/g))
      if (!vi.has(m[1])) missing.push(`${m[1]} (${file.slice(web.length + 1)})`);
  }
  assert.deepEqual(missing, []);
});
