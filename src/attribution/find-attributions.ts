import type { Entity, Quote } from '../document/analysis.js';
import { isSpaceCode, type Span, spanOf } from '../document/span.js';
import { SpanIndex } from '../document/span-index.js';
import type { Stage, StageContext } from '../pipeline/stage.js';
import type { TextLayer } from '../text/text-layer.js';
import { TokenFlag, TokenKind } from '../text/tokens.js';
import { isReportingWord, SPEECH_VERB_SET } from './cue-lexicon.js';
import { tagUnits, tokenForm } from './features.js';
import { isLowerFunctionWord } from './function-words.js';
import { labelledReports } from './label-reports.js';
import { nearestSubject, openingParticipleSubject, sentenceSubject, trimSource } from './nearest-subject.js';
import { findQuotedPassages, type QuotedPassage } from './quote-spans.js';
import { groupRelations, relationOf, type TokenRange, type TokenRelation } from './relations.js';
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
  via: string[];
  rule: string;
}

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
  return { cue, source, content, viaSources, speaker: undefined, via: [], rule };
}

const toSpan = (text: TextLayer, r: TokenRange): Span =>
  spanOf(text.source, text.tokens.start(r[0]), text.tokens.end(r[1] - 1));

/** Token ranges to character spans, joining ranges that touch ("according" + "to"). */
function spans(text: TextLayer, ranges: readonly TokenRange[]): Span[] {
  if (ranges.length === 1) return [toSpan(text, ranges[0] as TokenRange)];
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: TokenRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) out[out.length - 1] = [last[0], Math.max(last[1], r[1])];
    else out.push(r);
  }
  return out.map((r) => toSpan(text, r));
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

function tagAttributions(text: TextLayer, overBudget: () => boolean): Attribution[] {
  const scorer = defaultScorer();
  const found: Attribution[] = [];
  /**
   * Reports by where their cue starts, in the order found, each with its cue and content as they were
   * when found (a continued report's content grows later): a number key, not a string of offsets.
   */
  const byCue = new Map<number, { report: Attribution; cue: Span[]; content: Span[] }[]>();
  const keep = (a: Attribution) => {
    found.push(a);
    const at = a.cue[0]?.start ?? -1;
    const entry = { report: a, cue: a.cue, content: a.content };
    const same = byCue.get(at);
    if (same) same.push(entry);
    else byCue.set(at, [entry]);
  };
  /** The first report found with the same cue and content offsets as `a`. */
  const sameAs = (a: Attribution) =>
    byCue
      .get(a.cue[0]?.start ?? -1)
      ?.find((b) => sameOffsets(a.cue, b.cue) && sameOffsets(a.content, b.content))?.report;
  let previous: TokenRelation | undefined;
  let previousAttribution: Attribution | undefined;
  const { spoken, sourced } = reportMarks(text.tokens.count);
  let unitNumber = 0;
  // Made once: they read the unit number as it stands.
  const isSpoken = (i: number) => spoken[i] === unitNumber;
  const isTaken = (i: number) => spoken[i] === unitNumber || sourced[i] === unitNumber;
  for (const unit of tagUnits(text)) {
    // Past the time budget, what was found so far stands and the pipeline marks the analysis partial.
    if (overBudget()) break;
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
    for (const r of relations) {
      for (const range of r.cue) spoken.fill(unitNumber, Math.max(range[0], 0), range[1]);
      for (const range of r.content) spoken.fill(unitNumber, Math.max(range[0], 0), range[1]);
      if (r.source) sourced.fill(unitNumber, Math.max(r.source[0], 0), r.source[1]);
    }
    const done: TokenRelation[] = [];
    for (const r of relations) {
      moveNameToSource(text, r);
      // The cue's sentence: the rules below move sources and contents, never the cue.
      const sentence = text.sentences[text.sentenceAt(text.tokens.start((r.cue[0] as TokenRange)[0]))];
      const bounds: TokenRange | undefined = sentence && [sentence.firstToken, sentence.endToken];
      if (bounds) quotedBy(text, r, bounds);
      if (!r.source) {
        const guess =
          bounds &&
          (nearestSubject(text, r.cue[0] as TokenRange, bounds, isTaken) ??
            sentenceSubject(text, r.cue[0] as TokenRange, bounds, isSpoken));
        if (guess) r.source = guess;
        else if (bounds) {
          const shared =
            participleSource(text, r.cue[0] as TokenRange, bounds, done) ??
            openingParticipleSubject(text, r.cue[0] as TokenRange, bounds, isSpoken);
          if (shared) r.source = shared;
        }
      }
      if (r.source && agentless(text, r)) r.source = undefined;
      done.push(r);
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
        spans(text, chosen.cue).map(trimCue),
        spans(text, inner ? [...inner.content, ...r.content.slice(1)] : r.content),
        chosen.source ? toSpan(text, trimSource(text, chosen.source)) : undefined,
        viaSources,
        inner ? 'attribution/nested-report' : 'attribution/tagger',
      );
      // The outer report stands too: the relay said all of it, the inner report included.
      if (inner && r.source)
        keep(
          attributionOf(
            spans(text, r.cue).map(trimCue),
            spans(text, r.content),
            toSpan(text, trimSource(text, r.source)),
            [],
            'attribution/tagger',
          ),
        );
      // "X said ..., the KCNA said" read as nested repeats the tagger's report of X: one report, with
      // the relays of both.
      const same = sameAs(attribution);
      if (same) {
        for (const v of viaSources)
          if (!same.viaSources.some((s) => s.start === v.start)) same.viaSources.push(v);
        continue;
      }
      keep(attribution);
      previousAttribution = attribution;
    }
    previous = relations[relations.length - 1] ?? previous;
  }
  return withClosingReports(text, found);
}

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
 * reporting verb after "and", reports for the speaker of the report before it in the sentence.
 */
