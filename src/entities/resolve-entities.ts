import type { Entity, EntityType, Mention, MentionKind, Writable } from '../document/analysis.js';
import { DatelineError } from '../document/errors.js';
import { keptSlots } from '../document/kept.js';
import { ScratchInts } from '../document/scratch-ints.js';
import { sortStably } from '../document/sort-stably.js';
import type { Stage, StageContext } from '../pipeline/stage.js';
import { QuoteRole } from '../text/quote-marks.js';
import { TokenFlag } from '../text/tokens.js';
import { hashText, TOKEN_HASH_SEED } from '../text/vocabulary.js';
import { WordHashes } from '../text/word-hashes.js';
import { WordShapes } from '../text/word-shapes.js';
import { EntityRecord, MentionRecord } from './entity-records.js';
import { defaultGazetteer, type Gazetteer, type Place } from './gazetteer.js';
import { TITLES } from './lexicon.js';
import { byFirst, isOrgHeadWord } from './organisation-names.js';
import { SalienceWindow } from './salience-window.js';
import { releaseTokenWords, tokenWords } from './token-words.js';

/**
 * A mention being resolved: token range, sentence, and the cluster it joins. A class: every draft has one
 * shape with `cluster` and `aliasOf` from birth, where an object literal would grow a property store to
 * take the cluster it joins.
 */
class Draft {
  constructor(
    public first: number,
    public end: number,
    public kind: MentionKind,
    public type: EntityType,
    readonly rule: string,
    readonly confidence: number,
    /** The name this mention stands for (an acronym's expansion, "the North" for "North Korea"). */
    public aliasOf: Draft | undefined = undefined,
    public cluster: Cluster | undefined = undefined,
  ) {}
}

/**
 * A referent's drafts and what is known of it. A class: every cluster has one shape with all its fields
 * from birth, where an object literal would grow a property store for the title, place or gender.
 */
class Cluster {
  readonly drafts: Draft[] = [];
  title: string | undefined = undefined;
  /**
   * Lower-cased role words of the title ("leader", "ambassador") for descriptions like "the North's
   * leader"; made with the first, as most clusters have none.
   */
  roles: Set<string> | undefined = undefined;
  place: Place | undefined = undefined;
  gender: 'm' | 'f' | undefined = undefined;

  constructor(
    public type: EntityType,
    /** Whether the cluster is a country's, its mentions joined by the country they name. */
    readonly country = false,
  ) {}
}

// Heads of descriptions that name an organisation of a place: "South Korea's spy agency".
const ORG_HEADS = new Set(
  'agency ministry military government army navy police parliament service office embassy council committee court cabinet legislature regime administration'.split(
    ' ',
  ),
);
// Title words that name a role on their own ("the ambassador"), not those that only qualify one.
const ROLE_NOUNS = new Set(
  [...TITLES].filter(
    (t) =>
      !t.endsWith('.') &&
      !'vice prime foreign defense defence interior finance state chief head deputy crown supreme saint father sister brother officer official representative justice general lord lady sir dame'
        .split(' ')
        .includes(t),
  ),
);
// Most tokens asked about are no title and no role: their shape tells so without a lower-cased copy.
const TITLE_SHAPES = new WordShapes(TITLES);
const ROLE_SHAPES = new WordShapes(ROLE_NOUNS);
const SPEECH_VERBS = new Set('said says told announced reported added stated'.split(' '));
const LOCATIVES = new Set('in at from to near across into outside inside via through around'.split(' '));
const MALE_TITLES = new Set('mr. mr king prince sir lord father brother'.split(' '));
const FEMALE_TITLES = new Set('mrs. mrs ms. ms miss queen princess lady dame sister'.split(' '));
const PLURAL_NOUNS = new Set('people police men women children troops staff crowd residents'.split(' '));
const PLURAL_DETERMINERS = new Set(
  'the these those many some several few all both most other its their his her our two three four five ten dozens hundreds thousands'.split(
    ' ',
  ),
);
const CONNECTORS = new Set(['to', 'of', 'for', 'in']);
const CONNECTOR_SHAPES = new WordShapes(CONNECTORS);

/**
 * The words that rules look for all through the text: the resolver lists their tokens in one pass, and
 * the rules visit those alone instead of every token.
 */
const Cue = { None: 0, Male: 1, Female: 2, Plural: 3, The: 4, Possessive: 5 } as const;
const CUES = new Map<string, number>([
  ...'he him his himself'.split(' ').map((w) => [w, Cue.Male] as const),
  ...'she her hers herself'.split(' ').map((w) => [w, Cue.Female] as const),
  ...'they them their theirs themselves'.split(' ').map((w) => [w, Cue.Plural] as const),
  ['the', Cue.The],
  ["'s", Cue.Possessive],
  ['\u2019s', Cue.Possessive],
]);
/** `word` in every casing of its ASCII letters: "he", "He", "hE", "HE". */
function casings(word: string): string[] {
  let out = [''];
  for (const c of word) {
    const cases = new Set([c.toLowerCase(), c.toUpperCase()]);
    out = out.flatMap((head) => [...cases].map((x) => head + x));
  }
  return out;
}

/**
 * The cue words by the hash the tokenizer gives each casing of them (as a signed number, which a Map
 * keys without a string's hashing), to find a token's cue from its hash: one read for most tokens,
 * where the word's shape takes several, and a look-up by number for the rest. No token lower-cases to a
 * cue word but these casings: outside ASCII only the Kelvin sign and "İ" lower-case to ASCII letters,
 * and no cue word has a "k", while "İ" becomes "i" and a dot.
 */
const CUE_WORDS = new Map<number, string>();
/** The hashes in CUE_WORDS: most tokens have none, and are told so without the Map. */
const CUE_HASHES = new WordHashes();
for (const word of CUES.keys())
  for (const casing of casings(word)) {
    const h = hashText(casing, TOKEN_HASH_SEED) | 0;
    // Two casings of different words with one hash would need a list: there are none.
    if (CUE_WORDS.has(h)) throw new DatelineError('INTERNAL', `cue words share the hash of "${casing}"`);
    CUE_WORDS.set(h, word);
    CUE_HASHES.add(casing);
  }

interface Holder {
  first: number;
  person: number;
  draft: number;
  cluster: Cluster;
}

/** First by position, then by the order persons and their mentions were found in. */
function before(a: Holder, b: Holder): boolean {
  return (a.first - b.first || a.person - b.person || a.draft - b.draft) < 0;
}

