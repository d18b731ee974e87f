import { availableParallelism } from 'node:os';
import type { Analysis } from '../src/document/analysis.js';
import type { SourceDocument } from '../src/document/document.js';
import { createPipeline, DEFAULT_STAGES } from '../src/pipeline/default-pipeline.js';
import { PIPELINE_BATCH } from '../src/pipeline/pipeline.js';
import type { Layers, Stage, StageContext } from '../src/pipeline/stage.js';
import { createWorkerPool, POOL_BATCH } from '../src/pipeline/worker-pool.js';
import { readText } from '../src/read/read-input.js';
import { TextLayer } from '../src/text/text-layer.js';
import { type Article, WORD } from './corpus.js';

/** One pass over the first `count` documents: timed milliseconds and how many items came out. */
export interface Pass {
  readonly ms: number;
  readonly items: number;
  /** Documents on which the contender threw; their time is still counted. */
  readonly errors: number;
}

export interface Contender {
  /** What it does, for the table: the job each tool is measured on. */
  readonly job: string;
  pass(count: number): Promise<Pass>;
  close(): Promise<void>;
}

type Factory = (articles: readonly Article[]) => Promise<Contender>;

export const STAGE_PREFIX = 'stage:';

/** Every contender by name, in report order; stages are whatever DEFAULT_STAGES holds when this runs. */
export function contenderNames(): string[] {
  return [
    'regex-words',
    'text-layer',
    ...DEFAULT_STAGES.map((s) => STAGE_PREFIX + s.name),
    'dateline',
    'dateline-threads',
    'chrono-node',
    'wink-nlp',
    'compromise',
  ];
}

/** A contender whose work on one document is all timed: `run` returns the number of items found. */
function simple(job: string, run: (i: number) => number): Contender {
  return {
    job,
    async pass(count) {
      let items = 0;
      let errors = 0;
      const started = performance.now();
      for (let i = 0; i < count; i++) {
        try {
          items += run(i);
        } catch {
          errors++;
        }
      }
      return { ms: performance.now() - started, items, errors };
    },
    close: async () => {},
  };
}

/** Dateline's own reading of an article, done before timing: what the CLI hands the pipeline. */
function toDocument(article: Article): SourceDocument {
  const options = { format: 'text' as const, ...(article.published ? { published: article.published } : {}) };
  for (const item of readText(article.id, article.text, options)) {
    if ('document' in item) return item.document;
  }
  throw new Error(`bench: ${article.id} does not read as a document`);
}

const bodyStartOf = (doc: SourceDocument) => ({ bodyStart: doc.dateline?.end ?? 0 });

/** The context the pipeline gives its stages, built the same way. */
function contextOf(document: SourceDocument): StageContext {
  const layers: Layers = { entities: [], times: [], quotes: [], claims: [], events: [] };
  return { document, text: new TextLayer(document.text, bodyStartOf(document)), layers, report: () => {} };
}

/** Documents whose prerequisites are prepared together before a stage is timed over them in a row. */
const STAGE_BATCH = 32;

/**
 * Stage `k` alone: for a batch of documents their prerequisites (the text layer, stages 0..k-1) run
 * untimed, then stage `k` is timed over the batch, document after document, as a peer is timed over the
 * corpus. Interleaving untimed prerequisites between timed documents would charge the stage for the
 * caches they evict.
 */
function stageAlone(stages: readonly Stage[], k: number, docs: readonly SourceDocument[]): Contender {
  const stage = stages[k] as Stage;
  return {
    job: `${stage.role} ${stage.writes.join('+') || '-'}`,
    async pass(count) {
      let ms = 0;
      let items = 0;
      let errors = 0;
      for (let from = 0; from < count; from += STAGE_BATCH) {
        const contexts: StageContext[] = [];
        for (let i = from; i < Math.min(count, from + STAGE_BATCH); i++) {
          const context = contextOf(docs[i] as SourceDocument);
          for (let j = 0; j < k; j++) {
            try {
              stages[j]?.run(context);
            } catch {
              // a failing prerequisite is measured in its own row; this stage runs on what is left
            }
          }
          contexts.push(context);
        }
        const started = performance.now();
        for (const context of contexts) {
          try {
            stage.run(context);
          } catch {
            errors++;
          }
        }
        ms += performance.now() - started;
        for (const context of contexts)
          for (const layer of stage.writes) items += context.layers[layer].length;
      }
      return { ms, items, errors };
    },
    close: async () => {},
  };
}

