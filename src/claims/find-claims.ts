import type { Certainty, Claim, Time } from '../document/analysis.js';
import { SpanIndex } from '../document/span-index.js';
import type { Stage, StageContext } from '../pipeline/stage.js';
import type { TokenStore } from '../text/tokens.js';
import { ClauseBounds, subjectBefore, type VerbGroup, verbGroupAfter, verbGroupBefore } from './clauses.js';
import { certaintyIn, negatedIn } from './hedges.js';
import { findQuantities, type Quantity } from './quantities.js';
import { attributionAt, type MentionIndex, mentionIndex } from './sources.js';

const RULE = 'claims/find-claims';

/** Cues whose own verb sets how sure the claim is: "X denied that", "X estimated that". */
const CUE_CERTAINTY: ReadonlyMap<string, Certainty> = new Map(
  Object.entries({
    denied: 'denied',
    denies: 'denied',
    estimated: 'estimated',
    estimates: 'estimated',
    claimed: 'alleged',
    claims: 'alleged',
    alleged: 'alleged',
    alleges: 'alleged',
    believes: 'believed',
  }),
);

/** A time with its place in the layer, which settles ties as a scan of the layer would. */
interface PlacedTime {
  readonly start: number;
  readonly end: number;
  readonly time: Time;
  readonly order: number;
}

/**
 * The as-of time of a claim: a time stated in its clause, nearest the anchor (the earliest in the layer
 * on a tie), else the publication date. Those within TIME_REACH of the anchor are tried first: one
 * farther cannot be nearer, and a clause running to the end of a long sentence holds many.
 */
function asOf(
  context: StageContext,
  times: SpanIndex<PlacedTime>,
  start: number,
  end: number,
  anchor: number,
): string | undefined {
  let best = nearestTime(
    times.overlapping(Math.max(start, anchor - TIME_REACH), Math.min(end, anchor + TIME_REACH)),
    start,
    end,
    anchor,
  );
  if (!best || Math.abs(best.start - anchor) >= TIME_REACH)
    best = nearestTime(times.overlapping(start, end), start, end, anchor);
  if (best) return best.time.id;
  return context.document.meta.published ?? context.document.dateline?.date;
}

const TIME_REACH = 1000;

/** Of `times`, the one inside [start, end) nearest `anchor`, the earliest in the layer on a tie. */
function nearestTime(
  times: readonly PlacedTime[],
  start: number,
  end: number,
  anchor: number,
): PlacedTime | undefined {
  let best: PlacedTime | undefined;
  for (const t of times) {
    if (t.start < start || t.end > end || t.time.type === 'SET') continue;
    const distance = Math.abs(t.start - anchor);
    const bestDistance = best ? Math.abs(best.start - anchor) : Number.POSITIVE_INFINITY;
    if (!best || distance < bestDistance || (distance === bestDistance && t.order < best.order)) best = t;
  }
  return best;
}

/** A test every item passes, made once rather than by `someOverlapping`'s default at every call. */
const always = () => true;

interface Reading {
  readonly group: VerbGroup;
  readonly subject: string;
}

/** The predicate of a quantity: the verb after it when it is the subject, else the verb governing it. */
function readPredicate(tokens: TokenStore, q: Quantity, from: number, end: number): Reading | undefined {
  const subjectHere = q.kind === 'count' || q.kind === 'fraction';
  if (subjectHere) {
    const after = verbGroupAfter(tokens, q.endToken, end);
    if (after) return { group: after, subject: q.noun?.text ?? q.unit };
  }
  const before = verbGroupBefore(tokens, q.firstToken, from);
  if (!before) return undefined;
  const subject = q.kind === 'count' && q.noun ? q.noun.text : subjectBefore(tokens, before.first, from);
  return { group: before, subject };
}

function claimsOf(context: StageContext): Claim[] {
  const { tokens, sentences } = context.text;
  // Every lookup below stays inside one sentence: index once, so long documents stay linear. Made when
  // first asked for: times only once a number is read, mentions once a figure has a predicate, and
  // many documents have neither.
  let timeIndex: SpanIndex<PlacedTime> | undefined;
  const times = () =>
    (timeIndex ??= new SpanIndex(
      context.layers.times.map((time, order) => ({ start: time.start, end: time.end, time, order })),
    ));
  let allMentions: MentionIndex | undefined;
  const insideTime = (start: number, end: number) => times().someOverlapping(start, end, always);
  const claims: Claim[] = [];
  for (const sentence of sentences) {
    // Past the time budget, what was found so far stands and the pipeline marks the analysis partial.
    if (context.overBudget?.()) break;
    const from = sentence.firstToken;
    const to = sentence.endToken;
    let clauses: ClauseBounds | undefined;
    for (const q of findQuantities(tokens, from, to, insideTime)) {
      const reading = readPredicate(tokens, q, from, to);
      if (!reading) continue;
      allMentions ??= mentionIndex(context.layers.entities);
      clauses ??= new ClauseBounds(tokens, from, to);
      const { group, subject } = reading;
      const firstToken = Math.min(group.first, q.firstToken);
      const lastToken = Math.max(group.main, q.endToken - 1);
      const start = clauses.start(firstToken);
      const end = clauses.end(lastToken);
      const span = { start: tokens.start(start), end: tokens.end(end - 1) };
      const who = attributionAt(context, allMentions, tokens.start(q.firstToken), tokens.end(q.endToken - 1));
      let certainty = certaintyIn(tokens, start, Math.max(group.main, q.endToken));
      const cueWord = who.cue?.text.toLowerCase() ?? '';
      const cueCertainty = CUE_CERTAINTY.get(cueWord);
      if (cueCertainty && (certainty === 'asserted' || cueCertainty === 'denied')) certainty = cueCertainty;
      if (certainty === 'asserted' && q.estimated) certainty = 'estimated';
      const negated = negatedIn(tokens, group.first, group.main);
      const predicate = `${negated ? 'not ' : ''}${tokens.lower(group.main)}`;
      const time = asOf(context, times(), span.start, span.end, tokens.start(group.main));
      claims.push({
        start: span.start,
        end: span.end,
        text: context.document.text.slice(span.start, span.end),
        subject,
        predicate,
        quantity: {
          value: q.value,
          ...(q.low !== undefined ? { low: q.low } : {}),
          ...(q.high !== undefined ? { high: q.high } : {}),
          unit: q.unit,
          approx: q.approx,
        },
        certainty,
        ...(who.source ? { source: who.source } : {}),
        ...(who.source && who.via ? { via: who.via } : {}),
        ...(time ? { time } : {}),
        rule: group.main > q.firstToken ? `${RULE}/subject` : `${RULE}/object`,
        confidence: q.noun ? 0.8 : 0.6,
      });
    }
  }
  return claims;
}

/** Claims: figures bound to what is said about them, how sure, by whom, as of when. */
export const claimsStage: Stage = {
  name: RULE,
  role: 'extract',
  writes: ['claims'],
  run(context: StageContext): void {
    (context.layers as { claims: readonly Claim[] }).claims = claimsOf(context);
  },
};
