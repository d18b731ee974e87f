import type { Entity, Quote } from '../document/analysis.js';
import { keptArray } from '../document/kept.js';
import { isSpaceCode, type Span, spanOf } from '../document/span.js';
import { firstAtLeast } from '../document/span-index.js';
import type { Stage, StageContext } from '../pipeline/stage.js';
import type { SentenceSpan } from '../text/sentences.js';
import type { TextLayer } from '../text/text-layer.js';
import { TokenFlag, TokenKind } from '../text/tokens.js';
import { isReportingWord, SPEECH_VERB_SET } from './cue-lexicon.js';
import { type TagUnit, tagUnits, tokenForm } from './features.js';
import { isLowerFunctionWord } from './function-words.js';
import { type LabelledReport, labelledReports } from './label-reports.js';
import { nearestSubject, openingParticipleSubject, sentenceSubject, trimSource } from './nearest-subject.js';
import { findQuotedPassages, type QuotedPassage } from './quote-spans.js';
import { append, groupRelations, relationOf, type TokenRange, type TokenRelation } from './relations.js';
import { SpeakerResolver } from './speakers.js';
import { defaultTagger } from './tagger.js';
import { defaultScorer } from './unit-scores.js';

/** A quote as this stage writes it: beside the core fields, the span that names the speaker. */
export interface AttributedQuote extends Quote {
  readonly source?: Span;
}

/** One attribution in characters, with the relays it came through. */
interface Attribution {
  cue: Span[];
  source?: Span;
  content: Span[];
  /** Relay sources found in the text, nearest first ("by the KCNA", ", the KCNA said"). */
  viaSources: Span[];
  speaker?: string;
  via: readonly string[];
  rule: string;
  /** The content as it was when the tagger found the report (a continued report's content grows later). */
  readonly foundContent: Span[];
  /** The next report the tagger found with its cue starting at the same place. */
  sameCue: Attribution | undefined;
}

/** The relays of a report that names none: one list for all, never added to. */
const NO_IDS: readonly string[] = [];

/**
 * An attribution with every field set, in one order whatever rule found it: the later passes read
 * them all, and one shape keeps those reads from going polymorphic.
 */
function attributionOf(
  cue: Span[],
  content: Span[],
  source: Span | undefined,
  viaSources: Span[],
  rule: string,
): Attribution {
  return {
    cue,
    source,
    content,
    viaSources,
    speaker: undefined,
    via: NO_IDS,
    rule,
    foundContent: content,
    sameCue: undefined,
  };
}

const toSpan = (text: TextLayer, r: TokenRange): Span =>
  spanOf(text.source, text.tokens.start(r[0]), text.tokens.end(r[1] - 1));

const byStart = (a: TokenRange, b: TokenRange) => a[0] - b[0];

/**
 * Token ranges to character spans, joining ranges that touch ("according" + "to"), each cue trimmed
 * (`trimCue`) when `cue` is set. Ranges mostly come in order, and mostly one: they are sorted only
 * when out of order, and the list is made at its size when it holds one span.
 */
function spans(text: TextLayer, ranges: readonly TokenRange[], cue = false): Span[] {
  let sorted = ranges;
  for (let k = 1; k < ranges.length; k++)
    if ((ranges[k] as TokenRange)[0] < (ranges[k - 1] as TokenRange)[0]) {
      sorted = [...ranges].sort(byStart);
      break;
    }
  let out: Span[] | undefined;
  for (let k = 0; k < sorted.length; ) {
    const start = (sorted[k] as TokenRange)[0];
    let end = (sorted[k] as TokenRange)[1];
    for (k++; k < sorted.length && (sorted[k] as TokenRange)[0] <= end; k++)
      end = Math.max(end, (sorted[k] as TokenRange)[1]);
    const span = spanOf(text.source, text.tokens.start(start), text.tokens.end(end - 1));
    const kept = cue ? trimCue(span) : span;
    if (out) out.push(kept);
    else out = [kept];
  }
  return out ?? [];
}

/** PolNeAR counts the colon of "said:" in the cue; a quote's cue is the words alone. */
function trimCue(cue: Span): Span {
  let n = cue.text.length;
  while (n > 1 && ' \t\n,:;\u2014-'.includes(cue.text.charAt(n - 1))) n--;
  return n === cue.text.length ? cue : { start: cue.start, end: cue.start + n, text: cue.text.slice(0, n) };
}

const END_OF_PHRASE = new Set([',', '.', ';', ':', '<q>', '</q>', '(', ')', '!', '?']);

/** The noun phrase after "by" that ends a cue ("was quoted as saying by the KCNA"), as tokens. */
function byAgent(text: TextLayer, afterCue: number, sentenceEnd: number): TokenRange | undefined {
  if (afterCue >= sentenceEnd || tokenForm(text, afterCue) !== 'by') return undefined;
  let e = afterCue + 1;
  while (e < sentenceEnd && e - afterCue <= 8 && !END_OF_PHRASE.has(tokenForm(text, e))) e++;
  return e > afterCue + 1 ? [afterCue + 1, e] : undefined;
}

