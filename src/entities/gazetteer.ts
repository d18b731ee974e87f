import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DatelineError } from '../document/errors.js';
import { lengthBit } from '../text/word-shapes.js';

/** models/gazetteer.json as train/build-gazetteer.ts writes it. */
export interface GazetteerData {
  countries: {
    code: string;
    name: string;
    names: string[];
    demonyms: string[];
    lat: number;
    lon: number;
    capital?: string;
  }[];
  /** [name, country code, lat, lon, GeoNames id, population], largest first. */
  cities: [string, string, number, number, number, number][];
  regions: string[];
  locations: string[];
  organisations: string[];
  /** Given names ("Gloria", "Stephen"): a person's name tends to start with one. */
  firstNames?: string[];
}

export type PlaceKind = 'country' | 'city' | 'region' | 'location' | 'demonym' | 'organisation';

export interface Place {
  readonly kind: PlaceKind;
  /** Canonical name: the country's common name for countries and demonyms. */
  readonly name: string;
  readonly country?: string;
  readonly lat?: number;
  readonly lon?: number;
  readonly ref?: string;
  readonly population?: number;
}

/** Gazetteer classes as small integers, for features. */
export const GazClass = {
  None: 0,
  Country: 1,
  City: 2,
  Region: 3,
  Location: 4,
  Demonym: 5,
  BigCity: 6,
  Organisation: 7,
} as const;

// Short forms the packages lack; the key is a country code.
const EXTRA_COUNTRY_NAMES: Record<string, string[]> = {
  GB: ['Britain', 'UK', 'U.K.', 'Great Britain'],
  US: ['America', 'US', 'U.S.', 'USA', 'U.S.A.'],
  KP: ['DPRK'],
  KR: ['Republic of Korea', 'ROK'],
  AE: ['UAE', 'U.A.E.'],
  CD: ['DR Congo', 'DRC'],
  CZ: ['Czech Republic'],
  MM: ['Burma'],
  CI: ['Ivory Coast', "Cote d'Ivoire"],
  NL: ['Holland'],
  VA: ['Vatican'],
};
const EXTRA_DEMONYMS: Record<string, string[]> = {
  GB: ['British', 'Briton', 'English', 'Scottish', 'Welsh'],
  US: ['American', 'U.S.'],
  KP: ['North Korean'],
  KR: ['South Korean'],
  NL: ['Dutch'],
  CN: ['Chinese'],
  JP: ['Japanese'],
  FR: ['French'],
  DE: ['German'],
  RU: ['Russian'],
  UA: ['Ukrainian'],
  IL: ['Israeli'],
  PS: ['Palestinian'],
  AF: ['Afghan'],
  PH: ['Filipino'],
};

/** Words that are tokens in the text: "Guinea-Bissau" stays one, "d'Ivoire" stays one, "U.S." one. */
export const phraseWords = (phrase: string): string[] =>
  phrase
    .replace(/([,()])/g, ' $1 ')
    .split(/\s+/)
    .filter((w) => w !== '');

/** Text that `phraseWords(...).join(' ')` changes: a comma, bracket or whitespace other than single spaces. */
const UNPHRASED = /[,()]|[^\S ]|^ | $| {2}/;

/** What the gazetteer says of a word alone: its class as a whole phrase (GazClass), and flags. */
export const WordCode = {
  Class: 7,
  /** The word starts a longer phrase. */
  Prefix: 8,
  FirstName: 16,
  /** Some phrase goes on with the word as one of its later words (CONTINUES). */
  Continues: 32,
} as const;
const CLASS_MASK = WordCode.Class;
const PREFIX = WordCode.Prefix;
const FIRST_NAME = WordCode.FirstName;
/** In a key's entry: some phrase goes on with the key as one of its later words. */
const CONTINUES = 16;
/** An entry's CONTINUES this far left is its code's WordCode.Continues. */
const CONTINUES_TO_CODE = 1;
/** In a key's entry, above its flags: the index of the place the key names, when its class is set. */
const PLACE_SHIFT = 5;
/** `longest` packs a match as its entry times this plus its length in words; `phraseAt` its class. */
const LENGTHS = 64;
export const PHRASE_LENGTHS = LENGTHS;

/** The kind of the places of each class (GazClass): an entry's class says it without its Place. */
const KINDS: readonly (PlaceKind | undefined)[] = [
  undefined,
  'country',
  'city',
  'region',
  'location',
  'demonym',
  'city',
  'organisation',
];

