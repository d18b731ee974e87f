import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityType } from '../src/document/analysis.js';
import type { Gazetteer } from '../src/entities/gazetteer.js';
import { begin, inside, typeIndex } from '../src/entities/labels.js';
import { TITLES } from '../src/entities/lexicon.js';
import { isOrgHead } from '../src/entities/organisation-names.js';

/** One labelled sentence; `doc` groups sentences that share a document (for case memory). */
export interface Sentence {
  words: string[];
  labels: Uint8Array;
  doc: string;
}

/** A labelled span in source terms: token range and our type, or null to leave it unlabelled. */
interface RawSpan {
  start: number;
  end: number;
  type: EntityType | null;
}

export interface MappingContext {
  gazetteer: Gazetteer;
}

/** GPE when the gazetteer knows the name as a country, city or region; LOC otherwise. */
export function placeType(words: readonly string[], gazetteer: Gazetteer): EntityType {
  const place = gazetteer.lookup(words.join(' '));
  if (place?.kind === 'country' || place?.kind === 'city' || place?.kind === 'region') return 'GPE';
  if (place?.kind === 'demonym') return 'NORP';
  return 'LOC';
}

// Roles that annotators leave inside a person's mention ("Chief Operating Officer", "Presiding Judge",
// "NASA Administrator"): capitalised, yet no part of a name.
const ROLES = new Set(
  'executive operating financial presiding attorney sheriff detective spokesman founder co-founder member administrator professor emeritus doctor dean commissioner undersecretary secretary'.split(
    ' ',
  ),
);

/** Leading titles are not part of a person's name (CoNLL's and our convention): "President Bush". */
function trimTitles(words: readonly string[], span: RawSpan, gazetteer?: Gazetteer): RawSpan {
  let start = span.start;
  while (start < span.end) {
    const w = words[start] as string;
    const lower = w.toLowerCase();
    const place = gazetteer?.lookup(w);
    const isTitle = TITLES.has(lower) || ROLES.has(lower) || (lower === 'the' && start === span.start);
    if (isTitle || (span.end - start > 1 && (place?.kind === 'country' || place?.kind === 'demonym')))
      start++;
    else break;
  }
  return { ...span, start };
}

function toSentence(words: string[], spans: RawSpan[], doc: string, gazetteer: Gazetteer): Sentence {
  const labels = new Uint8Array(words.length);
  for (const raw of spans) {
    if (raw.type === null) continue;
    const s = raw.type === 'PERSON' ? trimTitles(words, raw, gazetteer) : raw;
    if (s.start >= s.end || s.type === null) continue;
    const t = typeIndex(s.type);
    if (labels.subarray(s.start, s.end).some((l) => l !== 0)) continue;
    labels[s.start] = begin(t);
    for (let i = s.start + 1; i < s.end; i++) labels[i] = inside(t);
  }
  return { words, labels, doc };
}

/** BIO columns to spans; `tagOf` maps a source tag (without B-/I-) to our type. */
function bioSpans(tags: readonly string[]): { start: number; end: number; tag: string }[] {
  const out: { start: number; end: number; tag: string }[] = [];
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i] as string;
    if (t === 'O' || t === '' || t === '_') continue;
    const tag = t.slice(2);
    const last = out[out.length - 1];
    if (t.startsWith('I-') && last && last.end === i && last.tag === tag) last.end = i + 1;
    else out.push({ start: i, end: i + 1, tag });
  }
  return out;
}

function readColumns(path: string, sep: RegExp): string[][][] {
  const sentences: string[][][] = [];
  let current: string[][] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') {
      if (current.length) sentences.push(current);
      current = [];
      continue;
    }
    current.push(line.split(sep));
  }
  if (current.length) sentences.push(current);
  return sentences;
}