/**
 * Verbs that open a report inside another's content. Only plain verbs of saying: "state", "continue"
 * or "promise" there are as often nouns or the reported words themselves ("the State Department",
 * "we must continue to push").
 */
const INNER_VERBS = new Set(['said', 'says', 'told', 'tells', 'added', 'wrote']);
const SUBJECT_OPENERS = new Set(['the', 'a', 'an', 'he', 'she', 'they', 'we', 'i', 'it']);

/** A token that can open a speaker's noun phrase: a name, a pronoun or an article, not "that" or "and". */
const opensSubject = (text: TextLayer, i: number) =>
  text.tokens.kind(i) === TokenKind.Word &&
  (SUBJECT_OPENERS.has(tokenForm(text, i)) || text.tokens.has(i, TokenFlag.Capitalised));

/**
 * "The North's leader said X ..., the KCNA said": a content that opens with its own short subject and
 * speech verb holds a second, inner attribution; the outer source becomes the relay it came through.
 */
function innerAttribution(text: TextLayer, content: TokenRange): TokenRelation | undefined {
  if (!opensSubject(text, content[0])) return undefined;
  const limit = Math.min(content[1] - 1, content[0] + 8);
  for (let i = content[0] + 1; i < limit; i++) {
    const form = tokenForm(text, i);
    if (END_OF_PHRASE.has(form) || form === 'that' || text.tokens.kind(i) !== TokenKind.Word)
      return undefined;
    if (INNER_VERBS.has(form)) {
      let c = i + 1;
      if (tokenForm(text, c) === ',' || tokenForm(text, c) === 'that') c++;
      if (c >= content[1]) return undefined;
      return relationOf([[i, i + 1]], [content[0], i], [[c, content[1]]]);
    }
  }
  return undefined;
}

/** Whether two lists of spans have the same offsets. */
function sameOffsets(a: readonly Span[], b: readonly Span[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++)
    if ((a[k] as Span).start !== (b[k] as Span).start || (a[k] as Span).end !== (b[k] as Span).end)
      return false;
  return true;
}

let marks = { spoken: new Int32Array(0), sourced: new Int32Array(0) };

/**
 * Per token, the number of the last unit whose reports speak it (a cue or a content) and source it,
 * all 0: views of one pair of arrays kept for all documents, grown as needed, as a pair per document
 * costs more to make than to clear.
 */
function reportMarks(count: number): typeof marks {
  if (marks.spoken.length < count) marks = { spoken: new Int32Array(count), sourced: new Int32Array(count) };
  const spoken = marks.spoken.subarray(0, count);
  const sourced = marks.sourced.subarray(0, count);
  spoken.fill(0);
  sourced.fill(0);
  return { spoken, sourced };
}

/**
 * The first report found (of `first` and those found after it with the same cue start) with the cue
 * and content offsets of `a`, as they were found.
 */
function sameAs(first: Attribution | undefined, a: Attribution): Attribution | undefined {
  for (let b = first; b; b = b.sameCue)
    if (sameOffsets(a.cue, b.cue) && sameOffsets(a.content, b.foundContent)) return b;
  return undefined;
}