const plural = (demonym: string) => (/[nirk]$/.test(demonym) ? `${demonym}s` : undefined);

/** Cities by column: each becomes a Place only when a lookup finds it. */
interface CityColumns {
  readonly names: string[];
  readonly countries: string[];
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** GeoNames ids and populations are whole numbers well below 2 ** 32. */
  readonly ids: Uint32Array;
  readonly population: Uint32Array;
}

/**
 * Whether a key may go on with the word of code `code` (`code(word)`): a word with no space ends every
 * key it closes, no phrase or prefix, unless some phrase goes on so.
 */
const goesOn = (word: string, code: number): boolean =>
  (code & WordCode.Continues) !== 0 || word.includes(' ');

/**
 * Countries, demonyms, cities, regions and geographic features, looked up as token sequences
 * (longest match first). Built once from the committed models/gazetteer.json.
 */
export class Gazetteer {
  /**
   * Every phrase, every proper prefix of one (so that matching stops as soon as no phrase can go on) and
   * every word after a phrase's first (so that matching stops before building a key no phrase has), each
   * with its entry: its class as a phrase (GazClass), PREFIX, CONTINUES, and its place's index. Small
   * integers in one map rather than a Place per city: most of 24,000 cities are never named.
   */
  private readonly entries = new Map<string, number>();
  /**
   * The entries of the two-word keys, by first word then second: most phrases that go on end at two
   * words, and a first word's followers are found without building the key or asking the large map twice.
   */
  private readonly pairs = new Map<string, Map<string, number>>();
  /** The places other than cities, by index; cities follow them. */
  private readonly places: Place[] = [];
  private readonly cities: CityColumns;
  private readonly byCode = new Map<string, Place>();
  private readonly firstNames: ReadonlySet<string>;
  /**
   * The lengths of the given names that start with each ASCII character, as bits (all lengths past 31 in
   * the last): the words the recognizer asks of are mostly in lower case, and passed over without a look-up.
   */
  private readonly firstNameLengths = new Uint32Array(128);
  readonly maxWords: number;

  constructor(data: GazetteerData) {
    let maxWords = 1;
    const entries = this.entries;
    const add = (phrase: string, index: number, cls: number, override = false) => {
      const words = phraseWords(phrase);
      if (words.length === 0) return;
      const key = words.join(' ');
      const entry = entries.get(key) ?? 0;
      if (!override && entry & CLASS_MASK) return;
      entries.set(key, (entry & (PREFIX | CONTINUES)) | cls | (index << PLACE_SHIFT));
      for (let n = 1; n < words.length; n++) {
        const prefix = words.slice(0, n).join(' ');
        entries.set(prefix, (entries.get(prefix) ?? 0) | PREFIX);
        const next = words[n] as string;
        entries.set(next, (entries.get(next) ?? 0) | CONTINUES);
      }
      maxWords = Math.max(maxWords, words.length);
    };
    const place = (p: Place) => this.places.push(p) - 1;
    for (const c of data.countries) {
      const country = place({ kind: 'country', name: c.name, country: c.code, lat: c.lat, lon: c.lon });
      this.byCode.set(c.code, this.places[country] as Place);
      for (const n of [c.name, ...c.names, ...(EXTRA_COUNTRY_NAMES[c.code] ?? [])])
        add(n, country, GazClass.Country, true);
      const demonym = place({ kind: 'demonym', name: c.name, country: c.code, lat: c.lat, lon: c.lon });
      for (const d of [...c.demonyms, ...(EXTRA_DEMONYMS[c.code] ?? [])]) {
        add(d, demonym, GazClass.Demonym);
        const p = plural(d);
        if (p) add(p, demonym, GazClass.Demonym);
      }
    }
    for (const r of data.regions) add(r, place({ kind: 'region', name: r }), GazClass.Region);
    for (const l of data.locations) add(l, place({ kind: 'location', name: l }), GazClass.Location);
    for (const o of data.organisations)
      add(o, place({ kind: 'organisation', name: o }), GazClass.Organisation);
    const n = data.cities.length;
    const cities: CityColumns = {
      names: [],
      countries: [],
      lat: new Float64Array(n),
      lon: new Float64Array(n),
      ids: new Uint32Array(n),
      population: new Uint32Array(n),
    };
    // Largest first, so the best-known city of a name wins ("Paris" is the French one).
    data.cities.forEach(([name, country, lat, lon, id, population], i) => {
      cities.names.push(name);
      cities.countries.push(country);
      cities.lat[i] = lat;
      cities.lon[i] = lon;
      cities.ids[i] = id;
      cities.population[i] = population;
      // Cities of half a million people or more are big ones, for features.
      add(name, this.places.length + i, population >= 500_000 ? GazClass.BigCity : GazClass.City);
    });
    this.cities = cities;
    this.maxWords = maxWords;
    for (const [key, entry] of entries) {
      const space = key.indexOf(' ');
      if (space < 0 || key.includes(' ', space + 1)) continue;
      const head = key.slice(0, space);
      let followers = this.pairs.get(head);
      if (!followers) {
        followers = new Map();
        this.pairs.set(head, followers);
      }
      followers.set(key.slice(space + 1), entry);
    }
    if (maxWords >= LENGTHS) throw new DatelineError('INTERNAL', `a gazetteer phrase of ${maxWords} words`);
    this.firstNames = new Set(data.firstNames ?? []);
    for (const name of this.firstNames) {
      const c = name.charCodeAt(0);
      if (c < 128) this.firstNameLengths[c] = (this.firstNameLengths[c] as number) | lengthBit(name.length);
    }
  }

