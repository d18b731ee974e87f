/**
 * The tense of the clause around an expression: it decides whether "Friday" or "August" lies before
 * or after the anchor. Auxiliaries and time words ("will", "had", "ago") are strong cues and the
 * nearest one wins; verb forms ("announced", "expected to") are weak cues, used only when no strong
 * cue is near. Without a cue the clause is present and the caller picks the nearer date.
 */

import type { Tense } from './resolve.js';
import type { ParseContext } from './result.js';
import { Kind, WordTable, wordSet } from './tokens.js';

const STRONG_FUTURE = new Set([
  'will',
  'shall',
  'll',
  'wo',
  'tomorrow',
  'next',
  'upcoming',
  'must',
  'going',
  'coming',
]);
const STRONG_PAST = new Set([
  'was',
  'were',
  'had',
  'did',
  'ago',
  'last',
  'yesterday',
  'earlier',
  'previously',
  // "since the Oct. 23 slaying", "has risen since March": the start of what runs up to now
  'since',
]);
/**
 * Reporting verbs date the report, not what is reported ("said it is calling for redemption on Dec. 7",
 * "said they planned to leave Thursday"): a weak cue, so a nearer verb of the reported clause wins.
 */
const REPORTING = new Set(['said', 'told', 'says', 'tells']);
const WEAK_FUTURE = new Set([
  'expected',
  'expects',
  'expect',
  'scheduled',
  'planned',
  'planning',
  'plans',
  'plan',
  'due',
  'slated',
  'intends',
  'aims',
  'hopes',
  'would',
  'postponed',
  'set',
  'resume',
  'begin',
  'start',
]);
const WEAK_PAST = new Set([
  'held',
  'met',
  'took',
  'went',
  'came',
  'made',
  'left',
  'sent',
  'began',
  'saw',
  'gave',
  'won',
  'lost',
  'fell',
  'rose',
  'paid',
  'bought',
  'sold',
  'got',
  'became',
  'brought',
  'built',
  'found',
  'hit',
  'kept',
  'led',
  'ran',
  'shot',
  'spent',
  'spoke',
  'stood',
  'struck',
  'thought',
  'wrote',
  'killed',
  'reported',
  'announced',
]);
const NOT_PAST_ED = new Set([
  'expected',
  'scheduled',
  'planned',
  'slated',
  'need',
  'indeed',
  'speed',
  'feed',
  'seed',
  'bed',
  'red',
  'shed',
  'hundred',
  'proceed',
  'succeed',
  'exceed',
  'united',
  'based',
  'related',
  'limited',
  'detailed',
  'advanced',
  'wed',
  'proposed',
  'owned',
  'listed',
  'traded',
  'combined',
  'used',
  'estimated',
  'adjusted',
  'restated',
  'unchanged',
  'needed',
]);
const PASSIVE = new Set(['be', 'been', 'being', 'is', 'are', 'to']);
/** After these a cue word is a noun: "announced the plan Aug. 21", "its scheduled". */
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this', 'that']);
/** Leading words of a clause that a fronted time expression may follow: "In January, ..." */
const FRONTED = wordSet([
  'in',
  'on',
  'by',
  'since',
  'during',
  'until',
  'till',
  'up',
  'and',
  'but',
  'then',
  'also',
  'early',
  'late',
]);

const CLAUSE_BREAKS = wordSet([';', ':', '(', ')']);
/** Words that open another clause: cues after them belong to it ("ruled Wednesday that he must"). */
const CLAUSE_OPENERS = wordSet([
  'that',
  'which',
  'who',
  'when',
  'because',
  'but',
  'while',
  'after',
  'before',
  'as',
  'if',
  'and',
]);

/** Words before "plan" that make it a verb: "they plan to", "did not plan to". */
const SUBJECTS = new Set(['i', 'we', 'you', 'they', 'he', 'she', 'it', 'not', 'who', 'also', 'still', 'now']);
/** Verb forms of a plan that, followed by "to", put the clause after them in the future. */
const PLAN_TO = new Set(['planned', 'planning', 'expected', 'scheduled', 'slated', 'due', 'set', 'intends']);

enum Cue {
  StrongFuture = 1,
  StrongPast,
  Reporting,
  WeakFuture,
  WeakPast,
}

