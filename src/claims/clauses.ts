import { firstAtLeast } from '../document/span-index.js';
import { verbForm } from '../events/verbs.js';
import { TokenKind, type TokenStore } from '../text/tokens.js';
import { WordShapes } from '../text/word-shapes.js';
import { REPORTING } from './sources.js';
import { AUXILIARIES, CONJUNCTIONS, isPlainWord, MODALS, NEGATIONS, PREPOSITIONS } from './words.js';

/** Adverbs that may sit inside a verb group: "have also been", "were reportedly killed". */
export const GROUP_ADVERBS = new Set([
  'also',
  'still',
  'already',
  'now',
  'then',
  'just',
  'even',
  'only',
  'recently',
  'earlier',
  'later',
  'previously',
  'further',
  'since',
  'so',
  'far',
  'reportedly',
  'allegedly',
  'apparently',
  'reportedly',
  'probably',
  'possibly',
  'likely',
  'perhaps',
]);

/** Raising verbs that hedge the verb after "to": "are believed to have been killed". */
const RAISING = new Set([
  'believed',
  'thought',
  'reported',
  'said',
  'estimated',
  'feared',
  'expected',
  'presumed',
  'known',
  'understood',
  'likely',
  'set',
  'due',
  'going',
  'able',
  'supposed',
  'alleged',
  'rumored',
  'rumoured',
  'suspected',
]);

export interface VerbGroup {
  /** First token of the group (auxiliary or main verb). */
  readonly first: number;
  /** The main verb. */
  readonly main: number;
}

const isAdverb = (w: string) => GROUP_ADVERBS.has(w) || (w.length > 4 && w.endsWith('ly') && !verbForm(w));

/** A word in a verb slot after an auxiliary: a known form, or a regular participle ("shelled"). */
const participleLike = (w: string) =>
  isPlainWord(w) && (w.endsWith('ed') || w.endsWith('en') || w.endsWith('ing')) && w.length > 4;

/**
 * The verb group starting at or after token `i` (an auxiliary chain with hedges and adverbs, then the
 * main verb): "are believed to have been killed" -> main "killed". Without an auxiliary only a past or
 * present-tense form counts ("died", "fled"), so that nouns like "protest" are not read as verbs.
 */
export function verbGroupAfter(tokens: TokenStore, i: number, end: number): VerbGroup | undefined {
  let k = i;
  let aux = false;
  let first = -1;
  while (k < end && k - i < 12) {
    if (tokens.kind(k) !== TokenKind.Word) return undefined;
    const w = tokens.lower(k);
    const next = k + 1 < end ? tokens.lower(k + 1) : '';
    if (NEGATIONS.has(w) || w.endsWith("n't") || isAdverb(w)) {
      k++;
      continue;
    }
    if (AUXILIARIES.has(w) && !(w === "'s" && !aux)) {
      if (first < 0) first = k;
      aux = true;
      k++;
      continue;
    }
    if (aux && RAISING.has(w) && next === 'to') {
      k += 2;
      continue;
    }
    const v = verbForm(w);
    if (v && (aux || v.form === 'past' || v.form === 'third'))
      return { first: first < 0 ? k : first, main: k };
    if (aux && participleLike(w)) return { first: first < 0 ? k : first, main: k };
    return undefined;
  }
  return undefined;
}

/**
 * The verb group ending just before token `i` (the object it governs starts at `i`), looking past one
 * preposition of change ("rose to", "cut by") and adverbs: "has sent around 15,000 troops" -> "sent".
 */
