/**
 * `npm run eval -- time [--data DIR] [--errors N] [--verbose]`: the time tagger over TempEval-3's
 * TimeBank and AQUAINT and MEANTIME's TIMEX3, scored as TempEval-3's scorer does (see
 * tempeval-score.ts). Reads the data in place from `../shared/datasets`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dctToPublished, parseTimeml, readAttributes } from '../src/read/timeml-reader.js';
import { tagTimes } from '../src/time/tag-times.js';
import { shared } from './paths.js';
import {
  addCounts,
  type Counts,
  emptyCounts,
  measures,
  type ScoredTimex,
  scoreDocument,
} from './tempeval-score.js';

interface EvalDoc {
  readonly name: string;
  readonly text: string;
  readonly reference?: string;
  readonly sentences?: readonly { start: number; end: number }[];
  readonly gold: readonly (ScoredTimex & { text: string })[];
  /** Spans to leave out of scoring on both sides (MEANTIME's DCT is a line of its text). */
  readonly ignore?: readonly { start: number; end: number }[];
}

function listFiles(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path, ext));
    else if (ext.test(name)) out.push(path);
  }
  return out;
}

export function loadTimeml(dir: string): EvalDoc[] {
  return listFiles(dir, /\.(tml|TE3input)$/i).flatMap((file) => {
    const doc = parseTimeml(readFileSync(file, 'utf8'));
    if (!doc) return [];
    const reference = dctToPublished(doc.dct);
    return [
      {
        name: file,
        text: doc.text,
        ...(reference ? { reference } : {}),
        gold: doc.timexes.filter((t) => t.tid !== 't0' && t.end > t.start),
      },
    ];
  });
}

const ANNOTATED_SENTENCES = 6;

/** MEANTIME CAT XML: tokens joined by spaces, sentences by new lines; TIMEX3s over token ids. */
export function loadMeantime(dir: string): EvalDoc[] {
  return listFiles(dir, /\.xml$/i).map((file) => {
    const raw = readFileSync(file, 'utf8');
    const offsets = new Map<string, { start: number; end: number }>();
    const sentences: { start: number; end: number }[] = [];
    let text = '';
    let sentence = '';
    const tokenRe = /<token\b([^>]*)>([^<]*)<\/token>/g;
    for (let m = tokenRe.exec(raw); m; m = tokenRe.exec(raw)) {
      const a = readAttributes(m[1] as string);
      const word = decode(m[2] as string);
      if (text.length > 0) {
        if (a.sentence !== sentence) {
          const last = sentences[sentences.length - 1];
          if (last) last.end = text.length;
          text += '\n';
        } else text += ' ';
      }
      if (a.sentence !== sentence || sentences.length === 0)
        sentences.push({ start: text.length, end: text.length });
      sentence = a.sentence ?? '';
      offsets.set(a.t_id ?? '', { start: text.length, end: text.length + word.length });
      text += word;
    }
    const lastSentence = sentences[sentences.length - 1];
    if (lastSentence) lastSentence.end = text.length;
    const gold: (ScoredTimex & { text: string })[] = [];
    const ignore: { start: number; end: number }[] = [];
    let reference: string | undefined;
    const timexRe = /<TIMEX3\b([^>]*)>([\s\S]*?)<\/TIMEX3>/g;
    for (let m = timexRe.exec(raw); m; m = timexRe.exec(raw)) {
      const a = readAttributes(m[1] as string);
      const ids = [...(m[2] as string).matchAll(/t_id="([^"]*)"/g)]
        .map((x) => offsets.get(x[1] as string))
        .filter((x) => x !== undefined);
      if (a.functionInDocument === 'CREATION_TIME') {
        // some files write the DCT day first: 03-02-2009
        const dmy = /^(\d{2})-(\d{2})-(\d{4})$/.exec(a.value ?? '');
        reference = dmy ? `${dmy[3]}-${dmy[2]}-${dmy[1]}` : dctToPublished(a.value);
        for (const s of ids) ignore.push(s);
        continue;
      }
      if (ids.length === 0) continue;
      const start = Math.min(...ids.map((x) => x.start));
      const end = Math.max(...ids.map((x) => x.end));
      gold.push({ start, end, text: text.slice(start, end), type: a.type ?? '', value: a.value ?? '' });
    }
    gold.sort((x, y) => x.start - y.start);
    // no DCT element: the article's date line (its second sentence) gives it
    if (!reference) {
      const line = sentences[1];
      const dated = line
        ? tagTimes(text.slice(line.start, line.end)).find((t) => /^\d{4}-\d{2}-\d{2}$/.test(t.value))
        : undefined;
      if (dated && line) {
        reference = dated.value;
        ignore.push({ start: line.start + dated.start, end: line.start + dated.end });
      }
    }
    // MEANTIME annotates the title, the DCT line and the first sentences of the body (sentences 0-5) only
    const annotatedEnd = sentences[ANNOTATED_SENTENCES - 1]?.end;
    if (annotatedEnd !== undefined && annotatedEnd < text.length)
      ignore.push({ start: annotatedEnd, end: text.length });
    return { name: file, text, ...(reference ? { reference } : {}), sentences, gold, ignore };
  });
}