/**
 * The words of persons' full names, each with the mentions holding it sorted, so that a lone word finds
 * the nearest full name by bisection: long documents repeat surnames thousands of times.
 */
class PersonWords {
  private readonly byWord = new Map<string, Holder[]>();

  constructor(private readonly words: readonly string[]) {}

  add(d: Draft, person: number, draft: number, cluster: Cluster): void {
    if (d.end - d.first < 2) return;
    // One holder for all the name's words: a word the name repeats finds it already in its list, where it
    // would go again, and is held once, with no word compared to another.
    const h: Holder = { first: d.first, person, draft, cluster };
    for (let t = d.first; t < d.end; t++) {
      const w = this.words[t] as string;
      let list = this.byWord.get(w);
      if (!list) {
        list = [];
        this.byWord.set(w, list);
      }
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (before(h, list[mid] as Holder)) hi = mid;
        else lo = mid + 1;
      }
      if (lo > 0 && list[lo - 1] === h) continue;
      if (lo === list.length) list.push(h);
      else list.splice(lo, 0, h);
    }
  }

  /** The person whose full name holds `word`: the nearest mention before `at`, else after. */
  find(word: string, at: number): Cluster | undefined {
    const list = this.byWord.get(word);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as Holder).first < at) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) {
      const first = (list[lo - 1] as Holder).first;
      let k = lo - 1;
      while (k > 0 && (list[k - 1] as Holder).first === first) k--;
      return (list[k] as Holder).cluster;
    }
    while (lo < list.length && (list[lo] as Holder).first === at) lo++;
    return list[lo]?.cluster;
  }
}

interface RoleHolder {
  cluster: Cluster;
  first: number;
}

/** The place's coordinates and reference as an entity gives them. */
function geoOf(place: Place, lat: number, lon: number): NonNullable<Entity['geo']> {
  const geo: NonNullable<Entity['geo']> = { lat, lon };
  if (place.country) geo.country = place.country;
  geo.ref = place.ref ?? (place.kind === 'country' ? `iso3166:${place.country}` : `name:${place.name}`);
  return geo;
}

const firstToken = (d: Draft) => d.first;

/**
 * `added`, sorted by first token, merged into `drafts`, sorted too, where a stable sort of both one after
 * the other would put them: linear, where a sort of a long document's thousands of drafts is not.
 */
export function mergeByFirst(drafts: Draft[], added: readonly Draft[]): void {
  let i = drafts.length - 1;
  for (const d of added) drafts.push(d);
  // From the back, into the room the pushes made: a draft of `drafts` goes before an added one at its token.
  for (let j = added.length - 1, k = drafts.length - 1; j >= 0; k--) {
    const next = added[j] as Draft;
    if (i >= 0 && (drafts[i] as Draft).first > next.first) {
      drafts[k] = drafts[i] as Draft;
      i--;
    } else {
      drafts[k] = next;
      j--;
    }
  }
}

/** Whether the words of `name` after `start`, which it continues, are all organisation heads ("Inc."). */
function endsInOrgHeads(name: string, start: string): boolean {
  return name
    .slice(start.length + 1)
    .split(' ')
    .every(isOrgHeadWord);
}

/** Whether `name` is `start` and more words: "Northrop Grumman" continues "Northrop", without a copy. */
function continues(name: string, start: string): boolean {
  return name.length > start.length && name.charCodeAt(start.length) === 0x20 && name.startsWith(start);
}

function firstOf(c: Cluster): number {
  let first = Number.POSITIVE_INFINITY;
  for (const d of c.drafts) first = Math.min(first, d.first);
  return first;
}

/** The person last introduced with this role before `at`. */
function roleHolder(holders: readonly RoleHolder[] | undefined, at: number): RoleHolder | undefined {
  let best: RoleHolder | undefined;
  let bestAt = -1;
  for (const h of holders ?? []) {
    if (h.first < at && h.first > bestAt) {
      best = h;
      bestAt = h.first;
    }
  }
  return best;
}

// Working arrays by token, one for each use (see ScratchInts).
const COVERING = new ScratchInts();
const CUES_AT = new ScratchInts();
const STARTING = new ScratchInts();
const SENTENCE_AT = new ScratchInts();
const ENDING = new ScratchInts();
const OPENINGS = new ScratchInts();
const NOUNS = new ScratchInts();

/**
 * The draft over each token, the last in draft order where drafts overlap, as a Map by token would hold
 * it: an array by token, since a long document has tens of thousands. A scratch array: a coverage is
 * valid until the next one is made, which takes over its memory. It reads the drafts from the array
 * given, uncopied: that array must not change while the coverage is asked.
 */
export class Coverage {
  private readonly drafts: readonly Draft[];
  private readonly at: Int32Array;

  constructor(drafts: readonly Draft[], tokens: number) {
    this.drafts = drafts;
    const at = COVERING.take(tokens);
    // Drafts are a few tokens each: a loop costs less than a call to `fill` per draft.
    for (let k = 0; k < drafts.length; k++) {
      const d = drafts[k] as Draft;
      for (let t = d.first; t < d.end; t++) at[t] = k + 1;
    }
    this.at = at;
  }

  get(token: number): Draft | undefined {
    const k = this.at[token] ?? 0;
    return k > 0 ? this.drafts[k - 1] : undefined;
  }

  has(token: number): boolean {
    return (this.at[token] ?? 0) > 0;
  }
}

class Resolver {
  private drafts: Draft[] = [];
  private readonly clusters: Cluster[] = [];
  private readonly words: readonly string[];
  /** The tokens of each cue word, in order: the per-token passes visit these alone. */
  private readonly the: number[] = [];
  private readonly possessives: number[] = [];
  /** He/she and they pronouns outside quotations, in order: those inside speak from the speaker's side. */
  private readonly gendered: number[] = [];
  private readonly plural: number[] = [];
  /** Each token's cue (Cue.None for most): rules ask of tokens anywhere whether they are one. */
  private readonly cues: Int32Array;
  private sentenceAt: Int32Array | undefined;
  /** By sentence, as `opensSentence` finds them: its first token, the first past its titles, its first comma. */
  private openings: Int32Array | undefined;

