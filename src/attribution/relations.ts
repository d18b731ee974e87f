import { firstAtLeast } from '../document/span-index.js';
import type { TextLayer } from '../text/text-layer.js';
import { isReportingWord } from './cue-lexicon.js';
import { type TagUnit, tokenForm } from './features.js';

/** Token range `[start, end)`. */
export type TokenRange = readonly [number, number];

/** An attribution as token ranges: who (source), by what words (cue), what (content). */
export interface TokenRelation {
  cue: TokenRange[];
  source?: TokenRange;
  content: TokenRange[];
  /** The source of an outer report ("X said ..., the KCNA said") this attribution came through. */
  relayedBy?: TokenRange;
}

/**
 * A relation with every field set, in one order: the rules after grouping read them all, and one shape
 * keeps those reads from going polymorphic.
 */
export const relationOf = (
  cue: TokenRange[],
  source: TokenRange | undefined,
  content: TokenRange[],
): TokenRelation => ({ cue, source, content, relayedBy: undefined });

/**
 * A unit's runs of tags, each a part (1 source, 3 cue, 5 content), its tokens and its sentence, and
 * how they group into attributions: in arrays kept from unit to unit and grown as needed (a unit has
 * at most one run, and one group, per token), as an object per run or group, and the arrays of each,
 * cost more to make than the grouping itself. They hold until the next unit. Only what a relation
 * keeps (its ranges and their lists) is made, each list at its size.
 */
class Runs {
  count = 0;
  part = new Uint8Array(0);
  start = new Int32Array(0);
  end = new Int32Array(0);
  sentence = new Int32Array(0);
  /** Per run, the group it went to (-1 none). */
  group = new Int32Array(0);
  /**
   * Per group: the first and last of its cue runs (its cue runs are all the cue runs from one to the
   * other, as a fragment joins the last group made), its source run (-1 none), its number of content
   * runs and the first of them.
   */
  groups = 0;
  firstCue = new Int32Array(0);
  lastCue = new Int32Array(0);
  source = new Int32Array(0);
  contents = new Int32Array(0);
  firstContent = new Int32Array(0);
  /** Per group its last content run so far, and per content run the next of its group (-1 none). */
  lastContent = new Int32Array(0);
  nextContent = new Int32Array(0);

  /** Reads the runs of `tags`, a unit's tags (at the start of the array), with no group yet. */
  read(tags: Uint8Array, unit: TagUnit): void {
    const n = unit.end - unit.first;
    if (this.part.length < n) {
      const size = Math.max(256, n * 2);
      this.part = new Uint8Array(size);
      this.start = new Int32Array(size);
      this.end = new Int32Array(size);
      this.sentence = new Int32Array(size);
      this.group = new Int32Array(size);
      this.firstCue = new Int32Array(size);
      this.lastCue = new Int32Array(size);
      this.source = new Int32Array(size);
      this.contents = new Int32Array(size);
      this.firstContent = new Int32Array(size);
      this.lastContent = new Int32Array(size);
      this.nextContent = new Int32Array(size);
    }
    let count = 0;
    let k = 0;
    while (k < n) {
      const t = tags[k] as number;
      if (t === 0) {
        k++;
        continue;
      }
      const part = t % 2 === 1 ? t : t - 1;
      let e = k + 1;
      while (e < n && tags[e] === part + 1) e++;
      this.part[count] = part;
      this.start[count] = unit.first + k;
      this.end[count] = unit.first + e;
      this.sentence[count] = unit.sentenceOf[k] as number;
      this.group[count] = -1;
      count++;
      k = e;
    }
    this.count = count;
    this.groups = 0;
  }

  /** Run `r`'s tokens as a range. */
  range(r: number): TokenRange {
    return [this.start[r] as number, this.end[r] as number];
  }

  /** Tokens between run `r` and `[start, end)`, 0 when they touch or overlap. */
  gap(r: number, start: number, end: number): number {
    return gapOf(this.start[r] as number, this.end[r] as number, start, end);
  }

  /** A group headed by cue run `r`. */
  open(r: number): void {
    const g = this.groups++;
    this.group[r] = g;
    this.firstCue[g] = r;
    this.lastCue[g] = r;
    this.source[g] = -1;
    this.contents[g] = 0;
  }

