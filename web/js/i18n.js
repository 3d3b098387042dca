// Every user-facing string comes from web/i18n/<lang>.json, Vietnamese by default; the
// choice persists in localStorage. Dates, times and numbers are formatted by Intl in the
// chosen locale.

const STORAGE_KEY = 'attache.lang';
export const LANGUAGES = ['vi', 'en'];

let lang = 'vi';
let strings = {};

export function language() {
  return lang;
}

export function locale() {
  return lang === 'vi' ? 'vi-VN' : 'en-GB';
}

// Loads the chosen language's strings; call once before the first render.
export async function loadLanguage() {
  const saved = localStorage.getItem(STORAGE_KEY);
  lang = LANGUAGES.includes(saved) ? saved : 'vi';
  const response = await fetch(`/i18n/${lang}.json`);
  strings = await response.json();
  document.documentElement.lang = lang;
}

export function setLanguage(next) {
  if (!LANGUAGES.includes(next)) return;
  localStorage.setItem(STORAGE_KEY, next);
}

function lookup(key) {
  let node = strings;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

// t('common.days_left', {n: 3}) → the string with {n} replaced. A missing key shows as itself, so
// it is seen (and the i18n test fails on it).
export function t(key, params) {
  const s = lookup(key);
  if (s === undefined) return key;
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

// Whether a key exists, for labels that may be missing (a role the UI does not know).
export function has(key) {
  return lookup(key) !== undefined;
}

// A {vi, en} label from the server in the chosen language (falling back to the other one).
export function label(l) {
  if (l === null || l === undefined) return '';
  if (typeof l === 'string') return l;
  return l[lang] || l.vi || l.en || '';
}

// A server message in the chosen language: problem errors carry message (vi) and message_en.
export function message(e) {
  if (!e) return '';
  return (lang === 'en' && e.message_en) || e.message || '';
}

// 'YYYY-MM-DD' → a date in the locale (the date as written, whatever the time zone).
export function fmtDate(isoDate, style = 'medium') {
  if (!isoDate) return '';
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Intl.DateTimeFormat(locale(), { dateStyle: style, timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)));
}

// An RFC 3339 instant in the user's time zone (or the one given).
export function fmtDateTime(instant, timeZone) {
  if (!instant) return '';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

export function fmtNumber(n, options) {
  if (n === null || n === undefined || n === '') return '';
  return new Intl.NumberFormat(locale(), options).format(Number(n));
}

export function fmtMoney(amount, currency) {
  if (amount === null || amount === undefined || amount === '') return '';
  try {
    return new Intl.NumberFormat(locale(), { style: 'currency', currency: currency || 'VND' })
      .format(Number(amount));
  } catch {
    return `${fmtNumber(amount)} ${currency || ''}`.trim();
  }
}

// A country's name from its ISO 3166 alpha-2 code, in the chosen language.
export function countryName(code) {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([locale()], { type: 'region' }).of(code) || code;
  } catch {
    return code;
  }
}