  constructor(
    private readonly context: StageContext,
    private readonly gazetteer: Gazetteer,
  ) {
    this.words = tokenWords(context.text);
    this.cues = CUES_AT.take(this.words.length);
    // Whether a pronoun is inside a quotation, from the quote marks up to it: few tokens are either.
    const marks = context.text.tokens.quoteMarks;
    let mark = 0;
    let inQuote = false;
    for (let i = 0; i < this.words.length; i++) {
      const cue = this.cueAt(i);
      if (cue === Cue.None) continue;
      this.cues[i] = cue;
      if (cue === Cue.The) this.the.push(i);
      else if (cue === Cue.Possessive) this.possessives.push(i);
      else {
        for (; mark < marks.length && (marks[mark] as number) <= i; mark++) {
          const role = context.text.quoteRole(marks[mark] as number);
          if (role === QuoteRole.Open) inQuote = true;
          else if (role === QuoteRole.Close) inQuote = false;
        }
        if (!inQuote) (cue === Cue.Plural ? this.plural : this.gendered).push(i);
      }
    }
  }

  private cueAt(i: number): number {
    const { tokens } = this.context.text;
    const h = tokens.hash(i) | 0;
    if (!CUE_HASHES.mayHold(h)) return Cue.None;
    const word = CUE_WORDS.get(h);
    if (word === undefined) return Cue.None;
    // Another word of the same hash is told apart by its characters, each the cue word's in either case.
    const start = tokens.start(i);
    if (tokens.end(i) - start !== word.length) return Cue.None;
    for (let k = 0; k < word.length; k++) {
      const c = tokens.source.charCodeAt(start + k);
      const w = word.charCodeAt(k);
      if (c !== w && !(w >= 0x61 && w <= 0x7a && c === w - 0x20)) return Cue.None;
    }
    return CUES.get(word) as number;
  }

  /** Whether token `i` of the text joins a title's words: "to", "of". */
  private isConnector(i: number): boolean {
    return (
      CONNECTOR_SHAPES.mayHoldToken(this.context.text.tokens, i) && CONNECTORS.has(this.lower(i) as string)
    );
  }

  /**
   * Whether token `i` of the text is `word`, told from the source: reading the word itself, a string
   * elsewhere in memory, costs a long document a cache miss.
   */
  private isToken(i: number, word: string): boolean {
    const { tokens, source } = this.context.text;
    if (i >= this.words.length) return false;
    const start = tokens.start(i);
    return tokens.end(i) - start === word.length && source.startsWith(word, start);
  }

  /** Whether token `i` of the text is "the", in any case. */
  private isThe(i: number): boolean {
    return this.cues[i] === Cue.The;
  }

  /** Token `i` lower-cased, undefined outside the text as an array's element would be. */
  private lower(i: number): string | undefined {
    return i < 0 || i >= this.words.length ? undefined : this.context.text.tokens.lower(i);
  }

  /** Whether token `i` of the text is a title word ("ambassador", "Mr."). */
  private isTitle(i: number): boolean {
    return TITLE_SHAPES.mayHoldToken(this.context.text.tokens, i) && TITLES.has(this.lower(i) as string);
  }

  private text(d: { first: number; end: number }): string {
    const { tokens, source } = this.context.text;
    return source.slice(tokens.start(d.first), tokens.end(d.end - 1));
  }

  /**
   * The sentence holding token `token`, -1 between sentences. From an array by token, made when first
   * asked: a bisection per mention costs more, and more so the longer the document.
   */
  private sentenceOf(token: number): number {
    let sentenceAt = this.sentenceAt;
    if (!sentenceAt) {
      sentenceAt = SENTENCE_AT.take(this.words.length, -1);
      const { sentences } = this.context.text;
      for (let k = 0; k < sentences.length; k++) {
        const s = sentences[k] as (typeof sentences)[number];
        sentenceAt.fill(k, s.firstToken, s.endToken);
      }
      this.sentenceAt = sentenceAt;
    }
    return sentenceAt[token] ?? -1;
  }

  /**
   * The drafts over each token as they are now, valid until they change (drafts are added once a rule is
   * done with it); the one this returned before is no longer valid.
   */
  private covering(): Coverage {
    return new Coverage(this.drafts, this.words.length);
  }

  private join(d: Draft, c: Cluster): void {
    d.cluster = c;
    c.drafts.push(d);
  }

  private newCluster(d: Draft, country = false): Cluster {
    const c = new Cluster(d.type, country);
    this.clusters.push(c);
    this.join(d, c);
    return c;
  }

  run(): Entity[] {
    this.readNames();
    this.trimTitles();
    this.shortForms();
    this.acronyms();
    this.clusterNames();
    // Titles add no draft: descriptions find the drafts where titles did.
    const covered = this.covering();
    this.titles(covered);
    this.descriptions(covered);
    this.pronouns();
    this.pluralPronouns();
    return this.entities();
  }

  /**
   * The recogniser's entities, one name mention each, as drafts, in text order. They come entity by
   * entity: they are put in order by first token, in one sweep over the tokens, as a comparison sort of a
   * long document's thousands would not.
   */
  private readNames(): void {
    const { tokens } = this.context.text;
    // Both arrays made at their size, filled by index: pushed, they would grow (and copy) as they went.
    let total = 0;
    for (const e of this.context.layers.entities) total += e.mentions.length;
    const read = new Array<Draft>(total);
    let n = 0;
    for (const e of this.context.layers.entities)
      for (const m of e.mentions) {
        const first = tokens.indexAt(m.start);
        // A mention is a few tokens: its last is a step or two past its first, not another bisection away
        // (which an empty mention, ending before its first token, still takes).
        let last = m.end > m.start ? first : tokens.indexAt(m.end - 1);
        while (last < tokens.count && tokens.end(last) <= m.end - 1) last++;
        const end = last + 1;
        if (first < end) read[n++] = new Draft(first, end, m.kind, e.type, e.rule, e.confidence ?? 0.5);
      }
    // The drafts starting at each token as a list, 1 + index into `read`, each list in reading order.
    const head = STARTING.take(this.words.length);
    const next = new Array<number>(n).fill(0);
    for (let k = n - 1; k >= 0; k--) {
      const first = (read[k] as Draft).first;
      next[k] = head[first] as number;
      head[first] = k + 1;
    }
    const drafts = new Array<Draft>(n);
    let at = 0;
    for (let t = 0; t < head.length; t++)
      for (let k = head[t] as number; k > 0; k = next[k - 1] as number) drafts[at++] = read[k - 1] as Draft;
    this.drafts = drafts;
  }