  /** Group `g`'s cue ranges, its first run's then its fragments'. */
  cueOf(g: number): TokenRange[] {
    const first = this.firstCue[g] as number;
    const last = this.lastCue[g] as number;
    if (first === last) return [this.range(first)];
    const out: TokenRange[] = [];
    for (let r = first; r <= last; r++) if (this.part[r] === 3) out.push(this.range(r));
    return out;
  }

  /** Content run `r` joins group `g`, after those it has. */
  addContent(g: number, r: number): void {
    if (this.contents[g] === 0) this.firstContent[g] = r;
    else this.nextContent[this.lastContent[g] as number] = r;
    this.lastContent[g] = r;
    this.nextContent[r] = -1;
    this.contents[g] = (this.contents[g] as number) + 1;
  }

  /** Group `g`'s content ranges, in order. */
  contentOf(g: number): TokenRange[] {
    const first = this.firstContent[g] as number;
    if (this.contents[g] === 1) return [this.range(first)];
    const out: TokenRange[] = [];
    for (let r = first; r >= 0; r = this.nextContent[r] as number) out.push(this.range(r));
    return out;
  }
}

const RUNS = new Runs();

/** Tokens between two ranges, 0 when they touch or overlap. */
const gapOf = (aStart: number, aEnd: number, bStart: number, bEnd: number) =>
  Math.max(0, aStart - bEnd, bStart - aEnd);

/** Whether a source or content run lies between token `from` and token `to`. */
function otherRunBetween(runs: Runs, from: number, to: number): boolean {
  // The runs are in token order: those starting at `from` or later, up to `to`, by bisection.
  for (
    let r = firstAtLeast(runs.start, from, runs.count);
    r < runs.count && (runs.start[r] as number) <= to;
    r++
  )
    if (runs.part[r] !== 3 && (runs.end[r] as number) <= to) return true;
  return false;
}

/**
 * The group whose cue is nearest run `run`, those of its own sentence first; -1 when there is none; the
 * first group on a tie. The groups' cues come in token order, each group's between its first and last
 * cue run: from those around the run outwards, a group's span is no nearer than the one before it, and
 * a span farther than the best score so far holds no better cue.
 */
function nearest(runs: Runs, run: number): number {
  const start = runs.start[run] as number;
  const end = runs.end[run] as number;
  let lo = 0;
  let hi = runs.groups;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((runs.start[runs.firstCue[mid] as number] as number) < start) lo = mid + 1;
    else hi = mid;
  }
  let best = -1;
  let bestScore = Number.POSITIVE_INFINITY;
  const consider = (g: number) => {
    const score = groupScore(runs, g, run);
    if (score < bestScore || (score === bestScore && g < best)) {
      bestScore = score;
      best = g;
    }
  };
  for (let g = lo - 1; g >= 0 && spanGap(runs, g, start, end) <= bestScore; g--) consider(g);
  for (let g = lo; g < runs.groups && spanGap(runs, g, start, end) <= bestScore; g++) consider(g);
  return best;
}

/** Tokens between group `g`'s cue runs, first to last, and `[start, end)`. */
const spanGap = (runs: Runs, g: number, start: number, end: number) =>
  gapOf(
    runs.start[runs.firstCue[g] as number] as number,
    runs.end[runs.lastCue[g] as number] as number,
    start,
    end,
  );

/** How far group `g`'s cue is from run `run`: its nearest cue run's gap, 10,000 more from another sentence. */
function groupScore(runs: Runs, g: number, run: number): number {
  const start = runs.start[run] as number;
  const end = runs.end[run] as number;
  const first = runs.firstCue[g] as number;
  const last = runs.lastCue[g] as number;
  let distance = Number.POSITIVE_INFINITY;
  for (let c = first; c <= last; c++)
    if (runs.part[c] === 3) distance = Math.min(distance, runs.gap(c, start, end));
  return (runs.sentence[first] === runs.sentence[run] ? 0 : 10_000) + distance;
}

/**
 * "she said, referencing ...", "he said, adding ...": after a comma, a reporting word or a participle
 * opens a report of its own rather than continuing the cue before it.
 */
