import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityType } from '../src/document/analysis.js';
import type { Gazetteer } from '../src/entities/gazetteer.js';
import { begin, inside, typeIndex } from '../src/entities/labels.js';
import { TITLES } from '../src/entities/lexicon.js';

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

/** Leading titles are not part of a person's name (CoNLL's and our convention): "President Bush". */
function trimTitles(words: readonly string[], span: RawSpan, gazetteer?: Gazetteer): RawSpan {
  let start = span.start;
  while (start < span.end) {
    const w = words[start] as string;
    const lower = w.toLowerCase();
    const place = gazetteer?.lookup(w);
    const isTitle = TITLES.has(lower) || (lower === 'the' && start === span.start);
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

/** The capitalised runs of a mention ("of", "and", "the" may join two): where its name lies. */
function capitalRuns(words: readonly string[], start: number, end: number): [number, number][] {
  const runs: [number, number][] = [];
  let i = start;
  while (i < end) {
    if (!/^[A-Z0-9]/.test(words[i] as string) || /^\d+$/.test(words[i] as string)) {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      if (j < end && /^([A-Z]|-|&)/.test(words[j] as string)) j++;
      else if (
        j + 1 < end &&
        /^(of|and|de|for|the)$/.test(words[j] as string) &&
        /^[A-Z]/.test(words[j + 1] as string)
      )
        j += 2;
      else break;
    }
    runs.push([i, j]);
    i = j;
  }
  return runs;
}

/**
 * The name inside an annotated noun phrase: "American automobile manufacturer Chrysler LLC" ->
 * "Chrysler LLC". The longest capitalised run that is not a country or demonym, the last on a tie.
 */
export function nameWithin(
  words: readonly string[],
  start: number,
  end: number,
  type: EntityType,
  gazetteer: Gazetteer,
): [number, number] | undefined {
  let best: [number, number] | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const [s0, e] of capitalRuns(words, start, end)) {
    let s = s0;
    if ((words[s] as string).toLowerCase() === 'the') s++;
    if (s >= e) continue;
    const place = gazetteer.lookup(words.slice(s, e).join(' '));
    const foreign =
      type !== 'GPE' && type !== 'LOC' && (place?.kind === 'country' || place?.kind === 'demonym');
    const score = e - s - (foreign ? 10 : 0);
    if (score >= bestScore) {
      bestScore = score;
      best = [s, e];
    }
  }
  if (!best) return undefined;
  if (type === 'PERSON') {
    const trimmed = trimTitles(words, { start: best[0], end: best[1], type }, gazetteer);
    return trimmed.start < trimmed.end ? [trimmed.start, trimmed.end] : undefined;
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

/** MEANTIME: named (NAM) entity mentions, typed by the entity they refer to. */
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
  const entityType = new Map<string, string>();
  for (const m of xml.matchAll(/<ENTITY ([^>]*)\/>/g))
    entityType.set(attr(m[1] as string, 'm_id'), attr(m[1] as string, 'ent_type'));
  const refers = new Map<string, string>();
  for (const m of xml.matchAll(/<REFERS_TO[^>]*>([\s\S]*?)<\/REFERS_TO>/g)) {
    const body = m[1] as string;
    const target = /<target m_id="([^"]*)"/.exec(body)?.[1];
    if (target) for (const s of body.matchAll(/<source m_id="([^"]*)"/g)) refers.set(s[1] as string, target);
  }
  const spans: RawSpan[] = [];
  for (const m of xml.matchAll(/<ENTITY_MENTION ([^>]*)>([\s\S]*?)<\/ENTITY_MENTION>/g)) {
    if (attr(m[1] as string, 'syntactic_type') !== 'NAM') continue;
    const kind = entityType.get(refers.get(attr(m[1] as string, 'm_id')) ?? '');
    const type = kind ? MEANTIME[kind] : undefined;
    if (!type) continue;
    const ids = [...(m[2] as string).matchAll(/t_id="([^"]*)"/g)].map((a) => index.get(a[1] as string) ?? -1);
    const start = Math.min(...ids);
    const end = Math.max(...ids) + 1;
    const name = nameWithin(words, start, end, type, gazetteer);
    if (!name) continue;
    const t = type === 'LOC' ? placeType(words.slice(name[0], name[1]), gazetteer) : type;
    spans.push({ start: name[0], end: name[1], type: t === 'NORP' ? 'GPE' : t });
  }
  return { name: path, words, sentence, spans: flatten(spans) };
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

/** GUM: entity mentions whose head is a proper noun; the name is the proper-noun run around the head. */
export function readGumDoc(path: string, gazetteer: Gazetteer): TokenDoc {
  const words: string[] = [];
  const sentence: number[] = [];
  const xpos: string[] = [];
  const heads: number[] = [];
  const open = new Map<string, { start: number; type: string }[]>();
  const mentions: { start: number; end: number; type: string }[] = [];
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
    sentence.push(sent);
    const head = Number(cols[6]);
    heads.push(head === 0 ? -1 : sentStart + head - 1);
    const entity = /Entity=([^|]*)/.exec(cols[9] as string)?.[1] ?? '';
    for (const m of entity.matchAll(/\((\d+)-([a-z]+)[^()]*(\))?|(\d+)\)/g)) {
      if (m[1]) {
        const list = open.get(m[1]) ?? [];
        list.push({ start: at, type: m[2] as string });
        open.set(m[1], list);
        if (m[3]) {
          list.pop();
          mentions.push({ start: at, end: at + 1, type: m[2] as string });
        }
      } else if (m[4]) {
        const o = open.get(m[4])?.pop();
        if (o) mentions.push({ start: o.start, end: at + 1, type: o.type });
      }
    }
  }
  const proper = (i: number) => xpos[i] === 'NNP' || xpos[i] === 'NNPS';
  const spans: RawSpan[] = [];
  for (const m of mentions) {
    const type = GUM[m.type];
    if (!type) continue;
    let head = -1;
    for (let i = m.start; i < m.end; i++) {
      const h = heads[i] as number;
      if (h < m.start || h >= m.end) {
        head = i;
        break;
      }
    }
    if (head < 0 || !proper(head)) continue;
    let s = head;
    let e = head + 1;
    while (s > m.start && proper(s - 1)) s--;
    while (
      e < m.end &&
      (proper(e) || (/^(of|and|&)$/.test(words[e] as string) && e + 1 < m.end && proper(e + 1)))
    )
      e++;
    const name = nameWithin(words, s, e, type, gazetteer);
    if (!name) continue;
    const t = type === 'LOC' ? placeType(words.slice(name[0], name[1]), gazetteer) : type;
    spans.push({ start: name[0], end: name[1], type: t === 'NORP' ? 'GPE' : t });
  }
  return { name: path, words, sentence, spans: flatten(spans) };
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

/** GUM news documents: all held out (evaluation only); GUM interviews may train. */
export function gumFiles(root: string): { train: string[]; heldOut: string[] } {
  const dir = join(root, 'dep');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.conllu'))
    .sort();
  return {
    train: files.filter((f) => f.startsWith('GUM_interview_')).map((f) => join(dir, f)),
    heldOut: files.filter((f) => f.startsWith('GUM_news_')).map((f) => join(dir, f)),
  };
}
