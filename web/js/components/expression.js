// The workflow definitions' small expression language (include/attache/core/expression.h),
// evaluated in the browser so the form can show a field only when its `when` holds and warn
// before saving. It follows the server's grammar; where the browser cannot know the answer
// (public holidays in working-day counts, consultations) it counts weekends only or answers
// null, and callers treat null as "cannot tell". The server stays the judge of every rule.

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'includes', 'true', 'false', 'null']);

function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    const two = text.slice(i, i + 2);
    if (['==', '!=', '<=', '>='].includes(two)) { tokens.push({ op: two }); i += 2; continue; }
    if ('<>+-(),[].'.includes(c)) { tokens.push({ op: c }); i++; continue; }
    if (c === '"' || c === "'") {
      let s = '';
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        s += text[i++];
      }
      if (text[i] !== c) throw new Error('unterminated string');
      i++;
      tokens.push({ str: s });
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(text.slice(i));
    if (num) { tokens.push({ num: Number(num[0]) }); i += num[0].length; continue; }
    const name = /^[a-z_][a-z0-9_]*/i.exec(text.slice(i));
    if (name) {
      tokens.push(KEYWORDS.has(name[0]) ? { kw: name[0] } : { name: name[0] });
      i += name[0].length;
      continue;
    }
    throw new Error(`unexpected ${c}`);
  }
  return tokens;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dayNumber = (s) => {
  const [y, m, d] = s.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86400000;
};
const todayNumber = () => {
  const n = new Date();
  return Date.UTC(n.getFullYear(), n.getMonth(), n.getDate()) / 86400000;
};
// Working days between two day numbers, weekends only (the server also skips holidays).
function workingDaysBetween(from, to) {
  const sign = to >= from ? 1 : -1;
  let n = 0;
  for (let d = Math.min(from, to) + 1; d <= Math.max(from, to); d++) {
    const wd = new Date(d * 86400000).getUTCDay();
    if (wd !== 0 && wd !== 6) n++;
  }
  return sign * n;
}

const present = (x) => !(x === null || x === undefined || x === '' || (Array.isArray(x) && x.length === 0));
const asDay = (x) => (typeof x === 'string' && DATE.test(x) ? dayNumber(x) : null);

function equal(a, b) {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  return a === b;
}