  /** Whether a capitalised word is a given name: "Gloria", not "Pirelli". */
  isFirstName(word: string): boolean {
    return this.firstNames.has(word);
  }

  /** The word's WordCode. */
  code(word: string): number {
    const c = word.charCodeAt(0);
    const given =
      (c >= 128 || ((this.firstNameLengths[c] as number) & lengthBit(word.length)) !== 0) &&
      this.firstNames.has(word);
    const entry = this.entries.get(word) ?? 0;
    return (
      (entry & (CLASS_MASK | PREFIX)) | ((entry & CONTINUES) << CONTINUES_TO_CODE) | (given ? FIRST_NAME : 0)
    );
  }

  /** The place a whole name denotes: "North Korea", "Pyongyang", "North Korean" (demonym). */
  lookup(name: string): Place | undefined {
    const entry = this.entryOf(name);
    return entry & CLASS_MASK ? this.place(entry) : undefined;
  }

  /** `lookup(name)?.kind`, without making the Place of a city (most places named are cities). */
  kindOf(name: string): PlaceKind | undefined {
    return KINDS[this.entryOf(name) & CLASS_MASK];
  }

  /** `kindOf(word)` for one word whose code (`code(word)`) the caller has: most need no look-up. */
  kindOfWord(word: string, code: number): PlaceKind | undefined {
    return code & CLASS_MASK || !UNPHRASED.test(word) ? KINDS[code & CLASS_MASK] : this.kindOf(word);
  }

  /**
   * `kindOf(name)` for a name of more than one word whose first word (as `phraseWords` splits it) has
   * the code `code` (`code(word)`): most need no look-up, since every phrase's first word starts a
   * longer phrase (WordCode.Prefix).
   */
  kindOfPhrase(name: string, code: number): PlaceKind | undefined {
    return code & PREFIX ? this.kindOf(name) : undefined;
  }

  private entryOf(name: string): number {
    const entry = this.entries.get(name) ?? 0;
    // A name already in phrase form (no comma or bracket, single spaces) has no other key to try.
    if ((entry & CLASS_MASK) === 0 && UNPHRASED.test(name))
      return this.entries.get(phraseWords(name).join(' ')) ?? 0;
    return entry;
  }

  country(code: string): Place | undefined {
    return this.byCode.get(code);
  }

  /** The longest gazetteer phrase starting at words[i]: its length and place, or undefined. */
  match(words: readonly string[], i: number): { length: number; place: Place } | undefined {
    const first = words[i];
    if (first === undefined) return undefined;
    const m = this.longest(words, i, this.entries.get(first) ?? 0);
    return m === 0 ? undefined : { length: m % LENGTHS, place: this.place(Math.floor(m / LENGTHS)) };
  }

  /**
   * `match` for a word whose code (`code(words[i])`) the caller has, as a number: the phrase's class
   * (GazClass) times PHRASE_LENGTHS plus its length in words, or 0; the phrase ends by `words[end]`. No Place is made: a caller that
   * weighs only the class spares one for each capitalised city name.
   */
  phraseAt(words: readonly string[], i: number, code: number, end = words.length): number {
    return phraseOf(this.longest(words, i, code, end));
  }