/** GMB: geo -> GPE/LOC by gazetteer, gpe -> NORP (a country name stays GPE), tim and nat dropped. */
export function readGmb(path: string, gazetteer: Gazetteer): Sentence[] {
  const rows = readColumns(path, /\t/);
  return rows.map((rows, k) => {
    const words = rows.map((r) => r[0] as string);
    const spans = bioSpans(rows.map((r) => r[2] ?? 'O')).map(({ start, end, tag }): RawSpan => {
      const w = words.slice(start, end);
      const type: EntityType | null =
        tag === 'per'
          ? 'PERSON'
          : tag === 'org'
            ? 'ORG'
            : tag === 'geo'
              ? placeType(w, gazetteer) === 'NORP'
                ? 'GPE'
                : placeType(w, gazetteer)
              : tag === 'gpe'
                ? placeType(w, gazetteer) === 'GPE'
                  ? 'GPE'
                  : 'NORP'
                : tag === 'eve'
                  ? 'EVENT'
                  : tag === 'art'
                    ? 'OTHER'
                    : null;
      return { start, end, type };
    });
    // The Kaggle export lost document ids; consecutive sentences come from one story.
    return toSentence(words, spans, `gmb${Math.floor(k / 20)}`, gazetteer);
  });
}

const CROSSNER: Record<string, EntityType | null> = {
  politician: 'PERSON',
  person: 'PERSON',
  politicalparty: 'ORG',
  organisation: 'ORG',
  country: 'GPE',
  election: 'EVENT',
  event: 'EVENT',
  misc: 'OTHER',
};

export function readCrossner(path: string, gazetteer: Gazetteer): Sentence[] {
  return readColumns(path, /\t/).map((rows, k) => {
    const words = rows.map((r) => r[0] as string);
    const spans = bioSpans(rows.map((r) => r[1] ?? 'O')).map(({ start, end, tag }) => {
      const w = words.slice(start, end);
      let type = tag === 'location' ? placeType(w, gazetteer) : (CROSSNER[tag] ?? null);
      if (type === 'OTHER' && gazetteer.lookup(w.join(' '))?.kind === 'demonym') type = 'NORP';
      return { start, end, type };
    });
    return toSentence(words, spans, `crossner${k}`, gazetteer);
  });
}

// Words that join the parts of an organisation's or a place's name: "Bank of England", "Defence and
// Space", "Council on American-Islamic Relations". A person's name has none.
const JOINS = /^(of|and|&|de|for|on|the|-)$/;

/** The capitalised runs of a mention ("of", "and", "the" may join two where `join`): where its name lies. */
function capitalRuns(
  words: readonly string[],
  start: number,
  end: number,
  join: boolean,
): [number, number][] {
  const runs: [number, number][] = [];
  let i = start;
  while (i < end) {
    if (!/^[A-Z0-9]/.test(words[i] as string) || /^\d+$/.test(words[i] as string)) {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      if (j < end && /^([A-Z]|&)/.test(words[j] as string)) j++;
      else if (j + 1 < end && words[j] === '-' && /^[A-Z]/.test(words[j + 1] as string)) j += 2;
      else if (join && j + 1 < end && JOINS.test(words[j] as string) && /^[A-Z]/.test(words[j + 1] as string))
        j += 2;
      else if (
        join &&
        j + 2 < end &&
        /^(of|for|on)$/.test(words[j] as string) &&
        words[j + 1] === 'the' &&
        /^[A-Z]/.test(words[j + 2] as string)
      )
        j += 3;
      else break;
    }
    runs.push([i, j]);
    i = j;
  }
  return runs;
}

/**
 * The name inside an annotated noun phrase: "American automobile manufacturer Chrysler LLC" ->
 * "Chrysler LLC". Among the capitalised runs that are not a country or demonym (for a person: nor a
 * role, an organisation's words or a place), the one sharing most words with `hint` (the annotator's label for the entity, when there is
 * one), then the longest, the last on a tie.
 */
