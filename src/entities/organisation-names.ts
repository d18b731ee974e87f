import type { EntityType } from '../document/analysis.js';
import type { Gazetteer } from './gazetteer.js';
import { LexClass, lexClass } from './lexicon.js';

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

/** A word that ends an organisation's name: the lexicon's organisation words and trades. */
export function isOrgHead(lower: string): boolean {
  return lexClass(lower) === LexClass.OrgWord || TRADE_WORDS.has(lower);
}

const isCapitalised = (w: string) => /^\p{Lu}/u.test(w);

/** Words a continuation ("Bank of England", "Council on Foreign Relations") may go through. */
const OF_WORDS = new Set(['of', 'for', 'on']);

/**
 * "Ministry of Defence", "Council on Foreign Relations": a name headed by an organisation word runs on
 * through "of"/"for"/"on" into the capitalised words after it. Never through "in" ("the Commerce
 * Department in Washington" is two names) nor "and" ("the Bank of England and Barclays").
 */
export function joinOfNames(w: readonly string[], names: FoundName[]): FoundName[] {
  const out: FoundName[] = [];
  const sorted = [...names].sort((x, y) => x.first - y.first);
  for (let k = 0; k < sorted.length; k++) {
    const n = sorted[k] as FoundName;
    if (n.type === 'PERSON' || !isOrgHead((w[n.end - 1] as string).toLowerCase())) {
      out.push(n);
      continue;
    }
    let at = n.end;
    if (!OF_WORDS.has(w[at] ?? '')) {
      out.push(n);
      continue;
    }
    at++;
    if (w[at] === 'the') at++;
    let end = at;
    while (
      end < w.length &&
      end - at < 5 &&
      isCapitalised(w[end] as string) &&
      /\p{Ll}/u.test(w[end] as string)
    )
      end++;
    // The run may stop inside a name found already; the join takes all of that name.
    for (const m of sorted) if (m.first < end && m.end > end && m.first >= at) end = m.end;
    const person = sorted.some((m) => m.type === 'PERSON' && m.first < end && m.end > at);
    if (end === at || person) {
      out.push(n);
      continue;
    }
    out.push({ first: n.first, end, type: 'ORG', rule: 'entities/org-continuation', confidence: 0.75 });
    while (k + 1 < sorted.length && (sorted[k + 1] as FoundName).first < end) k++;
  }
  return out;
}

const LINKS = new Set(['of', 'for', 'and', 'the', 'in', 'on', 'de', 'du', 'des', 'la', 'le', '&', 'to']);

/** The capital letters a word gives an acronym: "U.N." gives "UN", "Force" gives "F". */
function initials(word: string): string {
  if (/^(\p{Lu}\.)+$/u.test(word)) return word.replace(/\./g, '');
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
export function acronymNames(w: readonly string[], names: FoundName[], gazetteer: Gazetteer): FoundName[] {
  let out = names;
  for (let i = 1; i + 2 < w.length; i++) {
    if (w[i] !== '(' || w[i + 2] !== ')') continue;
    const acronym = (w[i + 1] as string).replace(/\./g, '');
    if (!/^\p{Lu}{2,8}$/u.test(acronym)) continue;
    const first = spelledFrom(w, i, acronym);
    if (first < 0 || i - first < 2) continue;
    const touching = out.filter((n) => n.first < i && n.end > first);
    if (touching.some((n) => n.first === first && n.end === i)) continue;
    const start = Math.min(first, ...touching.map((n) => n.first));
    const place = gazetteer.lookup(w.slice(start, i).join(' '));
    const type: EntityType =
      place?.kind === 'country' || place?.kind === 'city' || place?.kind === 'region'
        ? 'GPE'
        : place?.kind === 'location'
          ? 'LOC'
          : 'ORG';
    out = out.filter((n) => !touching.includes(n));
    out.push({ first: start, end: i, type, rule: 'entities/acronym-name', confidence: 0.85 });
  }
  return out.sort((x, y) => x.first - y.first);
}
