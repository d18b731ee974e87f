import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { conllTags } from '../src/cli/formats/conll-format.js';
import type { Analysis } from '../src/document/analysis.js';
import { createDocument, type SourceDocument } from '../src/document/document.js';
import { ENTITY_STAGES } from '../src/entities/entity-stages.js';
import { defaultGazetteer } from '../src/entities/gazetteer.js';
import { defaultModel, useModelFile } from '../src/entities/model.js';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { conllLines, conllReader } from '../src/read/conll-reader.js';
import { isFailure } from '../src/read/reader.js';
import { gumFiles, meantimeFiles, readGumDoc, readMeantimeDoc, type TokenDoc } from '../train/corpora.js';
import { devFold } from '../train/train-entities.js';
import { formatScores, iobSpans, type Score, scoreSpans, type TypedSpan } from './conll-score.js';
import { shared } from './paths.js';

const CONLL_TYPES = ['PER', 'ORG', 'LOC'];
// CoNLL's sports pages (results tables, clubs as ORG, national teams as LOC) are scored apart too.
const SPORTS =
  /^(SOCCER|CRICKET|TENNIS|GOLF|BASEBALL|BASKETBALL|RUGBY|ATHLETICS|CYCLING|MOTOR|BOXING|HOCKEY|ICE HOCKEY|NFL|NBA|NHL|HORSE|SKIING|ALPINE|SWIMMING|FORMULA|ROWING|SQUASH|BADMINTON|VOLLEYBALL|SNOOKER|YACHTING|SAILING|JUDO|WRESTLING|OLYMPICS|TRIATHLON|CHESS|DARTS|MOTORCYCLING|MOTORSPORT|RALLYING|FIGURE|AMERICAN FOOTBALL|AUSTRALIAN RULES|NORDIC|SPEED|HANDBALL|TABLE TENNIS|GYMNASTICS|FENCING|CANOEING|BOBSLEIGH|LUGE|POLO|SUMO|GAELIC|HURLING)\b/;

interface Corpus {
  name: string;
  scores: Map<string, Score>;
  tokens: number;
}

const pipeline = new Pipeline(ENTITY_STAGES);
const bare = new Pipeline([]);

/** Milliseconds of CPU this process has used: on a shared machine, steadier than the wall clock. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Every document analysed, kept for the speed measurement at the end. */
const analysed: SourceDocument[] = [];

function analyzeKept(doc: SourceDocument): Analysis {
  analysed.push(doc);
  return pipeline.analyze(doc);
}

/**
 * Tokens per second of CPU time spent in the entity stages, in steady state: the best of three passes
 * over the documents, less the same passes with no stage (the text layer alone).
 */
function stageSpeed(docs: readonly SourceDocument[], tokens: number): number {
  const best = (p: Pipeline) => {
    let min = Number.POSITIVE_INFINITY;
    for (let pass = 0; pass < 3; pass++) {
      const t = cpuMs();
      for (const d of docs) p.analyze(d);
      min = Math.min(min, cpuMs() - t);
    }
    return min;
  };
  const withStages = best(pipeline);
  return tokens / ((withStages - best(bare)) / 1000);
}

function evalConll(path: string): Corpus[] {
  const all: Corpus = { name: 'all', scores: new Map(), tokens: 0 };
  const news: Corpus = { name: 'non-sports', scores: new Map(), tokens: 0 };
  const sports: Corpus = { name: 'sports', scores: new Map(), tokens: 0 };
  const items = [...conllReader.read({ name: path, text: readFileSync(path, 'utf8') })];
  for (const item of items) {
    if (isFailure(item)) continue;
    const doc = item.document;
    const gold: string[] = [];
    for (const line of conllLines(doc.id) ?? []) {
      if (line.trim() === '' || line.startsWith('-DOCSTART-')) continue;
      gold.push(line.trim().split(/\s+/).pop() as string);
    }
    const predicted = conllTags(analyzeKept(doc));
    const g = iobSpans(gold);
    const p = iobSpans(predicted);
    const n = gold.length;
    const part = SPORTS.test(doc.text) ? sports : news;
    for (const c of [all, part]) {
      scoreSpans(g, p, c.scores);
      c.tokens += n;
    }
  }
  return [all, news, sports];
}

/**
 * A token document (MEANTIME, GUM) as CoNLL-style text, scored over PER, ORG and LOC. `judged`, for
 * partially annotated sets (MEANTIME marks only the entities its events involve), ignores predicted
 * names that overlap no gold name: nobody judged them. Recall is over every gold name either way.
 */