function startsReport(text: TextLayer, beforeEnd: number, next: number): boolean {
  let comma = false;
  for (let i = beforeEnd; i < next; i++) if (tokenForm(text, i) === ',') comma = true;
  const form = tokenForm(text, next);
  return comma && (isReportingWord(form) || form.endsWith('ing'));
}

/** `list` with `item` at its end: a list of one is made at its size, as most are. */
export function append<T>(list: T[] | undefined, item: T): T[] {
  if (!list) return [item];
  list.push(item);
  return list;
}

/** The last of `relations` with its cue in the sentence from token `first` and a piece of it before `end`. */
function lastReportBefore(
  relations: readonly TokenRelation[],
  first: number,
  end: number,
): TokenRelation | undefined {
  for (let k = relations.length - 1; k >= 0; k--) {
    const o = relations[k] as TokenRelation;
    if ((o.cue[0] as TokenRange)[0] < first) continue;
    for (let c = 0; c < o.cue.length; c++) if ((o.cue[c] as TokenRange)[1] <= end) return o;
  }
  return undefined;
}

/** What a unit with no attribution gives: not frozen, so it reads as the lists made here do. */
const NONE: readonly TokenRelation[] = [];

/**
 * Joins the tagged spans of one unit into attributions. Each cue heads one; a source or content goes
 * to the nearest cue of its own sentence, else the nearest in the unit. Cue fragments with nothing
 * of their own between them ("said ... in a statement") are one discontinuous cue. A unit with
 * contents but no cue continues the previous unit's last attribution (a quotation running on into a
 * new paragraph); a cue left without content is dropped, since it attributes nothing.
 */
export function groupRelations(
  text: TextLayer,
  unit: TagUnit,
  tags: Uint8Array,
  previous: TokenRelation | undefined,
): readonly TokenRelation[] {
  const runs = RUNS;
  runs.read(tags, unit);
  const { part, start, end, group } = runs;
  for (let r = 0; r < runs.count; r++) {
    if (part[r] !== 3) continue;
    // The run that heads the last cue: a fragment is measured from it.
    const head = runs.groups > 0 ? (runs.firstCue[runs.groups - 1] as number) : -1;
    if (
      head >= 0 &&
      runs.sentence[head] === runs.sentence[r] &&
      !otherRunBetween(runs, end[head] as number, start[r] as number) &&
      runs.gap(head, start[r] as number, end[r] as number) <= 4 &&
      !startsReport(text, end[head] as number, start[r] as number)
    ) {
      group[r] = runs.groups - 1;
      runs.lastCue[runs.groups - 1] = r;
    } else runs.open(r);
  }
  if (runs.groups === 0) {
    // Contents with no cue in the unit carry on the previous unit's last attribution.
    if (previous)
      for (let r = 0; r < runs.count; r++) if (part[r] === 5) previous.content.push(runs.range(r));
    return NONE;
  }
  for (let r = 0; r < runs.count; r++) {
    if (part[r] === 3) continue;
    const g = nearest(runs, r);
    group[r] = g;
    if (part[r] === 5) runs.addContent(g, r);
    else {
      const cue = runs.firstCue[g] as number;
      const s = runs.source[g] as number;
      if (
        s < 0 ||
        runs.gap(r, start[cue] as number, end[cue] as number) <
          runs.gap(s, start[cue] as number, end[cue] as number)
      )
        runs.source[g] = r;
    }
  }
  let out: TokenRelation[] | undefined;
  for (let g = 0; g < runs.groups; g++) {
    const cue = runs.cueOf(g);
    const cueAt = cue[0] as TokenRange;
    const s = runs.source[g] as number;
    const source = s >= 0 ? runs.range(s) : undefined;
    let content: TokenRange[];
    if (runs.contents[g] === 0) {
      const according = accordingTo(text, cueAt);
      if (according) {
        out = append(out, relationOf(cue, according.source, [according.content]));
        continue;
      }
      const guess = source
        ? clauseContent(text, cueAt, source, runs)
        : reportingCue(text, cue)
          ? clauseContent(text, cueAt, undefined, runs)
          : undefined;
      if (guess === 'outer' && source) {
        // "X said ..., the KCNA said": the report before it in the same sentence (the nearest one) came
        // through this source; a report of an earlier sentence did not.
        const sentence = text.sentences[text.sentenceAt(text.tokens.start(cueAt[0]))];
        const inner = sentence && out && lastReportBefore(out, sentence.firstToken, source[0]);
        if (inner) inner.relayedBy = source;
        // The relay's own report covers the clause too.
        if (sentence && source[0] - 1 > sentence.firstToken)
          out = append(out, relationOf(cue, source, [[sentence.firstToken, source[0] - 1]]));
        continue;
      }
      if (!guess || guess === 'outer') continue;
      content = withoutFrontedPhrases(text, [guess], source);
    } else content = withoutFrontedPhrases(text, runs.contentOf(g), source);
    // A report whose only content was a fronted phrase ("At the event, he encouraged ...") reports nothing.
    if (content.length === 0) continue;
    const clause = source && closingClause(text, cueAt, source, content, runs);
    out = append(out, relationOf(cue, source, clause ? [clause] : content));
  }
  return out ?? NONE;
}

