/**
 * `npm run eval -- events [--split dev|test|all] [--errors N]`: events on NewsReader MEANTIME (English,
 * intra-document annotation, CC BY 4.0), read in place from `../shared/datasets/meantime_en`, then the
 * seed through check-gold.
 *
 * - Event-mention triggers: precision, recall and F1 of `findEventMentions` against EVENT_MENTION, by
 *   token, over the sentences MEANTIME annotates (title, date line and the first four body sentences).
 * - Participant roles over HAS_PARTICIPANT: the events stage's typed events with the gold entity
 *   mentions given as the entity layer; agent/speaker/attendee score as Arg0, patient/target as Arg1.
 * - Event-time links: the events stage's times with the gold TIMEX3s given as the time layer, against
 *   TLINKs of inclusion or overlap between an event and a non-DCT time.
 *
 * Splits: dev = corpus_airbus and corpus_apple (rules were tuned here), test = corpus_gm and
 * corpus_stock (held out).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entity, EntityType, Time } from '../src/document/analysis.js';
import { createDocument } from '../src/document/document.js';
import { eventsStage } from '../src/events/find-events.js';
import { findEventMentions } from '../src/events/mentions.js';
import type { Layers, StageContext } from '../src/pipeline/stage.js';
import { readAttributes } from '../src/read/timeml-reader.js';
import { TextLayer } from '../src/text/text-layer.js';
import { type Counts, f1, type Prf, scoreSets } from './events-score.js';
import { shared } from './paths.js';
import { evalSeed } from './seed.js';

const ANNOTATED_SENTENCES = 6;
const SPLITS: Record<string, readonly string[]> = {
  dev: ['corpus_airbus', 'corpus_apple'],
  test: ['corpus_gm', 'corpus_stock'],
  all: ['corpus_airbus', 'corpus_apple', 'corpus_gm', 'corpus_stock'],
};
const TIME_RELATIONS = new Set([
  'IS_INCLUDED',
  'INCLUDES',
  'SIMULTANEOUS',
  'BEGINS',
  'ENDS',
  'BEGUN_BY',
  'ENDED_BY',
  'IDENTITY',
]);
const ENTITY_TYPES: Record<string, EntityType> = {
  PER: 'PERSON',
  ORG: 'ORG',
  LOC: 'GPE',
  PRO: 'OTHER',
  FIN: 'OTHER',
};

interface Markable {
  readonly tag: string;
  readonly attrs: Record<string, string>;
  readonly tokens: string[];
  readonly links: { source?: string; target?: string };
}

interface MeantimeDoc {
  readonly name: string;
  readonly text: string;
  readonly tokenSpans: Map<string, { start: number; end: number; sentence: number }>;
  readonly markables: Markable[];
}

const decode = (s: string) =>
  s.replace(
    /&(amp|lt|gt|quot|apos);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? _,
  );

/** CAT XML, one element per line: tokens joined by spaces, sentences by new lines. */
export function readMeantime(path: string): MeantimeDoc {
  const raw = readFileSync(path, 'utf8');
  const tokenSpans = new Map<string, { start: number; end: number; sentence: number }>();
  const markables: Markable[] = [];
  let text = '';
  let sentence = -1;
  let open: Markable | undefined;
  for (const line of raw.split('\n')) {
    const l = line.trim();
    const token = /^<token\b([^>]*)>([^<]*)<\/token>$/.exec(l);
    if (token) {
      const a = readAttributes(token[1] as string);
      const s = Number(a.sentence);
      if (text.length > 0) text += s !== sentence ? '\n' : ' ';
      sentence = s;
      const word = decode(token[2] as string);
      tokenSpans.set(a.t_id as string, { start: text.length, end: text.length + word.length, sentence: s });
      text += word;
      continue;
    }
    const tag = /^<([A-Z_0-9]+)\b([^>]*)>$/.exec(l);
    if (tag) {
      const inside = tag[2] as string;
      const m: Markable = { tag: tag[1] as string, attrs: readAttributes(inside), tokens: [], links: {} };
      markables.push(m);
      open = inside.endsWith('/') ? undefined : m;
      continue;
    }
    const anchor = /^<token_anchor t_id="(\d+)"\/>$/.exec(l);
    if (anchor && open) open.tokens.push(anchor[1] as string);
    const end = /^<(source|target) m_id="(\d+)"\/>$/.exec(l);
    if (end && open) open.links[end[1] as 'source' | 'target'] = end[2] as string;
    if (l.startsWith('</')) open = undefined;
  }
  return { name: path, text, tokenSpans, markables };
}