export function nameWithin(
  words: readonly string[],
  start: number,
  end: number,
  type: EntityType,
  gazetteer: Gazetteer,
  hint: readonly string[] = [],
): [number, number] | undefined {
  const person = type === 'PERSON';
  const hinted = new Set(hint.map((h) => h.toLowerCase()));
  let best: [number, number] | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const [s0, e] of capitalRuns(words, start, end, !person)) {
    let s = s0;
    if ((words[s] as string).toLowerCase() === 'the') s++;
    if (person) {
      const trimmed = trimTitles(words, { start: s, end: e, type }, gazetteer);
      s = trimmed.start;
      const last = (words[e - 1] as string).toLowerCase();
      const kind = gazetteer.lookup(words.slice(s, e).join(' '))?.kind;
      // A place's name in a person's mention is the place ("the United States' envoy"), unless the
      // person's own name says so: "Paris" for Valeska Paris.
      let own = s < e;
      for (let i = s; i < e; i++) if (!hinted.has((words[i] as string).toLowerCase())) own = false;
      if (s < e && (ROLES.has(last) || isOrgHead(last) || (kind && kind !== 'organisation' && !own)))
        continue;
    }
    if (s >= e) continue;
    const place = gazetteer.lookup(words.slice(s, e).join(' '));
    const foreign =
      type !== 'GPE' && type !== 'LOC' && (place?.kind === 'country' || place?.kind === 'demonym');
    let shared = 0;
    for (let i = s; i < e; i++) if (hinted.has((words[i] as string).toLowerCase())) shared++;
    const score = shared * 100 + e - s - (foreign ? 10 : 0);
    if (score >= bestScore) {
      bestScore = score;
      best = [s, e];
    }
  }
  return best;
}

export interface TokenDoc {
  name: string;
  words: string[];
  /** Sentence index of each word. */
  sentence: number[];
  /** Gold names as token ranges with our type. */
  spans: RawSpan[];
  /** Names the corpus marks without a type we can read: a prediction on them is neither right nor wrong. */
  untyped: RawSpan[];
}

const MEANTIME: Record<string, EntityType> = {
  PER: 'PERSON',
  ORG: 'ORG',
  LOC: 'LOC',
  PRO: 'OTHER',
  FIN: 'OTHER',
};

const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
const unescapeXml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * MEANTIME: named (NAM) entity mentions, typed by the entity they refer to; the entity's descriptor
 * picks the name inside a long mention. A mention that coordinates names ("Boeing and Lockheed Martin",
 * whose parts are annotated too) is no name of its own. A named mention linked to no entity has no type.
 */
export function readMeantimeDoc(path: string, gazetteer: Gazetteer): TokenDoc {
  const xml = readFileSync(path, 'utf8');
  const words: string[] = [];
  const sentence: number[] = [];
  const index = new Map<string, number>();
  for (const m of xml.matchAll(/<token ([^>]*)>([^<]*)<\/token>/g)) {
    index.set(attr(m[1] as string, 't_id'), words.length);
    words.push(unescapeXml(m[2] as string));
    sentence.push(Number(attr(m[1] as string, 'sentence')));
  }
  const entities = new Map<string, { type: string; label: string }>();
  for (const m of xml.matchAll(/<ENTITY ([^>]*)\/>/g))
    entities.set(attr(m[1] as string, 'm_id'), {
      type: attr(m[1] as string, 'ent_type'),
      label: unescapeXml(attr(m[1] as string, 'TAG_DESCRIPTOR')),
    });
  const refers = new Map<string, string>();
  for (const m of xml.matchAll(/<REFERS_TO[^>]*>([\s\S]*?)<\/REFERS_TO>/g)) {
    const body = m[1] as string;
    const target = /<target m_id="([^"]*)"/.exec(body)?.[1];
    if (target) for (const s of body.matchAll(/<source m_id="([^"]*)"/g)) refers.set(s[1] as string, target);
  }
  const named: { start: number; end: number; id: string }[] = [];
  for (const m of xml.matchAll(/<ENTITY_MENTION ([^>]*)>([\s\S]*?)<\/ENTITY_MENTION>/g)) {
    if (attr(m[1] as string, 'syntactic_type') !== 'NAM') continue;
    const ids = [...(m[2] as string).matchAll(/t_id="([^"]*)"/g)].map((a) => index.get(a[1] as string) ?? -1);
    named.push({ start: Math.min(...ids), end: Math.max(...ids) + 1, id: attr(m[1] as string, 'm_id') });
  }
  const spans: RawSpan[] = [];
  const untyped: RawSpan[] = [];
  for (const m of named) {
    const parts = named.filter((o) => o !== m && o.start >= m.start && o.end <= m.end);
    if (parts.some((a) => parts.some((b) => a.end <= b.start))) continue;
    const entity = entities.get(refers.get(m.id) ?? '');
    const type = entity ? MEANTIME[entity.type] : undefined;
    const name = nameWithin(words, m.start, m.end, type ?? 'ORG', gazetteer, entity?.label.split(/\s+/));
    if (!name) continue;
    if (!type) {
      untyped.push({ start: name[0], end: name[1], type: null });
      continue;
    }
    const t = type === 'LOC' ? placeType(words.slice(name[0], name[1]), gazetteer) : type;
    spans.push({ start: name[0], end: name[1], type: t === 'NORP' ? 'GPE' : t });
  }
  return { name: path, words, sentence, spans: flatten(spans), untyped };
}