function compare(op, a, b) {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (typeof a === 'string' && typeof b === 'string') {
    const x = asDay(a);
    const y = asDay(b);
    if (x === null || y === null) throw new Error('cannot compare');
    a = x; b = y;
  }
  if (typeof a !== 'number' || typeof b !== 'number') throw new Error('cannot compare');
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

// Each takes the evaluated arguments as an array and the context.
const FUNCTIONS = {
  today: () => new Date(todayNumber() * 86400000).toISOString().slice(0, 10),
  days_until: ([d]) => (asDay(d) === null ? null : asDay(d) - todayNumber()),
  days_since: ([d]) => (asDay(d) === null ? null : todayNumber() - asDay(d)),
  working_days_until: ([d]) => (asDay(d) === null ? null : workingDaysBetween(todayNumber(), asDay(d))),
  working_days_since: ([d]) => (asDay(d) === null ? null : workingDaysBetween(asDay(d), todayNumber())),
  date: ([s]) => s,
  count: ([l]) => (Array.isArray(l) ? l.length : 0),
  present: ([x]) => present(x),
  objections: (_, ctx) => ctx.objections ?? null,
  unanswered_consultations: (_, ctx) => ctx.unanswered ?? null,
};

// Parses and evaluates at once (the texts are short). Returns true/false, or null when the
// expression cannot be evaluated here.
export function evaluate(text, fields, ctx = {}) {
  let tokens;
  try {
    tokens = tokenize(text);
  } catch {
    return null;
  }
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (op) => peek()?.op === op;
  const isKw = (kw) => peek()?.kw === kw;
  const expect = (op) => {
    if (!isOp(op)) throw new Error(`expected ${op}`);
    pos++;
  };
  const bool = (v) => {
    if (v === null || v === undefined) return false;
    if (typeof v !== 'boolean') throw new Error('not a boolean');
    return v;
  };

  // Each parse function returns a thunk, so "and"/"or" short-circuit like the server's.
  function parseOr() {
    let left = parseAnd();
    while (isKw('or')) {
      pos++;
      const l = left;
      const r = parseAnd();
      left = () => bool(l()) || bool(r());
    }
    return left;
  }
  function parseAnd() {
    let left = parseNot();
    while (isKw('and')) {
      pos++;
      const l = left;
      const r = parseNot();
      left = () => bool(l()) && bool(r());
    }
    return left;
  }
  function parseNot() {
    if (isKw('not') && tokens[pos + 1]?.kw !== 'in') {
      pos++;
      const inner = parseNot();
      return () => !bool(inner());
    }
    return parseComparison();
  }
  function parseComparison() {
    const left = parseSum();
    const t = peek();
    if (t?.op && ['==', '!=', '<', '<=', '>', '>='].includes(t.op)) {
      pos++;
      const right = parseSum();
      if (t.op === '==') return () => equal(left(), right());
      if (t.op === '!=') return () => !equal(left(), right());
      return () => compare(t.op, left(), right());
    }
    if (isKw('in')) {
      pos++;
      const right = parseSum();
      return () => { const l = right(); return Array.isArray(l) && l.some((x) => equal(x, left())); };
    }
    if (isKw('not') && tokens[pos + 1]?.kw === 'in') {
      pos += 2;
      const right = parseSum();
      return () => { const l = right(); return !(Array.isArray(l) && l.some((x) => equal(x, left()))); };
    }
    if (isKw('includes')) {
      pos++;
      const right = parseSum();
      return () => { const l = left(); return Array.isArray(l) && l.some((x) => equal(x, right())); };
    }
    return left;
  }
  function parseSum() {
    let left = parseUnary();
    while (isOp('+') || isOp('-')) {
      const op = tokens[pos++].op;
      const l = left;
      const r = parseUnary();
      left = () => {
        const a = l();
        const b = r();
        if (a === null || b === null || a === undefined || b === undefined) return null;
        if (typeof a === 'number' && typeof b === 'number') return op === '+' ? a + b : a - b;
        if (asDay(a) !== null && typeof b === 'number') {
          const d = asDay(a) + (op === '+' ? b : -b);
          return new Date(d * 86400000).toISOString().slice(0, 10);
        }
        if (op === '-' && asDay(a) !== null && asDay(b) !== null) return asDay(a) - asDay(b);
        throw new Error('cannot add');
      };
    }
    return left;
  }
  function parseUnary() {
    if (isOp('-')) {
      pos++;
      const inner = parseUnary();
      return () => { const v = inner(); return v === null ? null : -v; };
    }
    return parsePrimary();
  }
  function parsePrimary() {
    const t = tokens[pos++];
    if (!t) throw new Error('unexpected end');
    if ('num' in t) return () => t.num;
    if ('str' in t) return () => t.str;
    if (t.kw === 'true') return () => true;
    if (t.kw === 'false') return () => false;
    if (t.kw === 'null') return () => null;
    if (t.op === '(') {
      const inner = parseOr();
      expect(')');
      return inner;
    }
    if (t.op === '[') {
      const items = [];
      if (!isOp(']')) {
        items.push(parseOr());
        while (isOp(',')) { pos++; items.push(parseOr()); }
      }
      expect(']');
      return () => items.map((f) => f());
    }
    if (t.name) {
      if (isOp('(')) {
        pos++;
        const args = [];
        if (!isOp(')')) {
          args.push(parseOr());
          while (isOp(',')) { pos++; args.push(parseOr()); }
        }
        expect(')');
        const fn = FUNCTIONS[t.name];
        if (!fn) throw new Error(`unknown function ${t.name}`);
        return () => fn(args.map((a) => a()), ctx);
      }
      const path = [t.name];
      while (isOp('.')) { pos++; path.push(tokens[pos++].name); }
      return () => {
        let v = fields?.[path[0]];
        for (const p of path.slice(1)) v = v && typeof v === 'object' ? v[p] : null;
        return v === undefined || v === '' ? (v === '' ? '' : null) : v;
      };
    }
    throw new Error('unexpected token');
  }

  try {
    const root = parseOr();
    if (pos !== tokens.length) return null;
    const value = root();
    return typeof value === 'boolean' ? value : null;
  } catch {
    return null;
  }
}
