// Local times with their IANA zone ({"at": "2026-05-04T09:00", "tz": "Asia/Ho_Chi_Minh"}, the
// workflow `datetime` field) turned into instants, and shown in other zones.
import { locale } from '../i18n.js';

// The offset (ms) of timeZone at the instant `ms`: local wall time minus UTC.
function offsetAt(ms, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms));
  const v = Object.fromEntries(parts.map((p) => [p.type, Number(p.value)]));
  return Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second) - Math.floor(ms / 1000) * 1000;
}

// The Date of a local wall time in a zone, or null when either is not valid. Twice round the
// offset so that an instant near a daylight-saving change lands on the right side.
export function zonedInstant(localIso, timeZone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(localIso || '');
  if (!m || !isValidZone(timeZone)) return null;
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  let ms = wall - offsetAt(wall, timeZone);
  ms = wall - offsetAt(ms, timeZone);
  return new Date(ms);
}

export function isValidZone(timeZone) {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

// The browser's zone (where the user is).
export function userZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

// "Geneva" from "Europe/Geneva", for people who do not read IANA ids.
// ICU still calls Asia/Ho_Chi_Minh by its old name, Asia/Saigon.
const OLD_NAMES = { 'Asia/Saigon': 'Asia/Ho_Chi_Minh', 'Asia/Calcutta': 'Asia/Kolkata', 'Asia/Rangoon': 'Asia/Yangon' };
export function zoneCity(timeZone) {
  return (OLD_NAMES[timeZone] || timeZone || '').split('/').pop().replace(/_/g, ' ');
}

// "GMT+7" for the zone at that instant, in the chosen language.
export function zoneOffset(date, timeZone) {
  try {
    const part = new Intl.DateTimeFormat(locale(), { timeZone, timeZoneName: 'shortOffset' })
      .formatToParts(date).find((p) => p.type === 'timeZoneName');
    return part ? part.value : '';
  } catch {
    return '';
  }
}
