// Some server messages carry both languages in one string, "Vietnamese / English", several of
// them joined with "; " (the Plan B refusals, the e-mail settings' field errors). This picks the
// UI language's half of each; a string that is not of that shape is shown as it came.
import { language } from '../i18n.js';

// oneLanguage('không tìm thấy hồ sơ / no such proposal') → 'no such proposal' in English.
export function oneLanguage(text) {
  if (!text) return '';
  const parts = String(text).split('; ').map((part) => part.split(' / '));
  if (!parts.every((halves) => halves.length === 2)) return String(text);
  const i = language() === 'en' ? 1 : 0;
  return parts.map((halves) => halves[i]).join('; ');
}

// The message of a problem's error ({message, message_en?}) in the UI language.
export function errorMessage(e) {
  if (!e) return '';
  if (e.message_en) return language() === 'en' ? e.message_en : e.message;
  return oneLanguage(e.message);
}