  /** "Ambassador Alexandr Matsegora" as a name: the role is the title, not part of the name. */
  private trimTitles(): void {
    for (let nd = 0; nd < this.drafts.length; nd++) {
      const d = this.drafts[nd] as Draft;
      if (d.type !== 'PERSON') continue;
      while (d.end - d.first > 1 && this.isTitle(d.first)) d.first++;
    }
  }

  /**
   * "the North" for North Korea when the document names a North-something place: Korean news style.
   * The same for "the South".
   */
  private shortForms(): void {
    const shorts: number[] = [];
    for (let nt = 0; nt < this.the.length; nt++) {
      const i = this.the[nt] as number;
      if (i + 1 >= this.words.length) break;
      if (!this.isToken(i + 1, 'North') && !this.isToken(i + 1, 'South')) continue;
      if (!/^\p{Lu}/u.test(this.words[i + 2] ?? '')) shorts.push(i);
    }
    if (shorts.length === 0) {
      byFirst(this.drafts);
      return;
    }
    // Two-word place names by first word, in draft order, and the drafts over the tokens of each "the
    // North": indexes, so that a long document costs no scan of all drafts per "the North". Only those
    // tokens are asked about, and only they get a list: a list for every token a draft covers would make
    // a long document's thousands.
    const fulls = new Map<string, { drafts: Draft[]; next: number }>();
    const asked = new Uint8Array(this.words.length);
    for (const i of shorts) asked.fill(1, i, i + 2);
    const covering = new Map<number, Draft[]>();
    const cover = (d: Draft) => {
      for (let t = d.first; t < d.end; t++) {
        if (asked[t] !== 1) continue;
        const list = covering.get(t);
        if (list) list.push(d);
        else covering.set(t, [d]);
      }
    };
    for (let nd = 0; nd < this.drafts.length; nd++) {
      const d = this.drafts[nd] as Draft;
      cover(d);
      if (d.type !== 'GPE' || d.end - d.first !== 2 || d.kind !== 'name') continue;
      const w = this.words[d.first] as string;
      const entry = fulls.get(w);
      if (entry) entry.drafts.push(d);
      else fulls.set(w, { drafts: [d], next: 0 });
    }
    const removed = new Set<Draft>();
    const added: Draft[] = [];
    for (const i of shorts) {
      const w = this.words[i + 1] as string;
      const entry = fulls.get(w);
      while (entry && entry.next < entry.drafts.length && removed.has(entry.drafts[entry.next] as Draft))
        entry.next++;
      const full = entry?.drafts[entry.next];
      if (!full) continue;
      for (const d of covering.get(i) ?? []) removed.add(d);
      for (const d of covering.get(i + 1) ?? []) removed.add(d);
      const draft = new Draft(i, i + 2, 'alias', 'GPE', 'entities/short-form', 0.8, full);
      added.push(draft);
      cover(draft);
    }
    const kept = this.drafts.filter((d) => !removed.has(d));
    this.drafts.length = 0;
    for (const d of kept) this.drafts.push(d);
    for (const d of added) if (!removed.has(d)) this.drafts.push(d);
    byFirst(this.drafts);
  }

  /** "Korean Central News Agency (KCNA)": KCNA is that agency wherever it appears. */
  private acronyms(): void {
    const definitions = new Map<string, Draft>();
    for (let nd = 0; nd < this.drafts.length; nd++) {
      const d = this.drafts[nd] as Draft;
      if (d.kind !== 'name' || !this.isToken(d.end, '(') || !this.isToken(d.end + 2, ')')) continue;
      const acronym = this.words[d.end + 1] as string;
      if (!/^[A-Z][A-Z0-9&.-]*[A-Z0-9.]$/.test(acronym)) continue;
      const initials = this.words
        .slice(d.first, d.end)
        .filter((w) => /^\p{Lu}/u.test(w))
        .map((w) => w[0])
        .join('');
      const letters = acronym.replace(/[^A-Z]/g, '');
      if (!initials.startsWith(letters[0] ?? '') || letters.length < 2) continue;
      definitions.set(acronym, d);
    }
    if (definitions.size === 0) return;
    const uses = this.spellings(definitions);
    // Whether a draft covers each use, and the first one-word draft there: the drafts are sorted by first
    // token, so one sweep over both finds them, with nothing made per token of a long document.
    const taken = new Uint8Array(uses.length);
    const single: (Draft | undefined)[] = new Array(uses.length).fill(undefined);
    let u = 0;
    const added: Draft[] = [];
    for (let nd = 0; nd < this.drafts.length; nd++) {
      const d = this.drafts[nd] as Draft;
      while (u < uses.length && (uses[u] as number) < d.first) u++;
      for (let k = u; k < uses.length && (uses[k] as number) < d.end; k++) {
        taken[k] = 1;
        if (d.end - d.first === 1) single[k] ??= d;
      }
    }
    for (let k = 0; k < uses.length; k++) {
      const i = uses[k] as number;
      const def = definitions.get(this.words[i] as string) as Draft;
      const existing = single[k];
      if (existing) {
        existing.kind = 'acronym';
        existing.type = def.type;
        existing.aliasOf = def;
      } else if (taken[k] === 0) {
        const draft = new Draft(i, i + 1, 'acronym', def.type, 'entities/acronym', 0.9, def);
        added.push(draft);
      }
    }
    mergeByFirst(this.drafts, added);
  }

  /**
   * The tokens spelling a defined acronym, in order. An acronym has two capital letters and no small one
   * (see `acronyms`): a token the tokenizer flags so; other words need no look-up. A method of its own:
   * it is compiled for its loop over a long document's tokens, which few documents reach.
   */
  private spellings(definitions: ReadonlyMap<string, Draft>): number[] {
    const { tokens } = this.context.text;
    const uses: number[] = [];
    for (let i = 0; i < this.words.length; i++)
      if (tokens.has(i, TokenFlag.AllCaps) && definitions.has(this.words[i] as string)) uses.push(i);
    return uses;
  }

  /** The gazetteer's place for `d` (whose text is `text`, when the caller has it) typed `type`. */
  private placeOf(d: Draft, type = d.type, text?: string): Place | undefined {
    if (type !== 'GPE' && type !== 'LOC' && type !== 'NORP' && type !== 'FAC') return undefined;
    return this.gazetteer.lookup(text ?? this.text(d));
  }