function tagAttributions(text: TextLayer, overBudget: () => boolean): Attribution[] {
  const scorer = defaultScorer();
  const found: Attribution[] = [];
  /**
   * The first report found by where its cue starts, the others linked from it in the order found: a
   * number key, not a string of offsets.
   */
  const byCue = new Map<number, Attribution>();
  const keep = (a: Attribution) => {
    found.push(a);
    const at = a.cue[0]?.start ?? -1;
    let last = byCue.get(at);
    if (!last) byCue.set(at, a);
    else {
      while (last.sameCue) last = last.sameCue;
      last.sameCue = a;
    }
  };
  let previous: TokenRelation | undefined;
  let previousAttribution: Attribution | undefined;
  const { spoken, sourced } = reportMarks(text.tokens.count);
  let unitNumber = 0;
  // Made once: they read the unit number as it stands.
  const isSpoken = (i: number) => spoken[i] === unitNumber;
  const isTaken = (i: number) => spoken[i] === unitNumber || sourced[i] === unitNumber;
  const units = tagUnits(text);
  for (let u = 0; u < units.length; u++) {
    // Past the time budget, what was found so far stands and the pipeline marks the analysis partial.
    if (overBudget()) break;
    const unit = units[u] as TagUnit;
    const tags = scorer.tag(text, unit);
    if (!tags) continue;
    const before = previous?.content.length ?? 0;
    const relations = groupRelations(text, unit, tags, previous);
    if (previous && previousAttribution && previous.content.length > before)
      previousAttribution.content = spans(text, previous.content);
    // Tokens of this unit's reports, marked with the unit's number: spoken (a cue or a content) and
    // sourced. A sentence's subject may speak several of its cues ("X said ..., adding ..."): sources
    // stay open to it.
    unitNumber++;
    for (let k = 0; k < relations.length; k++) {
      const r = relations[k] as TokenRelation;
      markRanges(spoken, unitNumber, r.cue);
      markRanges(spoken, unitNumber, r.content);
      if (r.source) sourced.fill(unitNumber, Math.max(r.source[0], 0), r.source[1]);
    }
    for (let k = 0; k < relations.length; k++) {
      const r = relations[k] as TokenRelation;
      moveNameToSource(text, r);
      // The cue's sentence: the rules below move sources and contents, never the cue.
      const cue = r.cue[0] as TokenRange;
      const sentence = text.sentences[text.sentenceAt(text.tokens.start(cue[0]))];
      const bounds: TokenRange | undefined = sentence && [sentence.firstToken, sentence.endToken];
      if (bounds) quotedBy(text, r, bounds);
      if (!r.source && bounds) {
        // The relations before this one in the unit are done: a participle may share their source.
        const guess =
          nearestSubject(text, cue, bounds, isTaken) ??
          sentenceSubject(text, cue, bounds, isSpoken) ??
          participleSource(text, cue, bounds, relations, k) ??
          openingParticipleSubject(text, cue, bounds, isSpoken);
        if (guess) r.source = guess;
      }
      if (r.source && agentless(text, r)) r.source = undefined;
      const sentenceEnd = sentence?.endToken ?? text.tokens.count;
      const lastCue = r.cue[r.cue.length - 1] as TokenRange;
      const agent = byAgent(text, lastCue[1], sentenceEnd);
      const viaSources: Span[] = [];
      if (agent) viaSources.push(toSpan(text, agent));
      if (r.relayedBy) viaSources.push(toSpan(text, r.relayedBy));
      const firstContent = r.content[0] as TokenRange;
      const inner =
        r.source && firstContent[1] <= (r.cue[0] as TokenRange)[0]
          ? innerAttribution(text, firstContent)
          : undefined;
      const chosen = inner ?? r;
      if (inner && r.source) viaSources.push(toSpan(text, r.source));
      const attribution = attributionOf(
        spans(text, chosen.cue, true),
        spans(text, inner ? [...inner.content, ...r.content.slice(1)] : r.content),
        chosen.source ? toSpan(text, trimSource(text, chosen.source)) : undefined,
        viaSources,
        inner ? 'attribution/nested-report' : 'attribution/tagger',
      );
      // The outer report stands too: the relay said all of it, the inner report included.
      if (inner && r.source)
        keep(
          attributionOf(
            spans(text, r.cue, true),
            spans(text, r.content),
            toSpan(text, trimSource(text, r.source)),
            [],
            'attribution/tagger',
          ),
        );
      // "X said ..., the KCNA said" read as nested repeats the tagger's report of X: one report, with
      // the relays of both.
      const same = sameAs(byCue.get(attribution.cue[0]?.start ?? -1), attribution);
      if (same) {
        for (const v of viaSources) if (!sameStart(same.viaSources, v)) same.viaSources.push(v);
        continue;
      }
      keep(attribution);
      previousAttribution = attribution;
    }
    previous = relations[relations.length - 1] ?? previous;
  }
  return withClosingReports(text, found);
}

/** Marks the tokens of `ranges` with `value`. */
function markRanges(marks: Int32Array, value: number, ranges: readonly TokenRange[]): void {
  for (let k = 0; k < ranges.length; k++) {
    const range = ranges[k] as TokenRange;
    marks.fill(value, Math.max(range[0], 0), range[1]);
  }
}

/** Whether one of `spans` starts where `span` does. */
function sameStart(spans: readonly Span[], span: Span): boolean {
  for (let k = 0; k < spans.length; k++) if ((spans[k] as Span).start === span.start) return true;
  return false;
}

/** For a subject any token may hold. */
const NONE_TAKEN = (_: number) => false;

const BE = new Set(['be', 'been', 'being', 'is', 'was', 'were', 'are', "'s", "'re"]);

/**
 * "Mr. Quiros was accused of ...", "has been harshly criticized": a passive cue with no "by" names the
 * one it reports about, not who reported; its subject is no source.
 */
function agentless(text: TextLayer, r: TokenRelation): boolean {
  const cue = r.cue[0] as TokenRange;
  const last = r.cue[r.cue.length - 1] as TokenRange;
  if (!r.source || r.source[1] > cue[0] || tokenForm(text, last[1]) === 'by') return false;
  for (let i = cue[0]; i + 1 < last[1]; i++) {
    if (!BE.has(tokenForm(text, i))) continue;
    let j = i + 1;
    while (j < last[1] - 1 && text.tokens.kind(j) === TokenKind.Word && tokenForm(text, j).endsWith('ly'))
      j++;
    const form = tokenForm(text, j);
    if (form === 'quoted') return false;
    if (/(?:ed|en)$/.test(form)) return true;
  }
  return false;
}

/**
 * "Trump defended the plan, saying ...", "she said ... and added": a participle after a comma, or a
 * reporting verb after "and", reports for the speaker of the report before it in the sentence, of
 * the unit's first `done` relations.
 */