function decode(s: string): string {
  return s.replace(
    /&(amp|lt|gt|quot|apos);/g,
    (_, n: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[n] ?? '',
  );
}

interface CorpusResult {
  readonly name: string;
  readonly counts: Counts;
  readonly docs: number;
  readonly ms: number;
}

interface ErrorRow {
  readonly key: string;
  count: number;
}

function runCorpus(
  name: string,
  docs: readonly EvalDoc[],
  errors: Map<string, ErrorRow>,
  log: string[] | undefined,
): CorpusResult {
  const counts = emptyCounts();
  let ms = 0;
  for (const doc of docs) {
    const t0 = performance.now();
    const times = tagTimes(doc.text, {
      ...(doc.reference ? { reference: doc.reference } : {}),
      ...(doc.sentences ? { sentences: doc.sentences } : {}),
    });
    ms += performance.now() - t0;
    const outside = (s: { start: number; end: number }) =>
      !(doc.ignore ?? []).some((x) => s.start < x.end && x.start < s.end);
    const system = times.filter(outside);
    const score = scoreDocument(doc.gold.filter(outside), system);
    addCounts(counts, score.counts);
    for (const p of score.pairs) {
      if (p.gold.value !== p.system.value) {
        const key = `${p.gold.text.toLowerCase()} -> ${p.gold.value} / ours ${p.system.value}`;
        const row = errors.get(key) ?? { key, count: 0 };
        row.count++;
        errors.set(key, row);
      }
      if (
        log &&
        (p.gold.value !== p.system.value || p.gold.start !== p.system.start || p.gold.end !== p.system.end)
      ) {
        log.push(
          `${name}\t${doc.reference}\tPAIR\t${p.gold.text}\t${p.gold.type}\t${p.gold.value}\t${p.system.text}\t${p.system.type}\t${p.system.value}\t${context(doc.text, p.gold)}`,
        );
      }
    }
    if (log) {
      for (const g of score.missed)
        log.push(
          `${name}\t${doc.reference}\tMISS\t${g.text}\t${g.type}\t${g.value}\t\t\t\t${context(doc.text, g)}`,
        );
      for (const s of score.spurious)
        log.push(
          `${name}\t${doc.reference}\tSPUR\t\t\t\t${s.text}\t${s.type}\t${s.value}\t${context(doc.text, s)}`,
        );
    }
  }
  return { name, counts, docs: docs.length, ms };
}

function context(text: string, s: { start: number; end: number }): string {
  return `${text.slice(Math.max(0, s.start - 50), s.start)}[[${text.slice(s.start, s.end)}]]${text.slice(s.end, s.end + 30)}`.replace(
    /\s+/g,
    ' ',
  );
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);

function printRow(r: CorpusResult): void {
  const m = measures(r.counts);
  const speed = r.ms > 0 ? Math.round((r.docs * 1000) / r.ms) : 0;
  console.log(
    `${r.name.padEnd(18)} ${String(r.docs).padStart(4)} ${String(r.counts.gold).padStart(5)} ${String(r.counts.system).padStart(5)}  ` +
      `${pct(m.strict.p)} ${pct(m.strict.r)} ${pct(m.strict.f1)}  ${pct(m.relaxed.p)} ${pct(m.relaxed.r)} ${pct(m.relaxed.f1)}  ` +
      `${pct(m.valueF1)} ${pct(m.typeF1)}  ${pct(m.valueAccuracy)}  ${String(speed).padStart(6)}`,
  );
}

export async function evalTime(args: readonly string[]): Promise<number> {
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const datasets = shared('datasets');
  const data = flag('--data');
  const errorsShown = Number(flag('--errors') ?? 10);
  const log: string[] | undefined = args.includes('--verbose') ? [] : undefined;
  const corpora: { name: string; docs: EvalDoc[]; combine: boolean }[] = [];
  if (data) {
    corpora.push({
      name: data.split('/').filter(Boolean).pop() ?? data,
      docs: loadTimeml(data),
      combine: true,
    });
  } else {
    corpora.push({
      name: 'TimeBank',
      docs: loadTimeml(join(datasets, 'tempeval3', 'TimeBank')),
      combine: true,
    });
    corpora.push({
      name: 'AQUAINT',
      docs: loadTimeml(join(datasets, 'tempeval3', 'AQUAINT')),
      combine: true,
    });
    corpora.push({
      name: 'MEANTIME',
      docs: loadMeantime(join(datasets, 'meantime_en', 'intra-doc_annotation')),
      combine: false,
    });
  }
  console.log(
    'TempEval-3 TIMEX3 measures (strict/relaxed extraction P R F1; value and type F1 = relaxed F1 x accuracy)',
  );
  console.log(
    `${'corpus'.padEnd(18)} docs  gold   sys  strictP  R     F1     relaxP  R     F1     valF1 typeF1  valAcc  docs/s`,
  );
  const errors = new Map<string, ErrorRow>();
  const combined: CorpusResult = { name: 'TimeBank+AQUAINT', counts: emptyCounts(), docs: 0, ms: 0 };
  let combinedCount = 0;
  for (const c of corpora) {
    const r = runCorpus(c.name, c.docs, c.combine ? errors : new Map(), log);
    printRow(r);
    if (c.combine) {
      addCounts(combined.counts, r.counts);
      (combined as { docs: number }).docs += r.docs;
      (combined as { ms: number }).ms += r.ms;
      combinedCount++;
    }
  }
  if (combinedCount > 1) printRow(combined);
  const top = [...errors.values()]
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, errorsShown);
  console.log(
    `\nMost frequent value errors (gold text -> gold value / ours), ${data ? 'all data' : 'TimeBank+AQUAINT'}:`,
  );
  for (const e of top) console.log(`${String(e.count).padStart(4)}  ${e.key}`);
  if (log) console.error(log.join('\n'));
  return 0;
}
