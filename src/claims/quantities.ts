import type { Approximation } from '../document/analysis.js';
import { verbForm } from '../events/verbs.js';
import { TokenFlag, TokenKind, type TokenStore } from '../text/tokens.js';
import { WordShapes } from '../text/word-shapes.js';
import {
  FRACTION_WORDS,
  fractionWord,
  NUMBER_WORDS,
  numberWord,
  readDigitRange,
  readDigits,
  SCALES,
  scaleWord,
  VAGUE,
} from './numbers.js';
import {
  AUXILIARIES,
  CONJUNCTIONS,
  DETERMINERS,
  isPlainWord,
  looksPlural,
  MONTHS,
  NEGATIONS,
  PREPOSITIONS,
  PRONOUNS,
  TIME_NOUNS,
} from './words.js';

/**
 * A quantity as news states it: "around 15,000 troops", "$3.5 billion", "between 10 and 20",
 * "tens of thousands of people", "a third". Offsets are into the document text; token indices are
 * half-open.
 */
export interface Quantity {
  readonly start: number;
  readonly end: number;
  readonly firstToken: number;
  readonly endToken: number;
  readonly value: number;
  readonly low?: number;
  readonly high?: number;
  /** The counted noun's head ("soldiers"), a currency code ("USD"), "percent" or "fraction". */
  readonly unit: string;
  readonly approx: Approximation;
  readonly kind: 'count' | 'money' | 'percent' | 'fraction';
  /** The counted noun phrase: "North Korean soldiers" in "some 600 North Korean soldiers". */
  readonly noun?: { readonly start: number; readonly end: number; readonly text: string };
  /** "an estimated 5,000": the writer marks the figure itself as an estimate. */
  readonly estimated: boolean;
}

/** Modifiers before a number, longest first within each entry's first word. */
const MODIFIERS: readonly (readonly [string, Approximation])[] = [
  ['no more than', 'at-most'],
  ['not more than', 'at-most'],
  ['no fewer than', 'at-least'],
  ['no less than', 'at-least'],
  ['not less than', 'at-least'],
  ['a minimum of', 'at-least'],
  ['a maximum of', 'at-most'],
  ['more than', 'more-than'],
  ['greater than', 'more-than'],
  ['in excess of', 'more-than'],
  ['upwards of', 'more-than'],
  ['well over', 'more-than'],
  ['just over', 'more-than'],
  ['over', 'more-than'],
  ['above', 'more-than'],
  ['exceeding', 'more-than'],
  ['less than', 'less-than'],
  ['fewer than', 'less-than'],
  ['just under', 'less-than'],
  ['just short of', 'less-than'],
  ['under', 'less-than'],
  ['below', 'less-than'],
  ['nearly', 'less-than'],
  ['almost', 'less-than'],
  ['at least', 'at-least'],
  ['at most', 'at-most'],
  ['up to', 'up-to'],
  ['as many as', 'up-to'],
  ['as much as', 'up-to'],
  ['as high as', 'up-to'],
  ['an estimated', 'about'],
  ['an approximate', 'about'],
  ['approximately', 'about'],
  ['approx.', 'about'],
  ['roughly', 'about'],
  ['around', 'about'],
  ['about', 'about'],
  ['some', 'about'],
  ['circa', 'about'],
  ['close to', 'about'],
  ['estimated', 'about'],
];