const analysisItems = (a: Analysis) =>
  a.sentences.length +
  a.entities.length +
  a.times.length +
  a.quotes.length +
  a.claims.length +
  a.events.length;

/**
 * The whole pipeline on worker threads, one per core. Documents are fed as a stream would feed them, as
 * the CLI does: two batches' worth per thread in flight, each new one given as an earlier one comes back.
 */
async function threaded(docs: readonly SourceDocument[]): Promise<Contender> {
  const threads = availableParallelism();
  const inFlight = threads * 2 * POOL_BATCH;
  const pool = createWorkerPool({ threads });
  return {
    job: `all layers, ${threads} worker threads`,
    async pass(count) {
      let items = 0;
      let errors = 0;
      let next = 0;
      const feed = async () => {
        while (next < count) {
          const doc = docs[next++] as SourceDocument;
          try {
            // awaited first: `items += f(await ...)` would read `items` before the wait and lose updates
            const analysis = await pool.analyze(doc);
            items += analysisItems(analysis);
          } catch {
            errors++;
          }
        }
      };
      const started = performance.now();
      await Promise.all(Array.from({ length: inFlight }, feed));
      return { ms: performance.now() - started, items, errors };
    },
    close: () => pool.close(),
  };
}

const FACTORIES: Record<string, Factory> = {
  'regex-words': async (articles) =>
    simple('regex word split (floor)', (i) => (articles[i] as Article).text.match(WORD)?.length ?? 0),
  'text-layer': async (articles) => {
    const docs = articles.map(toDocument);
    return simple('tokens, sentences, paragraphs', (i) => {
      const doc = docs[i] as SourceDocument;
      return new TextLayer(doc.text, bodyStartOf(doc)).sentences.length;
    });
  },
  dateline: async (articles) => {
    const docs = articles.map(toDocument);
    const pipeline = createPipeline();
    // As `analyzeAll` and the CLI run it: a batch of documents at a time.
    return {
      job: `all layers, 1 core, batches of ${PIPELINE_BATCH}`,
      async pass(count) {
        let items = 0;
        const started = performance.now();
        for (let from = 0; from < count; from += PIPELINE_BATCH)
          for (const analysis of pipeline.analyzeBatch(
            docs.slice(from, Math.min(count, from + PIPELINE_BATCH)),
          ))
            items += analysisItems(analysis);
        return { ms: performance.now() - started, items, errors: 0 };
      },
      close: async () => {},
    };
  },
  'dateline-threads': async (articles) => threaded(articles.map(toDocument)),
  'chrono-node': async (articles) => {
    const chrono = await import('chrono-node');
    const refs = articles.map((a) => (a.published ? new Date(`${a.published}T12:00:00Z`) : new Date()));
    return simple('dates (parse)', (i) => chrono.parse((articles[i] as Article).text, refs[i]).length);
  },
  'wink-nlp': async (articles) => {
    const { default: winkNLP } = await import('wink-nlp');
    const { default: model } = await import('wink-eng-lite-web-model');
    const nlp = winkNLP(model);
    const its = nlp.its;
    return simple('sentences + entities', (i) => {
      const doc = nlp.readDoc((articles[i] as Article).text);
      return doc.sentences().out().length + doc.entities().out(its.detail).length;
    });
  },
  compromise: async (articles) => {
    const { default: nlp } = await import('compromise');
    const { default: dates } = await import('compromise-dates');
    nlp.plugin(dates);
    return simple('people, places, orgs, dates', (i) => {
      const article = articles[i] as Article;
      const doc = nlp(article.text);
      const options = article.published ? { today: article.published } : {};
      return (
        doc.people().out('array').length +
        doc.places().out('array').length +
        doc.organizations().out('array').length +
        (doc as unknown as { dates(o: object): { get(): unknown[] } }).dates(options).get().length
      );
    });
  },
};

/** Builds a contender over `articles`; everything it needs before timing (models, documents) is done here. */
export async function createContender(name: string, articles: readonly Article[]): Promise<Contender> {
  if (name.startsWith(STAGE_PREFIX)) {
    const stageName = name.slice(STAGE_PREFIX.length);
    const k = DEFAULT_STAGES.findIndex((s) => s.name === stageName);
    if (k < 0) throw new Error(`bench: no stage "${stageName}" in DEFAULT_STAGES`);
    return stageAlone(DEFAULT_STAGES, k, articles.map(toDocument));
  }
  const factory = FACTORIES[name];
  if (!factory) throw new Error(`bench: unknown contender "${name}"; known: ${contenderNames().join(', ')}`);
  return factory(articles);
}
