import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
/**
 * PolNeAR's brat standoff for attributions, read and scored. An `.ann` file holds text-bound
 * annotations (`T3\tContent 115 290;300 310\ttext`, whose text may run over several lines) joined by
 * events (`E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1`, or `Attribution-no-source:...`, with
 * `Content2:` for a second content). Offsets are characters of the `.txt` file.
 */

export type Part = 'source' | 'cue' | 'content';
export const PARTS: readonly Part[] = ['source', 'cue', 'content'];

/** One segment `[start, end)` of a possibly discontinuous span. */
export type Segment = readonly [number, number];

/** One attribution: each part a list of segments (empty when the part is absent). */
export type Relation = Readonly<Record<Part, readonly Segment[]>>;

const ROLE_PART: Readonly<Record<string, Part>> = { Source: 'source', Cue: 'cue', Content: 'content' };

export function readBrat(ann: string): Relation[] {
  const bounds = new Map<string, Segment[]>();
  const events: string[] = [];
  for (const line of ann.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const id = line.slice(0, tab);
    if (/^T\d+$/.test(id)) {
      const spec = line.slice(tab + 1).split('\t')[0] ?? '';
      const space = spec.indexOf(' ');
      if (space < 0) continue;
      const segments: Segment[] = [];
      for (const part of spec.slice(space + 1).split(';')) {
        const [a, b] = part.trim().split(' ').map(Number);
        if (Number.isInteger(a) && Number.isInteger(b)) segments.push([a as number, b as number]);
      }
      bounds.set(id, segments);
    } else if (/^E\d+$/.test(id)) events.push(line.slice(tab + 1));
  }
  const relations: Relation[] = [];
  for (const event of events) {
    const relation: Record<Part, Segment[]> = { source: [], cue: [], content: [] };
    for (const arg of event.trim().split(/\s+/)) {
      const [role, ref] = arg.split(':');
      const part = ROLE_PART[/^[A-Za-z]+/.exec(role ?? '')?.[0] ?? ''];
      if (part && ref) relation[part].push(...(bounds.get(ref) ?? []));
    }
    for (const part of PARTS) relation[part].sort((x, y) => x[0] - y[0]);
    // An event whose text-bound parts were deleted in the annotation tool says nothing.
    if (relation.cue.length > 0 || relation.content.length > 0) relations.push(relation);
  }
  return relations;
}

export interface Counts {
  /** System items that match some gold item, and all system items. */
  correct: number;
  predicted: number;
  /** Gold items matched by some system item, and all gold items. */
  found: number;
  gold: number;
}

export const emptyCounts = (): Counts => ({ correct: 0, predicted: 0, found: 0, gold: 0 });

export function addCounts(into: Counts, more: Counts): void {
  into.correct += more.correct;
  into.predicted += more.predicted;
  into.found += more.found;
  into.gold += more.gold;
}

export function prf(c: Counts): { p: number; r: number; f: number } {
  const p = c.predicted ? c.correct / c.predicted : 0;
  const r = c.gold ? c.found / c.gold : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

const overlaps = (a: readonly Segment[], b: readonly Segment[]) =>
  a.some(([s, e]) => b.some(([s2, e2]) => s < e2 && s2 < e));

const segmentsKey = (segments: readonly Segment[]) => segments.map(([s, e]) => `${s}-${e}`).join(',');

/** Exact match of a part: the same segments; the absent part matches only an absent part. */
const sameExact = (a: readonly Segment[], b: readonly Segment[]) => segmentsKey(a) === segmentsKey(b);

/** Overlap match of a part: any character shared; an absent part matches only an absent part. */
const sameOverlap = (a: readonly Segment[], b: readonly Segment[]) =>
  a.length === 0 || b.length === 0 ? a.length === b.length : overlaps(a, b);

export interface DocumentScore {
  readonly spans: Readonly<Record<`${Part}-${'exact' | 'overlap'}`, Counts>>;
  readonly whole: Counts;
}

/**
 * Scores one document's relations against gold. Part spans are scored as sets of spans of that part
 * (absent parts left out): a system span is correct when some gold span of the part matches it, a gold
 * span found when some system span matches it. A whole attribution matches a gold one when its cue,
 * content and source each overlap (or are both absent).
 */
export function scoreDocument(gold: readonly Relation[], system: readonly Relation[]): DocumentScore {
  const spans = {} as Record<`${Part}-${'exact' | 'overlap'}`, Counts>;
  for (const part of PARTS) {
    const g = gold.map((r) => r[part]).filter((s) => s.length > 0);
    const s = system.map((r) => r[part]).filter((x) => x.length > 0);
    for (const mode of ['exact', 'overlap'] as const) {
      const same = mode === 'exact' ? sameExact : overlaps;
      spans[`${part}-${mode}`] = {
        correct: s.filter((x) => g.some((y) => same(x, y))).length,
        predicted: s.length,
        found: g.filter((y) => s.some((x) => same(x, y))).length,
        gold: g.length,
      };
    }
  }
  const sameRelation = (a: Relation, b: Relation) =>
    sameOverlap(a.cue, b.cue) && sameOverlap(a.content, b.content) && sameOverlap(a.source, b.source);
  const whole: Counts = {
    correct: system.filter((x) => gold.some((y) => sameRelation(x, y))).length,
    predicted: system.length,
    found: gold.filter((y) => system.some((x) => sameRelation(x, y))).length,
    gold: gold.length,
  };
  return { spans, whole };
}

export interface AnnotatedText {
  readonly name: string;
  readonly text: string;
  readonly relations: readonly Relation[];
}

/**
 * The articles of one PolNeAR split with their annotations. Articles annotated twice (`NAME_ab12.ann`
 * and `NAME_cd34.ann`) give one entry per annotation when `everyAnnotation`, else only the first.
 */
export function readSplit(dir: string, everyAnnotation: boolean): AnnotatedText[] {
  const texts = new Map<string, string>();
  const out: AnnotatedText[] = [];
  const seen = new Set<string>();
  for (const file of readdirSync(join(dir, 'attributions')).sort()) {
    if (!file.endsWith('.ann')) continue;
    const name = file.replace(/_[0-9a-f]{4}\.ann$/, '');
    if (!everyAnnotation && seen.has(name)) continue;
    seen.add(name);
    let text = texts.get(name);
    if (text === undefined) {
      text = readFileSync(join(dir, 'text', `${name}.txt`), 'utf8');
      texts.set(name, text);
    }
    out.push({ name, text, relations: readBrat(readFileSync(join(dir, 'attributions', file), 'utf8')) });
  }
  return out;
}