const CURRENCY_SYMBOLS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    $: 'USD',
    '€': 'EUR',
    '£': 'GBP',
    '¥': 'JPY',
    '₩': 'KRW',
    '₹': 'INR',
    '₽': 'RUB',
  }),
);
/** Letters glued before "$": "US$", "A$", "HK$". */
const DOLLAR_PREFIXES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    us: 'USD',
    a: 'AUD',
    au: 'AUD',
    c: 'CAD',
    ca: 'CAD',
    hk: 'HKD',
    nz: 'NZD',
    s: 'SGD',
    nt: 'TWD',
  }),
);
const CURRENCY_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    dollar: 'USD',
    dollars: 'USD',
    euro: 'EUR',
    euros: 'EUR',
    pound: 'GBP',
    pounds: 'GBP',
    sterling: 'GBP',
    yen: 'JPY',
    won: 'KRW',
    yuan: 'CNY',
    renminbi: 'CNY',
    ruble: 'RUB',
    rubles: 'RUB',
    rouble: 'RUB',
    roubles: 'RUB',
    rupee: 'INR',
    rupees: 'INR',
    franc: 'CHF',
    francs: 'CHF',
    peso: 'MXN',
    pesos: 'MXN',
    hryvnia: 'UAH',
    hryvnias: 'UAH',
    lira: 'TRY',
    real: 'BRL',
    reais: 'BRL',
    rand: 'ZAR',
    shekel: 'ILS',
    shekels: 'ILS',
    dinar: 'IQD',
    dinars: 'IQD',
    riyal: 'SAR',
    riyals: 'SAR',
    baht: 'THB',
    ringgit: 'MYR',
    rupiah: 'IDR',
    dong: 'VND',
  }),
);
/** Currency words that need a preceding country adjective to be read as money ("US dollars"). */
const CURRENCY_COUNTRIES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    us: 'USD',
    'u.s.': 'USD',
    american: 'USD',
    australian: 'AUD',
    canadian: 'CAD',
    'hong kong': 'HKD',
    singapore: 'SGD',
    taiwan: 'TWD',
    'new zealand': 'NZD',
  }),
);

/** Words before a number that make it a label, not an amount: "No. 1", "page 5", "Article 9". */
const LABEL_WORDS = new Set([
  'no.',
  'no',
  'nos.',
  'number',
  'num.',
  '#',
  'page',
  'pages',
  'p.',
  'pp.',
  'article',
  'art.',
  'section',
  'sec.',
  'chapter',
  'ch.',
  'paragraph',
  'para.',
  'clause',
  'vol.',
  'volume',
  'issue',
  'room',
  'flight',
  'route',
  'highway',
  'gate',
  'platform',
  'level',
  'grade',
  'episode',
  'season',
  'round',
  'game',
  'stage',
  'line',
  'resolution',
  'unit',
  'squad',
  'lane',
  'exit',
  'apartment',
  'apt.',
  'suite',
  'ext.',
  'tel.',
  'phone',
  'fax',
  'aged',
  'age',
  'ages',
  'ranked',
  'rank',
  'version',
  'model',
  'size',
  'top',
]);

/** Matches a run of lower-case words at token `i`; returns the index after it or -1. */
export function matchWords(tokens: TokenStore, i: number, end: number, words: readonly string[]): number {
  let k = i;
  for (const w of words) {
    if (k >= end || tokens.lower(k) !== w) return -1;
    k++;
  }
  return k;
}

interface Core {
  readonly value: number;
  readonly low?: number;
  readonly high?: number;
  readonly next: number;
  readonly kind: 'digits' | 'word' | 'vague' | 'fraction' | 'zero';
  readonly yearLike: boolean;
  /** Ends in a scale or vague word, after which "of" may introduce the counted noun. */
  readonly takesOf: boolean;
}