  /**
   * One cluster per referent: the same place (by gazetteer), the same name, a person's surname or
   * given name after the full name, an organisation's leading words ("Northrop" for "Northrop Grumman").
   */
  private clusterNames(): void {
    // Clusters by name and by country, with no key string made per mention.
    const byName = new Map<string, Cluster>();
    const byCountry = new Map<string | undefined, Cluster>();
    // Persons with the order they became persons in, which breaks ties between equally near names.
    const persons = new Map<Cluster, number>();
    const holders = new PersonWords(this.words);
    // Organisations by the first word of their name (the longest, earliest name mention so far): a shorter
    // name finds its longer one among those alone, not by a scan of every cluster.
    const orgs = new Map<Cluster, { order: number; draft: Draft; named: boolean; name: string }>();
    const orgsByWord = new Map<string, Set<Cluster>>();
    const firstWord = (s: string) => {
      const k = s.indexOf(' ');
      return k < 0 ? s : s.slice(0, k);
    };
    const file = (c: Cluster, name: string) => {
      const set = orgsByWord.get(firstWord(name));
      if (set) set.add(c);
      else orgsByWord.set(firstWord(name), new Set([c]));
    };
    const join = (d: Draft, c: Cluster) => {
      this.join(d, c);
      const p = persons.get(c);
      if (p !== undefined) holders.add(d, p, c.drafts.length - 1, c);
      const org = orgs.get(c);
      if (!org || d.kind !== 'name') return;
      const length = d.end - d.first;
      const bestLength = org.draft.end - org.draft.first;
      if (org.named && (length < bestLength || (length === bestLength && d.first >= org.draft.first))) return;
      orgsByWord.get(firstWord(org.name))?.delete(c);
      org.draft = d;
      org.named = true;
      org.name = this.text(d);
      file(c, org.name);
    };
    const named = (d: Draft, name: string) => {
      const c = byName.get(name);
      if (c) {
        join(d, c);
        return;
      }
      const created = this.newCluster(d);
      byName.set(name, created);
      if (created.type !== 'ORG') return;
      orgs.set(created, { order: orgs.size, draft: d, named: d.kind === 'name', name });
      file(created, name);
    };
    // Full names first, so that a bare surname finds its person even before the full name appears. Aliases
    // join what they stand for afterwards.
    const full: Draft[] = [];
    const lone: Draft[] = [];
    for (const d of this.drafts) if (!d.aliasOf) (d.end - d.first === 1 ? lone : full).push(d);
    const order = byFirst(full).concat(byFirst(lone));
    for (const d of order) {
      const text = this.text(d);
      const place = this.placeOf(d, d.type, text);
      // A word of a person's full name, alone, is that person: "Dole" after "Bob Dole" is no French town.
      // Not a country or region: a name the model ran into one ("Lebed Chechnya") must not take it over.
      if (
        d.end - d.first === 1 &&
        place?.kind !== 'demonym' &&
        place?.kind !== 'country' &&
        place?.kind !== 'region'
      ) {
        const person = holders.find(text, d.first);
        if (person) {
          d.kind = 'alias';
          join(d, person);
          continue;
        }
      }
      if (place?.kind === 'demonym' || (place?.kind === 'country' && d.type !== 'ORG')) {
        if (place.kind === 'demonym') {
          d.kind = 'demonym';
          d.type = 'NORP';
        } else d.type = 'GPE';
        const c = byCountry.get(place.country);
        if (c) {
          join(d, c);
          if (d.kind !== 'demonym') c.type = 'GPE';
        } else {
          const created = this.newCluster(d, true);
          created.place = this.gazetteer.country(place.country ?? '') ?? place;
          byCountry.set(place.country, created);
        }
        continue;
      }
      // "Magna" after "Magna International Inc." is the company, whatever type the model gave it, and
      // even if some town is called so; never a country's or region's name.
      const byHead = d.end - d.first === 1 && place?.kind !== 'country' && place?.kind !== 'region';
      // The earliest organisation whose name continues this one.
      let longer: Cluster | undefined;
      let longerOrder = Number.POSITIVE_INFINITY;
      const sameFirst = orgsByWord.get(firstWord(text));
      if (sameFirst)
        for (const c of sameFirst) {
          const org = orgs.get(c);
          if (!org || org.order > longerOrder || !continues(org.name, text)) continue;
          if (d.type === 'ORG' ? this.gazetteer.lookup(text) : !(byHead && endsInOrgHeads(org.name, text)))
            continue;
          longer = c;
          longerOrder = org.order;
        }
      if (longer) {
        d.kind = 'alias';
        d.type = 'ORG';
        join(d, longer);
        continue;
      }
      // One referent per name in a document, whatever type each occurrence was given: the types vote.
      if (d.type === 'PERSON') {
        named(d, text);
        const c = d.cluster as Cluster;
        if (!persons.has(c)) {
          persons.set(c, persons.size);
          for (let k = 0; k < c.drafts.length; k++) holders.add(c.drafts[k] as Draft, persons.size - 1, k, c);
        }
        continue;
      }
      named(d, text);
      if (place && d.cluster && !d.cluster.place) d.cluster.place = place;
    }
    for (let nd = 0; nd < this.drafts.length; nd++) {
      const d = this.drafts[nd] as Draft;
      const alias = d.aliasOf;
      if (alias?.cluster) this.join(d, alias.cluster);
      else if (alias) this.newCluster(d);
    }
  }

  /**
   * The role stated before a person's name: "Russian Ambassador to North Korea Alexandr Matsegora",
   * "leader Kim Jong-un". Titles, places and demonyms, joined by "to" or "of".
   */
  private titles(covered: Coverage): void {
    for (let nc = 0; nc < this.clusters.length; nc++) {
      const c = this.clusters[nc] as Cluster;
      if (c.type !== 'PERSON') continue;
      for (const d of c.drafts) {
        if (d.kind !== 'name') continue;
        let start = d.first;
        let hasTitle = false;
        for (let i = d.first - 1; i >= 0; i--) {
          const other = covered.get(i);
          if (this.isTitle(i)) {
            hasTitle = true;
            start = i;
          } else if (
            other &&
            other.type !== 'PERSON' &&
            (other.type === 'GPE' || other.type === 'NORP' || other.type === 'ORG')
          ) {
            start = other.first;
            i = other.first;
          } else if (this.isConnector(i) && i > 0 && !this.isConnector(i - 1)) continue;
          else break;
        }
        while (start < d.first && (this.isConnector(start) || this.isThe(start))) start++;
        if (!hasTitle || start >= d.first) continue;
        const title = this.text({ first: start, end: d.first });
        c.title ??= title;
        for (let i = start; i < d.first; i++) {
          const lw = this.lower(i) as string;
          if (TITLES.has(lw)) {
            c.roles ??= new Set();
            c.roles.add(lw);
          }
          if (MALE_TITLES.has(lw)) c.gender ??= 'm';
          if (FEMALE_TITLES.has(lw)) c.gender ??= 'f';
        }
      }
    }
  }

