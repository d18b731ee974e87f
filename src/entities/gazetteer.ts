import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

const KIND_CLASS: Record<PlaceKind, number> = {
  country: GazClass.Country,
  city: GazClass.City,
  region: GazClass.Region,
  location: GazClass.Location,
  demonym: GazClass.Demonym,
  organisation: GazClass.Organisation,
};

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
} as const;
const CLASS_MASK = WordCode.Class;
const PREFIX = WordCode.Prefix;
const FIRST_NAME = WordCode.FirstName;
/** Codes kept per gazetteer; cleared when full, to stay bounded. */
const MAX_CODES = 200_000;

const plural = (demonym: string) => (/[nirk]$/.test(demonym) ? `${demonym}s` : undefined);

/**
 * Countries, demonyms, cities, regions and geographic features, looked up as token sequences
 * (longest match first). Built once from the committed models/gazetteer.json.
 */
export class Gazetteer {
  private readonly phrases = new Map<string, Place>();
  /** Every proper prefix of a phrase, so that matching stops as soon as no phrase can go on. */
  private readonly prefixes = new Set<string>();
  /** Every word after a phrase's first, so that matching stops before building a key no phrase has. */
  private readonly continuations = new Set<string>();
  private readonly byCode = new Map<string, Place>();
  private readonly firstNames: ReadonlySet<string>;
  /** Words repeat: what the sets say about each word (its WordCode), looked up once. */
  private readonly codes = new Map<string, number>();
  readonly maxWords: number;

  constructor(data: GazetteerData) {
    let maxWords = 1;
    const add = (phrase: string, place: Place, override = false) => {
      const words = phraseWords(phrase);
      if (words.length === 0) return;
      const key = words.join(' ');
      if (!override && this.phrases.has(key)) return;
      this.phrases.set(key, place);
      for (let n = 1; n < words.length; n++) {
        this.prefixes.add(words.slice(0, n).join(' '));
        this.continuations.add(words[n] as string);
      }
      maxWords = Math.max(maxWords, words.length);
    };
    for (const c of data.countries) {
      const place: Place = { kind: 'country', name: c.name, country: c.code, lat: c.lat, lon: c.lon };
      this.byCode.set(c.code, place);
      for (const n of [c.name, ...c.names, ...(EXTRA_COUNTRY_NAMES[c.code] ?? [])]) add(n, place, true);
      const demonym: Place = { kind: 'demonym', name: c.name, country: c.code, lat: c.lat, lon: c.lon };
      for (const d of [...c.demonyms, ...(EXTRA_DEMONYMS[c.code] ?? [])]) {
        add(d, demonym);
        const p = plural(d);
        if (p) add(p, demonym);
      }
    }
    for (const r of data.regions) add(r, { kind: 'region', name: r });
    for (const l of data.locations) add(l, { kind: 'location', name: l });
    for (const o of data.organisations) add(o, { kind: 'organisation', name: o });
    // Largest first, so the best-known city of a name wins ("Paris" is the French one).
    for (const [name, country, lat, lon, id, population] of data.cities)
      add(name, { kind: 'city', name, country, lat, lon, ref: `geonames:${id}`, population });
    this.maxWords = maxWords;
    this.firstNames = new Set(data.firstNames ?? []);
  }

  /** Whether a capitalised word is a given name: "Gloria", not "Pirelli". */
  isFirstName(word: string): boolean {
    return (this.code(word) & FIRST_NAME) !== 0;
  }

  /** The word's WordCode. */
  code(word: string): number {
    let code = this.codes.get(word);
    if (code !== undefined) return code;
    const place = this.phrases.get(word);
    code =
      (place ? classOf(place) : GazClass.None) |
      (this.prefixes.has(word) ? PREFIX : 0) |
      (this.firstNames.has(word) ? FIRST_NAME : 0);
    if (this.codes.size >= MAX_CODES) this.codes.clear();
    this.codes.set(word, code);
    return code;
  }

  /** The place a whole name denotes: "North Korea", "Pyongyang", "North Korean" (demonym). */
  lookup(name: string): Place | undefined {
    const place = this.phrases.get(name);
    // A name already in phrase form (no comma or bracket, single spaces) has no other key to try.
    if (place || !UNPHRASED.test(name)) return place;
    return this.phrases.get(phraseWords(name).join(' '));
  }

  country(code: string): Place | undefined {
    return this.byCode.get(code);
  }

  /** The longest gazetteer phrase starting at words[i]: its length and place, or undefined. */
  match(words: readonly string[], i: number): { length: number; place: Place } | undefined {
    const first = words[i];
    if (first === undefined) return undefined;
    return this.matchCoded(words, i, this.code(first));
  }

  /** `match` for a word whose code (`code(words[i])`) the caller has. */
  matchCoded(
    words: readonly string[],
    i: number,
    code: number,
  ): { length: number; place: Place } | undefined {
    if ((code & (CLASS_MASK | PREFIX)) === 0) return undefined;
    let key = words[i] as string;
    let best: { length: number; place: Place } | undefined;
    const place = code & CLASS_MASK ? this.phrases.get(key) : undefined;
    if (place) best = { length: 1, place };
    if ((code & PREFIX) === 0) return best;
    for (let n = 2; n <= this.maxWords && i + n <= words.length && this.prefixes.has(key); n++) {
      const next = words[i + n - 1] as string;
      // A word with no space ends every key it closes: no phrase or prefix, unless some phrase goes on so.
      if (!this.continuations.has(next) && !next.includes(' ')) break;
      key = `${key} ${next}`;
      const p = this.phrases.get(key);
      if (p) best = { length: n, place: p };
    }
    return best;
  }

  /**
   * Gazetteer class of each word (GazClass, plus 8 when inside rather than at the start of a phrase),
   * for the recognizer's features; written into `out` when given (length >= words.length), from the
   * words' codes when the caller has them.
   */
  classes(
    words: readonly string[],
    out = new Uint8Array(words.length),
    codes?: ArrayLike<number>,
  ): Uint8Array {
    out.fill(0, 0, words.length);
    for (let i = 0; i < words.length; ) {
      const code = codes ? (codes[i] as number) : this.code(words[i] as string);
      // Most words start no phrase longer than themselves: their class is their code's.
      if ((code & PREFIX) === 0) {
        out[i++] = code & CLASS_MASK;
        continue;
      }
      const m = codes ? this.matchCoded(words, i, code) : this.match(words, i);
      if (!m) {
        i++;
        continue;
      }
      const c = classOf(m.place);
      out[i] = c;
      for (let k = 1; k < m.length; k++) out[i + k] = c + 8;
      i += m.length;
    }
    return out;
  }
}

/** A place's class for features: cities of half a million people or more are big ones. */
function classOf(place: Place): number {
  const c = KIND_CLASS[place.kind];
  return c === GazClass.City && (place.population ?? 0) >= 500_000 ? GazClass.BigCity : c;
}

let shared: Gazetteer | undefined;

/** The committed gazetteer, loaded once. */
export function defaultGazetteer(): Gazetteer {
  if (!shared) {
    const path = fileURLToPath(new URL('../../../models/gazetteer.json', import.meta.url));
    shared = new Gazetteer(JSON.parse(readFileSync(path, 'utf8')) as GazetteerData);
  }
  return shared;
}