/** A number at token `i`: digits, words, vague plurals, fractions; with a following scale word. */
function readCore(tokens: TokenStore, i: number, end: number): Core | undefined {
  if (i >= end) return undefined;
  const w = tokens.lower(i);
  const kind = tokens.kind(i);
  let value: number | undefined;
  let low: number | undefined;
  let high: number | undefined;
  let next = i + 1;
  let coreKind: Core['kind'] = 'digits';
  let yearLike = false;
  let takesOf = false;
  if (kind === TokenKind.Number) {
    const d = readDigits(w);
    if (d) {
      value = d.value * d.scale;
      yearLike = d.shape === 'plain' && d.digits === 4 && d.value >= 1000 && d.value <= 2100 && d.scale === 1;
      takesOf = d.scale > 1;
    } else {
      const r = readDigitRange(w);
      if (!r) return undefined;
      value = r.low;
      low = r.low;
      high = r.high;
    }
  } else {
    // "a dozen", "a hundred", "a third", "tens of thousands", "hundreds", "twenty-five", "half".
    const article = w === 'a' || w === 'an' || w === 'one';
    const after = article && i + 1 < end ? tokens.lower(i + 1) : '';
    if (article && after === 'dozen') {
      value = 12;
      next = i + 2;
      coreKind = 'word';
    } else if (
      article &&
      (after === 'hundred' || after === 'thousand' || after === 'million' || after === 'billion')
    ) {
      value = scaleWord(after);
      next = i + 2;
      coreKind = 'word';
      takesOf = true;
    } else if (article && fractionWord(after) !== undefined && !after.endsWith('s')) {
      value = fractionWord(after);
      next = i + 2;
      coreKind = 'fraction';
      takesOf = true;
    } else if (
      (w === 'tens' || w === 'hundreds') &&
      matchWords(tokens, i + 1, end, ['of', 'thousands']) > 0
    ) {
      value = w === 'tens' ? 20000 : 200000;
      low = value;
      high = w === 'tens' ? 99999 : 999999;
      next = i + 3;
      coreKind = 'vague';
      takesOf = true;
    } else if (VAGUE.has(w) && !(i > 0 && (tokens.lower(i - 1) === 'by' || tokens.lower(i - 1) === 'the'))) {
      const v = VAGUE.get(w);
      value = v?.low;
      low = v?.low;
      high = v?.high;
      coreKind = 'vague';
      takesOf = true;
    } else if (w === 'half' || (w.includes('-') && fractionWord(w) !== undefined)) {
      value = fractionWord(w);
      coreKind = 'fraction';
      takesOf = true;
    } else {
      const n = numberWord(w);
      if (n === undefined) return undefined;
      value = n;
      coreKind = 'word';
      // "two hundred", "twenty-five thousand", "two-thirds".
      const f = next < end ? fractionWord(tokens.lower(next)) : undefined;
      if (f !== undefined && tokens.lower(next).endsWith('s') && n > 1) {
        value = n * f;
        next++;
        coreKind = 'fraction';
        takesOf = true;
      }
    }
  }
  if (value === undefined) return undefined;
  // Scale words: "3.5 billion", "two million", "five hundred thousand".
  while (next < end && coreKind !== 'fraction' && coreKind !== 'vague') {
    const s = scaleWord(tokens.lower(next));
    if (s === undefined) break;
    value *= s;
    if (low !== undefined) low *= s;
    if (high !== undefined) high *= s;
    next++;
    yearLike = false;
    takesOf = true;
  }
  // One shape for every reading, the bounds undefined when there are none: spreading them in is slow.
  return { value, low, high, next, kind: coreKind, yearLike, takesOf };
}

const CURRENCY_CODES = new Set(['USD', 'EUR', 'GBP', 'JPY', 'KRW', 'CNY', 'RUB', 'INR']);

/** A currency sign or code before the number: "$", "US$", "€", "KRW", "Rs". Returns [code, next]. */
function readCurrencyBefore(tokens: TokenStore, i: number, end: number): [string, number] | undefined {
  // Signs, codes and "US$" prefixes are at most three characters: longer words need no lookup.
  if (i >= end) return undefined;
  const length = tokens.end(i) - tokens.start(i);
  if (length > 3) return undefined;
  // Asked of every token that may lead a number: the word is cut out only where a sign, "$" or a capital
  // allows a currency.
  const first = tokens.source.charCodeAt(tokens.start(i));
  const sign = length === 1 ? CURRENCY_SYMBOLS.get(tokens.text(i)) : undefined;
  if (sign) return [sign, i + 1];
  const dollarNext =
    i + 1 < end &&
    tokens.end(i + 1) - tokens.start(i + 1) === 1 &&
    tokens.source.charCodeAt(tokens.start(i + 1)) === 0x24 &&
    !tokens.has(i + 1, TokenFlag.SpaceBefore);
  if (dollarNext) {
    const code = DOLLAR_PREFIXES.get(tokens.text(i).toLowerCase());
    if (code) return [code, i + 2];
  }
  if (first < 0x41 || first > 0x5a) return undefined; // codes and "Rs" start with a capital
  const t = tokens.text(i);
  if (CURRENCY_CODES.has(t)) return [t, i + 1];
  if (t === 'Rs' || t === 'Rs.') return ['INR', i + 1];
  return undefined;
}