function listDocs(splits: readonly string[]): string[] {
  const root = shared('datasets', 'meantime_en', 'intra-doc_annotation');
  return splits.flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.xml'))
      .sort()
      .map((f) => join(root, dir, f)),
  );
}

interface DocScore {
  triggers: Counts;
  roles: Counts;
  times: Counts;
  misses: string[];
  spurious: string[];
}

function scoreDoc(doc: MeantimeDoc): DocScore {
  const layer = new TextLayer(doc.text);
  const span = (ids: readonly string[]) => {
    const spans = ids.map((id) => doc.tokenSpans.get(id)).filter((s) => s !== undefined);
    return spans.length
      ? {
          start: Math.min(...spans.map((s) => s.start)),
          end: Math.max(...spans.map((s) => s.end)),
          sentence: spans[0]?.sentence ?? 0,
        }
      : undefined;
  };
  const byId = new Map(doc.markables.map((m) => [m.attrs.m_id ?? '', m]));
  const annotated = (s: { sentence: number }) => s.sentence < ANNOTATED_SENTENCES;
  const limit = [...doc.tokenSpans.values()].filter(annotated).reduce((e, s) => Math.max(e, s.end), 0);

  // Triggers, by the token offset where each mention starts (MEANTIME anchors most on one token).
  const goldEvents = doc.markables.filter((m) => m.tag === 'EVENT_MENTION' && m.tokens.length > 0);
  const gold = new Set<number>();
  for (const e of goldEvents) {
    const s = span(e.tokens);
    if (s && annotated(s)) for (const id of e.tokens) gold.add(doc.tokenSpans.get(id)?.start ?? -1);
  }
  const sys = new Set<number>();
  for (const m of findEventMentions(layer.tokens, 0, layer.tokens.indexAt(limit)))
    sys.add(layer.tokens.start(m.token));
  const triggers = scoreSets(gold, sys);
  const word = (at: number) => {
    let end = at;
    while (end < doc.text.length && doc.text[end] !== ' ' && doc.text[end] !== '\n') end++;
    return doc.text.slice(at, end);
  };
  const misses = [...gold].filter((g) => !sys.has(g)).map(word);
  const spurious = [...sys].filter((s) => !gold.has(s)).map(word);

  // The stage with gold entities and times as its layers.
  const refers = new Map<string, string>();
  for (const m of doc.markables)
    if (m.tag === 'REFERS_TO' && m.links.source && m.links.target) refers.set(m.links.source, m.links.target);
  const entities: Entity[] = [];
  for (const m of doc.markables) {
    if (m.tag !== 'ENTITY_MENTION' || m.tokens.length === 0) continue;
    const s = span(m.tokens);
    if (!s) continue;
    const instance = byId.get(refers.get(m.attrs.m_id ?? '') ?? '');
    const type = ENTITY_TYPES[instance?.attrs.ent_type ?? ''] ?? 'ORG';
    entities.push({
      id: `m${m.attrs.m_id}`,
      type,
      name: doc.text.slice(s.start, s.end),
      mentions: [{ start: s.start, end: s.end, text: doc.text.slice(s.start, s.end), kind: 'name' }],
      rule: 'gold',
    });
  }
  const times: Time[] = [];
  for (const m of doc.markables) {
    if (m.tag !== 'TIMEX3' || m.tokens.length === 0 || m.attrs.functionInDocument === 'CREATION_TIME')
      continue;
    const s = span(m.tokens);
    if (s)
      times.push({
        id: `m${m.attrs.m_id}`,
        start: s.start,
        end: s.end,
        text: doc.text.slice(s.start, s.end),
        type: (m.attrs.type ?? 'DATE') as Time['type'],
        value: m.attrs.value ?? '',
        rule: 'gold',
      });
  }
  const dct = doc.markables.find((m) => m.tag === 'TIMEX3' && m.attrs.functionInDocument === 'CREATION_TIME')
    ?.attrs.value;
  const document = createDocument({
    text: doc.text,
    bodyOffset: 0,
    meta: dct ? { published: dct } : {},
    origin: { format: 'text' },
  });
  const layers: Layers = { entities, times, quotes: [], claims: [], events: [] };
  const context: StageContext = { document, text: layer, layers, report: () => undefined };
  eventsStage.run(context);

  // Gold event -> (entity, role) and (time) links, keyed by the event's first token offset.
  const goldRoles = new Set<string>();
  const goldTimes = new Set<string>();
  const eventStart = (id: string) => {
    const m = byId.get(id);
    return m && m.tag === 'EVENT_MENTION' ? span(m.tokens) : undefined;
  };
  for (const r of doc.markables) {
    if (r.tag === 'HAS_PARTICIPANT' && r.links.source && r.links.target) {
      const e = eventStart(r.links.source);
      const role = r.attrs.sem_role;
      if (e && annotated(e) && (role === 'Arg0' || role === 'Arg1'))
        goldRoles.add(`${e.start}|m${r.links.target}|${role}`);
    }
    if (r.tag === 'TLINK' && r.links.source && r.links.target && TIME_RELATIONS.has(r.attrs.reltype ?? '')) {
      const [ev, tm] =
        byId.get(r.links.source)?.tag === 'EVENT_MENTION'
          ? [r.links.source, r.links.target]
          : [r.links.target, r.links.source];
      const e = eventStart(ev);
      if (e && annotated(e) && times.some((t) => t.id === `m${tm}`)) goldTimes.add(`${e.start}|m${tm}`);
    }
  }
  const sysRoles = new Set<string>();
  const sysTimes = new Set<string>();
  const goldEventStarts = new Set([...goldRoles, ...goldTimes].map((k) => Number(k.split('|')[0])));
  for (const ev of layers.events) {
    if (ev.trigger.start >= limit) continue;
    const at = layer.tokens.start(layer.tokens.indexAt(ev.trigger.end - 1));
    const key = gold.has(ev.trigger.start) ? ev.trigger.start : at;
    if (!goldEventStarts.has(key) && !gold.has(key)) continue;
    for (const p of ev.participants) {
      const role = ['agent', 'speaker', 'attendee'].includes(p.role)
        ? 'Arg0'
        : ['patient', 'target'].includes(p.role)
          ? 'Arg1'
          : '';
      if (role) sysRoles.add(`${key}|${p.entity}|${role}`);
    }
    if (ev.time) sysTimes.add(`${key}|${ev.time}`);
  }
  return {
    triggers,
    roles: scoreSets(goldRoles, sysRoles),
    times: scoreSets(goldTimes, sysTimes),
    misses,
    spurious,
  };
}

