import type { Entity, EntityType, Mention } from '../document/analysis.js';
import { keptSlots } from '../document/kept.js';
import { ScratchInts } from '../document/scratch-ints.js';
import { firstAtLeast } from '../document/span-index.js';
import type { Stage, StageContext } from '../pipeline/stage.js';
import type { TokenStore } from '../text/tokens.js';
import { WordHashes } from '../text/word-hashes.js';
import { CaselessWords, WordShapes } from '../text/word-shapes.js';
import { EntityRecord, MentionRecord } from './entity-records.js';
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
  PHRASE_LENGTHS,
  type PlaceKind,
  WordCode,
} from './gazetteer.js';
import { ENTITY_TYPES, endOfSpan, OUTSIDE, typeOf } from './labels.js';
import { LexClass, lexClass, lexClassOf, NAME_STOP } from './lexicon.js';
import { defaultModel, type EntityModel } from './model.js';
import {
  acronymNames,
  BUILDINGS,
  byFirst,
  firstFrom,
  isCapitalised,
  isOrgHeadWord,
  isPlainName,
  joinOfNames,
  mapNames,
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
/** A word with none of these bits in its code starts no gazetteer phrase (NO_CODE has them all). */
const STARTS_PHRASE = WordCode.Class | WordCode.Prefix;

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

/**
 * Runs of tokens the model labels together: sentences, also cut at line breaks (headlines, datelines).
 * Run k is tokens `[out[2k], out[2k + 1])`. The breaks are the tokens that start a line, which the
 * tokenizer listed in order: found for each sentence rather than by reading every token's flags.
 */
function segments(context: StageContext): Int32Array {
  const { tokens, sentences } = context.text;
  const lines = tokens.lineStarts;
  let count = 0;
  for (const s of sentences) {
    if (s.firstToken < s.endToken)
      count += 1 + firstAtLeast(lines, s.endToken) - firstAtLeast(lines, s.firstToken + 1);
  }
  const out = new Int32Array(2 * count);
  let k = 0;
  for (const s of sentences) {
    let from = s.firstToken;
    for (let l = firstAtLeast(lines, s.firstToken + 1); l < lines.length; l++) {
      const i = lines[l] as number;
      if (i >= s.endToken) break;
      out[k++] = from;
      out[k++] = i;
      from = i;
    }
    if (from < s.endToken) {
      out[k++] = from;
      out[k++] = s.endToken;
    }
  }
  return out;
}

/** The gazetteer's phrase found at each token, by document (see ScratchInts). */
const PHRASES = new ScratchInts();

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
  const count = segs.length >> 1;
  const all = tokenWords(context.text);
  // Whether each segment is in capitals, asked once for the features and every rule after them.
  const upper = new Uint8Array(count);
  const memory = new CaseMemory(gazetteer, tokens.count);
  for (let k = 0; k < count; k++) {
    const a = segs[2 * k] as number;
    const b = segs[2 * k + 1] as number;
    upper[k] = isUpperSpan(tokens, a, b) ? 1 : 0;
    memory.observe(all, upper[k] === 1, tokens, a, b);
  }
  const found: NameSpan[] = [];
  const labelled = new Uint8Array(tokens.count);
  // The gazetteer's code of each word as written, kept from the features for the gazetteer's own pass
  // and the place types (NO_CODE where no features were extracted, or of the words in title case).
  const codes = new Uint8Array(tokens.count).fill(NO_CODE);
  // The lexical class of each word, kept from the features for the rules (NO_CODE where none were
  // extracted).
  const lexes = new Uint8Array(tokens.count).fill(NO_CODE);
  // The gazetteer's phrases where the features asked for them (-1 elsewhere), for its own pass.
  const phrases = PHRASES.take(tokens.count, -1);
  // Told afresh for each sentence; one object each for the document.
  const options: FeatureOptions = { live, codes, lexes, phrases, keys, tokens, lazy: true, from: 0, to: 0 };
  const groupKeys = { keys, epoch: 0, lazy: true };
  for (let k = 0; k < count; k++) {
    // Past the time budget, the names found so far stand and the pipeline marks the analysis partial.
    if (context.overBudget?.()) continue;
    const a = segs[2 * k] as number;
    const b = segs[2 * k + 1] as number;
    const n = b - a;
    if (labels.length < n) {
      features = new Uint32Array(n * FEATURES_PER_TOKEN * 2);
      labels = new Uint8Array(n * 2);
      live = new Uint8Array(n * 2);
      keys = new Int32Array(n * KEYS_PER_WORD * 2);
    }
    options.live = live;
    options.keys = keys;
    options.codes = upper[k] ? undefined : codes;
    options.upperMode = upper[k] === 1;
    options.from = a;
    options.to = b;
    extractFeatures(all, gazetteer, memory, model.bits, features, options);
    groupKeys.keys = keys;
    groupKeys.epoch = keyEpoch();
    model.decode(features, n, labels, live, groupKeys);
    for (let i = 0; i < n; ) {
      const label = labels[i] as number;
      if (label === OUTSIDE) {
        i++;
        continue;
      }
      const spanEnd = endOfSpan(labels, i, n);
      let first = a + i;
      let end = a + spanEnd;
      i = spanEnd;
      while (first < end && NAME_STOPS.has(all[first] as string)) first++;
      // The marks are one or two characters: longer words skip the pattern.
      while (
        end > first &&
        (all[end - 1] as string).length <= 2 &&
        TRAILING_MARK.test(all[end - 1] as string)
      )
        end--;
      if (first >= end || !isNameLike(all, first, end)) continue;
      const type = ENTITY_TYPES[typeOf(label)] as EntityType;
      found.push({ first, end, type, rule: 'entities/model', confidence: 0.8 });
    }
  }
  const names = titledPersons(all, splitJoinedNames(all, describedPersons(all, found, gazetteer), gazetteer));
  for (const n of names) labelled.fill(1, n.first, n.end);
  addFromGazetteer(gazetteer, all, segs, upper, names, labelled, codes, phrases);
  addFromMemory(tokens, all, segs, upper, names, labelled, gazetteer);
  addFacilities(all, segs, upper, names, labelled, lexes);
  const voted = personVotes(all, names, gazetteer);
  const joined = pressNames(all, acronymNames(all, joinOfNames(all, voted), gazetteer, tokens), tokens);
  const typed = craftNames(
    all,
    joinDemonymOrgs(
      all,
      refineTypes(context, all, gazetteer, churchBodies(all, titleOffices(all, joined, gazetteer)), codes),
    ),
    gazetteer,
  );
  return tableRows(all, segs, datelines(all, segs, gazetteer, typed), gazetteer);
}