/** A currency word after the number: "1.2 trillion won", "500 million US dollars". */
function readCurrencyAfter(tokens: TokenStore, i: number, end: number): [string, number] | undefined {
  if (i >= end) return undefined;
  const w = tokens.lower(i);
  const country = CURRENCY_COUNTRIES.get(w);
  if (country && i + 1 < end && tokens.lower(i + 1).startsWith('dollar')) return [country, i + 2];
  const code = CURRENCY_WORDS.get(w);
  if (!code) return undefined;
  // "won" is also the past of "win": "1.2 trillion won" is money, "who won 3 seats" is not reached here.
  return [code, i + 1];
}

/** "%", "percent", "per cent", "percentage points". */
function readPercent(tokens: TokenStore, i: number, end: number): number {
  if (i >= end) return -1;
  const w = tokens.lower(i);
  if (w === '%') return i + 1;
  if (w === 'percent' || w === 'pct' || w === 'pct.') return i + 1;
  const perCent = matchWords(tokens, i, end, ['per', 'cent']);
  if (perCent > 0) return perCent;
  return matchWords(tokens, i, end, ['percentage', 'points']);
}

/**
 * The counted noun phrase from token `i`: up to five words, ending at a plural head or before a
 * closed-class word, a verb form or punctuation. [start token, end token) or undefined.
 */
export function nounPhrase(tokens: TokenStore, i: number, end: number): [number, number] | undefined {
  let k = i;
  let last = -1;
  while (k < end && k - i < 5) {
    if (tokens.kind(k) !== TokenKind.Word) break;
    const w = tokens.lower(k);
    if (!isPlainWord(w)) break;
    if (
      DETERMINERS.has(w) ||
      PREPOSITIONS.has(w) ||
      CONJUNCTIONS.has(w) ||
      PRONOUNS.has(w) ||
      AUXILIARIES.has(w) ||
      NEGATIONS.has(w) ||
      w === 'that' ||
      w.endsWith('ly')
    )
      break;
    const verb = verbForm(w);
    const nextWord = k + 1 < end && tokens.kind(k + 1) === TokenKind.Word ? tokens.lower(k + 1) : '';
    // A past or -ing form ends the phrase unless a noun follows it ("wounded soldiers", "fighting men").
    if (
      verb &&
      (verb.form === 'past' || verb.form === 'gerund') &&
      !(nextWord !== '' && looksPlural(nextWord) && !verbForm(nextWord))
    ) {
      if (!(k === i && looksPlural(w) && (w === 'dead' || w === 'injured' || w === 'wounded'))) break;
    }
    if (verb && verb.form === 'third' && k > i) break;
    last = k;
    k++;
    if (looksPlural(w) && !(nextWord !== '' && looksPlural(nextWord) && !verbForm(nextWord))) break;
  }
  return last >= i ? [i, last + 1] : undefined;
}

const spanText = (tokens: TokenStore, a: number, b: number) => ({
  start: tokens.start(a),
  end: tokens.end(b - 1),
  text: tokens.source.slice(tokens.start(a), tokens.end(b - 1)),
});