/** Nested names to one flat layer, the outer (longer) name first: CoNLL's convention. */
function flatten(spans: RawSpan[]): RawSpan[] {
  const sorted = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: RawSpan[] = [];
  for (const s of sorted) if (!kept.some((k) => k.start < s.end && s.start < k.end)) kept.push(s);
  return kept.sort((a, b) => a.start - b.start);
}

const GUM: Record<string, EntityType> = {
  person: 'PERSON',
  organization: 'ORG',
  place: 'LOC',
  event: 'EVENT',
};

/** GUM writes an entity's identity percent-encoded ("Irving%2C_Texas"); words are compared decoded. */
function gumIdentity(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/** The words of an identity: "Irving,_Texas" -> Irving, Texas; "Victoria_(Australia)" -> Victoria, Australia. */
const identityWords = (identity: string) => identity.split(/[_,()]+/).filter(Boolean);

/**
 * GUM: entity mentions named by a proper noun. The name is the proper-noun run around the mention's head
 * (or, under a common-noun head, around a proper noun in flat or appositive relation to it: "team
 * member Rodaba Noori"). A person's name takes no "of"-joined words and no nested mention ("Afghan
 * Ambassador to the United States Hamdullah Mohib" -> "Hamdullah Mohib"). GUM types groups of people
 * as persons: a plural or demonym name ("Muslims", "Rohingya"), or one after "the", is a group: an
 * organisation when the gazetteer knows it as one ("the Taliban"), NORP otherwise, not a person.
 */
export function readGumDoc(path: string, gazetteer: Gazetteer): TokenDoc {
  const words: string[] = [];
  const sentence: number[] = [];
  const xpos: string[] = [];
  const heads: number[] = [];
  const deprels: string[] = [];
  const open = new Map<string, { start: number; type: string; identity: string }[]>();
  const mentions: { start: number; end: number; type: string; identity: string; id: string }[] = [];
  let sent = -1;
  let sentStart = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('# sent_id')) {
      sent++;
      sentStart = words.length;
    }
    const cols = line.split('\t');
    if (cols.length < 10 || !/^\d+$/.test(cols[0] as string)) continue;
    const at = words.length;
    words.push(cols[1] as string);
    xpos.push(cols[4] as string);
    deprels.push(cols[7] as string);
    sentence.push(sent);
    const head = Number(cols[6]);
    heads.push(head === 0 ? -1 : sentStart + head - 1);
    const entity = /Entity=([^|]*)/.exec(cols[9] as string)?.[1] ?? '';
    for (const m of entity.matchAll(/\((\d+)-([a-z]+)-([^()]*)(\))?|(\d+)\)/g)) {
      if (m[1]) {
        const identity = gumIdentity((m[3] as string).split('-').slice(5).join('-'));
        if (m[4]) {
          mentions.push({ start: at, end: at + 1, type: m[2] as string, identity, id: m[1] });
          continue;
        }
        const list = open.get(m[1]) ?? [];
        list.push({ start: at, type: m[2] as string, identity });
        open.set(m[1], list);
      } else if (m[5]) {
        const o = open.get(m[5])?.pop();
        if (o)
          mentions.push({
            start: o.start,
            end: at + 1,
            type: o.type,
            identity: o.identity,
            id: m[5] as string,
          });
      }
    }
  }
  // What an entity is called: its identity ("Valeska_Paris") and the proper nouns of all its mentions,
  // so that a later bare "Paris" or "Montalvo" is still the person's own name, not a place.
  const byId = new Map<string, typeof mentions>();
  for (const m of mentions) byId.set(m.id, [...(byId.get(m.id) ?? []), m]);
  const called = (m: (typeof mentions)[number]) => {
    const out = identityWords(m.identity);
    for (const o of byId.get(m.id) ?? [])
      if (o !== m) {
        out.push(...identityWords(o.identity));
        for (let i = o.start; i < o.end; i++)
          if (/^NNPS?$/.test(xpos[i] as string)) out.push(words[i] as string);
      }
    return out;
  };
  const proper = (i: number) => xpos[i] === 'NNP' || xpos[i] === 'NNPS';
  const spans: RawSpan[] = [];
  for (const m of mentions) {
    const gumType = GUM[m.type];
    if (!gumType) continue;
    let head = -1;
    for (let i = m.start; i < m.end; i++) {
      const h = heads[i] as number;
      if (h < m.start || h >= m.end) {
        head = i;
        break;
      }
    }
    if (head < 0) continue;
    if (!proper(head)) {
      const h = head;
      head = -1;
      for (let i = m.start; i < m.end && head < 0; i++)
        if (heads[i] === h && proper(i) && /^(flat|appos)/.test(deprels[i] as string)) head = i;
      if (head < 0) continue;
    }
    const person = gumType === 'PERSON';
    // For a person, the tokens of names nested in the mention ("the United States") are not the person's.
    const nested = new Uint8Array(m.end - m.start);
    if (person)
      for (const o of mentions)
        if (o !== m && o.start >= m.start && o.end <= m.end && (head < o.start || head >= o.end))
          nested.fill(1, o.start - m.start, o.end - m.start);
    const mine = (i: number) => i >= m.start && i < m.end && !nested[i - m.start];
    const joins = (i: number) =>
      words[i] === '-' || (!person && /^(of|and|&|for|on)$/.test(words[i] as string));
    let s = head;
    let e = head + 1;
    for (;;) {
      if (mine(s - 1) && proper(s - 1)) s--;
      else if (mine(s - 2) && joins(s - 1) && proper(s - 2)) s -= 2;
      else break;
    }
    for (;;) {
      if (mine(e) && proper(e)) e++;
      else if (mine(e + 1) && joins(e) && proper(e + 1)) e += 2;
      else if (
        !person &&
        mine(e + 2) &&
        /^(of|for|on)$/.test(words[e] as string) &&
        words[e + 1] === 'the' &&
        proper(e + 2)
      )
        e += 3;
      else break;
    }
    // A title or description before a person's name is no part of it ("Emeritus Professor John Burrows").
    if (person)
      for (let i = e - 2; i >= s; i--) {
        const lower = (words[i] as string).toLowerCase();
        if (deprels[i] === 'nmod:desc' || TITLES.has(lower) || ROLES.has(lower)) {
          s = i + 1;
          break;
        }
      }
    // "Aceh, Indonesia", "Clearwater, Florida": UD heads the mention on the country or state, but the
    // entity (its identity) is the place before the comma, and so is its name.
    const own = identityWords(m.identity).map((x) => x.toLowerCase());
    const named = (i: number) => own.includes((words[i] as string).toLowerCase());
    let sharesIdentity = false;
    for (let i = s; i < e; i++) if (named(i)) sharesIdentity = true;
    if (!person && own.length > 0 && !sharesIdentity)
      for (let i = m.start; i < s; i++) {
        if (!proper(i) || !named(i) || (i > m.start && proper(i - 1))) continue;
        let j = i + 1;
        while (j < s && proper(j)) j++;
        if (words[j] !== ',') continue;
        s = i;
        e = j;
        break;
      }
    const name = nameWithin(words, s, e, gumType, gazetteer, called(m));
    if (!name) continue;
    let type: EntityType = gumType;
    if (person) {
      // "The" inside the mention makes a group ("the Taliban"); before it, it is another's ("the Cruise video").
      const group =
        (name[0] > m.start && words[name[0] - 1]?.toLowerCase() === 'the') ||
        xpos.slice(name[0], name[1]).includes('NNPS') ||
        gazetteer.lookup(words.slice(name[0], name[1]).join(' '))?.kind === 'demonym';
      if (group)
        type =
          gazetteer.lookup(words.slice(name[0], name[1]).join(' '))?.kind === 'organisation' ? 'ORG' : 'NORP';
    }
    // GUM types a country or city by its role ("North Korea stated" is an organization); our scheme, like
    // OntoNotes and CoNLL, types it by what it is: a GPE in any role, its government included, and a
    // country's name stays the country's when it stands for its national side (CoNLL's convention,
    // which `tableRows` in src/entities/recognize-entities.ts keeps). A club named for its city stays
    // an organisation.
    if (
      type === 'ORG' &&
      (placeType(identityWords(m.identity.replace(/_\(.*\)$/, '')), gazetteer) === 'GPE' ||
        gazetteer.lookup(words.slice(name[0], name[1]).join(' '))?.kind === 'country')
    )
      type = 'GPE';
    const t = type === 'LOC' ? placeType(words.slice(name[0], name[1]), gazetteer) : type;
    spans.push({ start: name[0], end: name[1], type: t === 'NORP' && gumType === 'LOC' ? 'GPE' : t });
  }
  return { name: path, words, sentence, spans: flatten(spans), untyped: [] };
}