function participleSource(
  text: TextLayer,
  cue: TokenRange,
  sentence: TokenRange,
  relations: readonly TokenRelation[],
  done: number,
): TokenRange | undefined {
  const before = cue[0] - 1 > sentence[0] ? tokenForm(text, cue[0] - 1) : '';
  const form = tokenForm(text, cue[0]);
  if (!((before === ',' && form.endsWith('ing')) || (before === 'and' && isReportingWord(form))))
    return undefined;
  for (let k = done - 1; k >= 0; k--) {
    const r = relations[k] as TokenRelation;
    const at = (r.cue[0] as TokenRange)[0];
    if (at < sentence[0] || at >= cue[0]) continue;
    if (r.source) return r.source;
  }
  return sentenceSubject(text, cue, sentence, NONE_TAKEN);
}

/**
 * The cue (or content) spans of a list of reports by position, each with its report's place: sorted by
 * start, with the running maximum of their ends, so the spans that overlap a range are found by binary
 * search rather than a scan, which made long documents quadratic. In typed arrays kept for all
 * documents and grown as needed, as an object per span costs more to make than the index is used; no
 * question asked of it depends on the order of spans that start together.
 */
class ReportIndex {
  private count = 0;
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  private maxEnd = new Int32Array(0);
  private reports = new Int32Array(0);
  /** The spans as read, by start with their place in the low bits, sorted. */
  private keys = new Float64Array(0);
  private readEnds = new Int32Array(0);
  private readReports = new Int32Array(0);

  /** Indexes the `part` spans of `reports`, in place of what it held. */
  of(reports: readonly Attribution[], part: 'cue' | 'content'): this {
    let n = 0;
    for (let k = 0; k < reports.length; k++) n += (reports[k] as Attribution)[part].length;
    if (this.starts.length < n) {
      const size = Math.max(n, 2 * this.starts.length);
      this.starts = new Int32Array(size);
      this.ends = new Int32Array(size);
      this.maxEnd = new Int32Array(size);
      this.reports = new Int32Array(size);
      this.keys = new Float64Array(size);
      this.readEnds = new Int32Array(size);
      this.readReports = new Int32Array(size);
    }
    const scale = 2 ** Math.ceil(Math.log2(n + 1));
    const keys = this.keys.subarray(0, n);
    let at = 0;
    for (let k = 0; k < reports.length; k++) {
      const spans = (reports[k] as Attribution)[part];
      for (let j = 0; j < spans.length; j++) {
        const c = spans[j] as Span;
        keys[at] = c.start * scale + at;
        this.readEnds[at] = c.end;
        this.readReports[at] = k;
        at++;
      }
    }
    keys.sort();
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const key = keys[i] as number;
      const start = Math.floor(key / scale);
      const from = key - start * scale;
      const end = this.readEnds[from] as number;
      this.starts[i] = start;
      this.ends[i] = end;
      this.reports[i] = this.readReports[from] as number;
      max = Math.max(max, end);
      this.maxEnd[i] = max;
    }
    this.count = n;
    return this;
  }

  /** Whether `test` holds for the report of a span that shares a position with `[start, end)`. */
  someOverlapping(start: number, end: number, test: (report: number) => boolean): boolean {
    for (
      let i = firstAtLeast(this.starts, end, this.count) - 1;
      i >= 0 && (this.maxEnd[i] as number) > start;
      i--
    )
      if ((this.ends[i] as number) > start && test(this.reports[i] as number)) return true;
    return false;
  }
}

/** Two indexes, for cues and contents, kept for all documents: one document is read at a time. */
const CUE_INDEX = new ReportIndex();
const CONTENT_INDEX = new ReportIndex();

const ANY = (_: number) => true;

/**
 * News style's most common report, ", Kim noted." at the end of a sentence, read by rule where the
 * tagger missed it: the clause before the comma is the content. A tagger cue in that sentence with no
 * reporting word and no source ("be laid") gives way to it. The reports' cues and contents are looked
 * up by position rather than scanned, which made long documents quadratic; a report added here lies
 * in its own sentence, before those still to come, so the lookups need only what `found` holds.
 */