/** The cue lists in one table, one look-up per word; later lists overwrite, so a word in several takes the strongest cue. */
const CUES: WordTable<Cue> = (() => {
  const cues = new Map<string, Cue>();
  const lists: [ReadonlySet<string>, Cue][] = [
    [WEAK_PAST, Cue.WeakPast],
    [WEAK_FUTURE, Cue.WeakFuture],
    [REPORTING, Cue.Reporting],
    [STRONG_PAST, Cue.StrongPast],
    [STRONG_FUTURE, Cue.StrongFuture],
  ];
  for (const [list, cue] of lists) for (const w of list) cues.set(w, cue);
  return new WordTable(cues);
})();

/** The cues a word can give, made once: `tenseAt` reads them and keeps none. */
type WordCue = { readonly tense: Tense; readonly strong: boolean };
const STRONG_FUTURE_CUE: WordCue = { tense: 'future', strong: true };
const WEAK_FUTURE_CUE: WordCue = { tense: 'future', strong: false };
const STRONG_PAST_CUE: WordCue = { tense: 'past', strong: true };
const WEAK_PAST_CUE: WordCue = { tense: 'past', strong: false };

/** The cue of word `k`; `before`: it precedes the expression, which may then sit in its clause. */
function cueOf(c: ParseContext, k: number, before: boolean): WordCue | undefined {
  const cue = CUES.get(c.tokens, k);
  if (cue === Cue.StrongFuture) return STRONG_FUTURE_CUE;
  if (cue === Cue.StrongPast) return STRONG_PAST_CUE;
  if (cue === Cue.Reporting) return WEAK_PAST_CUE;
  if (cue === Cue.WeakPast) return WEAK_PAST_CUE;
  if (cue !== Cue.WeakFuture) return pastForm(c, k);
  const w = c.tokens.at(k)?.lower ?? '';
  const next = c.tokens.at(k + 1)?.lower;
  // "set" plans only when it sets something to come ("set to expire", "set for March"); otherwise its
  // tense is unknown ("the record set on Aug. 6", "has set Nov. 10 as the deadline")
  if (w === 'set' && next !== 'to' && next !== 'for') return undefined;
  if (DETERMINERS.has(c.tokens.at(k - 1)?.lower ?? '')) return undefined;
  // "had been due to expire Friday": a plan of the past; "had" decides
  if (c.tokens.at(k - 1)?.lower === 'had' || c.tokens.at(k - 2)?.lower === 'had') return undefined;
  // "planned to leave on Thursday": the plan governs the clause after it as firmly as "will"
  const plan =
    PLAN_TO.has(w) || ((w === 'plan' || w === 'plans') && SUBJECTS.has(c.tokens.at(k - 1)?.lower ?? ''));
  // "was planned for early March": the plan's date, whatever the tense of the planning
  return before && plan && (next === 'to' || next === 'for') ? STRONG_FUTURE_CUE : WEAK_FUTURE_CUE;
}

/** A word of no cue list that may still be a past verb by its form. */
function pastForm(c: ParseContext, k: number): WordCue | undefined {
  // only a word ending in "ed" or "ED" (any case) ends in "ed" in lower case: the others' text is not cut
  // to tell ("and", "said")
  const last = c.tokens.lastCode(k);
  if (last !== 100 && last !== 68) return undefined;
  if (c.tokens.width(k) < 2 || (c.text.charCodeAt(c.tokens.end(k) - 2) | 32) !== 101) return undefined;
  const w = c.tokens.at(k)?.lower ?? '';
  // "an unspecified date", "the proposed merger": -ed adjectives, not past verbs
  if (
    w.length > 4 &&
    w.endsWith('ed') &&
    !NOT_PAST_ED.has(w) &&
    !w.startsWith('un') &&
    !DETERMINERS.has(c.tokens.at(k - 1)?.lower ?? '')
  )
    return WEAK_PAST_CUE;
  return undefined;
}

export interface TenseCue {
  readonly tense: Tense;
  /** From an auxiliary or a time word, not only a verb form. */
  readonly strong: boolean;
  /** Token distance of the cue (Infinity without one). */
  readonly distance: number;
  /** A limit set for something pending: "until Tuesday", "extended to Nov. 16". */
  readonly deadline?: boolean;
}