function participleSource(
  text: TextLayer,
  cue: TokenRange,
  sentence: TokenRange,
  earlier: readonly TokenRelation[],
): TokenRange | undefined {
  const before = cue[0] - 1 > sentence[0] ? tokenForm(text, cue[0] - 1) : '';
  const form = tokenForm(text, cue[0]);
  if (!((before === ',' && form.endsWith('ing')) || (before === 'and' && isReportingWord(form))))
    return undefined;
  for (let k = earlier.length - 1; k >= 0; k--) {
    const r = earlier[k] as TokenRelation;
    const at = (r.cue[0] as TokenRange)[0];
    if (at < sentence[0] || at >= cue[0]) continue;
    if (r.source) return r.source;
  }
  return sentenceSubject(text, cue, sentence, () => false);
}

/** A span of a report's cue or content, with the report's place in its list. */
interface ReportSpan {
  readonly start: number;
  readonly end: number;
  readonly report: number;
}

/** The cue (or content) spans of `reports` by position, each with its report's place. */
function reportSpans(reports: readonly Attribution[], part: 'cue' | 'content'): SpanIndex<ReportSpan> {
  const out: ReportSpan[] = [];
  reports.forEach((a, report) => {
    for (const c of a[part]) out.push({ start: c.start, end: c.end, report });
  });
  return new SpanIndex(out);
}

/**
 * News style's most common report, ", Kim noted." at the end of a sentence, read by rule where the
 * tagger missed it: the clause before the comma is the content. A tagger cue in that sentence with no
 * reporting word and no source ("be laid") gives way to it. The reports' cues and contents are looked
 * up by position rather than scanned, which made long documents quadratic; a report added here lies
 * in its own sentence, before those still to come, so the lookups need only what `found` holds.
 */