function withClosingReports(text: TextLayer, found: Attribution[]): Attribution[] {
  let cues: ReportIndex | undefined;
  let contents: ReportIndex | undefined;
  let dropped: Uint8Array | undefined;
  const live = (report: number) => dropped?.[report] !== 1;
  // A report over the clause stands unless it is weak: no source and no cue word.
  const strong = (report: number) => {
    const a = found[report] as Attribution;
    return live(report) && (a.source !== undefined || hasCueWord(a.cue));
  };
  const drop = (report: number) => {
    dropped ??= new Uint8Array(found.length);
    dropped[report] = 1;
    return false;
  };
  const added: Attribution[] = [];
  for (let s = 0; s < text.sentences.length; s++) {
    const sentence = text.sentences[s] as SentenceSpan;
    let k = sentence.endToken - 1;
    while (k > sentence.firstToken && text.tokens.kind(k) !== TokenKind.Word) k--;
    if (!SPEECH_VERB_SET.has(tokenForm(text, k))) continue;
    const cueStart = text.tokens.start(k);
    cues ??= CUE_INDEX.of(found, 'cue');
    if (cues.someOverlapping(cueStart, cueStart + 1, live)) continue;
    const subject = nearestSubject(text, [k, k + 1], [sentence.firstToken, sentence.endToken], NONE_TAKEN);
    if (!subject || subject[0] - 1 <= sentence.firstToken || tokenForm(text, subject[0] - 1) !== ',')
      continue;
    const content = toSpan(text, [sentence.firstToken, subject[0] - 1]);
    contents ??= CONTENT_INDEX.of(found, 'content');
    if (contents.someOverlapping(content.start, content.end, strong)) continue;
    contents.someOverlapping(content.start, content.end, drop);
    added.push(
      attributionOf(
        [toSpan(text, [k, k + 1])],
        [content],
        toSpan(text, subject),
        [],
        'attribution/closing-report',
      ),
    );
  }
  if (added.length === 0) return inCueOrder(found);
  const out = found.filter((_, k) => live(k));
  out.push(...added);
  return inCueOrder(out);
}

const cueStart = (a: Attribution) => a.cue[0]?.start ?? 0;
const byCueStart = (a: Attribution, b: Attribution) => cueStart(a) - cueStart(b);

/** `reports`, sorted in place by where their cues start (stably) when they are not in that order already. */
function inCueOrder(reports: Attribution[]): Attribution[] {
  for (let k = 1; k < reports.length; k++)
    if (cueStart(reports[k] as Attribution) < cueStart(reports[k - 1] as Attribution))
      return reports.sort(byCueStart);
  return reports;
}

/** Reports set apart by punctuation alone (a label and a colon, a dash and a name) the tagger missed. */
function withLabelledReports(
  text: TextLayer,
  passages: readonly QuotedPassage[],
  found: Attribution[],
): Attribution[] {
  const labelled = labelledReports(text, passages);
  // `found` is in cue order already: with nothing to add, it stands as it is.
  if (labelled.length === 0) return found;
  const out = [...found];
  const cues = CUE_INDEX.of(found, 'cue');
  // A labelled report's cue is one token, so one added before overlaps it only by starting where it does.
  const taken = new Set<number>();
  for (let k = 0; k < labelled.length; k++) {
    const r = labelled[k] as LabelledReport;
    const cue = toSpan(text, r.cue);
    if (taken.has(cue.start) || cues.someOverlapping(cue.start, cue.end, ANY)) continue;
    taken.add(cue.start);
    out.push(
      attributionOf([cue], [toSpan(text, r.content)], toSpan(text, r.source), [], 'attribution/labelled'),
    );
  }
  return inCueOrder(out);
}

/**
 * "leader Kim calling them ...": a cue that holds a capitalised name before its verb has taken the
 * end of its source; the words up to the name go back to the source.
 */
function moveNameToSource(text: TextLayer, r: TokenRelation): void {
  const cue = r.cue[0];
  if (!cue || cue[1] - cue[0] < 2) return;
  let k = cue[0];
  for (let i = cue[0]; i < cue[1] - 1; i++) {
    if (isReportingWord(tokenForm(text, i))) break;
    if (
      text.tokens.has(i, TokenFlag.Capitalised) &&
      text.sentences[text.sentenceAt(text.tokens.start(i))]?.firstToken !== i
    )
      k = i + 1;
  }
  if (k === cue[0]) return;
  r.cue[0] = [k, cue[1]];
  r.source = r.source && r.source[1] === cue[0] ? [r.source[0], k] : [cue[0], k];
}

/**
 * "X was quoted as saying by Y": X is the speaker and Y relays the words; the tagger, as PolNeAR's
 * annotators do for passives, may have taken Y as the source and X into the content.
 */
function quotedBy(text: TextLayer, r: TokenRelation, sentence: TokenRange): void {
  const cue = r.cue[r.cue.length - 1] as TokenRange;
  let quoted = false;
  for (let i = cue[0]; i < cue[1]; i++) if (tokenForm(text, i) === 'quoted') quoted = true;
  if (!quoted || tokenForm(text, cue[1]) !== 'by') return;
  const subject = nearestSubject(text, r.cue[0] as TokenRange, sentence, NONE_TAKEN);
  if (!subject || subject[1] > (r.cue[0] as TokenRange)[0]) return;
  // In loops, not a map and a filter: closures over `subject` would cost every call its context.
  const content: TokenRange[] = [];
  for (let k = 0; k < r.content.length; k++) {
    const range = r.content[k] as TokenRange;
    const c: TokenRange = range[1] > subject[0] && range[0] < subject[0] ? [range[0], subject[0]] : range;
    if (c[1] > c[0] && !(c[0] >= subject[0] && c[1] <= subject[1])) content.push(c);
  }
  r.content = content;
  r.source = subject;
}

