import type { Entity, EntityType } from '../document/analysis.js';
import type { Stage, StageContext } from '../pipeline/stage.js';
import { TokenFlag, type TokenStore } from '../text/tokens.js';
import { WordShapes } from '../text/word-shapes.js';
import {
  CaseMemory,
  extractFeatures,
  FEATURES_PER_TOKEN,
  type FeatureOptions,
  isUpperSpan,
  KEYS_PER_WORD,
  keyEpoch,
} from './features.js';
import {
  defaultGazetteer,
  GazClass,
  type Gazetteer,
  lengthBit,
  PHRASE_LENGTHS,
  type PlaceKind,
} from './gazetteer.js';
import { ENTITY_TYPES, spansOf } from './labels.js';
import { LexClass, lexClass, NAME_STOP } from './lexicon.js';
import { defaultModel, type EntityModel } from './model.js';
import {
  acronymNames,
  BUILDINGS,
  byFirst,
  isCapitalised,
  isOrgHead,
  isPlainName,
  joinOfNames,
  personVotes,
  pressNames,
  splitJoinedNames,
  titledPersons,
} from './organisation-names.js';
import { tokenWords } from './token-words.js';

/** A recognised name: token range in the document and its type; `rule` says which step found it. */
export interface NameSpan {
  first: number;
  end: number;
  type: EntityType;
  rule: string;
  confidence: number;
}

const STAGE = 'entities/recognize-entities';
/** No gazetteer code kept for the word as written (WordCode values are below it). */
const NO_CODE = 255;