/** Why a number at token `i` is not an amount: a label, a date, an age, a phone number, a year. */
function isLabelOrDate(tokens: TokenStore, i: number, next: number, from: number, end: number): boolean {
  const prev = i > from ? tokens.lower(i - 1) : '';
  const after = next < end ? tokens.lower(next) : '';
  if (LABEL_WORDS.has(prev)) return true;
  // "p. 5" when the tokenizer left the period on its own.
  if (prev === '.' && i - 2 >= from && LABEL_WORDS.has(`${tokens.lower(i - 2)}.`)) return true;
  if (
    MONTHS.has(prev) ||
    MONTHS.has(after) ||
    (after === 'of' && next + 1 < end && MONTHS.has(tokens.lower(next + 1)))
  )
    return true;
  if (TIME_NOUNS.has(after)) return true;
  // "+82", "(02) 123 4567", "123 4567": phone numbers and codes.
  if (prev === '+' || (next < end && tokens.kind(next) === TokenKind.Number)) return true;
  if (i > from && tokens.kind(i - 1) === TokenKind.Number) return true;
  // "Kim, 32, said": an age in apposition.
  if (
    prev === ',' &&
    after === ',' &&
    i - 2 >= from &&
    tokens.has(i - 2, TokenFlag.Capitalised) &&
    tokens.kind(i) === TokenKind.Number
  )
    return true;
  // "Boeing 737", "Apollo 11", "Windows 10": a number right after a name (not at a sentence start).
  if (
    i - 1 > from &&
    tokens.kind(i) === TokenKind.Number &&
    tokens.has(i - 1, TokenFlag.Capitalised) &&
    !tokens.has(i - 1, TokenFlag.AllCaps) &&
    !MODIFIERS.some(([m]) => m === prev)
  )
    return true;
  return false;
}

/** Every quantity between tokens `from` and `to`, skipping numbers inside `skip` ranges (times). */
export function findQuantities(
  tokens: TokenStore,
  from: number,
  to: number,
  skip: (start: number, end: number) => boolean = () => false,
): Quantity[] {
  const out: Quantity[] = [];
  // A reading holds a number anchor and starts at most MAX_LEAD tokens before it, so only those
  // starts are tried; past the sentence's last anchor nothing can be read.
  let anchor = from - 1;
  let i = from;
  while (i < to) {
    if (anchor < i) {
      anchor = i;
      while (anchor < to && !isNumberAnchor(tokens, anchor)) anchor++;
      if (anchor === to) break;
    }
    if (anchor > i + MAX_LEAD) i = anchor - MAX_LEAD;
    const q = i === anchor || mayLead(tokens, i, to) ? readQuantity(tokens, i, from, to, skip) : undefined;
    if (q) {
      out.push(q);
      i = q.endToken;
    } else i++;
  }
  return out;
}

/** The modifiers by their first word, in list order, so a token is tried only against phrases it can start. */
const MODIFIERS_BY_FIRST = (() => {
  const byFirst = new Map<
    string,
    { words: readonly string[]; approx: Approximation; estimated: boolean }[]
  >();
  for (const [phrase, approx] of MODIFIERS) {
    const words = phrase.split(' ');
    const first = words[0] as string;
    const list = byFirst.get(first) ?? [];
    list.push({ words, approx, estimated: phrase.includes('estimated') });
    byFirst.set(first, list);
  }
  return byFirst;
})();

/**
 * Tokens before a number's first number word: a modifier ("no more than") or "between", a currency
 * ("US $"), an article ("a dozen").
 */
const MODIFIER_TOKENS = Math.max(1, ...MODIFIERS.map(([phrase]) => phrase.split(' ').length));
const CURRENCY_TOKENS = 2;
const ARTICLE_TOKENS = 1;
const MAX_LEAD = MODIFIER_TOKENS + CURRENCY_TOKENS + ARTICLE_TOKENS;