  /**
   * "the North's leader" is the person titled leader; "South Korea's spy agency" is an organisation of
   * its own. The possessor must be a place or organisation named in the document.
   */
  private descriptions(covered: Coverage): void {
    const added: Draft[] = [];
    const described = new Map<string, Cluster>();
    const holders = this.roleHolders();
    // The words after "the" (bare roles) and the possessives, merged in text order, a bare role first.
    const n = this.words.length;
    let t = 0;
    let p = 0;
    for (;;) {
      const bare = (this.the[t] ?? n) + 1;
      const possessive = this.possessives[p] ?? n;
      const i = Math.min(bare, possessive);
      if (i >= n) break;
      if (bare === i) {
        t++;
        this.bareRole(i, covered, added, holders);
      }
      if (possessive !== i) continue;
      p++;
      if (i === 0) continue;
      const owner = covered.get(i - 1);
      if (!owner?.cluster || (owner.cluster.type !== 'GPE' && owner.cluster.type !== 'ORG')) continue;
      let head = i + 1;
      while (head < this.words.length && head < i + 4 && /^\p{Ll}+$/u.test(this.words[head] as string)) {
        // in lower case already, as the test says
        const lw = this.words[head] as string;
        if (ORG_HEADS.has(lw) || (TITLES.has(lw) && !CONNECTORS.has(lw))) break;
        head++;
      }
      const lw = this.lower(head);
      if (lw === undefined || covered.has(head)) continue;
      const start = this.isThe(owner.first - 1) ? owner.first - 1 : owner.first;
      const draft = new Draft(start, head + 1, 'nominal', 'PERSON', 'entities/description', 0.6);
      if (ORG_HEADS.has(lw)) {
        draft.type = 'ORG';
        const text = this.text(draft).replace(/^the /i, '');
        const same = described.get(text);
        if (same) this.join(draft, same);
        else described.set(text, this.newCluster(draft));
        added.push(draft);
      } else if (TITLES.has(lw)) {
        const holder = roleHolder(holders.get(lw), head);
        if (!holder) continue;
        this.join(draft, holder.cluster);
        holder.first = Math.min(holder.first, draft.first);
        added.push(draft);
      }
    }
    mergeByFirst(this.drafts, byFirst(added));
  }

  /**
   * "the ambassador" after "Ambassador Alexandr Matsegora": the person last introduced with that role.
   * Not before a name ("the ambassador Alexandr Matsegora" is a title) nor with no one so titled. `i`
   * follows a "the".
   */
  private bareRole(i: number, covered: Coverage, added: Draft[], holders: Map<string, RoleHolder[]>): void {
    if (!ROLE_SHAPES.mayHoldToken(this.context.text.tokens, i)) return;
    const role = this.lower(i);
    if (!role || !ROLE_NOUNS.has(role) || covered.has(i)) return;
    if (/^\p{Lu}/u.test(this.words[i + 1] ?? '') || this.lower(i + 1) === 'of') return;
    const holder = roleHolder(holders.get(role), i);
    if (!holder) return;
    const draft = new Draft(i - 1, i + 1, 'nominal', 'PERSON', 'entities/description', 0.5);
    this.join(draft, holder.cluster);
    holder.first = Math.min(holder.first, draft.first);
    added.push(draft);
  }

  /** Titled persons by role, in cluster order, each with its first mention. */
  private roleHolders(): Map<string, RoleHolder[]> {
    const holders = new Map<string, RoleHolder[]>();
    for (let nc = 0; nc < this.clusters.length; nc++) {
      const c = this.clusters[nc] as Cluster;
      if (c.type !== 'PERSON' || !c.roles) continue;
      const holder = { cluster: c, first: firstOf(c) };
      for (const role of c.roles) {
        const list = holders.get(role);
        if (list) list.push(holder);
        else holders.set(role, [holder]);
      }
    }
    return holders;
  }

  /**
   * He/she and his/her by salience, not by the nearest name: each person's mentions so far, decayed by
   * sentence distance, those that open their sentence (the subject of the main clause) counting more.
   * Pronouns inside quotations speak from the speaker's side and are left alone.
   */
  private pronouns(): void {
    if (this.gendered.length === 0) return;
    const covered = this.covering();
    // Each person's mentions as (token, sentence, weight), pronouns added as they are resolved.
    const persons = this.clusters.filter((c) => c.type === 'PERSON');
    let total = 0;
    for (let k = 0; k < persons.length; k++) total += (persons[k] as Cluster).drafts.length;
    // As numbers by mark, at their size: an object per mention would outlive scavenges in a long document.
    const person = new Array<number>(total).fill(0);
    const at = new Array<number>(total).fill(0);
    const sentences = new Array<number>(total).fill(0);
    const weights = new Array<number>(total).fill(1.5);
    let id = 0;
    for (let k = 0; k < persons.length; k++) {
      const drafts = (persons[k] as Cluster).drafts;
      for (let m = 0; m < drafts.length; m++) {
        const d = drafts[m] as Draft;
        const sentence = this.sentenceOf(d.first);
        person[id] = k;
        at[id] = d.first;
        sentences[id] = sentence;
        weights[id++] = this.opensSentence(d, sentence) ? 1.5 : 1;
      }
    }
    const window = new SalienceWindow({
      persons: persons.length,
      person,
      at,
      sentence: sentences,
      weight: weights,
    });
    const added: Draft[] = [];
    // Loops by index here and below: a long document runs them once, long, and before the compiler has
    // optimised them, an iterator allocates a result at each step.
    for (let g = 0; g < this.gendered.length; g++) {
      const i = this.gendered[g] as number;
      const gender = this.cues[i] === Cue.Male ? 'm' : 'f';
      if (covered.has(i)) continue;
      const sentence = this.sentenceOf(i);
      let best = -1;
      let bestScore = 0;
      // Persons with no mention within the horizon score 0 and never win.
      const candidates = window.candidates(i, sentence);
      for (let n = 0; n < candidates.length; n++) {
        const k = candidates[n] as number;
        const c = persons[k] as Cluster;
        if (c.gender && c.gender !== gender) continue;
        let score = window.score(k);
        // A gender the text states ("Queen", "Mr.", an earlier "she") outweighs one left open.
        if (c.gender === gender) score *= 1.5;
        if (score > bestScore) {
          bestScore = score;
          best = k;
        }
      }
      const cluster = persons[best];
      if (!cluster) continue;
      cluster.gender ??= gender;
      const draft = new Draft(i, i + 1, 'pronoun', 'PERSON', 'entities/pronoun', 0.6, undefined, cluster);
      added.push(draft);
      window.add(best, { at: i, sentence, weight: this.opensSentence(draft, sentence) ? 1.5 : 1 });
    }
    for (let n = 0; n < added.length; n++) {
      const d = added[n] as Draft;
      (d.cluster as Cluster).drafts.push(d);
      this.drafts.push(d);
    }
  }