/** Verbs that move a limit: "extended to Nov. 16", "postponed until Tuesday". */
const MOVES_LIMIT = wordSet([
  'extended',
  'extend',
  'extends',
  'postponed',
  'postpone',
  'delayed',
  'delay',
  'deferred',
  'adjourned',
  'pushed',
  'moved',
]);

/** Token `k` by the cue it gives an expression from `first` to `last`: a clause break stops the search. */
const BREAK = 0;
function cueNear(
  c: ParseContext,
  k: number,
  first: number,
  last: number,
): WordCue | typeof BREAK | undefined {
  const kind = c.tokens.kind(k);
  // a time in parentheses restates one of the clause around them: "leave at 4 (4 a.m. EDT Thursday)"
  if (kind === Kind.Punct) {
    const mark = c.tokens.code(k);
    return CLAUSE_BREAKS.has(c.tokens, k) && !(k === first - 1 && mark === 40) && !(k === last && mark === 41)
      ? BREAK
      : undefined;
  }
  if (kind !== Kind.Word) return undefined;
  const cue = cueOf(c, k, k < first);
  // "will be completed", "is expected": a participle after "be" carries no past
  if (cue && !cue.strong && cue.tense === 'past' && PASSIVE.has(c.tokens.at(k - 1)?.lower ?? ''))
    return undefined;
  return cue;
}

/** Whether token `k` is the word `w` (lower case), compared in place: a token is made only for a cue. */
const isAt = (c: ParseContext, k: number, w: string): boolean =>
  c.tokens.kind(k) === Kind.Word && c.tokens.isLower(k, w);

export function tenseAt(c: ParseContext, first: number, last: number, from: number, to: number): TenseCue {
  // "as soon as Tuesday", "as early as next week": a future limit
  if (
    isAt(c, first - 1, 'as') &&
    (isAt(c, first - 2, 'soon') || isAt(c, first - 2, 'early')) &&
    isAt(c, first - 3, 'as')
  )
    return { tense: 'future', strong: true, distance: 1 };
  // a fronted expression ("In January, the company sold ...") takes its tense from the clause after the comma
  let fronted = true;
  for (let k = from; k < first && fronted; k++) fronted = FRONTED.has(c.tokens, k);
  // "until Tuesday", "extended to Nov. 16": a limit set for what is still pending, whatever the tense of
  // the setting; the caller puts a weekday ahead and a date at the nearer side. Fronted ("Until Thursday,
  // they had not ..."), it bounds the clause after it.
  if (
    !fronted &&
    (isAt(c, first - 1, 'until') ||
      isAt(c, first - 1, 'till') ||
      (isAt(c, first - 1, 'to') && MOVES_LIMIT.has(c.tokens, first - 2)))
  )
    return { tense: 'future', strong: true, distance: 1, deadline: true };
  // the nearest strong cue and the nearest weak one, each with its distance (kept as plain numbers)
  let strong: Tense | undefined;
  let strongDistance = 0;
  let weak: Tense | undefined;
  let weakDistance = 0;
  for (let k = first - 1, d = 1; k >= from && d <= 10; k--, d++) {
    const cue = cueNear(c, k, first, last);
    if (cue === BREAK) break;
    if (!cue) continue;
    if (cue.strong) {
      if (strong === undefined || d < strongDistance) {
        strong = cue.tense;
        strongDistance = d;
      }
    } else if (weak === undefined || d < weakDistance) {
      weak = cue.tense;
      weakDistance = d;
    }
  }
  for (let k = last, d = 1.5; k < to && d <= 6; k++, d++) {
    // a comma is a token of its own
    const comma = c.tokens.code(k) === 44;
    if (comma && fronted && k === last) continue;
    if (comma || CLAUSE_OPENERS.has(c.tokens, k)) break;
    const cue = cueNear(c, k, first, last);
    if (cue === BREAK) break;
    if (!cue) continue;
    if (cue.strong) {
      if (strong === undefined || d < strongDistance) {
        strong = cue.tense;
        strongDistance = d;
      }
    } else if (weak === undefined || d < weakDistance) {
      weak = cue.tense;
      weakDistance = d;
    }
  }
  if (strong !== undefined) return { tense: strong, strong: true, distance: strongDistance };
  return weak !== undefined
    ? { tense: weak, strong: false, distance: weakDistance }
    : { tense: 'present', strong: false, distance: Number.POSITIVE_INFINITY };
}