const PREPOSITIONS = new Set(
  'at in on during after before since from with for under over amid among across near following despite'.split(
    ' ',
  ),
);

/** `content` without its fronted phrases: the same array when there is none, as almost always. */
function withoutFrontedPhrases(
  text: TextLayer,
  content: TokenRange[],
  source: TokenRange | undefined,
): TokenRange[] {
  if (!source) return content;
  for (let k = 0; k < content.length; k++)
    if (frontedPhrase(text, content[k] as TokenRange, source)) {
      // A loop, not a filter: a closure over the arguments would cost every call its context.
      const kept = content.slice(0, k);
      for (let j = k + 1; j < content.length; j++)
        if (!frontedPhrase(text, content[j] as TokenRange, source)) kept.push(content[j] as TokenRange);
      return kept;
    }
  return content;
}

/**
 * "At the event, he ...", "In August, she ...": a short phrase opened by a preposition and set off by
 * a comma just before the source frames the clause; it is not what the source said.
 */
function frontedPhrase(text: TextLayer, content: TokenRange, source: TokenRange | undefined): boolean {
  if (!source || content[1] + 1 !== source[0] || tokenForm(text, content[1]) !== ',') return false;
  if (!PREPOSITIONS.has(tokenForm(text, content[0])) || content[1] - content[0] > 6) return false;
  // "At least 10 people died, police said": a quantifier, not a phrase of place or time.
  const next = tokenForm(text, content[0] + 1);
  if (next === 'least' || next === 'most') return false;
  for (let i = content[0]; i < content[1]; i++) if (isPunct(text, i)) return false;
  return true;
}

/**
 * "X ..., state media reported Friday.": content the tagger found only part of before a closing
 * ", source cue" is the whole clause before the comma, unless another report sits in that clause.
 */
function closingClause(
  text: TextLayer,
  cue: TokenRange,
  source: TokenRange,
  content: readonly TokenRange[],
  runs: Runs,
): TokenRange | undefined {
  const sentence = text.sentences[text.sentenceAt(text.tokens.start(cue[0]))];
  const comma = source[0] - 1;
  if (!sentence || source[1] > cue[0] || comma <= sentence.firstToken || tokenForm(text, comma) !== ',')
    return undefined;
  for (const c of content) if (c[1] > comma || c[0] < sentence.firstToken) return undefined;
  // The cue closes the sentence: at most a short time or place phrase follows it.
  let words = 0;
  for (let i = cue[1]; i < sentence.endToken; i++) if (!isPunct(text, i)) words++;
  if (words > 3) return undefined;
  for (let r = 0; r < runs.count; r++)
    if (
      runs.part[r] === 3 &&
      (runs.start[r] as number) < comma &&
      sentence.firstToken < (runs.end[r] as number)
    )
      return undefined;
  return [sentence.firstToken, comma];
}