/** Words come through an outlet, an organisation or a person; a country or a place passes on nothing. */
const canRelay = (e: Entity | undefined) => e !== undefined && e.type !== 'GPE' && e.type !== 'LOC';

const RELAY_CUE = /^(?:according to|reported|reports|reporting|quoted)\b/i;

/**
 * Speakers and relays, in reading order. A news outlet cited by "according to" or "reported" relays
 * what follows from people it quotes, until another outlet is cited; the publisher of the document
 * is the outermost link and is never listed.
 */
function resolveSpeakers(
  context: StageContext,
  attributions: Attribution[],
  resolver: SpeakerResolver,
): void {
  const publisher = context.document.meta.source?.toLowerCase();
  const source = context.text.source;
  let relay: string | undefined;
  for (let k = 0; k < attributions.length; k++) {
    const a = attributions[k] as Attribution;
    if (a.source) {
      const id = resolver.resolve(a.source, source);
      if (id) a.speaker = id;
    }
    // Most reports name no relay: no list for none.
    let viaIds: string[] | undefined;
    for (let j = 0; j < a.viaSources.length; j++) {
      const id = resolver.resolve(a.viaSources[j] as Span, source);
      if (id !== undefined && id !== a.speaker && canRelay(resolver.entity(id))) viaIds = append(viaIds, id);
    }
    const speaker = resolver.entity(a.speaker);
    const isRelay =
      speaker &&
      speaker.type !== 'PERSON' &&
      canRelay(speaker) &&
      (RELAY_CUE.test(cueText(a.cue)) || resolver.isMedia(speaker.name));
    if (!viaIds && relay && speaker?.type === 'PERSON') viaIds = [relay];
    if (!viaIds) {
      if (speaker && isRelay && speaker.name.toLowerCase() !== publisher) relay = speaker.id;
      continue;
    }
    const via: string[] = [];
    for (let j = 0; j < viaIds.length; j++)
      if (resolver.entity(viaIds[j])?.name.toLowerCase() !== publisher) via.push(viaIds[j] as string);
    a.via = via;
    if (speaker && isRelay && speaker.name.toLowerCase() !== publisher) relay = speaker.id;
    for (let j = 0; j < viaIds.length; j++)
      if (resolver.isMedia(resolver.entity(viaIds[j])?.name ?? '')) relay = viaIds[j];
  }
}

/** The words of a cue, its pieces joined by a space. */
const cueText = (cue: readonly Span[]) =>
  cue.length === 1 ? (cue[0] as Span).text : cue.map((c) => c.text).join(' ');

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

function quoteOf(
  span: Span,
  kind: Quote['kind'],
  a: Attribution | undefined,
  rule: string,
  confidence: number,
): AttributedQuote {
  const cue = a?.cue[0];
  // Field by field, in the order they are written out: conditional object spreads cost microseconds.
  const quote: Record<string, unknown> = { start: span.start, end: span.end, text: span.text, kind };
  if (a?.speaker) quote.speaker = a.speaker;
  if (cue) quote.cue = cue;
  if (a && a.via.length > 0) quote.via = a.via;
  if (a?.source) quote.source = a.source;
  quote.rule = rule;
  quote.confidence = confidence;
  return quote as unknown as AttributedQuote;
}

function contentLength(a: Attribution): number {
  let sum = 0;
  for (let k = 0; k < a.content.length; k++) sum += (a.content[k] as Span).end - (a.content[k] as Span).start;
  return sum;
}

/** Whether report `k` rather than `than` speaks a passage both hold: one with a source, the shorter, the first. */
function holdsBetter(attributions: readonly Attribution[], k: number, than: number): boolean {
  const a = attributions[k] as Attribution;
  const b = attributions[than] as Attribution;
  const sourced = Number(!a.source) - Number(!b.source);
  if (sourced !== 0) return sourced < 0;
  const shorter = contentLength(a) - contentLength(b);
  return shorter !== 0 ? shorter < 0 : k < than;
}

/** Whether `s` holds white space (as `\s` matches it), read in place: cheaper than a regex on a word. */
function hasSpace(s: string): boolean {
  for (let j = 0; j < s.length; j++) if (isSpaceCode(s.charCodeAt(j))) return true;
  return false;
}

/**
 * Whether a word of the cues, lower-cased and split at white space, is a reporting word (or one of
 * `learned`). Most cues are a single word, which needs no split.
 */
function hasCueWord(cue: readonly Span[], learned?: ReadonlySet<string>): boolean {
  for (let k = 0; k < cue.length; k++) {
    const lower = (cue[k] as Span).text.toLowerCase();
    // The words as `split(/\s+/)` cuts them (an empty one where white space opens or closes the text),
    // cut out in place: no list, and no string for a cue of one word.
    let start = 0;
    for (let j = 0; j <= lower.length; j++) {
      if (j < lower.length && !isSpaceCode(lower.charCodeAt(j))) continue;
      const w = start === 0 && j === lower.length ? lower : lower.slice(start, j);
      if (isReportingWord(w) || learned?.has(w)) return true;
      while (j + 1 < lower.length && isSpaceCode(lower.charCodeAt(j + 1))) j++;
      start = j + 1;
    }
  }
  return false;
}

