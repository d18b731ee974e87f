/**
 * The tense of the clause around an expression: it decides whether "Friday" or "August" lies before
 * or after the anchor. Auxiliaries and time words ("will", "had", "ago") are strong cues and the
 * nearest one wins; verb forms ("announced", "expected to") are weak cues, used only when no strong
 * cue is near. Without a cue the clause is present and the caller picks the nearer date.
 */

import type { Tense } from './resolve.js';
import type { ParseContext } from './result.js';
import { Kind } from './tokens.js';

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
  'said',
  'ago',
  'last',
  'yesterday',
  'earlier',
  'previously',
  'told',
]);
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
  'deadline',
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

const CLAUSE_BREAKS = new Set([';', ':', '(', ')']);
/** Words that open another clause: cues after them belong to it ("ruled Wednesday that he must"). */
const CLAUSE_OPENERS = new Set([
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

function cueOf(w: string): { tense: Tense; strong: boolean } | undefined {
  if (STRONG_FUTURE.has(w)) return { tense: 'future', strong: true };
  if (STRONG_PAST.has(w)) return { tense: 'past', strong: true };
  if (WEAK_FUTURE.has(w)) return { tense: 'future', strong: false };
  if (WEAK_PAST.has(w)) return { tense: 'past', strong: false };
  if (w.length > 4 && w.endsWith('ed') && !NOT_PAST_ED.has(w)) return { tense: 'past', strong: false };
  return undefined;
}

export interface TenseCue {
  readonly tense: Tense;
  /** From an auxiliary or a time word, not only a verb form. */
  readonly strong: boolean;
  /** Token distance of the cue (Infinity without one). */
  readonly distance: number;
}

export function tenseAt(c: ParseContext, first: number, last: number, from: number, to: number): TenseCue {
  let strong: { tense: Tense; d: number } | undefined;
  let weak: { tense: Tense; d: number } | undefined;
  const look = (k: number, d: number): boolean => {
    const t = c.tokens[k];
    if (!t) return false;
    if (t.kind === Kind.Punct) return CLAUSE_BREAKS.has(t.text);
    if (t.kind !== Kind.Word) return false;
    let cue = cueOf(t.lower);
    if (!cue) return false;
    // "will be completed", "is expected": a participle after "be" carries no past
    if (!cue.strong && cue.tense === 'past' && PASSIVE.has(c.tokens[k - 1]?.lower ?? '')) cue = undefined;
    if (!cue) return false;
    if (cue.strong) {
      if (!strong || d < strong.d) strong = { tense: cue.tense, d };
    } else if (!weak || d < weak.d) weak = { tense: cue.tense, d };
    return false;
  };
  for (let k = first - 1, d = 1; k >= from && d <= 10; k--, d++) if (look(k, d)) break;
  for (let k = last, d = 1.5; k < to && d <= 6; k++, d++) {
    const t = c.tokens[k];
    if (t && (CLAUSE_OPENERS.has(t.lower) || t.text === ',')) break;
    if (look(k, d)) break;
  }
  const s = strong as { tense: Tense; d: number } | undefined;
  if (s) return { tense: s.tense, strong: true, distance: s.d };
  const w = weak as { tense: Tense; d: number } | undefined;
  return w
    ? { tense: w.tense, strong: false, distance: w.d }
    : { tense: 'present', strong: false, distance: Number.POSITIVE_INFINITY };
}