/** A cue of reporting words ("said", "according to"): it attributes something even when its parts went untagged. */
function reportingCue(text: TextLayer, cue: readonly TokenRange[]): boolean {
  for (let c = 0; c < cue.length; c++) {
    const range = cue[c] as TokenRange;
    for (let i = range[0]; i < range[1]; i++) if (isReportingWord(tokenForm(text, i))) return true;
  }
  return false;
}

/** A token of these marks alone: `. , ; : ! ? — -`. Read from the source, so no string is made. */
function isPunct(text: TextLayer, i: number): boolean {
  const end = text.tokens.end(i);
  let j = text.tokens.start(i);
  if (j >= end) return false;
  for (; j < end; j++) {
    const c = text.source.charCodeAt(j);
    if (
      c !== 0x2e &&
      c !== 0x2c &&
      c !== 0x3b &&
      c !== 0x3a &&
      c !== 0x21 &&
      c !== 0x3f &&
      c !== 0x2014 &&
      c !== 0x2d
    )
      return false;
  }
  return true;
}

/** Whether a comma stands before token `i`, past the sentence's first token `first`. */
const commaBefore = (text: TextLayer, first: number, i: number) =>
  i - 1 > first && text.tokens.text(i - 1) === ',';

/**
 * The content of a cue the tagger gave a source but no content: the clause before ", officials
 * said" or the rest of the sentence after "X said", within the cue's sentence and clear of other spans.
 */
function clauseContent(
  text: TextLayer,
  cue: TokenRange,
  source: TokenRange | undefined,
  runs: Runs,
): TokenRange | 'outer' | undefined {
  const sentence = text.sentences[text.sentenceAt(text.tokens.start(cue[0]))];
  if (!sentence) return undefined;
  const first = sentence.firstToken;
  let range: [number, number];
  if (!source) {
    if (commaBefore(text, first, cue[0])) range = [first, cue[0] - 1];
    else if (cue[0] > first && cue[1] < sentence.endToken) range = [cue[1], sentence.endToken];
    else return undefined;
  } else if (source[1] <= cue[0] && commaBefore(text, first, source[0])) range = [first, source[0] - 1];
  else if (source[0] >= cue[1] && commaBefore(text, first, cue[0])) range = [first, cue[0] - 1];
  else if (cue[1] < sentence.endToken && source[1] <= cue[0]) range = [cue[1], sentence.endToken];
  else return undefined;
  while (range[1] > range[0] && isPunct(text, range[1] - 1)) range[1]--;
  if (range[1] - range[0] < 2) return undefined;
  // Another source inside the clause is a tagging slip; a cue or content there is a report of its own.
  let inside = false;
  let cueInside = false;
  for (let r = 0; r < runs.count; r++)
    if (runs.part[r] !== 1 && (runs.start[r] as number) < range[1] && range[0] < (runs.end[r] as number)) {
      inside = true;
      cueInside ||= runs.part[r] === 3;
    }
  if (!inside) return range;
  return cueInside && range[0] === first ? 'outer' : undefined;
}

/**
 * "According to X, Y." and "Y, according to X.": the source is the phrase after "to" up to the comma
 * or the end of the sentence, the content the clause on the other side.
 */
function accordingTo(
  text: TextLayer,
  cue: TokenRange,
): { source: TokenRange; content: TokenRange } | undefined {
  const to = cue[1] - 1;
  if (tokenForm(text, to) !== 'to' || tokenForm(text, to - 1) !== 'according') return undefined;
  const sentence = text.sentences[text.sentenceAt(text.tokens.start(cue[0]))];
  if (!sentence) return undefined;
  let e = cue[1];
  while (e < sentence.endToken && tokenForm(text, e) !== ',' && !isPunct(text, e)) e++;
  if (e === cue[1]) return undefined;
  const source: TokenRange = [cue[1], e];
  let content: [number, number];
  if (cue[0] === sentence.firstToken && tokenForm(text, e) === ',') content = [e + 1, sentence.endToken];
  else if (cue[0] - 1 > sentence.firstToken && tokenForm(text, cue[0] - 1) === ',')
    content = [sentence.firstToken, cue[0] - 1];
  else return undefined;
  while (content[1] > content[0] && isPunct(text, content[1] - 1)) content[1]--;
  return content[1] - content[0] >= 2 ? { source, content } : undefined;
}