/**
 * Words in `source[start, end)`, runs between white space that hold a letter: how long a quotation
 * must be before it is taken as someone's words. Counted in place rather than split into strings; a
 * passage with a surrogate pair (a letter may be astral) is split as before.
 */
function wordCount(source: string, start: number, end: number): number {
  let words = 0;
  let letter = false;
  for (let j = start; j < end; j++) {
    const c = source.charCodeAt(j);
    if (isSpaceCode(c)) {
      if (letter) words++;
      letter = false;
    } else if (!letter) {
      if (c < 0x80) letter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
      else if (c >= 0xd800 && c <= 0xdfff)
        return source
          .slice(start, end)
          .split(/\s+/)
          .filter((w) => /\p{L}/u.test(w)).length;
      else letter = /\p{L}/u.test(String.fromCharCode(c));
    }
  }
  return letter ? words + 1 : words;
}

let firstReports = new Int32Array(0);

/**
 * Per sentence `s`, at `s + 1` (0 for what lies in none, as `sentenceAt` gives -1 there), the first of
 * `reports` with a cue in it, -1 for none: a view of one array kept for all documents, grown as needed.
 */
function firstReportBySentence(text: TextLayer, reports: readonly Attribution[]): Int32Array {
  const n = text.sentences.length + 1;
  if (firstReports.length < n) firstReports = new Int32Array(Math.max(n, 2 * firstReports.length));
  const first = firstReports.subarray(0, n);
  first.fill(-1);
  for (let k = 0; k < reports.length; k++) {
    const cue = (reports[k] as Attribution).cue;
    for (let c = 0; c < cue.length; c++) {
      const s = text.sentenceAt((cue[c] as Span).start) + 1;
      if (first[s] === -1) first[s] = k;
    }
  }
  return first;
}

/** The quotes of the quoted passages, pushed on `out`. */
function passageQuotes(
  text: TextLayer,
  passages: readonly QuotedPassage[],
  attributions: Attribution[],
  out: AttributedQuote[],
): void {
  // Reports by the sentences their cues are in, and their contents by position, each in report order:
  // looked up per passage rather than scanned, which made long documents quadratic.
  const bySentence = firstReportBySentence(text, attributions);
  const contentIndex = CONTENT_INDEX.of(attributions, 'content');
  // The innermost report with a source holding a passage speaks it: "Kim said "X", the KCNA said" is
  // Kim's quote. `holdsBetter` orders reports fully, so the order the contents are visited in is no matter.
  let held = -1;
  const hold = (report: number) => {
    if (held < 0 || holdsBetter(attributions, report, held)) held = report;
    return false;
  };
  let lastPassage: QuotedPassage | undefined;
  let lastAttribution: Attribution | undefined;
  for (let k = 0; k < passages.length; k++) {
    const p = passages[k] as QuotedPassage;
    const sentence = text.sentenceAt(p.start);
    const a = bySentence[sentence + 1] as number;
    const b = bySentence[text.sentenceAt(p.end - 1) + 1] as number;
    const inSentence = a < 0 ? b : b < 0 ? a : Math.min(a, b);
    held = -1;
    contentIndex.someOverlapping(p.start, p.end, hold);
    const holder = held >= 0 ? attributions[held] : inSentence >= 0 ? attributions[inSentence] : undefined;
    // A passage opening a paragraph right after a quotation carries on the same speaker's words.
    const continues =
      !holder &&
      lastPassage &&
      (lastPassage.paragraph === p.paragraph || lastPassage.paragraph + 1 === p.paragraph);
    const attribution = holder ?? (continues ? lastAttribution : undefined);
    const words = wordCount(text.source, p.start, p.end);
    // A short phrase in marks is someone's words only when a reporting word attributes it and it is
    // not part of the source itself ("the so-called "experts" were wrong").
    const reported = attribution && hasCueWord(attribution.cue);
    const inSource = attribution?.source && overlaps(attribution.source, p);
    if ((!attribution && words < 5) || (words < 5 && (!reported || inSource))) {
      // Scare quotes, titles and names in marks are nobody's words: no quote, and no speaker invented.
      continue;
    }
    const before = p.openToken > 0 ? tokenForm(text, p.openToken - 1) : '';
    const opensSentence = text.sentences[sentence]?.firstToken === p.openToken;
    // A quotation the writer's words run on from ("hegemony-seeking" forces) is a phrase, not a statement.
    const runsOn =
      p.closeToken >= 0 &&
      text.tokens.kind(p.closeToken + 1) === TokenKind.Word &&
      !',.;:!?'.includes(text.source.charAt(text.tokens.start(p.closeToken) - 1));
    const kind: Quote['kind'] =
      !runsOn &&
      (opensSentence || before === ',' || before === ':' || SPEECH_VERB_SET.has(before) || words >= 8)
        ? 'direct'
        : 'partial';
    const rule = holder
      ? 'attribution/quoted'
      : continues
        ? 'attribution/quote-continues'
        : 'attribution/unattributed';
    out.push(quoteOf(spanOf(text.source, p.start, p.end), kind, attribution, rule, attribution ? 0.8 : 0.5));
    lastPassage = p;
    lastAttribution = attribution;
  }
}