  /**
   * The longest phrase at words[i] as its entry times LENGTHS plus its length, or 0. `first` is the first
   * word's entry, or its code when the caller weighs only the match's class: the code holds the entry's
   * class and PREFIX bits, and spares looking the word up again. `codes`, when the caller has them, are
   * the words' codes from `words[codeFrom]` on: the words after the first are asked of them rather than
   * looked up.
   */
  private longest(
    words: readonly string[],
    i: number,
    first: number,
    end = words.length,
    codes?: ArrayLike<number>,
    codeFrom = 0,
  ): number {
    if ((first & (CLASS_MASK | PREFIX)) === 0) return 0;
    let best = first & CLASS_MASK ? first * LENGTHS + 1 : 0;
    if ((first & PREFIX) === 0) return best;
    let key = words[i] as string;
    let entry = first;
    let n = 2;
    if (i + 1 >= end) return best;
    const second = words[i + 1] as string;
    // Most words after a phrase's first word go on no phrase: their code says so without a look-up.
    if (codes && !goesOn(second, codes[i + 1 - codeFrom] as number)) return best;
    // Words with no space make a two-word key: its entry is the first word's follower's.
    if (!key.includes(' ') && !second.includes(' ')) {
      entry = this.pairs.get(key)?.get(second) ?? 0;
      if (entry & CLASS_MASK) best = entry * LENGTHS + 2;
      if ((entry & PREFIX) === 0) return best;
      key = `${key} ${second}`;
      n = 3;
    }
    for (; n <= this.maxWords && i + n <= end && entry & PREFIX; n++) {
      const next = words[i + n - 1] as string;
      const code = codes
        ? (codes[i + n - 1 - codeFrom] as number)
        : ((this.entries.get(next) ?? 0) & CONTINUES) << CONTINUES_TO_CODE;
      if (!goesOn(next, code)) break;
      key = `${key} ${next}`;
      entry = this.entries.get(key) ?? 0;
      if (entry & CLASS_MASK) best = entry * LENGTHS + n;
    }
    return best;
  }

  /** The place of a phrase's entry, a city made from its columns. */
  private place(entry: number): Place {
    const index = entry >>> PLACE_SHIFT;
    const fixed = this.places[index];
    if (fixed) return fixed;
    const c = this.cities;
    const i = index - this.places.length;
    return {
      kind: 'city',
      name: c.names[i] as string,
      country: c.countries[i] as string,
      lat: c.lat[i] as number,
      lon: c.lon[i] as number,
      ref: `geonames:${c.ids[i]}`,
      population: c.population[i] as number,
    };
  }

  /**
   * Gazetteer class of each word of `words[from..to)` (GazClass, plus 8 when inside rather than at the
   * start of a phrase), for the recognizer's features; written into `out` from 0 when given (length >=
   * to - from), from the words' codes (from 0 too) when the caller has them. `phrases`, when given, takes
   * `phraseAt(words, i, code, to)` at each `i` where a phrase longer than the word could start, for the
   * caller to ask no more.
   */
  classes(
    words: readonly string[],
    out = new Uint8Array(words.length),
    codes?: ArrayLike<number>,
    from = 0,
    to = words.length,
    phrases?: Int32Array,
  ): Uint8Array {
    out.fill(0, 0, to - from);
    for (let i = from; i < to; ) {
      const code = codes ? (codes[i - from] as number) : this.code(words[i] as string);
      // Most words start no phrase longer than themselves: their class is their code's.
      if ((code & PREFIX) === 0) {
        out[i++ - from] = code & CLASS_MASK;
        continue;
      }
      const m = this.longest(words, i, code, to, codes, from);
      if (phrases) phrases[i] = phraseOf(m);
      if (m === 0) {
        i++;
        continue;
      }
      const length = m % LENGTHS;
      const c = Math.floor(m / LENGTHS) & CLASS_MASK;
      out[i - from] = c;
      for (let k = 1; k < length; k++) out[i - from + k] = c + 8;
      i += length;
    }
    return out;
  }
}

/** `phraseAt`'s number for `longest`'s. */
const phraseOf = (m: number): number =>
  m === 0 ? 0 : (Math.floor(m / LENGTHS) & CLASS_MASK) * LENGTHS + (m % LENGTHS);

let shared: Gazetteer | undefined;

/** The committed gazetteer, loaded once. */
export function defaultGazetteer(): Gazetteer {
  if (!shared) {
    const path = fileURLToPath(new URL('../../../models/gazetteer.json', import.meta.url));
    shared = new Gazetteer(JSON.parse(readFileSync(path, 'utf8')) as GazetteerData);
  }
  return shared;
}