function scoreTokenDoc(doc: TokenDoc, corpus: Corpus, judged?: Corpus): void {
  const sentences: string[] = [];
  let current: string[] = [];
  doc.words.forEach((w, i) => {
    if (i > 0 && doc.sentence[i] !== doc.sentence[i - 1]) {
      sentences.push(current.join(' '));
      current = [];
    }
    current.push(w.replace(/\s+/g, '_'));
  });
  sentences.push(current.join(' '));
  const text = sentences.join('\n');
  const analysis = analyzeKept(createDocument({ text, bodyOffset: 0, origin: { format: 'conll' } }));
  const predicted = iobSpans(conllTags(analysis));
  const goldType = (type: string) =>
    type === 'PERSON'
      ? 'PER'
      : type === 'ORG'
        ? 'ORG'
        : type === 'GPE' || type === 'LOC' || type === 'FAC'
          ? 'LOC'
          : 'MISC';
  const gold: TypedSpan[] = doc.spans.map((s) => ({
    start: s.start,
    end: s.end,
    type: goldType(s.type ?? 'OTHER'),
  }));
  const goldNames = gold.filter((s) => s.type !== 'MISC');
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
    a.start < b.end && b.start < a.end;
  // A name the corpus marks but does not type can be neither found nor missed.
  const found = predicted.filter(
    (p) =>
      p.type !== 'MISC' &&
      (goldNames.some((g) => overlaps(g, p)) || !doc.untyped.some((u) => overlaps(u, p))),
  );
  scoreSpans(goldNames, found, corpus.scores);
  corpus.tokens += doc.words.length;
  if (judged) {
    scoreSpans(
      goldNames,
      found.filter((p) => goldNames.some((g) => overlaps(g, p))),
      judged.scores,
    );
    judged.tokens += doc.words.length;
  }
}

/**
 * The GUM news training files of one fold, for a model trained with `--dev-fold K/N`: the figure to tune
 * on, so that the held-out news is measured, not fitted.
 */
function evalGumDev(fold: [number, number]): number {
  const gum: Corpus = { name: 'GUM dev', scores: new Map(), tokens: 0 };
  const files = gumFiles(shared('datasets', 'gum_wikinews'), fold).dev;
  for (const f of files) scoreTokenDoc(readGumDoc(f, defaultGazetteer()), gum);
  console.log(
    formatScores(
      `GUM news dev fold ${fold.join('/')} (${files.map((f) => basename(f, '.conllu').slice(9)).join(', ')}):`,
      gum.scores,
      CONLL_TYPES,
    ),
  );
  return 0;
}

/**
 * `npm run eval -- entities [--model FILE] [--data FILE | --gum-dev K/N]`: span P/R/F1 per type on
 * CoNLL-2003 valid (all documents, non-sports, sports) and on the held-out MEANTIME and GUM news
 * documents; entity stage speed. `--model` measures a candidate model in place of the committed one.
 */
export async function evalEntities(args: readonly string[]): Promise<number> {
  const modelIndex = args.indexOf('--model');
  if (modelIndex >= 0) useModelFile(args[modelIndex + 1] as string);
  const devIndex = args.indexOf('--gum-dev');
  if (devIndex >= 0) return evalGumDev(devFold(args[devIndex + 1]));
  const dataIndex = args.indexOf('--data');
  const conllPath =
    dataIndex >= 0 ? (args[dataIndex + 1] as string) : shared('datasets', 'conll2003', 'valid.txt');
  const loadStart = performance.now();
  const loadCpu = cpuMs();
  defaultModel();
  defaultGazetteer();
  console.log(
    `entities: model and gazetteer loaded in ${(performance.now() - loadStart).toFixed(0)} ms (${(cpuMs() - loadCpu).toFixed(0)} ms CPU)`,
  );
  const conll = evalConll(conllPath);
  for (const c of conll)
    console.log(
      formatScores(
        `CoNLL-2003 ${conllPath.split('/').pop()} (${c.name}, ${c.tokens} tokens):`,
        c.scores,
        CONLL_TYPES,
      ),
    );
  if (dataIndex < 0) {
    const gazetteer = defaultGazetteer();
    const meantime: Corpus = { name: 'MEANTIME', scores: new Map(), tokens: 0 };
    const held = meantimeFiles(shared('datasets', 'meantime_en')).heldOut;
    const judged: Corpus = { name: 'MEANTIME judged', scores: new Map(), tokens: 0 };
    for (const f of held) scoreTokenDoc(readMeantimeDoc(f, gazetteer), meantime, judged);
    console.log(
      formatScores(
        `MEANTIME held-out (${held.length} documents, every third per topic), strict:`,
        meantime.scores,
        CONLL_TYPES,
      ),
    );
    console.log(
      formatScores(
        'MEANTIME held-out, judged: MEANTIME marks only the entities its events involve, so a predicted name\n' +
          '  is judged only where it overlaps a gold name (wrong bounds or type: an error; elsewhere: unknown):',
        judged.scores,
        CONLL_TYPES,
      ),
    );
    const gum: Corpus = { name: 'GUM', scores: new Map(), tokens: 0 };
    const news = gumFiles(shared('datasets', 'gum_wikinews')).heldOut;
    for (const f of news) scoreTokenDoc(readGumDoc(f, gazetteer), gum);
    console.log(
      formatScores(
        `GUM news held-out (${news.length} documents, every third by name: ${news.map((f) => basename(f, '.conllu').slice(9)).join(', ')}):`,
        gum.scores,
        CONLL_TYPES,
      ),
    );
    const tokens = (conll[0]?.tokens ?? 0) + meantime.tokens + gum.tokens;
    console.log(
      `entity stages: ${Math.round(stageSpeed(analysed, tokens))} tokens/s of CPU time, best of 3 passes (${tokens} tokens, one thread)`,
    );
  }
  return 0;
}
