import type { EntityType } from '../document/analysis.js';
import { firstWhere } from '../document/span-index.js';
import type { TokenStore } from '../text/tokens.js';
import { hashText, TOKEN_HASH_SEED } from '../text/vocabulary.js';
import { WordHashes } from '../text/word-hashes.js';
import { CaselessWords } from '../text/word-shapes.js';
import type { Gazetteer } from './gazetteer.js';
import { LexClass, lexClass, lexClassOf, wordsOfClass } from './lexicon.js';

// Patterns the rules test word by word, made once: a literal in a loop makes an object per test.
const UPPER_START = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;
const DOTTED_CAPITALS = /^(\p{Lu}\.)+$/u;
// redos-ok: anchored, and the hyphen parts the two runs of lower case, so each character matches one way
const PLAIN_NAME_WORD = /^\p{Lu}\p{Ll}+(-\p{Ll}+)?$/u;
const POSSESSIVE = /^(['\u2019]s)$/;
const TITLE_WORD = /^\p{Lu}\p{Ll}/u;

/** A name found in a run of words: word range [first, end) and type. */
export interface FoundName {
  first: number;
  end: number;
  type: EntityType;
  rule: string;
  confidence: number;
}

// What a company makes or does, as the last word of its name ("Dow Chemical", "Hindustan Copper"), and
// company forms the lexicon lacks ("Pirelli SpA"). Words that are also common surnames (Steel, Power,
// Gold) are left out.
const TRADE_WORDS = new Set(
  (
    'chemical chemicals pharmaceutical pharmaceuticals medical copper oil petroleum energy electric ' +
    'electronics telecom telecommunications communications systems technologies technology software ' +
    'foods mining insurance securities investments resources shipping textiles cement motors airlines ' +
    'airways industries holdings bancorp bancshares enterprises international spa s.p.a. s.a. n.v. bv ab ' +
    'asa oyj kk bhd pty'
  ).split(' '),
);

/** Legal forms that close a company's name: nothing runs on after "Kia Motor Corp". */
const COMPANY_FORMS = new Set(
  'inc inc. corp corp. co co. ltd ltd. llc plc ag gmbh sa s.a. nv n.v. spa s.p.a. bv ab asa oyj bhd pty'.split(
    ' ',
  ),
);
const CASELESS_COMPANY_FORMS = new CaselessWords(COMPANY_FORMS);

// The lexicon's organisation words and the trades in one set: a rule asks of most words it weighs.
const ORG_HEADS = new Set([...wordsOfClass(LexClass.OrgWord), ...TRADE_WORDS]);

/** A word that ends an organisation's name: the lexicon's organisation words and trades. */
export function isOrgHead(lower: string): boolean {
  return ORG_HEADS.has(lower);
}

const CASELESS_ORG_HEADS = new CaselessWords(ORG_HEADS);

/** `isOrgHead(word.toLowerCase())`, most words passed without lower-casing. */
export function isOrgHeadWord(word: string): boolean {
  return CASELESS_ORG_HEADS.has(word);
}

/**
 * `names` (or resolution's drafts) sorted in place by first token, stably. Most lists the rules pass on
 * are in order already: a scan spares them the comparator's calls.
 */
export function byFirst<T extends { first: number }>(names: T[]): T[] {
  for (let k = 1; k < names.length; k++)
    if ((names[k] as T).first < (names[k - 1] as T).first) return names.sort((x, y) => x.first - y.first);
  return names;
}

/**
 * `names.map(f)`, but `names` itself when `f` changes no name: the rules pass most lists on unchanged,
 * and each list is read only by the next rule.
 */
export function mapNames<T>(names: readonly T[], f: (n: T) => T): T[] {
  let out: T[] | undefined;
  for (let k = 0; k < names.length; k++) {
    const n = names[k] as T;
    const m = f(n);
    if (m !== n && !out) out = names.slice(0, k);
    out?.push(m);
  }
  return out ?? (names as T[]);
}

/** Starts with an upper-case letter; ASCII, most words, without the regular expression. */
export function isCapitalised(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_START.test(w);
}

// "The Treasury Department on Wednesday": a weekday or month is no part of a name.
const DATE_WORDS = new Set<number>([LexClass.Month, LexClass.Weekday]);

/** Words a continuation ("Bank of England", "Council on Foreign Relations") may go through. */
const OF_WORDS = new Set(['of', 'for', 'on']);

/**
 * "Ministry of Defence", "Council on Foreign Relations": a name headed by an organisation word runs on
 * through "of"/"for"/"on" into the capitalised words after it. Never through "in" ("the Commerce
 * Department in Washington" is two names) nor "and" ("the Bank of England and Barclays"), nor after a
 * legal form ("Kia Motor Corp of South Korea"), nor into a date ("on Wednesday").
 */
export function joinOfNames(w: readonly string[], names: FoundName[]): FoundName[] {
  // Made at the first join: most lists have none, and are passed on as they are.
  let out: FoundName[] | undefined;
  const sorted = byFirst(names.slice());
  // `reachOf(sorted)`, made at the first name weighed for a join.
  let ends: Int32Array | undefined;
  for (let k = 0; k < sorted.length; k++) {
    const n = sorted[k] as FoundName;
    // The cheap tests first: the last word is lower-cased only before "of", "for" or "on".
    let at = n.end;
    if (n.type === 'PERSON' || !OF_WORDS.has(w[at] ?? '')) {
      out?.push(n);
      continue;
    }
    const last = (w[n.end - 1] as string).toLowerCase();
    if (!isOrgHead(last) || COMPANY_FORMS.has(last)) {
      out?.push(n);
      continue;
    }
    at++;
    if (w[at] === 'the') at++;
    let end = at;
    while (
      end < w.length &&
      end - at < 5 &&
      isCapitalised(w[end] as string) &&
      HAS_LOWER.test(w[end] as string) &&
      !DATE_WORDS.has(lexClassOf(w[end] as string))
    )
      end++;
    // The run may stop inside a name found already; the join takes all of that name. Only the names
    // from `at` on can, met in order: `end` only grows, and a name past it ends the search.
    const from = firstFrom(sorted, at);
    for (let j = from; j < sorted.length && (sorted[j] as FoundName).first < end; j++) {
      const m = sorted[j] as FoundName;
      if (m.end > end) end = m.end;
    }
    ends ??= reachOf(sorted);
    if (end === at || personWithin(sorted, from, at, end, ends)) {
      out?.push(n);
      continue;
    }
    out ??= sorted.slice(0, k);
    out.push({ first: n.first, end, type: 'ORG', rule: 'entities/org-continuation', confidence: 0.75 });
    while (k + 1 < sorted.length && (sorted[k + 1] as FoundName).first < end) k++;
  }
  return out ?? sorted;
}

/** The index of the first of `names` (sorted by first token) that starts at `first` or after. */
export const firstFrom = (names: readonly { first: number }[], first: number): number =>
  firstWhere(names, (n) => n.first >= first);

/**
 * The furthest end of `sorted[0..k]` at `k`: names that start before a token and may run over it are
 * found going back from it, as far as this is past the token.
 */
function reachOf(sorted: readonly FoundName[]): Int32Array {
  const out = new Int32Array(sorted.length);
  let reach = 0;
  for (let k = 0; k < sorted.length; k++) {
    reach = Math.max(reach, (sorted[k] as FoundName).end);
    out[k] = reach;
  }
  return out;
}

/**
 * Whether a person's name of `sorted` overlaps tokens `[at, end)`; `from` is `firstFrom(sorted, at)`,
 * `reach` `reachOf(sorted)`.
 */
function personWithin(
  sorted: readonly FoundName[],
  from: number,
  at: number,
  end: number,
  reach: Int32Array,
): boolean {
  for (let j = from; j < sorted.length && (sorted[j] as FoundName).first < end; j++)
    if ((sorted[j] as FoundName).type === 'PERSON') return true;
  for (let j = from - 1; j >= 0 && (reach[j] as number) > at; j--) {
    const m = sorted[j] as FoundName;
    if (m.type === 'PERSON' && m.end > at) return true;
  }
  return false;
}

/**
 * Names kept sorted by first token, as `byFirst` would leave them, and their longest length: the names
 * that may touch a run of words are found by bisection, not by a scan of every name (a long story has
 * thousands, and acronyms and press words all through).
 */
class SortedNames {
  readonly names: FoundName[];
  private longest = 0;

  constructor(names: readonly FoundName[]) {
    this.names = byFirst(names.slice());
    for (const n of names) this.longest = Math.max(this.longest, n.end - n.first);
  }

  /** The index of the first name that may run over tokens from `first` on. */
  from(first: number): number {
    return firstFrom(this.names, first - this.longest);
  }

  /** Adds `n` after the names of its first token, where sorting the names with it pushed last would. */
  add(n: FoundName): void {
    this.names.splice(firstFrom(this.names, n.first + 1), 0, n);
    this.longest = Math.max(this.longest, n.end - n.first);
  }
}

const LINKS = new Set(['of', 'for', 'and', 'the', 'in', 'on', 'de', 'du', 'des', 'la', 'le', '&', 'to']);

/** The capital letters a word gives an acronym: "U.N." gives "UN", "Force" gives "F". */
function initials(word: string): string {
  if (DOTTED_CAPITALS.test(word)) return word.replace(/\./g, '');
  return isCapitalised(word) ? (word[0] as string) : '';
}

/**
 * The first word of the phrase ending before `end` whose initials spell `acronym`, linking words
 * skipped or counted ("U.N. Interim Force in Lebanon" for UNIFIL); -1 when none does.
 */
function spelledFrom(w: readonly string[], end: number, acronym: string): number {
  const match = (i: number, rest: string): number => {
    if (rest === '') return i + 1;
    if (i < 0 || end - i > 12) return -1;
    const word = w[i] as string;
    const lower = word.toLowerCase();
    const letters = initials(word);
    if (letters && rest.endsWith(letters)) {
      const found = match(i - 1, rest.slice(0, rest.length - letters.length));
      if (found >= 0) return found;
    }
    if (LINKS.has(lower)) {
      if (rest.endsWith(lower[0]?.toUpperCase() ?? '')) {
        const found = match(i - 1, rest.slice(0, -1));
        if (found >= 0) return found;
      }
      return match(i - 1, rest);
    }
    return -1;
  };
  const first = match(end - 1, acronym);
  return first >= 0 && first < end && isCapitalised(w[first] as string) ? first : -1;
}

/**
 * A name introduced with its acronym, "Organisation for Security and Cooperation in Europe (OSCE)":
 * the words the acronym spells are one name, however the model cut them. An organisation unless the
 * gazetteer knows the whole as a place ("United Arab Emirates (UAE)").
 */
export function acronymNames(
  w: readonly string[],
  names: FoundName[],
  gazetteer: Gazetteer,
  tokens?: TokenStore,
): FoundName[] {
  // Copied at the first acronym that spells words, which few stories have.
  let out: SortedNames | undefined;
  // The words between are weighed apart: a loop whose variables closures capture costs an allocation
  // per word. With `tokens` (whose texts `w` holds), most words are passed on their hash.
  for (let i = 1; i + 2 < w.length; i++) {
    if (
      (tokens && (tokens.hash(i) !== OPEN_HASH || tokens.hash(i + 2) !== CLOSE_HASH)) ||
      w[i] !== '(' ||
      w[i + 2] !== ')'
    )
      continue;
    const first = spelledBefore(w, i);
    if (first < 0) continue;
    out ??= new SortedNames(names);
    acronymNameAt(w, i, first, out, gazetteer);
  }
  return out ? out.names : byFirst(names);
}

const OPEN_HASH = hashText('(', TOKEN_HASH_SEED);
const CLOSE_HASH = hashText(')', TOKEN_HASH_SEED);

/** The first of two words or more before the acronym in parentheses at `i` that it spells, or -1. */
function spelledBefore(w: readonly string[], i: number): number {
  const acronym = (w[i + 1] as string).replace(/\./g, '');
  if (!/^\p{Lu}{2,8}$/u.test(acronym)) return -1;
  const first = spelledFrom(w, i, acronym);
  return first < 0 || i - first < 2 ? -1 : first;
}

/**
 * `acronymNames` for the acronym in parentheses at `i` that spells the words from `first`: the names
 * touching them give way to the name they make, unless one is that name already.
 */
function acronymNameAt(
  w: readonly string[],
  i: number,
  first: number,
  out: SortedNames,
  gazetteer: Gazetteer,
): void {
  const names = out.names;
  const lo = out.from(first);
  const hi = firstFrom(names, i);
  let start = first;
  for (let k = lo; k < hi; k++) {
    const n = names[k] as FoundName;
    if (n.end <= first) continue;
    if (n.first === first && n.end === i) return;
    start = Math.min(start, n.first);
  }
  const kind = gazetteer.kindOf(w.slice(start, i).join(' '));
  const type: EntityType =
    kind === 'country' || kind === 'city' || kind === 'region' ? 'GPE' : kind === 'location' ? 'LOC' : 'ORG';
  for (let k = hi - 1; k >= lo; k--) if ((names[k] as FoundName).end > first) names.splice(k, 1);
  out.add({ first: start, end: i, type, rule: 'entities/acronym-name', confidence: 0.85 });
}

// Roles that stand between an organisation and a person's name: "Cofinec CEO Stephen Frater",
// "Federal Reserve Governor Lawrence Lindsey". Adjective titles ("Foreign", "State") are left out: they
// open organisations' names ("German Foreign Ministry").
const ROLES = new Set(
  'ceo chairman chairwoman president governor director spokesman spokeswoman spokesperson ambassador envoy secretary minister commander chief analyst economist'.split(
    ' ',
  ),
);

/** A role's word in any case. */
const CASELESS_ROLES = new CaselessWords(ROLES);

/** The type of the words before a role: a place or people the gazetteer knows, else an organisation. */
function holderType(w: readonly string[], first: number, end: number, gazetteer: Gazetteer): EntityType {
  const kind = gazetteer.kindOf(w.slice(first, end).join(' '));
  if (kind === 'country' || kind === 'city' || kind === 'region') return 'GPE';
  if (kind === 'demonym') return 'NORP';
  if (kind === 'location') return 'LOC';
  return 'ORG';
}

/**
 * Names the model ran together, cut apart: "Johnson Controls Inc and Lear Corp" after a legal form,
 * "the Untied Nations and United States" before a known place,
 * "Cofinec CEO Stephen Frater" at a role between an organisation and a person; a trailing role before
 * a capitalised word ("Federal Reserve Governor" Lawrence Lindsey) leaves the name.
 */
export function splitJoinedNames(
  w: readonly string[],
  names: readonly FoundName[],
  gazetteer: Gazetteer,
): FoundName[] {
  // Made at the first name cut: most lists have none, and are passed on as they are.
  let out: FoundName[] | undefined;
  for (let k = 0; k < names.length; k++) {
    const n = names[k] as FoundName;
    let rest: FoundName | undefined = n;
    while (rest) {
      const { first, end } = rest;
      let cut = -1;
      for (let t = first + 1; t < end - 1 && cut < 0; t++) {
        const word = w[t] as string;
        if ((word === 'and' || word === ',') && CASELESS_COMPANY_FORMS.has(w[t - 1] as string)) cut = t;
        else if (
          word === 'and' &&
          isKnownPlace(w, t + 1, end, gazetteer) &&
          !isKnownPlace(w, first, end, gazetteer)
        )
          cut = t;
        else if (isCapitalised(word) && isCapitalised(w[t + 1] as string) && CASELESS_ROLES.has(word))
          cut = t;
      }
      if (cut < 0) cut = personAfterOrganisation(w, first, end, gazetteer);
      if (cut < 0) {
        if (
          end - first > 1 &&
          (isCapitalised(w[end] ?? '') || w[end] === "'s") &&
          CASELESS_ROLES.has(w[end - 1] as string)
        ) {
          out ??= names.slice(0, k);
          out.push({ ...rest, end: end - 1, type: rest.type === 'PERSON' ? 'ORG' : rest.type });
        } else out?.push(rest);
        break;
      }
      out ??= names.slice(0, k);
      const role = CASELESS_ROLES.has(w[cut] as string);
      if (!role && rest.type !== 'PERSON' && isPlainName(w, cut, end, gazetteer)) {
        out.push({ ...rest, end: cut, rule: 'entities/split-name' });
        out.push({ ...rest, first: cut, type: 'PERSON', rule: 'entities/split-name' });
        break;
      }
      out.push({
        ...rest,
        end: cut,
        type: role ? holderType(w, first, cut, gazetteer) : rest.type,
        rule: 'entities/split-name',
      });
      rest = { ...rest, first: cut + 1, type: role ? 'PERSON' : rest.type, rule: 'entities/split-name' };
    }
  }
  return out ?? (names as FoundName[]);
}

/** Buildings the lexicon's facility words leave out (they are no features of the model): "Al-Ghaza Hotel". */
export const BUILDINGS = new Set('hotel memorial towers mall terminal'.split(' '));

/**
 * Words that make a person's name by themselves: two or three capitalised words, not in capitals, of no
 * word class (title, organisation, building or place word, month, trade) and unknown to the gazetteer.
 */
export function isPlainName(w: readonly string[], first: number, end: number, gazetteer: Gazetteer): boolean {
  if (end - first < 2 || end - first > 3) return false;
  for (let i = first; i < end; i++) {
    const word = w[i] as string;
    if (!PLAIN_NAME_WORD.test(word)) return false;
    const lower = word.toLowerCase();
    if (lexClass(lower) !== LexClass.None) return false;
    if (isOrgHead(lower) || BUILDINGS.has(lower)) return false;
    if (gazetteer.kindOf(word)) return false;
  }
  return gazetteer.kindOf(w.slice(first, end).join(' ')) === undefined;
}

/**
 * "the Refugee Council Enver Solomon", "the Council on American-Islamic Relations Alia Salem": a person's
 * name run onto an organisation's, right after its organisation word, or at a known given name.
 * Where the person starts, or -1.
 */
function personAfterOrganisation(
  w: readonly string[],
  first: number,
  end: number,
  gazetteer: Gazetteer,
): number {
  // What comes before the person first: it rules out most names without asking the gazetteer.
  for (let k = end - 2; k >= end - 3; k--) {
    if (k <= first) continue;
    if (
      (isOrgHeadWord(w[k - 1] as string) ||
        (gazetteer.isFirstName(w[k] as string) && orgBefore(w, first, k))) &&
      isPlainName(w, k, end, gazetteer)
    )
      return k;
  }
  return -1;
}

/** An organisation word among the words: they name an organisation. */
function orgBefore(w: readonly string[], first: number, end: number): boolean {
  for (let i = first; i < end; i++) if (isOrgHeadWord(w[i] as string)) return true;
  return false;
}

/** "the United Nations and United States": a known country or place after "and" is a name of its own. */
function isKnownPlace(w: readonly string[], first: number, end: number, gazetteer: Gazetteer): boolean {
  const kind = gazetteer.kindOf(w.slice(first, end).join(' '));
  return kind === 'country' || kind === 'region' || kind === 'city';
}

// Words after a publication's or agency's name: "the Sun newspaper", "Itar-Tass news agency".
const PRESS_WORDS = new Set(['newspaper', 'newspapers', 'magazine', 'weekly', 'daily', 'agency']);
const PRESS_HASHES = new WordHashes(PRESS_WORDS);

/**
 * A capitalised name right before "newspaper", "magazine", "daily" or "news agency" is the
 * publication or agency: an organisation, whatever the model took it for ("Hong Kong Standard").
 * "Daily" only when no name follows it ("the Moscow daily Segodnya" names Segodnya). `tokens`, when
 * given, are those whose texts `w` holds.
 */
export function pressNames(w: readonly string[], names: FoundName[], tokens?: TokenStore): FoundName[] {
  // Copied at the first press word, which few stories have.
  let out: SortedNames | undefined;
  // The press words are weighed apart, as in `acronymNames`; most words are passed on their hash.
  for (let i = 1; i < w.length; i++) {
    if (PRESS_HASHES.mayHoldWord(w, i, tokens) && PRESS_WORDS.has(w[i] as string)) {
      out ??= new SortedNames(names);
      pressNameAt(w, i, out);
    }
  }
  return out ? out.names : names;
}

/** `pressNames` for the press word at `i`: adds the name it makes a publication's to `out`. */
function pressNameAt(w: readonly string[], i: number, out: SortedNames): void {
  const word = w[i] as string;
  if (word === 'agency' && w[i - 1] !== 'news') return;
  if ((word === 'daily' || word === 'weekly') && isCapitalised(w[i + 1] ?? '')) return;
  const end = word === 'agency' ? i - 1 : i;
  let first = end;
  while (first > 0 && isCapitalised(w[first - 1] as string) && !POSSESSIVE.test(w[first - 1] as string))
    first--;
  while (first < end && lexClassOf(w[first] as string) === LexClass.Function) first++;
  if (first === end) return;
  const names = out.names;
  const lo = out.from(first);
  const hi = firstFrom(names, end + 1);
  let inside = 0;
  let only: FoundName | undefined;
  for (let k = lo; k < hi; k++) {
    const n = names[k] as FoundName;
    if (n.first < end && n.end > first && (n.first < first || n.end > end)) return;
    if (n.first >= first && n.end <= end) {
      inside++;
      only = n;
    }
  }
  if (inside === 1 && only?.first === first && only.type === 'ORG') return;
  for (let k = hi - 1; k >= lo; k--) {
    const n = names[k] as FoundName;
    if (n.first >= first && n.end <= end) names.splice(k, 1);
  }
  out.add({ first, end, type: 'ORG', rule: 'entities/press-name', confidence: 0.75 });
}

// Titles that only a person bears: "Ambassador Hamdullah Mohib", "King Norodom Sihanouk", "Ms Bauchtman".
// "General" is left out: "General Dynamics".
const PERSON_TITLES = new Set(
  'mr mr. mrs mrs. ms ms. dr dr. sir lady lord king queen prince princess pope cardinal sheikh president ambassador senator sen. governor gov. chancellor premier judge mayor professor prof. emeritus'.split(
    ' ',
  ),
);
const CASELESS_PERSON_TITLES = new CaselessWords(PERSON_TITLES);

/**
 * A name the model read with a person's title in front ("Ambassador Mohib" as one organisation) is the
 * person, without the title: CoNLL's convention and ours. Not when the rest is headed by an
 * organisation, facility or place word ("Queen Elizabeth Hospital", "King County").
 */
export function titledPersons(w: readonly string[], names: readonly FoundName[]): FoundName[] {
  return mapNames(names, (n) => {
    if (n.end - n.first < 2 || !CASELESS_PERSON_TITLES.has(w[n.first] as string)) return n;
    // "Emeritus Professor John Burrows": every title in front goes.
    let first = n.first + 1;
    while (first < n.end && CASELESS_PERSON_TITLES.has(w[first] as string)) first++;
    if (first === n.end) return n;
    for (let i = first; i < n.end; i++) {
      const word = w[i] as string;
      const lx = lexClassOf(word);
      if (!isCapitalised(word) || isOrgHeadWord(word) || lx === LexClass.FacWord || lx === LexClass.LocWord)
        return n;
    }
    return { ...n, first, type: 'PERSON', rule: 'entities/titled-person' };
  });
}

/**
 * "Muammar Gaddafi" read as an organisation while "Gaddafi" alone is a person elsewhere in the story:
 * the surname's readings outvote the full name's, which is then a person too.
 */
export function personVotes(
  w: readonly string[],
  names: readonly FoundName[],
  gazetteer: Gazetteer,
): FoundName[] {
  const votes = new Map<string, number>();
  for (const n of names)
    if (n.end - n.first === 1 && n.rule === 'entities/model') {
      const word = w[n.first] as string;
      votes.set(word, (votes.get(word) ?? 0) + (n.type === 'PERSON' ? 1 : -1));
    }
  if (votes.size === 0) return names as FoundName[];
  return mapNames(names, (n) => {
    if (n.type === 'PERSON' || n.end - n.first < 2 || n.end - n.first > 3) return n;
    if ((votes.get(w[n.end - 1] as string) ?? 0) <= 0) return n;
    const parts = w.slice(n.first, n.end);
    if (!parts.every((p) => TITLE_WORD.test(p) && lexClassOf(p) === LexClass.None)) return n;
    if (parts.some((p) => isOrgHeadWord(p)) || gazetteer.kindOf(parts.join(' '))) return n;
    return { ...n, type: 'PERSON', rule: 'entities/person-vote' };
  });
}