const FRONTED = new Set(['which', 'what', 'whatever']);

/**
 * "described that as", "claim to hope": a content of function words alone (or none) or a bare
 * infinitive is a piece of the clause the tagger cut, not what anyone said. A single content word
 * stays: PolNeAR marks bare objects ("backed Clinton") as content.
 */
function slightContent(text: TextLayer, content: Span, cue: Span | undefined): boolean {
  const { tokens } = text;
  let words = 0;
  let firstWord = '';
  let onlyFunction = true;
  // Words read lower-cased, as function words are listed; past two words with one that is not a
  // function word the answer is known.
  for (let i = tokens.indexAt(content.start); i < tokens.count && tokens.start(i) < content.end; i++) {
    const kind = tokens.kind(i);
    if (kind !== TokenKind.Word && kind !== TokenKind.Number) continue;
    const word = tokens.lower(i);
    if (words === 0) firstWord = word;
    words++;
    onlyFunction &&= isLowerFunctionWord(word);
    if (words > 2 && !onlyFunction) return false;
  }
  // "the rules, which the court said ...", "what Wahl said": a fronted relative object stands for what
  // was said, as PolNeAR marks it.
  if (words === 1 && cue && content.end <= cue.start && FRONTED.has(firstWord)) return false;
  if (onlyFunction) return true;
  return words === 2 && firstWord === 'to';
}

/**
 * Whether a report the tagger read is likely one: it has a source, and a cue of several words holds a
 * word known to cue reports (a reporting verb or one of the learned cue words). On PolNeAR dev about
 * one in five of the others is right, too few to keep: they are mostly pieces of the writer's own
 * sentences ("the national debate about", "accord on") the tagger took for reports.
 */
export function credible(a: { cue: readonly Span[]; source?: Span }, cueWords: ReadonlySet<string>): boolean {
  if (!a.source) return false;
  // A cue of one word in all is credible whatever the word.
  if (a.cue.length === 1 && !hasSpace((a.cue[0] as Span).text)) return true;
  return hasCueWord(a.cue, cueWords);
}

/**
 * How much of `span` the first `count` of `quotes` cover: those of the quoted passages, in order and
 * apart, so a search finds the first that may reach it and a walk the rest.
 */
function coveredBy(quotes: readonly AttributedQuote[], count: number, span: Span): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((quotes[mid] as AttributedQuote).end <= span.start) lo = mid + 1;
    else hi = mid;
  }
  let covered = 0;
  for (let k = lo; k < count && (quotes[k] as AttributedQuote).start < span.end; k++) {
    const q = quotes[k] as AttributedQuote;
    covered += Math.min(q.end, span.end) - Math.max(q.start, span.start);
  }
  return covered;
}

/**
 * Finds who said what: quoted passages from the quote marks, and attributions (source, cue, content)
 * from the learned tagger; resolves speakers to entities and records the relays words came through.
 * Reported speech without marks becomes an `indirect` quote over its content.
 */
export const findAttributions: Stage = {
  name: 'attribution/find-attributions',
  role: 'extract',
  writes: ['quotes', 'entities'],
  run(context) {
    const { text } = context;
    const passages = findQuotedPassages(text, (m) => context.report(m));
    const tagger = defaultTagger();
    const tagged = tagAttributions(text, () => context.overBudget?.() ?? false);
    // Those not credible dropped in place: the list is this stage's own.
    let n = 0;
    for (let k = 0; k < tagged.length; k++)
      if (credible(tagged[k] as Attribution, tagger.cueWords)) tagged[n++] = tagged[k] as Attribution;
    tagged.length = n;
    const attributions = withLabelledReports(text, passages, tagged);
    const resolver = new SpeakerResolver(context.layers.entities);
    resolveSpeakers(context, attributions, resolver);
    // Quotations first: a reader (or scorer) looking for the quote over some words finds the quoted
    // words before the indirect report that contains them.
    const quotes = keptArray<AttributedQuote>();
    passageQuotes(text, passages, attributions, quotes);
    const quoted = quotes.length;
    for (let k = 0; k < attributions.length; k++) {
      const a = attributions[k] as Attribution;
      for (let j = 0; j < a.content.length; j++) {
        const c = a.content[j] as Span;
        if (coveredBy(quotes, quoted, c) < 0.6 * (c.end - c.start) && !slightContent(text, c, a.cue[0]))
          quotes.push(quoteOf(c, 'indirect', a, a.rule, 0.6));
      }
    }
    context.layers.quotes = quotes;
    context.layers.entities = resolver.all;
  },
};