/** The words a number reading can be anchored on: number, fraction, scale or vague words. */
const ANCHOR_WORDS: ReadonlySet<string> = new Set([
  ...NUMBER_WORDS.keys(),
  ...FRACTION_WORDS.keys(),
  ...SCALES.keys(),
  ...VAGUE.keys(),
  'dozen',
  'tens',
  'nobody',
  'no',
]);

/** Most words are no anchor: their shape tells so before a lookup. */
const ANCHOR_SHAPES = new WordShapes(ANCHOR_WORDS);

/** A token that a number reading must contain: digits, a number, fraction, scale or vague word. */
function isNumberAnchor(tokens: TokenStore, i: number): boolean {
  const kind = tokens.kind(i);
  if (kind === TokenKind.Number) return true;
  if (kind !== TokenKind.Word) return false;
  return ANCHOR_SHAPES.mayHoldToken(tokens, i) && ANCHOR_WORDS.has(tokens.lower(i));
}

/** The words that lead a number: the tokens before most numbers are none, and their shape tells so. */
const LEAD_SHAPES = new WordShapes(['a', 'an', 'between', ...MODIFIERS_BY_FIRST.keys()]);

/**
 * Whether a reading can start at token `i`, which is no anchor: only a modifier, "between", an article
 * ("a dozen") or a currency comes before a number.
 */
function mayLead(tokens: TokenStore, i: number, to: number): boolean {
  if (LEAD_SHAPES.mayHoldToken(tokens, i)) {
    const w = tokens.lower(i);
    if (w === 'a' || w === 'an' || w === 'between' || MODIFIERS_BY_FIRST.has(w)) return true;
  }
  return readCurrencyBefore(tokens, i, to) !== undefined;
}

function readModifier(
  tokens: TokenStore,
  i: number,
  to: number,
): [Approximation, number, boolean] | undefined {
  if (i >= to) return undefined;
  const candidates = MODIFIERS_BY_FIRST.get(tokens.lower(i));
  if (!candidates) return undefined;
  for (const m of candidates) {
    const next = matchWords(tokens, i, to, m.words);
    if (next > 0) return [m.approx, next, m.estimated];
  }
  return undefined;
}