  /**
   * They/them/their for a group named just before: an organisation or a people ("the Palestinians"),
   * in the same or the previous sentence, with nothing plural between that it could mean instead (a
   * plural noun, people joined by "and"). Inside quotations they speak from the speaker's side.
   */
  private pluralPronouns(): void {
    if (this.plural.length === 0) return;
    // The draft ending at each token, the last in draft order where several do, as its index + 1: an
    // array by token, not a Map, which a long document's thousands of drafts would grow into a hash table.
    const drafts = this.drafts;
    const ending = ENDING.take(this.words.length);
    // Whether each token is a plural noun (1) or not (2), once asked: the scans back from one "they" and
    // from the next cover the same tokens.
    const nouns = NOUNS.take(this.words.length);
    const demonymEnds = new Set<number>();
    for (let k = 0; k < drafts.length; k++) {
      const d = drafts[k] as Draft;
      if (d.kind !== 'pronoun') ending[d.end - 1] = k + 1;
      if (d.kind === 'demonym') demonymEnds.add(d.end);
    }
    const added: Draft[] = [];
    for (let p = 0; p < this.plural.length; p++) {
      const i = this.plural[p] as number;
      const from = this.context.text.sentences[Math.max(0, this.sentenceOf(i) - 1)]?.firstToken ?? 0;
      let j = i - 1;
      let found: Draft | undefined;
      while (j >= from) {
        const e = ending[j] as number;
        const d = e > 0 ? drafts[e - 1] : undefined;
        if (d) {
          const c = d.cluster;
          if (!c || c.type === 'PERSON') {
            // "Kim and Moon ... they": people together.
            if (this.lower(d.first - 1) === 'and' || this.lower(d.first - 1) === ',') break;
            j = d.first - 1;
            continue;
          }
          if (c.type === 'ORG' || (c.type === 'NORP' && this.groupName(d))) found = d;
          // A place, a single national's word or a thing named: it is no "they", nor is what precedes.
          break;
        }
        let noun = nouns[j] as number;
        if (noun === 0) {
          noun = this.pluralNoun(j, demonymEnds) ? 1 : 2;
          nouns[j] = noun;
        }
        if (noun === 1 || this.cues[j] === Cue.Plural) break;
        j--;
      }
      const cluster = found?.cluster;
      if (!cluster) continue;
      added.push(
        new Draft(i, i + 1, 'pronoun', cluster.type, 'entities/plural-pronoun', 0.5, undefined, cluster),
      );
    }
    for (let n = 0; n < added.length; n++) {
      const d = added[n] as Draft;
      (d.cluster as Cluster).drafts.push(d);
      this.drafts.push(d);
    }
  }

  /** A people as a group: "Palestinians", "the British", not "a British diplomat" nor "Palestinian". */
  private groupName(d: Draft): boolean {
    const last = this.words[d.end - 1] as string;
    if (/s$/.test(last)) return true;
    return this.isThe(d.first - 1) && !/^\p{L}/u.test(this.words[d.end] ?? '.');
  }