const NAME_STOPS = new CaselessWords(NAME_STOP);

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
  // Their first words: a long article names some craft, and its other names are told apart by a word.
  const firsts = new Set<string>();
  for (const n of names) {
    // The craft words first: few names have one, and the name's text is made for those alone.
    if (
      n.type === 'OTHER' ||
      !(
        (n.first > 0 && CRAFT_BEFORE.has(w[n.first - 1] as string)) ||
        (n.end < w.length && CRAFT_AFTER.has(w[n.end] as string))
      )
    )
      continue;
    const text = w.slice(n.first, n.end).join(' ');
    if (gazetteer.kindOf(text) || CAPITALS.test(text)) continue;
    craft.add(text);
    firsts.add(w[n.first] as string);
  }
  if (craft.size === 0) return names;
  return mapNames(names, (n) =>
    firsts.has(w[n.first] as string) && craft.has(w.slice(n.first, n.end).join(' '))
      ? { ...n, type: 'OTHER', rule: 'entities/craft' }
      : n,
  );
}

/**
 * "Scientologist Tom Cruise", "Methodist John Smith": a follower's word before a person's name is no
 * part of it (a given name never ends in "-ist").
 */
function describedPersons(w: readonly string[], names: NameSpan[], gazetteer: Gazetteer): NameSpan[] {
  return mapNames(names, (n) => {
    const first = w[n.first] as string;
    if (n.type !== 'PERSON' || n.end - n.first < 3 || !/^\p{Lu}\p{Ll}+ists?$/u.test(first)) return n;
    return gazetteer.isFirstName(first) ? n : { ...n, first: n.first + 1 };
  });
}

/** Titles that take their office's field after "of" or "for": "Secretary of State", "Minister for Education". */
const OFFICE_TITLES = new CaselessWords(new Set('secretary undersecretary minister commissioner'.split(' ')));