const add = (a: Counts, b: Counts): Counts => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn });
const show = (label: string, p: Prf, c: Counts) =>
  `  ${label.padEnd(22)} P ${p.precision.toFixed(3)}  R ${p.recall.toFixed(3)}  F1 ${p.f1.toFixed(3)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;

function top(words: readonly string[], n: number): string {
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w.toLowerCase(), (counts.get(w.toLowerCase()) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([w, c]) => `${w} ${c}`)
    .join(', ');
}

/** Scores one split of MEANTIME and prints it; returns the trigger F1. */
export function evalMeantime(split: string, errors = 0): number {
  const zero: Counts = { tp: 0, fp: 0, fn: 0 };
  let triggers = zero;
  let roles = zero;
  let times = zero;
  const misses: string[] = [];
  const spurious: string[] = [];
  const files = listDocs(SPLITS[split] ?? SPLITS.all ?? []);
  for (const file of files) {
    const s = scoreDoc(readMeantime(file));
    triggers = add(triggers, s.triggers);
    roles = add(roles, s.roles);
    times = add(times, s.times);
    misses.push(...s.misses);
    spurious.push(...s.spurious);
  }
  console.log(`MEANTIME ${split} (${files.length} documents, first ${ANNOTATED_SENTENCES} sentences):`);
  const t = f1(triggers);
  console.log(show('event triggers', t, triggers));
  console.log(show('participant roles', f1(roles), roles));
  console.log(show('event-time links', f1(times), times));
  if (errors > 0) {
    console.log(`  most missed: ${top(misses, errors)}`);
    console.log(`  most spurious: ${top(spurious, errors)}`);
  }
  return t.f1;
}

export async function evalEvents(args: readonly string[]): Promise<number> {
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const errors = Number(flag('--errors') ?? 0);
  const split = flag('--split');
  for (const s of split ? [split] : ['dev', 'test']) evalMeantime(s, errors);
  return evalSeed(args.filter((a) => a === '--verbose'));
}