  /** A lower-case plural common noun after a determiner or number: "the officials", "two rebels", "police". */
  private pluralNoun(i: number, demonymEnds: ReadonlySet<number>): boolean {
    const w = this.words[i] as string;
    if (PLURAL_NOUNS.has(w)) return true;
    // Most words do not end in "s": the patterns need not read them.
    if (w.charCodeAt(w.length - 1) !== 0x73 || !/^\p{Ll}{3,}s$/u.test(w) || /(ss|us|is)$/.test(w))
      return false;
    // "Palestinian officials": a nationality word before it makes it a noun, not a verb ("Hamas says").
    if (demonymEnds.has(i)) return true;
    for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
      const p = this.lower(k) as string;
      if (PLURAL_DETERMINERS.has(p) || /^\d/.test(p)) return true;
      if (!/^\p{Ll}+$/u.test(p) || p === 'and' || p === 'of') return false;
    }
    return false;
  }

  /**
   * A mention at the start of its sentence (`sentence`, which holds it), or after only an introductory
   * phrase and its comma.
   */
  private opensSentence(d: Draft, sentence: number): boolean {
    if (sentence < 0) return false;
    // The sentence's first token, where the titles opening it end and its first comma, found once per
    // sentence: each person's mention asks. Numbers side by side, where the sentence's own record is an
    // object elsewhere in memory, as is each word: a long document no longer holds those in the cache.
    // A comma is told from the source, not from the words, for the same reason.
    this.openings ??= OPENINGS.take(3 * this.context.text.sentences.length, -1);
    const openings = this.openings;
    const at = 3 * sentence;
    if ((openings[at] as number) < 0) {
      const s = this.context.text.sentences[sentence] as (typeof this.context.text.sentences)[number];
      let first = s.firstToken;
      while (first < s.endToken && this.isTitle(first)) first++;
      const { tokens, source } = this.context.text;
      let comma = s.firstToken;
      while (
        comma < s.endToken &&
        !(tokens.end(comma) === tokens.start(comma) + 1 && source.charCodeAt(tokens.start(comma)) === 0x2c)
      )
        comma++;
      openings[at] = s.firstToken;
      openings[at + 1] = first;
      openings[at + 2] = comma;
    }
    if ((openings[at + 1] as number) >= d.first) return true;
    const comma = openings[at + 2] as number;
    if (comma < d.first) return comma === d.first - 1 || this.isThe(d.first - 1);
    const firstToken = openings[at] as number;
    return this.isThe(firstToken) && d.first === firstToken + 1;
  }

  private entities(): Entity[] {
    const { tokens, source } = this.context.text;
    // The live clusters' numbers, sorted (stably) by their first token: numbers, not a record per cluster.
    const live: Cluster[] = [];
    const firsts: number[] = [];
    const order: number[] = [];
    for (let nc = 0; nc < this.clusters.length; nc++) {
      const c = this.clusters[nc] as Cluster;
      if (c.drafts.length === 0) continue;
      order.push(live.length);
      live.push(c);
      firsts.push(firstOf(c));
    }
    sortStably(order, (n) => firsts[n] as number);
    return order.map((n, k): Entity => {
      const c = live[n] as Cluster;
      // in place: nothing reads a cluster's drafts in join order after this
      const drafts = sortStably(c.drafts, firstToken);
      // Filled by index at its size: pushed, it would grow (and copy) as it went.
      const mentions = keptSlots<Mention>(drafts.length) as Mention[];
      let names = 0;
      // The longest name, the earliest of those (the drafts are in text order), and its text.
      let best: Draft | undefined;
      let bestText = '';
      let confidence = Number.NEGATIVE_INFINITY;
      for (let m = 0; m < drafts.length; m++) {
        const d = drafts[m] as Draft;
        const start = tokens.start(d.first);
        const end = tokens.end(d.end - 1);
        // A mention of one word (most pronouns and surnames) is the word's string, already cut.
        const text = d.end - d.first === 1 ? (this.words[d.first] as string) : source.slice(start, end);
        mentions[m] = new MentionRecord(start, end, text, d.kind);
        confidence = Math.max(confidence, d.confidence);
        if (d.kind !== 'name') continue;
        names++;
        if (!best || d.end - d.first > best.end - best.first) {
          best = d;
          bestText = text;
        }
      }
      let type: EntityType = c.country ? (names > 0 ? 'GPE' : 'NORP') : this.majorityType(c, drafts, names);
      if (type === 'PERSON' && this.loneName(c, drafts)) type = 'ORG';
      else if ((type === 'LOC' || type === 'GPE') && !this.known(c, best && bestText) && this.speaks(drafts))
        type = 'ORG';
      const place = c.place ?? (best ? this.placeOf(best, type, bestText) : undefined);
      const lead = best ?? drafts[0];
      const geo =
        place &&
        place.lat !== undefined &&
        place.lon !== undefined &&
        (type === 'GPE' || type === 'LOC' || type === 'NORP')
          ? geoOf(place, place.lat, place.lon)
          : undefined;
      // A country goes by its common name; a group known only by its demonym ("Italian") keeps it, its
      // country given by geo.
      const name =
        type === 'GPE' && place?.kind === 'country'
          ? place.name
          : best
            ? bestText
            : (mentions[0]?.text ?? '');
      // Optional fields set after the others, in the same order, and with no objects to spread.
      const entity: Writable<Entity> = new EntityRecord(
        `e${k + 1}`,
        type,
        name,
        mentions,
        lead?.rule ?? 'entities/resolve-entities',
        confidence,
      );
      if (c.title) entity.title = c.title;
      if (geo) entity.geo = geo;
      return entity;
    });
  }

  /**
   * News introduces a person by full name or title; a capitalised word that never gets either
   * ("Pirelli", "Tanjug") names a company or a club far more often than a person. A given name alone
   * ("Gloria", a child's) is a person's.
   */
  private loneName(c: Cluster, drafts: readonly Draft[]): boolean {
    if (c.title || drafts.some((d) => d.kind === 'pronoun')) return false;
    const names = drafts.filter((d) => d.kind === 'name' || d.kind === 'alias');
    if (names.length === 0 || names.length !== drafts.filter((d) => d.kind !== 'pronoun').length)
      return false;
    return names.every((d) => {
      const before = this.lower(d.first - 1) ?? '';
      const word = this.words[d.first] as string;
      return (
        d.end - d.first === 1 &&
        /^\p{Lu}\p{Ll}/u.test(word) &&
        !TITLES.has(before) &&
        !this.gazetteer.isFirstName(word)
      );
    });
  }

  /** Whether the cluster is a place the gazetteer knows, by its place or by `best`, its best name. */
  private known(c: Cluster, best: string | undefined): boolean {
    return c.place !== undefined || (best !== undefined && this.gazetteer.lookup(best) !== undefined);
  }

  /**
   * A name the gazetteer does not know as a place, that says things ("Magna said") and is never where
   * something happens ("in Magna"), names an organisation.
   */
  private speaks(drafts: readonly Draft[]): boolean {
    const named = drafts.filter((d) => d.kind === 'name' || d.kind === 'alias');
    return (
      named.some((d) => SPEECH_VERBS.has(this.lower(d.end) ?? '')) &&
      !named.some((d) => LOCATIVES.has(this.lower(d.first - 1) ?? ''))
    );
  }

  /** The type of most of the cluster's name mentions (`names` of its `drafts`), by their words. */
  private majorityType(c: Cluster, drafts: readonly Draft[], names: number): EntityType {
    if (names === 0) return c.type;
    // Most clusters' names have one type, which wins without a count.
    let first: EntityType | undefined;
    let one = true;
    for (const d of drafts) {
      if (d.kind !== 'name') continue;
      first ??= d.type;
      if (d.type !== first) one = false;
    }
    if (one) return first as EntityType;
    const votes = new Map<EntityType, number>();
    for (const d of drafts)
      if (d.kind === 'name') votes.set(d.type, (votes.get(d.type) ?? 0) + d.end - d.first);
    // The most votes; a tie goes to the type voted for first.
    let type = c.type;
    let most = Number.NEGATIVE_INFINITY;
    for (const [t, n] of votes)
      if (n > most) {
        type = t;
        most = n;
      }
    return type;
  }
}

/**
 * Refine stage: merges the recogniser's name mentions into one entity per referent and adds what
 * refers to them: acronyms, short forms, demonyms, descriptions with roles, and pronouns.
 */
export const resolveEntities: Stage = {
  name: 'entities/resolve-entities',
  role: 'refine',
  writes: ['entities'],
  run(context) {
    context.layers.entities = new Resolver(context, defaultGazetteer()).run();
    releaseTokenWords(context.text);
  },
};