// Patterns the rules test word by word, made once: a literal in a loop makes an object per test.
const TRAILING_MARK = /^(['\u2019]s|[-,.:;"'(])$/i;
const UPPER = /\p{Lu}/u;
const CAPITALS_WORD = /^\p{Lu}[\p{Lu}.'-]*$/u;
const NUMBER_LIKE = /^[\d.,:/-]+$/;
const DIGIT = /\d/;
const LOWER_START = /^\p{Ll}/u;
const CAPITALISED_WORD = /^\p{Lu}\p{L}/u;
const TITLE_WORD = /^\p{Lu}\p{Ll}/u;
const CAPITALS = /^\p{Lu}+$/u;
const NEW_YEAR = /(^| )new year$/;

/** Runs of tokens the model labels together: sentences, also cut at line breaks (headlines, datelines). */
function segments(context: StageContext): [number, number][] {
  const { tokens, sentences } = context.text;
  const out: [number, number][] = [];
  for (const s of sentences) {
    let from = s.firstToken;
    for (let i = s.firstToken + 1; i < s.endToken; i++) {
      if (tokens.has(i, TokenFlag.NewlineBefore)) {
        out.push([from, i]);
        from = i;
      }
    }
    if (from < s.endToken) out.push([from, s.endToken]);
  }
  return out;
}

// A sentence's features, labels, live words and group keys, reused from sentence to sentence and
// document to document.
let features = new Uint32Array(256 * FEATURES_PER_TOKEN);
let labels = new Uint8Array(256);
let live = new Uint8Array(256);
let keys = new Int32Array(256 * KEYS_PER_WORD);

/**
 * Finds names in the text: the trained model over each sentence (with the document's case memory),
 * then the gazetteer for countries, demonyms and organisations the model left out or split, per-document
 * name memory (a word of a name found once is that name elsewhere), the gazetteer's say on place types,
 * datelines in capitals and results tables. Gives one entity per name mention; resolution merges them.
 */
export function recognizeNames(
  context: StageContext,
  model: EntityModel = defaultModel(),
  gazetteer: Gazetteer = defaultGazetteer(),
): NameSpan[] {
  const { tokens } = context.text;
  const segs = segments(context);
  const all = tokenWords(context.text);
  const words: string[][] = segs.map(([a, b]) => all.slice(a, b));
  // Whether each segment is in capitals, asked once for the features and every rule after them.
  const upper = segs.map(([a, b]) => isUpperSpan(tokens, a, b));
  const memory = new CaseMemory(gazetteer, tokens.count);
  words.forEach((w, k) => {
    memory.observe(w, upper[k], tokens, (segs[k] as [number, number])[0]);
  });
  const found: NameSpan[] = [];
  const labelled = new Uint8Array(tokens.count);
  // The gazetteer's code of each word as written, kept from the features for the gazetteer's own pass
  // and the place types (NO_CODE where no features were extracted, or of the words in title case).
  const codes = new Uint8Array(tokens.count).fill(NO_CODE);
  // Told afresh for each sentence; one object each for the document.
  const options: FeatureOptions = { live, codes, keys, tokens, lazy: true };
  const groupKeys = { keys, epoch: 0, lazy: true };
  segs.forEach(([a], k) => {
    // Past the time budget, the names found so far stand and the pipeline marks the analysis partial.
    if (context.overBudget?.()) return;
    const w = words[k] as string[];
    const n = w.length;
    if (labels.length < n) {
      features = new Uint32Array(n * FEATURES_PER_TOKEN * 2);
      labels = new Uint8Array(n * 2);
      live = new Uint8Array(n * 2);
      keys = new Int32Array(n * KEYS_PER_WORD * 2);
    }
    options.live = live;
    options.keys = keys;
    options.codes = upper[k] ? undefined : codes;
    options.upperMode = upper[k] as boolean;
    options.codesAt = a;
    options.at = a;
    extractFeatures(w, gazetteer, memory, model.bits, features, options);
    groupKeys.keys = keys;
    groupKeys.epoch = keyEpoch();
    model.decode(features, n, labels, live, groupKeys);
    for (const s of spansOf(labels, n)) {
      let first = s.start;
      let end = s.end;
      while (first < end && isNameStop(w[first] as string)) first++;
      // The marks are one or two characters: longer words skip the pattern.
      while (end > first && (w[end - 1] as string).length <= 2 && TRAILING_MARK.test(w[end - 1] as string))
        end--;
      if (first >= end || !isNameLike(w, first, end)) continue;
      const type = ENTITY_TYPES[s.type] as EntityType;
      found.push({ first: a + first, end: a + end, type, rule: 'entities/model', confidence: 0.8 });
    }
  });
  const names = titledPersons(all, splitJoinedNames(all, describedPersons(all, found, gazetteer), gazetteer));
  for (const n of names) labelled.fill(1, n.first, n.end);
  addFromGazetteer(gazetteer, segs, words, upper, names, labelled, codes);
  addFromMemory(all, segs, words, upper, names, labelled, gazetteer);
  addFacilities(segs, words, upper, names, labelled);
  const voted = personVotes(all, names, gazetteer);
  const joined = pressNames(all, acronymNames(all, joinOfNames(all, voted), gazetteer));
  const typed = craftNames(
    all,
    joinDemonymOrgs(
      all,
      refineTypes(context, all, gazetteer, churchBodies(all, titleOffices(all, joined, gazetteer)), codes),
    ),
    gazetteer,
  );
  return tableRows(segs, words, datelines(segs, words, gazetteer, typed), gazetteer);
}

// Most words are passed by their shape, without lower-casing.
const NAME_STOP_SHAPES = new WordShapes(NAME_STOP);

const isNameStop = (word: string) =>
  NAME_STOP_SHAPES.mayHoldText(word, 0, word.length) && NAME_STOP.has(word.toLowerCase());

/** A name has a capital letter somewhere: "navy" alone is none ("by Indonesian navy"). */
function isNameLike(w: readonly string[], first: number, end: number): boolean {
  for (let i = first; i < end; i++)
    if (isCapitalised(w[i] as string) || UPPER.test(w[i] as string)) return true;
  return false;
}

// Craft and software named by the word before their name ("the cruise ship Freewinds", "the browser
// Firefox") or after it ("the Curiosity rover", "the Chrome browser").
const CRAFT_BEFORE = new Set(
  'ship vessel yacht frigate destroyer submarine tanker ferry spacecraft browser'.split(' '),
);
const CRAFT_AFTER = new Set('rover spacecraft orbiter lander probe telescope browser'.split(' '));

/**
 * Ships, spacecraft and browsers are things, no organisations or places (CoNLL's MISC): every mention
 * of a name that one mention shows to be craft. A name the gazetteer knows ("NASA rover") owns the craft.
 */
function craftNames(w: readonly string[], names: NameSpan[], gazetteer: Gazetteer): NameSpan[] {
  const craft = new Set<string>();
  for (const n of names) {
    // The craft words first: few names have one, and the name's text is made for those alone.
    if (n.type === 'OTHER' || !(CRAFT_BEFORE.has(w[n.first - 1] ?? '') || CRAFT_AFTER.has(w[n.end] ?? '')))
      continue;
    const text = w.slice(n.first, n.end).join(' ');
    if (!gazetteer.kindOf(text) && !CAPITALS.test(text)) craft.add(text);
  }
  if (craft.size === 0) return names;
  return names.map((n) =>
    craft.has(w.slice(n.first, n.end).join(' ')) ? { ...n, type: 'OTHER', rule: 'entities/craft' } : n,
  );
}

/**
 * "Scientologist Tom Cruise", "Methodist John Smith": a follower's word before a person's name is no
 * part of it (a given name never ends in "-ist").
 */
function describedPersons(w: readonly string[], names: NameSpan[], gazetteer: Gazetteer): NameSpan[] {
  return names.map((n) => {
    const first = w[n.first] as string;
    if (n.type !== 'PERSON' || n.end - n.first < 3 || !/^\p{Lu}\p{Ll}+ists?$/u.test(first)) return n;
    return gazetteer.isFirstName(first) ? n : { ...n, first: n.first + 1 };
  });
}

/** Titles that take their office's field after "of" or "for": "Secretary of State", "Minister for Education". */
const OFFICE_TITLES = new Set('secretary undersecretary minister commissioner'.split(' '));

/**
 * "Secretary of State", "Undersecretary for Education": the field is part of the title, no organisation.
 * A person's name that follows it ("Minister of Education Stefania Giannini") is the person.
 */
function titleOffices(w: readonly string[], names: NameSpan[], gazetteer: Gazetteer): NameSpan[] {
  const out: NameSpan[] = [];
  for (const n of names) {
    // "Home Secretary", "Health Minister": one word of field before the title is no name.
    if (
      n.end - n.first === 1 &&
      n.type !== 'PERSON' &&
      OFFICE_TITLES.has((w[n.end] ?? '').toLowerCase()) &&
      isCapitalised(w[n.end] as string) &&
      !gazetteer.kindOf(w[n.first] as string)
    )
      continue;
    const link = w[n.first - 1];
    if (
      n.type === 'PERSON' ||
      (link !== 'of' && link !== 'for') ||
      !OFFICE_TITLES.has((w[n.first - 2] ?? '').toLowerCase()) ||
      gazetteer.kindOf(w[n.first] as string)
    ) {
      out.push(n);
      continue;
    }
    if (n.end - n.first === 1) continue;
    // The person begins at a known given name, or is the two plain capitalised words that end the span:
    // "Minister of Education Stefania Giannini".
    const tail = n.end - n.first > 2 && isPlainName(w, n.end - 2, n.end, gazetteer) ? n.end - 2 : -1;
    const from = gazetteer.isFirstName(w[n.first + 1] as string) ? n.first + 1 : tail;
    if (from > 0) out.push({ ...n, first: from, type: 'PERSON', rule: 'entities/titled-person' });
    else out.push(n);
  }
  return out;
}

// Words that make a church a body of believers, not a building: "the Catholic Church".
const DENOMINATIONS = new Set(
  'catholic orthodox anglican methodist baptist lutheran presbyterian episcopal evangelical protestant reformed pentecostal adventist coptic'.split(
    ' ',
  ),
);

/**
 * "the Catholic Church", "the Church of England" are organisations; "St Mary's Church" is a building.
 * A name the model found after "Church of" ("Scientology") is the church's.
 */
function churchBodies(w: readonly string[], names: NameSpan[]): NameSpan[] {
  const out = names.map((n): NameSpan => {
    if (w[n.first - 1] === 'of' && w[n.first - 2] === 'Church' && n.type !== 'PERSON')
      return { ...n, first: n.first - 2, type: 'ORG', rule: 'entities/church' };
    const last = n.end - 1;
    let head = last;
    for (let i = n.first + 1; i < last; i++) if (w[i] === 'of') head = i - 1;
    if (w[head] !== 'Church' || n.end - n.first < 2) return n;
    let body = head < last && w[head + 2] !== 'the';
    for (let i = n.first; i < head; i++) if (DENOMINATIONS.has((w[i] as string).toLowerCase())) body = true;
    return body ? { ...n, type: 'ORG', rule: 'entities/church' } : n;
  });
  // A church extended over "Church of" takes the place of a name found in those two words.
  if (!out.some((c, k) => c.first !== (names[k] as NameSpan).first)) return out;
  return out.filter(
    (n, k) =>
      !out.some(
        (c, j) =>
          j !== k &&
          c.rule === 'entities/church' &&
          c.first < n.end &&
          n.first < c.end &&
          c.end - c.first > n.end - n.first,
      ),
  );
}

// Religions, their followers and peoples with no country of their name are groups, no places or
// organisations: "Islam", "Sunnis", "the Rohingya" (CoNLL's MISC).
const GROUPS = new Set(
  (
    'islam christianity judaism hinduism buddhism sikhism jainism shinto taoism catholicism protestantism ' +
    'muslim muslims christians jew jews hindu hindus buddhist buddhists sikh sikhs catholics ' +
    'protestants sunni sunnis shia shiite shiites rohingya kurds uighur uighurs uyghur uyghurs pashtun ' +
    'pashtuns tamil tamils hutu hutus tutsi tutsis bedouin bedouins'
  ).split(' '),
);
// Feasts and pilgrimages are happenings: "the Hajj", "Ramadan".
const FEASTS = new Set(
  'hajj ramadan eid christmas easter passover hanukkah diwali lent advent thanksgiving halloween pentecost'.split(
    ' ',
  ),
);

const DATE_WORD = /^(\d{4}-\d\d-\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

/** A line opening with a place in capitals and a date, "LONDON 1996-08-30": the capitals are a place. */
function datelines(
  segs: [number, number][],
  words: string[][],
  gazetteer: Gazetteer,
  names: NameSpan[],
): NameSpan[] {
  const out = names.slice();
  segs.forEach(([a], k) => {
    const w = words[k] as string[];
    let n = 0;
    while (n < w.length && CAPITALS_WORD.test(w[n] as string) && !DATE_WORD.test(w[n] as string)) n++;
    const next = w[n] === ',' ? n + 1 : n;
    if (n === 0 || n > 3 || !DATE_WORD.test(w[next] ?? '') || (next + 3 < w.length && w[next + 3] !== '('))
      return;
    const kind = gazetteer.kindOf(
      w
        .slice(0, n)
        .map((x) => x[0] + x.slice(1).toLowerCase())
        .join(' '),
    );
    const type: EntityType = kind && kind !== 'location' && kind !== 'demonym' ? 'GPE' : 'LOC';
    for (let i = out.length - 1; i >= 0; i--) {
      const s = out[i] as NameSpan;
      if (s.first < a + n && s.end > a) out.splice(i, 1);
    }
    out.push({ first: a, end: a + n, type, rule: 'entities/dateline', confidence: 0.9 });
  });
  return byFirst(out);
}

/**
 * A results or standings row ("Pohang 3 Ulsan 2", "BALTIMORE 70 60 .538"): the names in it are teams,
 * organisations, unless they are countries (national sides, by the CoNLL convention, stay places).
 */
function tableRows(
  segs: [number, number][],
  words: string[][],
  names: NameSpan[],
  gazetteer: Gazetteer,
): NameSpan[] {
  const out = names.slice();
  segs.forEach(([a, b], k) => {
    const w = words[k] as string[];
    let digits = 0;
    for (const x of w) if (isDigit(x.charCodeAt(0))) digits++;
    // Cheapest and most telling first: a sentence of prose has a lower-case word.
    if (digits < 2 || w.some((x) => LOWER_START.test(x) && !TABLE_WORDS.has(x))) return;
    const numbers = w.filter((x) => NUMBER_LIKE.test(x) && DIGIT.test(x)).length;
    if (numbers < 2 || numbers < w.length / 3) return;
    // "Friday, July 21, 2017" has numbers too: a date line is no results row.
    const dated = w.some((x) => {
      const lx = lexClass(x.toLowerCase());
      return lx === LexClass.Month || lx === LexClass.Weekday;
    });
    if (dated) return;
    const covered = new Uint8Array(b - a);
    const isCountry = (first: number, end: number) =>
      gazetteer.kindOf(
        w
          .slice(first - a, end - a)
          .map((x) => x[0] + x.slice(1).toLowerCase())
          .join(' '),
      ) === 'country';
    // `out` is sorted by first token: only the names from the row's start on can lie in it.
    let lo = 0;
    let hi = names.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((out[mid] as NameSpan).first < a) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < names.length && (out[i] as NameSpan).first < b; i++) {
      const s = out[i] as NameSpan;
      if (s.end > b) continue;
      covered.fill(1, s.first - a, s.end - a);
      if (s.type === 'PERSON' || isCountry(s.first, s.end)) continue;
      out[i] = { ...s, type: 'ORG', rule: 'entities/table-row' };
    }
    for (let i = 0; i < w.length; i++) {
      if (covered[i] || !CAPITALISED_WORD.test(w[i] as string)) continue;
      let j = i + 1;
      while (j < w.length && !covered[j] && CAPITALISED_WORD.test(w[j] as string)) j++;
      const type: EntityType = isCountry(a + i, a + j) ? 'GPE' : 'ORG';
      out.push({ first: a + i, end: a + j, type, rule: 'entities/table-row', confidence: 0.6 });
      i = j;
    }
  });
  return byFirst(out);
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Lower-case words a results row may hold. */
const TABLE_WORDS = new Set([
  'halftime',
  'and',
  'v',
  'vs',
  'vs.',
  'beat',
  'at',
  'for',
  'innings',
  'wickets',
  'runs',
]);

/** "Korean" + "Central News Agency" read as two names are one: an organisation named for its nation. */
function joinDemonymOrgs(w: readonly string[], names: NameSpan[]): NameSpan[] {
  const out: NameSpan[] = [];
  for (const n of names) {
    const last = out[out.length - 1];
    if (last && last.type === 'NORP' && n.type === 'ORG' && last.end === n.first) {
      const head = w[n.end - 1] as string;
      if (
        (lexClass(head.toLowerCase()) === LexClass.OrgWord && isCapitalised(head)) ||
        n.rule === 'entities/church'
      ) {
        out[out.length - 1] = { ...n, first: last.first };
        continue;
      }
    }
    out.push(n);
  }
  return out;
}

/** Countries, demonyms and well-known organisations the model missed are too well known to leave out. */
function addFromGazetteer(
  gazetteer: Gazetteer,
  segs: [number, number][],
  words: string[][],
  upper: readonly boolean[],
  names: NameSpan[],
  labelled: Uint8Array,
  codes: Uint8Array,
): void {
  // The name over each token (1 + its index in `names`), so that overlaps are found without a scan.
  const owner = new Int32Array(labelled.length);
  names.forEach((n, k) => {
    owner.fill(k + 1, n.first, n.end);
  });
  const dropped = new Set<NameSpan>();
  segs.forEach(([a], k) => {
    const w = words[k] as string[];
    if (upper[k]) return;
    for (let i = 0; i < w.length; i++) {
      if (!isCapitalised(w[i] as string)) continue;
      const m = gazetteer.phraseAt(
        w,
        i,
        codes[a + i] !== NO_CODE ? (codes[a + i] as number) : gazetteer.code(w[i] as string),
      );
      const cls = Math.floor(m / PHRASE_LENGTHS);
      if (cls !== GazClass.Country && cls !== GazClass.Demonym && cls !== GazClass.Organisation) continue;
      const type: EntityType =
        cls === GazClass.Country ? 'GPE' : cls === GazClass.Organisation ? 'ORG' : 'NORP';
      const length = m % PHRASE_LENGTHS;
      // Apart from the loop, whose variables no closure may capture (an allocation per word).
      addPhrase(a + i, a + i + length, type, names, owner, labelled, dropped);
      i += length - 1;
    }
  });
  if (dropped.size === 0) return;
  const kept = names.filter((n) => !dropped.has(n));
  names.length = 0;
  for (const n of kept) names.push(n);
}

/**
 * `addFromGazetteer` for the phrase over tokens `[from, to)`. The model may split "North Korean" into
 * "North" and "Korean": the whole phrase wins over fragments inside it, while a name that runs past it
 * ("Korean Central News Agency") stands.
 */
function addPhrase(
  from: number,
  to: number,
  type: EntityType,
  names: NameSpan[],
  owner: Int32Array,
  labelled: Uint8Array,
  dropped: Set<NameSpan>,
): void {
  const inside = new Set<NameSpan>();
  for (let t = from; t < to; t++) if (owner[t]) inside.add(names[(owner[t] as number) - 1] as NameSpan);
  if ([...inside].some((n) => n.first < from || n.end > to || (n.first === from && n.end === to))) return;
  for (const n of inside) dropped.add(n);
  names.push({ first: from, end: to, type, rule: 'entities/gazetteer', confidence: 0.9 });
  owner.fill(names.length, from, to);
  labelled.fill(1, from, to);
}

/**
 * "Sappyol Street", "Fisht Stadium": capitalised words the model left out, closed by a capitalised
 * facility word, name the street or building.
 */
function addFacilities(
  segs: [number, number][],
  words: string[][],
  upper: readonly boolean[],
  names: NameSpan[],
  labelled: Uint8Array,
): void {
  segs.forEach(([a], k) => {
    const w = words[k] as string[];
    if (upper[k]) return;
    for (let i = 1; i < w.length; i++) {
      const word = w[i] as string;
      if (labelled[a + i] || !isCapitalised(word) || lexClass(word.toLowerCase()) !== LexClass.FacWord)
        continue;
      let first = i;
      while (
        first > 0 &&
        !labelled[a + first - 1] &&
        TITLE_WORD.test(w[first - 1] as string) &&
        lexClass((w[first - 1] as string).toLowerCase()) === LexClass.None
      )
        first--;
      if (first === i) continue;
      names.push({
        first: a + first,
        end: a + i + 1,
        type: 'FAC',
        rule: 'entities/facility',
        confidence: 0.7,
      });
      labelled.fill(1, a + first, a + i + 1);
    }
  });
}

/**
 * Per-document name memory: once "Kim Jong-un" is a person, a capitalised "Kim" elsewhere is too;
 * once "KCNA" is an organisation, every "KCNA" is.
 */
function addFromMemory(
  all: readonly string[],
  segs: [number, number][],
  words: string[][],
  upper: readonly boolean[],
  names: NameSpan[],
  labelled: Uint8Array,
  gazetteer: Gazetteer,
): void {
  const known = new Map<string, EntityType>();
  for (const n of names) {
    if (
      n.rule !== 'entities/model' &&
      n.rule !== 'entities/split-name' &&
      n.rule !== 'entities/titled-person'
    )
      continue;
    const parts = all.slice(n.first, n.end);
    const text = parts.join(' ');
    if (!known.has(text)) known.set(text, n.type);
    if (n.type === 'PERSON' && parts.length > 1)
      for (const p of parts) if (isCapitalised(p) && p.length > 1 && !known.has(p)) known.set(p, 'PERSON');
    const stem = orgStem(parts, gazetteer);
    if (stem && !known.has(stem)) known.set(stem, 'ORG');
  }
  if (known.size === 0) return;
  const firstWords = new Set<string>();
  // The lengths of the first words that start with each ASCII character, as bits (all lengths past 31
  // in the last): most words, in lower case or of another length than the names' first words, are
  // passed over on their first character and length, without a look-up.
  const lengths = new Uint32Array(128);
  for (const k of known.keys()) {
    const space = k.indexOf(' ');
    const first = space < 0 ? k : k.slice(0, space);
    firstWords.add(first);
    const c = first.charCodeAt(0);
    if (c < 128) lengths[c] = (lengths[c] as number) | lengthBit(first.length);
  }
  segs.forEach(([a], k) => {
    const w = words[k] as string[];
    if (upper[k]) return;
    for (let i = 0; i < w.length; i++) {
      const word = w[i] as string;
      const c = word.charCodeAt(0);
      if (labelled[a + i] || (c < 128 && ((lengths[c] as number) & lengthBit(word.length)) === 0)) continue;
      if (!firstWords.has(word)) continue;
      const lx = lexClass(word.toLowerCase());
      if (lx === LexClass.Title || lx === LexClass.Function) continue;
      // Longest known name starting here, up to four words.
      for (let len = Math.min(4, w.length - i); len >= 1; len--) {
        const type = known.get(len === 1 ? word : w.slice(i, i + len).join(' '));
        if (!type || anyLabelled(labelled, a + i, a + i + len)) continue;
        names.push({ first: a + i, end: a + i + len, type, rule: 'entities/name-memory', confidence: 0.7 });
        labelled.fill(1, a + i, a + i + len);
        i += len - 1;
        break;
      }
    }
  });
}

function anyLabelled(labelled: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (labelled[i]) return true;
  return false;
}

/**
 * "Magna" for "Magna International Inc.": the words before an organisation name's trailing
 * organisation words, when they are no place, people or title. One or two words.
 */
function orgStem(parts: readonly string[], gazetteer: Gazetteer): string | undefined {
  let end = parts.length;
  while (end > 0 && isOrgHead((parts[end - 1] as string).toLowerCase())) end--;
  if (end === 0 || end === parts.length || end > 2) return undefined;
  const stem = parts.slice(0, end);
  if (!stem.every((p) => TITLE_WORD.test(p) && lexClass(p.toLowerCase()) === LexClass.None)) return undefined;
  const text = stem.join(' ');
  const kind = gazetteer.kindOf(text);
  return kind === 'country' || kind === 'region' || kind === 'demonym' ? undefined : text;
}

/** An organisation word heads the name: at its end ("Dow Chemical") or before "of" ("Union of ..."). */
function orgHeaded(w: readonly string[], n: NameSpan): boolean {
  if (n.end - n.first < 2) return false;
  for (let i = n.first; i < n.end; i++)
    if ((i === n.end - 1 || w[i + 1] === 'of') && isOrgHead((w[i] as string).toLowerCase())) return true;
  return false;
}

// What ends a word for `phraseWords`, and what it splits off a word.
const PHRASE_BREAK = /[\s,()]/;
const PHRASE_MARK = /[,()]/;

/**
 * The gazetteer decides GPE against LOC for known places; the model's type stands otherwise. A name
 * whose first word's code the features kept (`codes`) is mostly not looked up again.
 */
function refineTypes(
  context: StageContext,
  w: readonly string[],
  gazetteer: Gazetteer,
  names: NameSpan[],
  codes: Uint8Array,
): NameSpan[] {
  const { source, tokens } = context.text;
  return names.map((n) => {
    if (n.rule === 'entities/church') return n;
    const text = source.slice(tokens.start(n.first), tokens.end(n.end - 1));
    const lower = text.toLowerCase();
    if (GROUPS.has(lower)) return { ...n, type: 'NORP' };
    if (FEASTS.has(lower) || NEW_YEAR.test(lower)) return { ...n, type: 'EVENT' };
    if (isLawName(w, n)) return { ...n, type: 'OTHER' };
    const kind = kindOfName(gazetteer, text, source, tokens, w, n, codes[n.first] as number);
    if (!kind) {
      if (isEventName(w, n)) return { ...n, type: 'EVENT' };
      // "Pirelli SpA", "Dow Chemical", "Patriotic Union of Kurdistan": an organisation word heads no
      // person's or place's name.
      if ((n.type === 'ORG' || n.type === 'LOC') && n.end - n.first > 1 && isFacilityName(w, n))
        return { ...n, type: 'FAC' };
      if (n.type === 'ORG' || n.type === 'FAC' || n.type === 'EVENT') return n;
      return orgHeaded(w, n) ? { ...n, type: 'ORG' } : n;
    }
    if (kind === 'organisation') return { ...n, type: 'ORG' };
    // A place's exact name is the place, whoever the model took it for; a club named for its city is
    // recognised from a results table, after this.
    if (n.type === 'ORG' && (kind === 'country' || kind === 'city' || kind === 'region'))
      return { ...n, type: 'GPE' };
    // A person is called "Chechnya" far less often than the place; resolution still makes a lone
    // "Jordan" the person when "Michael Jordan" is in the story.
    if (n.type === 'PERSON' && (kind === 'country' || kind === 'region')) return { ...n, type: 'GPE' };
    if (n.type !== 'GPE' && n.type !== 'LOC' && n.type !== 'NORP') return n;
    if (kind === 'demonym') return { ...n, type: 'NORP' };
    if (kind === 'location') return { ...n, type: 'LOC' };
    return { ...n, type: 'GPE' };
  });
}

/**
 * The gazetteer's kind of the name `text` of `n`, asked with the code the features kept of its first word
 * (`code`, NO_CODE where they kept none): most names need no look-up.
 */
function kindOfName(
  gazetteer: Gazetteer,
  text: string,
  source: string,
  tokens: TokenStore,
  w: readonly string[],
  n: NameSpan,
  code: number,
): PlaceKind | undefined {
  if (code === NO_CODE) return gazetteer.kindOf(text);
  if (n.end - n.first === 1) return gazetteer.kindOfWord(text, code);
  // The gazetteer's first word of the name is the first token when a space, comma or bracket ends the
  // token and it holds no comma or bracket (`phraseWords`).
  const firstWord =
    PHRASE_BREAK.test(source[tokens.end(n.first)] as string) && !PHRASE_MARK.test(w[n.first] as string);
  return firstWord ? gazetteer.kindOfPhrase(text, code) : gazetteer.kindOf(text);
}

/**
 * "Kennedy Space Center", "Fisht Stadium", "Museum of Flight": a name headed by a facility word with
 * no organisation word in it is the building or site, whatever the model took it for.
 */
function isFacilityName(w: readonly string[], n: NameSpan): boolean {
  // The head ends the name or comes before "of": "Museum of Flight".
  let head = n.end - 1;
  for (let i = n.first + 1; i < n.end - 1; i++) if ((w[i] as string) === 'of') head = i - 1;
  const lower = (w[head] as string).toLowerCase();
  if (lexClass(lower) !== LexClass.FacWord && !BUILDINGS.has(lower)) return false;
  for (let i = n.first; i < n.end; i++) if (isOrgHead((w[i] as string).toLowerCase())) return false;
  return true;
}

// Heads of names of happenings: "Overseas Military Operations", "Gulf War", "World Cup".
const EVENT_HEADS = new Set(
  'operation operations war wars campaign offensive summit election elections games olympics championship championships cup open festival conference fair expo exhibition tournament marathon'.split(
    ' ',
  ),
);

// Heads of names of laws and treaties: "Clean Air Act", "Treaty of Rome" (CoNLL's MISC).
const LAW_HEADS = new Set('act treaty accord accords protocol amendment'.split(' '));

/** A law's or treaty's name: a law word at its end or before "of", and no organisation word. */
function isLawName(w: readonly string[], n: NameSpan): boolean {
  if (n.type === 'PERSON' || n.end - n.first < 2) return false;
  let head = isLawHead(w[n.end - 1] as string);
  for (let i = n.first + 1; i < n.end - 1 && !head; i++)
    if ((w[i] as string) === 'of') head = isLawHead(w[i - 1] as string);
  if (!head) return false;
  for (let i = n.first; i < n.end; i++) if (isOrgHead((w[i] as string).toLowerCase())) return false;
  return true;
}

const isLawHead = (word: string) => isCapitalised(word) && LAW_HEADS.has(word.toLowerCase());

/** A name headed by an event word, with no organisation word in it ("Ministry of War" is no war). */
function isEventName(w: readonly string[], n: NameSpan): boolean {
  if (n.type === 'PERSON' || n.type === 'EVENT' || n.end - n.first < 2) return false;
  if (!EVENT_HEADS.has((w[n.end - 1] as string).toLowerCase())) return false;
  for (let i = n.first; i < n.end - 1; i++)
    if (lexClass((w[i] as string).toLowerCase()) === LexClass.OrgWord) return false;
  return true;
}

/** Extract stage: one entity per recognised name mention; `entities/resolve-entities` merges them. */
export const recognizeEntities: Stage = {
  name: STAGE,
  role: 'extract',
  writes: ['entities'],
  run(context) {
    const { tokens, source } = context.text;
    const names = recognizeNames(context);
    context.layers.entities = names.map((n, i): Entity => {
      const start = tokens.start(n.first);
      const end = tokens.end(n.end - 1);
      const text = source.slice(start, end);
      return {
        id: `e${i + 1}`,
        type: n.type,
        name: text,
        mentions: [{ start, end, text, kind: 'name' }],
        rule: n.rule,
        confidence: n.confidence,
      };
    });
  },
};
