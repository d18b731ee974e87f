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
import { TokenTable } from '../text/word-hashes.js';
import { NOUN_CONTEXT, NOUNS, PHRASES, type TriggerSense, VERBS } from './taxonomy.js';
import { VERB_FORMS, type VerbForm, verbForm } from './verbs.js';

/** How a single word can trigger: its senses as a noun, its verb form and senses as a verb. */
interface WordSenses {
  readonly noun: readonly TriggerSense[] | undefined;
  readonly form: VerbForm | undefined;
  readonly verb: readonly TriggerSense[] | undefined;
}

/** What a word can do as a trigger: start a multiword trigger, trigger alone (`senses`), or both. */
interface TriggerWord {
  readonly word: string;
  readonly phrases: readonly PhraseRest[] | undefined;
  readonly senses: WordSenses | undefined;
}

/** A multiword trigger by the words after its first. */
interface PhraseRest {
  readonly words: readonly string[];
  readonly sense: TriggerSense;
}

/**
 * The phrases by their first word, longest first, so that a phrase is matched word by word against the
 * tokens' lower case rather than by joining them into a string to look up.
 */
const PHRASES_BY_FIRST: ReadonlyMap<string, readonly PhraseRest[]> = (() => {
  const byFirst = new Map<string, PhraseRest[]>();
  for (const [phrase, sense] of PHRASES) {
    const [first, ...words] = phrase.split(' ') as [string, ...string[]];
    // A phrase spans two or three tokens: "sit-in" is one token, and no phrase.
    if (words.length === 0) continue;
    byFirst.set(first, [...(byFirst.get(first) ?? []), { words, sense }]);
  }
  for (const rests of byFirst.values()) rests.sort((a, b) => b.words.length - a.words.length);
  return byFirst;
})();

/** Every word that starts a phrase or has a noun or verb sense, so that a word is judged by one lookup. */
const TRIGGER_WORDS: TokenTable<TriggerWord> = (() => {
  const words = new Map<string, TriggerWord>();
  for (const w of [
    ...NOUN_CONTEXT.keys(),
    ...NOUNS.keys(),
    ...VERB_FORMS.keys(),
    ...PHRASES_BY_FIRST.keys(),
  ]) {
    const form = VERB_FORMS.get(w);
    const verb = form ? VERBS.get(form.lemma) : undefined;
    const noun = NOUN_CONTEXT.get(w) ?? NOUNS.get(w);
    const senses = noun || verb ? { noun, form, verb } : undefined;
    const phrases = PHRASES_BY_FIRST.get(w);
    if (senses || phrases) words.set(w, { word: w, phrases, senses });
  }
  return new TokenTable(words);
})();

/** The phrase of `rests` the tokens after `i` (up to `to`) go on with, longest first. */
function phraseAt(
  tokens: TokenStore,
  rests: readonly PhraseRest[],
  i: number,
  to: number,
): PhraseRest | undefined {
  for (const rest of rests) {
    const n = rest.words.length;
    if (i + 1 + n > to) continue;
    let k = 0;
    while (k < n && tokens.lower(i + 1 + k) === rest.words[k]) k++;
    if (k === n) return rest;
  }
  return undefined;
}

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

function firstHolding(
  tokens: TokenStore,
  senses: readonly TriggerSense[] | undefined,
  i: number,
  from: number,
  to: number,
): TriggerSense | undefined {
  if (senses) for (const s of senses) if (holds(tokens, s, i, i + 1, from, to)) return s;
  return undefined;
}

const modifier = (tokens: TokenStore, i: number, to: number) =>
  i + 1 < to && looksPlural(tokens.lower(i + 1)) && !verbForm(tokens.lower(i + 1));

const adjectival = (tokens: TokenStore, form: VerbForm | undefined, i: number, from: number) =>
  form?.form !== 'base' && nounContext(tokens, i, from, true);

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
    // Names, and words no trigger starts with, start nothing. `skip` is asked only where a trigger could
    // start: most words are none, and it searches indexes.
    const word =
      tokens.kind(i) !== TokenKind.Word || (i > from && tokens.has(i, TokenFlag.Capitalised))
        ? undefined
        : TRIGGER_WORDS.get(tokens, i);
    if (!word) {
      i++;
      continue;
    }
    // the table's own string: the lookups below find its hash made
    const w = word.word;
    const phrase = word.phrases && phraseAt(tokens, word.phrases, i, to);
    if (phrase) {
      if (skip(tokens.start(i), tokens.end(i))) {
        i++;
        continue;
      }
      const verbal = verbForm(w) !== undefined && !nounContext(tokens, i, from);
      const end = i + 1 + phrase.words.length;
      out.push({ first: i, end, type: phrase.sense.type, pos: verbal ? 'verb' : 'noun' });
      i = end;
      continue;
    }
    const senses = word.senses;
    if (!senses || skip(tokens.start(i), tokens.end(i))) {
      i++;
      continue;
    }
    const { noun: nounSenses, form, verb: verbSenses } = senses;
    let pos: 'verb' | 'noun' | undefined;
    if (nounSenses && verbSenses) {
      if (nounContext(tokens, i, from)) pos = 'noun';
      else if (verbContext(tokens, i, from) || form?.form === 'past' || form?.form === 'gerund') pos = 'verb';
      else pos = NOUNS.has(w) && form?.form !== 'third' ? 'noun' : 'verb';
    } else if (nounSenses) pos = 'noun';
    else if (verbSenses) pos = 'verb';
    const s = firstHolding(tokens, pos === 'noun' ? nounSenses : verbSenses, i, from, to);
    // "the fallen troops": a participle used as an adjective; "war heroes": a noun used as a modifier.
    if (s && pos && !(pos === 'verb' ? adjectival(tokens, form, i, from) : modifier(tokens, i, to)))
      out.push({ first: i, end: i + 1, type: s.type, pos });
    i++;
  }
  return out;
}