/** A token document as labelled sentences. */
export function docSentences(doc: TokenDoc, gazetteer: Gazetteer): Sentence[] {
  const out: Sentence[] = [];
  let from = 0;
  for (let i = 1; i <= doc.words.length; i++) {
    if (i < doc.words.length && doc.sentence[i] === doc.sentence[from]) continue;
    const spans = doc.spans
      .filter((s) => s.start >= from && s.end <= i)
      .map((s) => ({ ...s, start: s.start - from, end: s.end - from }));
    out.push(toSentence(doc.words.slice(from, i), spans, doc.name, gazetteer));
    from = i;
  }
  return out;
}

/** MEANTIME files, with every third of each topic (sorted by name) held out for evaluation. */
export function meantimeFiles(root: string): { train: string[]; heldOut: string[] } {
  const train: string[] = [];
  const heldOut: string[] = [];
  const base = join(root, 'intra-doc_annotation');
  for (const topic of readdirSync(base).sort()) {
    readdirSync(join(base, topic))
      .filter((f) => f.endsWith('.xml'))
      .sort()
      .forEach((f, i) => {
        (i % 3 === 0 ? heldOut : train).push(join(base, topic, f));
      });
  }
  return { train, heldOut };
}

/**
 * GUM documents: news files sorted by name, every third (the first, fourth, ...) held out for
 * evaluation, the rest and all interviews for training. `dev` = [k, n] moves fold k of n of the news
 * training files (every n-th, from the k-th) to `dev`, for experiments that must not see the held-out part.
 */
export function gumFiles(
  root: string,
  dev?: readonly [number, number],
): { train: string[]; heldOut: string[]; dev: string[] } {
  const dir = join(root, 'dep');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.conllu'))
    .sort();
  const news = files.filter((f) => f.startsWith('GUM_news_'));
  const newsTrain = news.filter((_, i) => i % 3 !== 0);
  const inDev = (i: number) => dev !== undefined && i % dev[1] === dev[0];
  return {
    train: [
      ...files.filter((f) => f.startsWith('GUM_interview_')),
      ...newsTrain.filter((_, i) => !inDev(i)),
    ].map((f) => join(dir, f)),
    heldOut: news.filter((_, i) => i % 3 === 0).map((f) => join(dir, f)),
    dev: newsTrain.filter((_, i) => inDev(i)).map((f) => join(dir, f)),
  };
}