/**
 * "Secretary of State", "Undersecretary for Education": the field is part of the title, no organisation.
 * A person's name that follows it ("Minister of Education Stefania Giannini") is the person.
 */
function titleOffices(w: readonly string[], names: NameSpan[], gazetteer: Gazetteer): NameSpan[] {
  // Made at the first name dropped or changed: most lists are passed on as they are.
  let out: NameSpan[] | undefined;
  for (let k = 0; k < names.length; k++) {
    const n = names[k] as NameSpan;
    // "Home Secretary", "Health Minister": one word of field before the title is no name.
    if (
      n.end - n.first === 1 &&
      n.type !== 'PERSON' &&
      isCapitalised(w[n.end] ?? '') &&
      OFFICE_TITLES.has(w[n.end] as string) &&
      !gazetteer.kindOf(w[n.first] as string)
    ) {
      out ??= names.slice(0, k);
      continue;
    }
    const link = w[n.first - 1];
    if (
      n.type === 'PERSON' ||
      (link !== 'of' && link !== 'for') ||
      !OFFICE_TITLES.has(w[n.first - 2] ?? '') ||
      gazetteer.kindOf(w[n.first] as string)
    ) {
      out?.push(n);
      continue;
    }
    out ??= names.slice(0, k);
    if (n.end - n.first === 1) continue;
    // The person begins at a known given name, or is the two plain capitalised words that end the span:
    // "Minister of Education Stefania Giannini".
    const tail = n.end - n.first > 2 && isPlainName(w, n.end - 2, n.end, gazetteer) ? n.end - 2 : -1;
    const from = gazetteer.isFirstName(w[n.first + 1] as string) ? n.first + 1 : tail;
    if (from > 0) out.push({ ...n, first: from, type: 'PERSON', rule: 'entities/titled-person' });
    else out.push(n);
  }
  return out ?? names;
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
  const out = mapNames(names, (n): NameSpan => {
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
  if (out === names || !out.some((c, k) => c.first !== (names[k] as NameSpan).first)) return out;
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

// A name is lower-cased for GROUPS, FEASTS and NEW_YEAR only when its shape may be one of their words or
// it ends in "year" (in any case: nothing else lower-cases to "year"); most names are passed without.
const GROUP_SHAPES = new WordShapes([...GROUPS, ...FEASTS]);
const YEAR_END = /year$/i;

const DATE_WORD = /^(\d{4}-\d\d-\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

/** A line opening with a place in capitals and a date, "LONDON 1996-08-30": the capitals are a place. */
function datelines(
  w: readonly string[],
  segs: Int32Array,
  gazetteer: Gazetteer,
  names: NameSpan[],
): NameSpan[] {
  const out = names.slice();
  for (let k = 0; k < segs.length; k += 2) {
    const a = segs[k] as number;
    const b = segs[k + 1] as number;
    let n = 0;
    while (a + n < b && CAPITALS_WORD.test(w[a + n] as string) && !DATE_WORD.test(w[a + n] as string)) n++;
    const next = a + n < b && w[a + n] === ',' ? n + 1 : n;
    if (
      n === 0 ||
      n > 3 ||
      !DATE_WORD.test(a + next < b ? (w[a + next] as string) : '') ||
      (a + next + 3 < b && w[a + next + 3] !== '(')
    )
      continue;
    const kind = gazetteer.kindOf(
      w
        .slice(a, a + n)
        .map((x) => x[0] + x.slice(1).toLowerCase())
        .join(' '),
    );
    const type: EntityType = kind && kind !== 'location' && kind !== 'demonym' ? 'GPE' : 'LOC';
    for (let i = out.length - 1; i >= 0; i--) {
      const s = out[i] as NameSpan;
      if (s.first < a + n && s.end > a) out.splice(i, 1);
    }
    out.push({ first: a, end: a + n, type, rule: 'entities/dateline', confidence: 0.9 });
  }
  return byFirst(out);
}

/**
 * A results or standings row ("Pohang 3 Ulsan 2", "BALTIMORE 70 60 .538"): the names in it are teams,
 * organisations, unless they are countries (national sides, by the CoNLL convention, stay places).
 */
function tableRows(
  w: readonly string[],
  segs: Int32Array,
  names: NameSpan[],
  gazetteer: Gazetteer,
): NameSpan[] {
  const out = names.slice();
  for (let k = 0; k < segs.length; k += 2) {
    const a = segs[k] as number;
    const b = segs[k + 1] as number;
    if (!mayBeTableRow(w, a, b)) continue;
    const covered = new Uint8Array(b - a);
    // `names` is sorted by first token (and `out` holds them at the same places, retyped): only the names
    // from the row's start on can lie in it.
    for (let i = firstFrom(names, a); i < names.length && (out[i] as NameSpan).first < b; i++) {
      const s = out[i] as NameSpan;
      if (s.end > b) continue;
      covered.fill(1, s.first - a, s.end - a);
      if (s.type === 'PERSON' || isCountryName(w, s.first, s.end, gazetteer)) continue;
      out[i] = { ...s, type: 'ORG', rule: 'entities/table-row' };
    }
    for (let i = a; i < b; i++) {
      if (covered[i - a] || !CAPITALISED_WORD.test(w[i] as string)) continue;
      let j = i + 1;
      while (j < b && !covered[j - a] && CAPITALISED_WORD.test(w[j] as string)) j++;
      const type: EntityType = isCountryName(w, i, j, gazetteer) ? 'GPE' : 'ORG';
      out.push({ first: i, end: j, type, rule: 'entities/table-row', confidence: 0.6 });
      i = j;
    }
  }
  return byFirst(out);
}

/**
 * Whether the words `w[a..b)` may be a results row: two words or more start with a digit, none is a
 * lower-case word of prose, a third or more are numbers, and none is a month or weekday ("Friday, July
 * 21, 2017" has numbers too: a date line is no results row).
 */
function mayBeTableRow(w: readonly string[], a: number, b: number): boolean {
  let digits = 0;
  for (let i = a; i < b; i++) if (isDigit((w[i] as string).charCodeAt(0))) digits++;
  if (digits < 2) return false;
  // Cheapest and most telling first: a sentence of prose has a lower-case word.
  for (let i = a; i < b; i++) {
    const x = w[i] as string;
    if (LOWER_START.test(x) && !TABLE_WORDS.has(x)) return false;
  }
  let numbers = 0;
  for (let i = a; i < b; i++) if (NUMBER_LIKE.test(w[i] as string) && DIGIT.test(w[i] as string)) numbers++;
  if (numbers < 2 || numbers < (b - a) / 3) return false;
  for (let i = a; i < b; i++) {
    const lx = lexClassOf(w[i] as string);
    if (lx === LexClass.Month || lx === LexClass.Weekday) return false;
  }
  return true;
}

/** Whether the words `w[first..end)`, in capitals or not, name a country. */
function isCountryName(w: readonly string[], first: number, end: number, gazetteer: Gazetteer): boolean {
  return (
    gazetteer.kindOf(
      w
        .slice(first, end)
        .map((x) => x[0] + x.slice(1).toLowerCase())
        .join(' '),
    ) === 'country'
  );
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
  // Made at the first join, until which it would hold the names before `k`.
  let out: NameSpan[] | undefined;
  for (let k = 0; k < names.length; k++) {
    const n = names[k] as NameSpan;
    const last = out ? out[out.length - 1] : names[k - 1];
    if (last && last.type === 'NORP' && n.type === 'ORG' && last.end === n.first) {
      const head = w[n.end - 1] as string;
      if ((lexClassOf(head) === LexClass.OrgWord && isCapitalised(head)) || n.rule === 'entities/church') {
        out ??= names.slice(0, k);
        out[out.length - 1] = { ...n, first: last.first };
        continue;
      }
    }
    out?.push(n);
  }
  return out ?? names;
}

/** Countries, demonyms and well-known organisations the model missed are too well known to leave out. */
function addFromGazetteer(
  gazetteer: Gazetteer,
  w: readonly string[],
  segs: Int32Array,
  upper: Uint8Array,
  names: NameSpan[],
  labelled: Uint8Array,
  codes: Uint8Array,
  phrases: Int32Array,
): void {
  // The name over each token (1 + its index in `names`), so that overlaps are found without a scan.
  const owner = new Int32Array(labelled.length);
  for (let k = 0; k < names.length; k++) {
    const n = names[k] as NameSpan;
    owner.fill(k + 1, n.first, n.end);
  }
  const dropped = new Set<NameSpan>();
  for (let k = 0; k < upper.length; k++) {
    if (upper[k]) continue;
    const b = segs[2 * k + 1] as number;
    for (let i = segs[2 * k] as number; i < b; i++) {
      // Most words start no phrase, which their code kept says without reading them.
      const kept = codes[i] as number;
      if ((kept & STARTS_PHRASE) === 0 || !isCapitalised(w[i] as string)) continue;
      const m =
        (phrases[i] as number) >= 0
          ? (phrases[i] as number)
          : gazetteer.phraseAt(w, i, kept !== NO_CODE ? kept : gazetteer.code(w[i] as string), b);
      const cls = Math.floor(m / PHRASE_LENGTHS);
      if (cls !== GazClass.Country && cls !== GazClass.Demonym && cls !== GazClass.Organisation) continue;
      const type: EntityType =
        cls === GazClass.Country ? 'GPE' : cls === GazClass.Organisation ? 'ORG' : 'NORP';
      const length = m % PHRASE_LENGTHS;
      addPhrase(i, i + length, type, names, owner, labelled, dropped);
      i += length - 1;
    }
  }
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
  for (let t = from; t < to; t++) {
    const n = owner[t] ? (names[(owner[t] as number) - 1] as NameSpan) : undefined;
    if (n && (n.first < from || n.end > to || (n.first === from && n.end === to))) return;
  }
  for (let t = from; t < to; t++) if (owner[t]) dropped.add(names[(owner[t] as number) - 1] as NameSpan);
  names.push({ first: from, end: to, type, rule: 'entities/gazetteer', confidence: 0.9 });
  owner.fill(names.length, from, to);
  labelled.fill(1, from, to);
}

/** The lexical class of word `i`: the one the features kept (`lexes`), else found. */
const lexAt = (w: readonly string[], i: number, lexes: Uint8Array): number =>
  lexes[i] !== NO_CODE ? (lexes[i] as number) : lexClassOf(w[i] as string);

/**
 * "Sappyol Street", "Fisht Stadium": capitalised words the model left out, closed by a capitalised
 * facility word, name the street or building.
 */
function addFacilities(
  w: readonly string[],
  segs: Int32Array,
  upper: Uint8Array,
  names: NameSpan[],
  labelled: Uint8Array,
  lexes: Uint8Array,
): void {
  for (let k = 0; k < upper.length; k++) {
    if (upper[k]) continue;
    const a = segs[2 * k] as number;
    const b = segs[2 * k + 1] as number;
    for (let i = a + 1; i < b; i++) {
      // The class first: it is kept for most words, which are then passed without reading them.
      if (labelled[i] || lexAt(w, i, lexes) !== LexClass.FacWord || !isCapitalised(w[i] as string)) continue;
      let first = i;
      while (
        first > a &&
        !labelled[first - 1] &&
        TITLE_WORD.test(w[first - 1] as string) &&
        lexAt(w, first - 1, lexes) === LexClass.None
      )
        first--;
      if (first === i) continue;
      names.push({ first, end: i + 1, type: 'FAC', rule: 'entities/facility', confidence: 0.7 });
      labelled.fill(1, first, i + 1);
    }
  }
}

/**
 * Per-document name memory: once "Kim Jong-un" is a person, a capitalised "Kim" elsewhere is too;
 * once "KCNA" is an organisation, every "KCNA" is.
 */
function addFromMemory(
  tokens: TokenStore,
  w: readonly string[],
  segs: Int32Array,
  upper: Uint8Array,
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
    const text = joinWords(w, n.first, n.end);
    if (!known.has(text)) known.set(text, n.type);
    if (n.type === 'PERSON' && n.end - n.first > 1)
      for (let i = n.first; i < n.end; i++) {
        const p = w[i] as string;
        if (isCapitalised(p) && p.length > 1 && !known.has(p)) known.set(p, 'PERSON');
      }
    const stem = orgStem(w, n.first, n.end, gazetteer);
    if (stem && !known.has(stem)) known.set(stem, 'ORG');
  }
  if (known.size === 0) return;
  // The first words of the names of more than one word, each with the most words a name it starts may
  // have (its spaces and one): longer keys are not made for a word that starts only one-word names.
  const firstWords = new Map<string, number>();
  // A bit for each word a look-up may find, by the low bits of its hash, the tokenizer's: most words
  // are passed over on the hash it kept, without reading the word. Whole keys of more than one word
  // too, in case a token holds a space.
  MEMORY_WORDS.clear();
  for (const k of known.keys()) {
    const space = k.indexOf(' ');
    const first = space < 0 ? k : k.slice(0, space);
    if (space >= 0) {
      let words = 1;
      for (let i = space; i >= 0; i = k.indexOf(' ', i + 1)) words++;
      firstWords.set(first, Math.max(words, firstWords.get(first) ?? 0));
      MEMORY_WORDS.add(k);
    }
    MEMORY_WORDS.add(first);
  }
  for (let k = 0; k < upper.length; k++) {
    if (upper[k]) continue;
    const b = segs[2 * k + 1] as number;
    for (let i = segs[2 * k] as number; i < b; i++) {
      if (labelled[i] || !MEMORY_WORDS.mayHold(tokens.hash(i))) continue;
      const word = w[i] as string;
      const most = firstWords.get(word) ?? (known.has(word) ? 1 : 0);
      if (most === 0) continue;
      const lx = lexClassOf(word);
      if (lx === LexClass.Title || lx === LexClass.Function) continue;
      // Longest known name starting here, up to four words.
      for (let len = Math.min(4, b - i, most); len >= 1; len--) {
        const type = known.get(len === 1 ? word : w.slice(i, i + len).join(' '));
        if (!type || anyLabelled(labelled, i, i + len)) continue;
        names.push({ first: i, end: i + len, type, rule: 'entities/name-memory', confidence: 0.7 });
        labelled.fill(1, i, i + len);
        i += len - 1;
        break;
      }
    }
  }
}

/** `addFromMemory`'s filter of the words a look-up may find, made afresh for each document. */
const MEMORY_WORDS = new WordHashes();

/** The words `w[first..end)` joined by spaces; a word alone is not copied. */
function joinWords(w: readonly string[], first: number, end: number): string {
  return end - first === 1 ? (w[first] as string) : w.slice(first, end).join(' ');
}

function anyLabelled(labelled: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (labelled[i]) return true;
  return false;
}

/**
 * "Magna" for "Magna International Inc.": the words before an organisation name's trailing
 * organisation words, when they are no place, people or title. One or two words.
 */
function orgStem(
  w: readonly string[],
  first: number,
  last: number,
  gazetteer: Gazetteer,
): string | undefined {
  let end = last;
  while (end > first && isOrgHeadWord(w[end - 1] as string)) end--;
  if (end === first || end === last || end - first > 2) return undefined;
  for (let i = first; i < end; i++) {
    const p = w[i] as string;
    if (!TITLE_WORD.test(p) || lexClassOf(p) !== LexClass.None) return undefined;
  }
  const text = joinWords(w, first, end);
  const kind = gazetteer.kindOf(text);
  return kind === 'country' || kind === 'region' || kind === 'demonym' ? undefined : text;
}

/** An organisation word heads the name: at its end ("Dow Chemical") or before "of" ("Union of ..."). */
function orgHeaded(w: readonly string[], n: NameSpan): boolean {
  if (n.end - n.first < 2) return false;
  for (let i = n.first; i < n.end; i++)
    if ((i === n.end - 1 || w[i + 1] === 'of') && isOrgHeadWord(w[i] as string)) return true;
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
  return mapNames(names, (n) => {
    if (n.rule === 'entities/church') return n;
    const start = tokens.start(n.first);
    const end = tokens.end(n.end - 1);
    const text = source.slice(start, end);
    if (GROUP_SHAPES.mayHoldText(source, start, end) || YEAR_END.test(text)) {
      const lower = text.toLowerCase();
      if (GROUPS.has(lower)) return withType(n, 'NORP');
      if (FEASTS.has(lower) || NEW_YEAR.test(lower)) return withType(n, 'EVENT');
    }
    if (isLawName(w, n)) return withType(n, 'OTHER');
    const kind = kindOfName(gazetteer, text, source, tokens, w, n, codes[n.first] as number);
    if (!kind) {
      if (isEventName(w, n)) return withType(n, 'EVENT');
      // "Pirelli SpA", "Dow Chemical", "Patriotic Union of Kurdistan": an organisation word heads no
      // person's or place's name.
      if ((n.type === 'ORG' || n.type === 'LOC') && n.end - n.first > 1 && isFacilityName(w, n))
        return withType(n, 'FAC');
      if (n.type === 'ORG' || n.type === 'FAC' || n.type === 'EVENT') return n;
      return orgHeaded(w, n) ? { ...n, type: 'ORG' } : n;
    }
    if (kind === 'organisation') return withType(n, 'ORG');
    // A place's exact name is the place, whoever the model took it for; a club named for its city is
    // recognised from a results table, after this.
    if (n.type === 'ORG' && (kind === 'country' || kind === 'city' || kind === 'region'))
      return withType(n, 'GPE');
    // A person is called "Chechnya" far less often than the place; resolution still makes a lone
    // "Jordan" the person when "Michael Jordan" is in the story.
    if (n.type === 'PERSON' && (kind === 'country' || kind === 'region')) return withType(n, 'GPE');
    if (n.type !== 'GPE' && n.type !== 'LOC' && n.type !== 'NORP') return n;
    if (kind === 'demonym') return withType(n, 'NORP');
    if (kind === 'location') return withType(n, 'LOC');
    return withType(n, 'GPE');
  });
}

/** `n` of type `type`: itself when it is of that type already. */
const withType = (n: NameSpan, type: EntityType): NameSpan => (n.type === type ? n : { ...n, type });

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
  for (let i = n.first; i < n.end; i++) if (isOrgHeadWord(w[i] as string)) return false;
  return true;
}

// Heads of names of happenings: "Overseas Military Operations", "Gulf War", "World Cup".
const EVENT_HEADS = new CaselessWords(
  new Set(
    'operation operations war wars campaign offensive summit election elections games olympics championship championships cup open festival conference fair expo exhibition tournament marathon'.split(
      ' ',
    ),
  ),
);

// Heads of names of laws and treaties: "Clean Air Act", "Treaty of Rome" (CoNLL's MISC).
const LAW_HEADS = new CaselessWords(new Set('act treaty accord accords protocol amendment'.split(' ')));

/** A law's or treaty's name: a law word at its end or before "of", and no organisation word. */
function isLawName(w: readonly string[], n: NameSpan): boolean {
  if (n.type === 'PERSON' || n.end - n.first < 2) return false;
  let head = isLawHead(w[n.end - 1] as string);
  for (let i = n.first + 1; i < n.end - 1 && !head; i++)
    if ((w[i] as string) === 'of') head = isLawHead(w[i - 1] as string);
  if (!head) return false;
  for (let i = n.first; i < n.end; i++) if (isOrgHeadWord(w[i] as string)) return false;
  return true;
}

const isLawHead = (word: string) => isCapitalised(word) && LAW_HEADS.has(word);

/** A name headed by an event word, with no organisation word in it ("Ministry of War" is no war). */
function isEventName(w: readonly string[], n: NameSpan): boolean {
  if (n.type === 'PERSON' || n.type === 'EVENT' || n.end - n.first < 2) return false;
  if (!EVENT_HEADS.has(w[n.end - 1] as string)) return false;
  for (let i = n.first; i < n.end - 1; i++) if (lexClassOf(w[i] as string) === LexClass.OrgWord) return false;
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
    const words = tokenWords(context.text);
    const entities = keptSlots<Entity>(names.length) as Entity[];
    for (let i = 0; i < names.length; i++) {
      const n = names[i] as NameSpan;
      const start = tokens.start(n.first);
      const end = tokens.end(n.end - 1);
      // A name of one word is the word's string, already cut.
      const text = n.end - n.first === 1 ? (words[n.first] as string) : source.slice(start, end);
      // `Array.of`, not a literal: see kept.ts.
      const mentions = Array.of<Mention>(new MentionRecord(start, end, text, 'name'));
      entities[i] = new EntityRecord(entityId(i), n.type, text, mentions, n.rule, n.confidence);
    }
    context.layers.entities = entities;
  },
};

/** The ids of the first entities, made once: every document names its entities e1, e2, ... */
const ENTITY_IDS: string[] = [];
const KEPT_IDS = 1 << 12;

/** The id of entity `i` (from 0) of a document. */
function entityId(i: number): string {
  if (i >= KEPT_IDS) return `e${i + 1}`;
  for (let k = ENTITY_IDS.length; k <= i; k++) ENTITY_IDS.push(`e${k + 1}`);
  return ENTITY_IDS[i] as string;
}
