import { QuoteRole } from '../text/quote-marks.js';
import type { TextLayer } from '../text/text-layer.js';
import { TokenFlag, TokenKind } from '../text/tokens.js';
import { isReportingWord } from './cue-lexicon.js';

/** A run of whole sentences the tagger reads at once (a paragraph): tokens `[first, end)`. */
export interface TagUnit {
  readonly first: number;
  readonly end: number;
  /** Sentence index (into `text.sentences`) of each token of the unit, relative to `first`. */
  readonly sentenceOf: Int32Array;
}

/** Paragraphs as tagging units: attributions rarely cross them, quotations end or reopen at them. */
export function tagUnits(text: TextLayer): TagUnit[] {
  const units: TagUnit[] = [];
  const { sentences } = text;
  let i = 0;
  while (i < sentences.length) {
    let j = i;
    while (j + 1 < sentences.length && sentences[j + 1]?.paragraph === sentences[i]?.paragraph) j++;
    const first = sentences[i]?.firstToken as number;
    const end = sentences[j]?.endToken as number;
    const sentenceOf = new Int32Array(end - first);
    for (let k = i; k <= j; k++) {
      const s = sentences[k];
      if (s) sentenceOf.fill(k, s.firstToken - first, s.endToken - first);
    }
    if (end > first) units.push({ first, end, sentenceOf });
    i = j + 1;
  }
  return units;
}

/** The lower-cased form a token is known by in features: words as such, numbers and quotes by class. */
export function tokenForm(text: TextLayer, i: number): string {
  const kind = text.tokens.kind(i);
  if (kind === TokenKind.Number) return '<num>';
  if (kind === TokenKind.Quote) {
    const role = text.quoteRole(i);
    return role === QuoteRole.Open ? '<q>' : role === QuoteRole.Close ? '</q>' : "'";
  }
  if (kind === TokenKind.Url) return '<url>';
  return text.tokens
    .text(i)
    .toLowerCase()
    .replace(/\u2019/g, "'");
}

function shape(text: TextLayer, i: number): string {
  const t = text.tokens;
  if (t.kind(i) !== TokenKind.Word) return `k${t.kind(i)}`;
  if (t.has(i, TokenFlag.AllCaps)) return 'XX';
  if (t.has(i, TokenFlag.Capitalised)) return 'Xx';
  return 'x';
}

/** A crude stem, so "insisted", "insists" and "insisting" share what is learned of one. */
const stem = (w: string) => (w.length > 5 ? w.replace(/(?:ing|ed|es|s)$/, '') : w);

const bucket = (d: number) =>
  d <= 1 ? '1' : d <= 2 ? '2' : d <= 4 ? '4' : d <= 8 ? '8' : d <= 16 ? '16' : 'far';

/**
 * Feature strings for every token of a unit. Beside the words around a token they say where it
 * stands: inside or outside a quotation, where in its sentence, and how far (and across what) the
 * nearest reporting word is on each side, which is most of what tells a source from a content.
 * `cueWords` are the words learned to be cues often (the model's lexicon), beside the reporting verbs.
 */
export function unitFeatures(text: TextLayer, unit: TagUnit, cueWords: ReadonlySet<string>): string[][] {
  const n = unit.end - unit.first;
  const forms: string[] = [];
  for (let k = 0; k < n; k++) forms.push(tokenForm(text, unit.first + k));
  const inQuote = new Uint8Array(n);
  let open = false;
  for (let k = 0; k < n; k++) {
    const role = text.tokens.kind(unit.first + k) === TokenKind.Quote ? text.quoteRole(unit.first + k) : 0;
    if (role === QuoteRole.Close) open = false;
    inQuote[k] = open ? 1 : 0;
    if (role === QuoteRole.Open) open = true;
  }
  const lexical = forms.map((f) => cueWords.has(f) || isReportingWord(f));
  // Nearest reporting word to the left and right within the sentence, and whether a comma, quote or
  // "that" lies between: "X said that Y" and "Y, X said" put sources and contents on opposite sides.
  const left: string[] = new Array(n).fill('none');
  const right: string[] = new Array(n).fill('none');
  let last = -1;
  let crossed = '';
  for (let k = 0; k < n; k++) {
    if (k > 0 && unit.sentenceOf[k] !== unit.sentenceOf[k - 1]) {
      last = -1;
      crossed = '';
    }
    if (last >= 0) left[k] = `${bucket(k - last)}${crossed}`;
    if (lexical[k]) {
      last = k;
      crossed = '';
    } else if (forms[k] === ',' || forms[k] === '<q>' || forms[k] === '</q>' || forms[k] === 'that')
      crossed = `|${forms[k]}`;
  }
  last = -1;
  crossed = '';
  for (let k = n - 1; k >= 0; k--) {
    if (k < n - 1 && unit.sentenceOf[k] !== unit.sentenceOf[k + 1]) {
      last = -1;
      crossed = '';
    }
    if (last >= 0) right[k] = `${bucket(last - k)}${crossed}`;
    if (lexical[k]) {
      last = k;
      crossed = '';
    } else if (forms[k] === ',' || forms[k] === '<q>' || forms[k] === '</q>' || forms[k] === 'that')
      crossed = `|${forms[k]}`;
  }
  const sentenceHasCue = new Map<number, boolean>();
  const sentenceHasQuote = new Map<number, boolean>();
  for (let k = 0; k < n; k++) {
    const s = unit.sentenceOf[k] as number;
    if (lexical[k]) sentenceHasCue.set(s, true);
    if (forms[k] === '<q>') sentenceHasQuote.set(s, true);
  }
  const features: string[][] = [];
  const form = (k: number) => (k < 0 ? '<s>' : k >= n ? '</s>' : (forms[k] as string));
  for (let k = 0; k < n; k++) {
    const i = unit.first + k;
    const s = unit.sentenceOf[k] as number;
    const sentence = text.sentences[s];
    const position = sentence ? i - sentence.firstToken : 0;
    const fromEnd = sentence ? sentence.endToken - 1 - i : 0;
    const w = form(k);
    const q = inQuote[k] ? 'in' : 'out';
    const cueHere = sentenceHasCue.get(s) ? 'cue' : 'nocue';
    features.push([
      'b',
      `w=${w}`,
      `w-1=${form(k - 1)}`,
      `w+1=${form(k + 1)}`,
      `w-2=${form(k - 2)}`,
      `w+2=${form(k + 2)}`,
      `w-1w=${form(k - 1)}|${w}`,
      `ww+1=${w}|${form(k + 1)}`,
      `st=${stem(w)}`,
      `st-1=${stem(form(k - 1))}`,
      `st+1=${stem(form(k + 1))}`,
      `sh=${shape(text, i)}`,
      `suf=${w.slice(-3)}`,
      `q=${q}`,
      `q|w=${q}|${w}`,
      `pos=${bucket(position + 1)}`,
      `end=${bucket(fromEnd + 1)}`,
      `lc=${left[k]}`,
      `rc=${right[k]}`,
      `lc|rc=${left[k]}|${right[k]}`,
      `lc|q=${left[k]}|${q}`,
      `rc|q=${right[k]}|${q}`,
      `sent=${cueHere}|${sentenceHasQuote.get(s) ? 'quote' : 'noquote'}`,
      `sent|q=${cueHere}|${q}`,
      `firstsent=${s === unit.sentenceOf[0] ? 1 : 0}|${cueHere}`,
    ]);
  }
  return features;
}