function withClosingReports(text: TextLayer, found: Attribution[]): Attribution[] {
  let cues: SpanIndex<ReportSpan> | undefined;
  let contents: SpanIndex<ReportSpan> | undefined;
  const dropped = new Uint8Array(found.length);
  const live = (c: ReportSpan) => dropped[c.report] === 0;
  const strong = (a: Attribution) => a.source !== undefined || hasCueWord(a.cue);
  const added: Attribution[] = [];
  for (const sentence of text.sentences) {
    let k = sentence.endToken - 1;
    while (k > sentence.firstToken && text.tokens.kind(k) !== TokenKind.Word) k--;
    if (!SPEECH_VERB_SET.has(tokenForm(text, k))) continue;
    const cueStart = text.tokens.start(k);
    cues ??= reportSpans(found, 'cue');
    if (cues.someOverlapping(cueStart, cueStart + 1, live)) continue;
    const subject = nearestSubject(text, [k, k + 1], [sentence.firstToken, sentence.endToken], () => false);
    if (!subject || subject[0] - 1 <= sentence.firstToken || tokenForm(text, subject[0] - 1) !== ',')
      continue;
    const content = toSpan(text, [sentence.firstToken, subject[0] - 1]);
    contents ??= reportSpans(found, 'content');
    const holders = contents.overlapping(content.start, content.end).filter(live);
    // A report over the clause stands unless it is weak: no source and no cue word.
    if (holders.some((c) => strong(found[c.report] as Attribution))) continue;
    for (const c of holders) dropped[c.report] = 1;
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
  const out = found.filter((_, k) => dropped[k] === 0);
  out.push(...added);
  return out.sort((a, b) => (a.cue[0]?.start ?? 0) - (b.cue[0]?.start ?? 0));
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
  const cues = reportSpans(found, 'cue');
  // A labelled report's cue is one token, so one added before overlaps it only by starting where it does.
  const taken = new Set<number>();
  for (const r of labelled) {
    const cue = toSpan(text, r.cue);
    if (taken.has(cue.start) || cues.someOverlapping(cue.start, cue.end)) continue;
    taken.add(cue.start);
    out.push(
      attributionOf([cue], [toSpan(text, r.content)], toSpan(text, r.source), [], 'attribution/labelled'),
    );
  }
  return out.sort((a, b) => (a.cue[0]?.start ?? 0) - (b.cue[0]?.start ?? 0));
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
  const subject = nearestSubject(text, r.cue[0] as TokenRange, sentence, () => false);
  if (!subject || subject[1] > (r.cue[0] as TokenRange)[0]) return;
  r.content = r.content
    .map((c): TokenRange => (c[1] > subject[0] && c[0] < subject[0] ? [c[0], subject[0]] : c))
    .filter((c) => c[1] > c[0] && !(c[0] >= subject[0] && c[1] <= subject[1]));
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
  for (const a of attributions) {
    if (a.source) {
      const id = resolver.resolve(a.source, source);
      if (id) a.speaker = id;
    }
    // Most reports name no relay: one array, no pass over none.
    const viaIds: string[] = [];
    for (const s of a.viaSources) {
      const id = resolver.resolve(s, source);
      if (id !== undefined && id !== a.speaker && canRelay(resolver.entity(id))) viaIds.push(id);
    }
    const speaker = resolver.entity(a.speaker);
    const isRelay =
      speaker &&
      speaker.type !== 'PERSON' &&
      canRelay(speaker) &&
      (RELAY_CUE.test(a.cue.map((c) => c.text).join(' ')) || resolver.isMedia(speaker.name));
    if (viaIds.length === 0 && relay && speaker?.type === 'PERSON') viaIds.push(relay);
    a.via =
      viaIds.length > 0
        ? viaIds.filter((id) => resolver.entity(id)?.name.toLowerCase() !== publisher)
        : viaIds;
    if (speaker && isRelay && speaker.name.toLowerCase() !== publisher) relay = speaker.id;
    for (const id of viaIds) if (resolver.isMedia(resolver.entity(id)?.name ?? '')) relay = id;
  }
}

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
  for (const c of a.content) sum += c.end - c.start;
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
  for (const c of cue) {
    const lower = c.text.toLowerCase();
    if (hasSpace(lower)) {
      for (const w of lower.split(/\s+/)) if (isReportingWord(w) || learned?.has(w)) return true;
    } else if (isReportingWord(lower) || learned?.has(lower)) return true;
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

function passageQuotes(text: TextLayer, passages: readonly QuotedPassage[], attributions: Attribution[]) {
  const out: AttributedQuote[] = [];
  // Reports by the sentences their cues are in, and their contents by position, each in report order:
  // looked up per passage rather than scanned, which made long documents quadratic.
  const bySentence = new Map<number, number>();
  const contents: { start: number; end: number; report: number }[] = [];
  attributions.forEach((a, k) => {
    for (const c of a.cue) {
      const s = text.sentenceAt(c.start);
      if (!bySentence.has(s)) bySentence.set(s, k);
    }
    for (const c of a.content) contents.push({ start: c.start, end: c.end, report: k });
  });
  const contentIndex = new SpanIndex(contents);
  let last: { passage: QuotedPassage; attribution: Attribution | undefined } | undefined;
  for (const p of passages) {
    const sentence = text.sentenceAt(p.start);
    const inSentence = Math.min(
      bySentence.get(sentence) ?? Number.POSITIVE_INFINITY,
      bySentence.get(text.sentenceAt(p.end - 1)) ?? Number.POSITIVE_INFINITY,
    );
    // The innermost report with a source holding a passage speaks it: "Kim said "X", the KCNA said" is
    // Kim's quote.
    let held = -1;
    for (const c of contentIndex.overlapping(p.start, p.end))
      if (held < 0 || holdsBetter(attributions, c.report, held)) held = c.report;
    const holder = held >= 0 ? attributions[held] : attributions[inSentence];
    // A passage opening a paragraph right after a quotation carries on the same speaker's words.
    const continues =
      !holder &&
      last &&
      (last.passage.paragraph === p.paragraph || last.passage.paragraph + 1 === p.paragraph);
    const attribution = holder ?? (continues ? last?.attribution : undefined);
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
    last = { passage: p, attribution };
  }
  return out;
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
    const attributions = withLabelledReports(
      text,
      passages,
      tagAttributions(text, () => context.overBudget?.() ?? false).filter((a) =>
        credible(a, tagger.cueWords),
      ),
    );
    const resolver = new SpeakerResolver(context.layers.entities);
    resolveSpeakers(context, attributions, resolver);
    const quoted = passageQuotes(text, passages, attributions);
    const indirect: AttributedQuote[] = [];
    const quotedIndex = new SpanIndex(quoted);
    for (const a of attributions) {
      for (const c of a.content) {
        const covered = quotedIndex
          .overlapping(c.start, c.end)
          .reduce((sum, q) => sum + Math.min(q.end, c.end) - Math.max(q.start, c.start), 0);
        if (covered < 0.6 * (c.end - c.start) && !slightContent(text, c, a.cue[0]))
          indirect.push(quoteOf(c, 'indirect', a, a.rule, 0.6));
      }
    }
    // Quotations first: a reader (or scorer) looking for the quote over some words finds the quoted
    // words before the indirect report that contains them.
    context.layers.quotes = [...quoted, ...indirect];
    context.layers.entities = resolver.all;
  },
};