export function verbGroupBefore(tokens: TokenStore, i: number, from: number): VerbGroup | undefined {
  let k = i - 1;
  if (k >= from && ['to', 'by', 'from', 'at', 'of'].includes(tokens.lower(k))) k--;
  while (k >= from && isAdverb(tokens.lower(k))) k--;
  if (k < from || tokens.kind(k) !== TokenKind.Word) return undefined;
  const w = tokens.lower(k);
  const v = verbForm(w);
  const main = k;
  let first = k;
  let j = k - 1;
  let aux = false;
  while (j >= from) {
    const x = tokens.lower(j);
    if (AUXILIARIES.has(x) || NEGATIONS.has(x) || x.endsWith("n't") || isAdverb(x) || x === 'to') {
      if (AUXILIARIES.has(x) || x === 'to') aux = true;
      first = j;
      j--;
      continue;
    }
    break;
  }
  if (v) {
    if (v.lemma === 'be' || v.lemma === 'have') return undefined;
    if (v.form === 'base' && !aux) return undefined;
    return { first, main };
  }
  if (aux && participleLike(w)) return { first, main };
  return undefined;
}

/** The words that can open a clause: most words are neither, and their shape tells so before a lookup. */
const OPENING_WORD_SHAPES = new WordShapes([...REPORTING, 'that']);

/** What `markAt` gives for "--": no character's code. */
const DOUBLE_HYPHEN = -2;

/**
 * The mark token `k` is, told from the source: the code of its one character, DOUBLE_HYPHEN for "--",
 * -1 for any other token. Marks need no lower-cased copy to be compared.
 */
function markAt(tokens: TokenStore, k: number): number {
  const start = tokens.start(k);
  const length = tokens.end(k) - start;
  if (length === 1) return tokens.source.charCodeAt(start);
  return length === 2 && tokens.source.startsWith('--', start) ? DOUBLE_HYPHEN : -1;
}

/** Tokens that open a clause after them: ";", ":", ", and", ", but", a reporting verb and its "that". */
function opensClause(tokens: TokenStore, k: number, end: number): boolean {
  const kind = tokens.kind(k);
  if (kind === TokenKind.Quote) return true;
  // Reporting verbs and "that" are words; the marks are not.
  if (kind === TokenKind.Word) {
    if (!OPENING_WORD_SHAPES.mayHoldToken(tokens, k)) return false;
    const w = tokens.lower(k);
    if (REPORTING.has(w)) return true;
    return w === 'that' && k > 0 && REPORTING.has(tokens.lower(k - 1));
  }
  const mark = markAt(tokens, k);
  if (mark === 0x3b || mark === 0x3a || mark === 0x2014 || mark === DOUBLE_HYPHEN) return true;
  if (mark === 0x2c && k + 1 < end) {
    const next = tokens.lower(k + 1);
    return CONJUNCTIONS.has(next) || next === 'which' || next === 'who' || next === 'as';
  }
  return false;
}

/** The first token of a clause opened at token `opening` and holding token `i`: past "that", "and", a comma. */
function pastOpening(tokens: TokenStore, opening: number, i: number): number {
  let s = opening + 1;
  while (
    s < i &&
    (tokens.lower(s) === 'that' || CONJUNCTIONS.has(tokens.lower(s)) || tokens.lower(s) === ',')
  )
    s++;
  return s;
}

/** The first token of the clause holding token `i`, not before `from`. */
export function clauseStart(tokens: TokenStore, i: number, from: number): number {
  for (let k = i - 1; k >= from; k--) {
    if (opensClause(tokens, k, i)) return pastOpening(tokens, k, i);
  }
  return from;
}

/** The end (exclusive) of the clause holding token `i`: the next comma, semicolon, quote or dash. */
export function clauseEnd(tokens: TokenStore, i: number, end: number): number {
  for (let k = i + 1; k < end; k++) if (endsClause(tokens, k)) return k;
  return trailing(tokens, i, end);
}

/** Whether token `k` ends the clause before it: a quote mark, comma, semicolon, colon or dash. */
function endsClause(tokens: TokenStore, k: number): boolean {
  const kind = tokens.kind(k);
  if (kind === TokenKind.Quote) return true;
  // The marks that end a clause are neither words nor numbers: those are passed over unread.
  if (kind === TokenKind.Word || kind === TokenKind.Number) return false;
  const mark = markAt(tokens, k);
  return mark === 0x2c || mark === 0x3b || mark === 0x3a || mark === 0x2014 || mark === DOUBLE_HYPHEN;
}

