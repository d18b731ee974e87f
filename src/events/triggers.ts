import {
  AUXILIARIES,
  DETERMINERS,
  looksPlural,
  MODALS,
  NEGATIONS,
  PREPOSITIONS,
  PRONOUNS,
} from '../claims/words.js';
import { TokenFlag, TokenKind, type TokenStore } from '../text/tokens.js';
import { NOUN_CONTEXT, NOUNS, PHRASES, type TriggerSense, VERBS } from './taxonomy.js';
import { verbForm } from './verbs.js';

/** First words of the multiword triggers: a phrase is only assembled where one can begin. */
const PHRASE_STARTS = new Set([...PHRASES.keys()].map((phrase) => phrase.split(' ')[0] as string));

/** One event trigger found in the text: tokens `[first, end)`, its type, and how it was read. */
export interface TriggerMatch {
  readonly first: number;
  readonly end: number;
  readonly type: string;
  readonly pos: 'verb' | 'noun';
}

/** Words before a noun that show it is one: "the ceremony", "its deployment", "a third attack". */
function nounContext(tokens: TokenStore, i: number, from: number, strict = false): boolean {
  if (i <= from) return false;
  const prev = tokens.lower(i - 1);
  if (DETERMINERS.has(prev) || prev === "'s" || prev === '\u2019s' || tokens.kind(i - 1) === TokenKind.Number)
    return true;
  if (PREPOSITIONS.has(prev) && prev !== 'to') return true;
  if (strict) return false;
  // An adjective or noun modifier before it: "a deadly attack", "the missile launch".
  return i - 2 >= from && DETERMINERS.has(tokens.lower(i - 2)) && tokens.kind(i - 1) === TokenKind.Word;
}

function verbContext(tokens: TokenStore, i: number, from: number): boolean {
  if (i <= from) return false;
  const prev = tokens.lower(i - 1);
  return (
    AUXILIARIES.has(prev) ||
    MODALS.has(prev) ||
    PRONOUNS.has(prev) ||
    NEGATIONS.has(prev) ||
    prev.endsWith("n't") ||
    prev === 'to' ||
    prev.endsWith('ly')
  );
}

function holds(
  tokens: TokenStore,
  s: TriggerSense,
  i: number,
  end: number,
  from: number,
  to: number,
): boolean {
  if (!s.near) return true;
  const w = s.window ?? 6;
  for (let k = end; k < Math.min(to, end + w); k++) if (s.near.has(tokens.lower(k))) return true;
  for (let k = Math.max(from, i - 3); k < i; k++) if (s.near.has(tokens.lower(k))) return true;
  return false;
}

const firstHolding = (
  tokens: TokenStore,
  senses: readonly TriggerSense[] | undefined,
  i: number,
  end: number,
  from: number,
  to: number,
) => senses?.find((s) => holds(tokens, s, i, end, from, to));

/**
 * The event triggers of the tokens `[from, to)` by the taxonomy: phrases first, then each word as a
 * noun or a verb by what stands before it. Capitalised words inside a sentence are names ("Operation
 * Barbarossa", "March"), not triggers; `skip` leaves out ranges such as times.
 */
export function findTriggers(
  tokens: TokenStore,
  from: number,
  to: number,
  skip: (start: number, end: number) => boolean = () => false,
): TriggerMatch[] {
  const out: TriggerMatch[] = [];
  let i = from;
  while (i < to) {
    if (tokens.kind(i) !== TokenKind.Word || skip(tokens.start(i), tokens.end(i))) {
      i++;
      continue;
    }
    const name = i > from && tokens.has(i, TokenFlag.Capitalised);
    let matched = false;
    const phraseStart = !name && PHRASE_STARTS.has(tokens.lower(i));
    for (let n = 3; n >= 2 && phraseStart && !matched; n--) {
      if (i + n > to) continue;
      let phrase = tokens.lower(i);
      for (let k = 1; k < n; k++) phrase += ` ${tokens.lower(i + k)}`;
      const s = PHRASES.get(phrase);
      if (s) {
        const verbal = verbForm(tokens.lower(i)) !== undefined && !nounContext(tokens, i, from);
        out.push({ first: i, end: i + n, type: s.type, pos: verbal ? 'verb' : 'noun' });
        i += n;
        matched = true;
      }
    }
    if (matched) continue;
    if (name) {
      i++;
      continue;
    }
    const w = tokens.lower(i);
    const nounSenses = NOUN_CONTEXT.get(w) ?? NOUNS.get(w);
    const form = verbForm(w);
    const verbSenses = form ? VERBS.get(form.lemma) : undefined;
    let pos: 'verb' | 'noun' | undefined;
    if (nounSenses && verbSenses) {
      if (nounContext(tokens, i, from)) pos = 'noun';
      else if (verbContext(tokens, i, from) || form?.form === 'past' || form?.form === 'gerund') pos = 'verb';
      else pos = NOUNS.has(w) && form?.form !== 'third' ? 'noun' : 'verb';
    } else if (nounSenses) pos = 'noun';
    else if (verbSenses) pos = 'verb';
    const s =
      pos === 'noun'
        ? firstHolding(tokens, nounSenses, i, i + 1, from, to)
        : pos === 'verb'
          ? firstHolding(tokens, verbSenses, i, i + 1, from, to)
          : undefined;
    // "the fallen troops": a participle used as an adjective; "war heroes": a noun used as a modifier.
    const modifier = i + 1 < to && looksPlural(tokens.lower(i + 1)) && !verbForm(tokens.lower(i + 1));
    const adjectival = pos === 'verb' && form?.form !== 'base' && nounContext(tokens, i, from, true);
    if (s && pos && !adjectival && !(pos === 'noun' && modifier))
      out.push({ first: i, end: i + 1, type: s.type, pos });
    i++;
  }
  return out;
}
