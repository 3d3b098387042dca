// The officially assigned ISO 3166-1 alpha-2 codes (249), the same list the server checks
// (src/core/fields.cpp), and their names in the chosen language, sorted for pickers.
import { countryName, locale } from '../i18n.js';

const CODES = ('ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCI'
  + 'CKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQ'
  + 'GRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLS'
  + 'LTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPG'
  + 'PHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTK'
  + 'TLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW').match(/../g);

let cache = null;

// [{code, name, text}] where text ("Hàn Quốc (KR)") is what the searchable picker shows.
export function countries() {
  if (!cache) {
    cache = CODES.map((code) => {
      const name = countryName(code);
      return { code, name, text: `${name} (${code})` };
    }).sort((a, b) => a.name.localeCompare(b.name, locale()));
  }
  return cache;
}

export const isCountryCode = (code) => CODES.includes(code);

// The code a picker's text names: "Hàn Quốc (KR)", "Hàn Quốc", "kr"; null when none.
export function countryFromText(text) {
  const s = (text || '').trim();
  if (!s) return null;
  const code = /\(([A-Za-z]{2})\)\s*$/.exec(s)?.[1] || (/^[A-Za-z]{2}$/.test(s) ? s : null);
  if (code && isCountryCode(code.toUpperCase())) return code.toUpperCase();
  const lower = s.toLocaleLowerCase(locale());
  return countries().find((c) => c.name.toLocaleLowerCase(locale()) === lower)?.code || null;
}