/** The end of a clause that runs to `end`, leaving out the sentence's final punctuation. */
function trailing(tokens: TokenStore, i: number, end: number): number {
  let e = end;
  while (e > i + 1 && tokens.kind(e - 1) !== TokenKind.Word && tokens.kind(e - 1) !== TokenKind.Number) e--;
  return e;
}

/**
 * `clauseStart` and `clauseEnd` over one sentence's tokens [from, to), for many tokens of it, asked in
 * order: each ask reads on from where the last one stopped. A long sentence with a figure or a trigger
 * every few words would otherwise be read again, from each one, back to the last mark that opens a
 * clause or on to the next that ends one. Asked out of order, they read as those functions do.
 */
export class ClauseBounds {
  /** The last token `start` was asked about (-1: none), and the last token before it but one that opens a clause. */
  private asked = -1;
  private opening = -1;
  /** The marks that end a clause among tokens [scanFrom, scanTo), ascending. */
  private scanFrom = -1;
  private scanTo = -1;
  private readonly ends: number[] = [];

  constructor(
    private readonly tokens: TokenStore,
    private readonly from: number,
    private readonly to: number,
  ) {}

  /** `clauseStart(tokens, i, from)`. */
  start(i: number): number {
    const { tokens, from } = this;
    if (i < this.asked) return clauseStart(tokens, i, from);
    // A comma opens a clause only before a token inside the range asked about, so the token just before
    // `i` is tested on its own; one before that opens a clause for every later token too. Back from there
    // to the tokens the last ask read, the last that opens one.
    const low = this.asked < 0 ? from : Math.max(from, this.asked - 1);
    for (let k = i - 2; k >= low; k--)
      if (opensClause(tokens, k, k + 2)) {
        this.opening = k;
        break;
      }
    this.asked = i;
    const opening = i - 1 >= from && opensClause(tokens, i - 1, i) ? i - 1 : this.opening;
    return opening < from ? from : pastOpening(tokens, opening, i);
  }

  /** `clauseEnd(tokens, i, to)`. */
  end(i: number): number {
    const { tokens, to, ends } = this;
    const first = i + 1;
    if (first < this.scanFrom) return clauseEnd(tokens, i, to);
    if (first > this.scanTo) {
      this.scanFrom = first;
      this.scanTo = first;
      ends.length = 0;
    }
    const next = firstAtLeast(ends, first);
    // On until a mark at `first` or after is known, or the range ends.
    while (next === ends.length && this.scanTo < to) {
      const k = this.scanTo++;
      if (endsClause(tokens, k)) ends.push(k);
    }
    return next < ends.length ? (ends[next] as number) : trailing(tokens, i, to);
  }
}

/** True for modal or "to" before the main verb: "will send", "plans to send". */
export function isIrrealis(tokens: TokenStore, group: VerbGroup): boolean {
  for (let k = group.first; k < group.main; k++) {
    const w = tokens.lower(k);
    if (MODALS.has(w) || w === 'to') return true;
  }
  return false;
}

/** The noun phrase before a verb group: "The company's profit" in "The company's profit fell 15 percent". */
export function subjectBefore(tokens: TokenStore, first: number, from: number): string {
  let k = first - 1;
  while (k >= from && AUXILIARIES.has(tokens.lower(k))) k--;
  const last = k;
  while (k >= from && k > last - 6) {
    const w = tokens.lower(k);
    const kind = tokens.kind(k);
    if (kind !== TokenKind.Word && kind !== TokenKind.Number) break;
    if (CONJUNCTIONS.has(w) || PREPOSITIONS.has(w) || w === 'that' || w === 'which' || w === 'who') break;
    k--;
  }
  return k < last ? tokens.source.slice(tokens.start(k + 1), tokens.end(last)) : '';
}