function readQuantity(
  tokens: TokenStore,
  i: number,
  from: number,
  to: number,
  skip: (start: number, end: number) => boolean,
): Quantity | undefined {
  let k = i;
  let approx: Approximation = 'exact';
  let estimated = false;
  let between = false;
  const w0 = tokens.lower(i);
  // "no one was killed", "nobody", "none of the passengers": zero, stated.
  if (w0 === 'nobody' || matchWords(tokens, i, to, ['no', 'one']) > 0) {
    const next = w0 === 'nobody' ? i + 1 : i + 2;
    return zero(tokens, i, next, 'people');
  }
  const mod = readModifier(tokens, k, to);
  if (mod) {
    [approx, k, estimated] = mod;
  } else if (w0 === 'between') {
    between = true;
    k = i + 1;
  }
  let currency = readCurrencyBefore(tokens, k, to);
  if (currency) k = currency[1];
  const core = readCore(tokens, k, to);
  if (!core) return undefined;
  const numberStart = k;
  if (skip(tokens.start(numberStart), tokens.end(core.next - 1))) return undefined;
  if (core.kind === 'digits' && isLabelOrDate(tokens, numberStart, core.next, from, to)) return undefined;
  let next = core.next;
  let value = core.value;
  let low = core.low;
  let high = core.high;
  if (core.low !== undefined && core.kind === 'digits') approx = 'range';
  if (core.kind === 'vague' && approx === 'exact') approx = 'at-least';
  // Ranges: "between 10 and 20", "from 300 to 400", "10 to 20", "two or three".
  const joiner = next < to ? tokens.lower(next) : '';
  if (
    (between && joiner === 'and') ||
    joiner === 'to' ||
    joiner === 'or' ||
    joiner === '-' ||
    joiner === '–'
  ) {
    let j = next + 1;
    const again = readCurrencyBefore(tokens, j, to);
    if (again) j = again[1];
    const second = readCore(tokens, j, to);
    const sameKind =
      second && (second.kind === core.kind || (core.kind === 'word' && second.kind === 'digits'));
    if (second && sameKind && second.value > value && !skip(tokens.start(j), tokens.end(second.next - 1))) {
      // "3 to 5 million": the scale after the second number applies to both.
      const scale = core.takesOf ? 1 : second.value / numberBase(tokens, j, second);
      low = value * scale;
      high = second.value;
      value = low;
      next = second.next;
      approx = 'range';
      if (!currency && again) currency = again;
    } else if (between) return undefined;
  } else if (between) return undefined;
  if (core.yearLike && !currency && readPercent(tokens, next, to) < 0) return undefined;
  let kind: Quantity['kind'] = core.kind === 'fraction' ? 'fraction' : 'count';
  let unit = kind === 'fraction' ? 'fraction' : '';
  if (currency) {
    kind = 'money';
    unit = currency[0];
  } else {
    const pct = readPercent(tokens, next, to);
    if (pct > 0) {
      kind = 'percent';
      unit = 'percent';
      next = pct;
    } else {
      const after = readCurrencyAfter(tokens, next, to);
      if (after && core.kind !== 'vague') {
        kind = 'money';
        unit = after[0];
        next = after[1];
      }
    }
  }
  // The counted noun: "15,000 troops", "tens of thousands of people", "a third of the troops".
  let noun: [number, number] | undefined;
  let nounStart = next;
  const ofNext = nounStart < to && tokens.lower(nounStart) === 'of';
  if (ofNext && (core.takesOf || kind === 'percent' || kind === 'fraction')) {
    nounStart++;
    while (nounStart < to && DETERMINERS.has(tokens.lower(nounStart))) nounStart++;
  }
  if (kind === 'count' || ofNext) noun = nounPhrase(tokens, nounStart, to);
  if (noun && kind === 'count') {
    const head = tokens.lower(noun[1] - 1);
    if (TIME_NOUNS.has(head)) return undefined;
    unit = head;
    next = noun[1];
  }
  // A bare written-out number with nothing counted is too often not an amount ("one of them").
  if (kind === 'count' && !noun && (core.kind === 'word' || core.kind === 'fraction')) return undefined;
  if (kind === 'count' && !noun && approx === 'exact' && core.kind === 'digits' && !core.takesOf) {
    // A bare number with no unit is kept only where a verb of counting makes it a figure ("rose to 90").
    const prev = numberStart > from ? tokens.lower(numberStart - 1) : '';
    if (prev !== 'to' && prev !== 'by' && prev !== 'of' && prev !== 'killed' && prev !== 'injured')
      return undefined;
  }
  if (kind === 'fraction' && ofNext && noun) next = noun[1];
  const first = i;
  const last = kind === 'count' && noun ? noun[1] : next;
  // One shape for every quantity, absent parts undefined: spreading them in is slow.
  return {
    start: tokens.start(first),
    end: tokens.end(last - 1),
    firstToken: first,
    endToken: last,
    value,
    low,
    high,
    unit,
    approx,
    kind,
    noun: noun ? spanText(tokens, noun[0], noun[1]) : undefined,
    estimated,
  };
}

/** The value of a number before its scale words: "5" in "5 million". */
function numberBase(tokens: TokenStore, i: number, core: Core): number {
  let value = core.value;
  for (let k = core.next - 1; k > i; k--) {
    const s = scaleWord(tokens.lower(k));
    if (s === undefined) break;
    value /= s;
  }
  return value;
}

function zero(tokens: TokenStore, i: number, next: number, unit: string): Quantity {
  return {
    start: tokens.start(i),
    end: tokens.end(next - 1),
    firstToken: i,
    endToken: next,
    value: 0,
    low: undefined,
    high: undefined,
    unit,
    approx: 'exact',
    kind: 'count',
    noun: spanText(tokens, i, next),
    estimated: false,
  };
}
