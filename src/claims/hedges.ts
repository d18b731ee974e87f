import type { Certainty } from '../document/analysis.js';
import type { TokenStore } from '../text/tokens.js';

/** Hedge words and how far they commit the writer or source; the strongest present wins. */
const HEDGES: ReadonlyMap<string, Certainty> = new Map(
  Object.entries({
    denied: 'denied',
    denies: 'denied',
    deny: 'denied',
    rejected: 'denied',
    refuted: 'denied',
    allegedly: 'alleged',
    alleged: 'alleged',
    alleges: 'alleged',
    accused: 'alleged',
    purportedly: 'alleged',
    believed: 'believed',
    thought: 'believed',
    feared: 'believed',
    presumed: 'believed',
    suspected: 'believed',
    estimated: 'estimated',
    estimates: 'estimated',
    estimate: 'estimated',
    projected: 'estimated',
    reportedly: 'reported',
    rumored: 'reported',
    rumoured: 'reported',
    may: 'possible',
    might: 'possible',
    could: 'possible',
    possibly: 'possible',
    perhaps: 'possible',
    probably: 'possible',
    likely: 'possible',
    unconfirmed: 'possible',
  }),
);

const RANK: readonly Certainty[] = ['denied', 'alleged', 'believed', 'estimated', 'reported', 'possible'];

/**
 * The certainty a clause gives its claim, from hedges in [from, to): "are believed to" -> believed,
 * "reportedly" -> reported, "may have" -> possible; none -> asserted. "reported to" and "said to" hedge;
 * "reported" alone is a reporting verb, whose speaker becomes the source instead.
 */
export function certaintyIn(tokens: TokenStore, from: number, to: number): Certainty {
  let best: Certainty = 'asserted';
  for (let i = from; i < to; i++) {
    const w = tokens.lower(i);
    const next = i + 1 < tokens.count ? tokens.lower(i + 1) : '';
    let c = HEDGES.get(w);
    if ((w === 'reported' || w === 'said') && next === 'to') c = 'reported';
    // "could" and "may" as hedges need a verb after them, not "May 5".
    if (
      (w === 'may' || w === 'could' || w === 'might') &&
      !(next === 'have' || next === 'be' || next.length > 2)
    )
      c = undefined;
    if (w === 'thought' && next !== 'to') c = undefined;
    if (c && (best === 'asserted' || RANK.indexOf(c) < RANK.indexOf(best))) best = c;
  }
  return best;
}

/** Negation inside a verb group: "were not killed", "did n't send", "never deployed". */
export function negatedIn(tokens: TokenStore, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const w = tokens.lower(i);
    if (w === 'not' || w === 'never' || w === 'neither' || w.endsWith("n't") || w.endsWith('n\u2019t'))
      return true;
  }
  return false;
}
