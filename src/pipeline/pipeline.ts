import {
  ANALYSIS_SCHEMA,
  type Analysis,
  type AnalysisDocument,
  type Claim,
  type Entity,
  type Event,
  type Mention,
  type Quote,
  type Time,
} from '../document/analysis.js';
import type { SourceDocument } from '../document/document.js';
import { DatelineError } from '../document/errors.js';
import { type Message, message } from '../document/message.js';
import type { Span } from '../document/span.js';
import { TextLayer } from '../text/text-layer.js';
import type { Layers, Stage, StageContext } from './stage.js';

export interface PipelineOptions {
  /** Milliseconds one document may take; past it the remaining stages are skipped and the result is partial. */
  readonly timeBudgetMs?: number;
  /** Milliseconds from some fixed point; tests pass a clock they step themselves. */
  readonly clock?: () => number;
}

export const DEFAULT_TIME_BUDGET_MS = 10_000;

/**
 * Documents a caller with many should hand `analyzeBatch` at once: enough for the stages' tables to
 * stay warm, few enough that their texts and analyses held together stay small.
 */
export const PIPELINE_BATCH = 32;

/** A frozen list of stages run in order over each document. */
export class Pipeline {
  readonly stages: readonly Stage[];
  readonly timeBudgetMs: number;
  private readonly clock: () => number;

  constructor(stages: readonly Stage[], options: PipelineOptions = {}) {
    const budget = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
    if (!(budget > 0))
      throw new DatelineError('OPTION_INVALID', `timeBudgetMs must be positive, got ${budget}`);
    this.stages = Object.freeze([...stages]);
    this.timeBudgetMs = budget;
    this.clock = options.clock ?? (() => performance.now());
    Object.freeze(this);
  }

  analyze(document: SourceDocument): Analysis {
    return this.analyzeBatch([document])[0] as Analysis;
  }

  /**
   * Analyses of `documents`, in their order, each the same as `analyze` gives. Each stage runs over the
   * whole batch before the next starts, so its code and tables stay in the processor's caches rather
   * than being evicted by every other stage between two documents: a batch of a few dozen news articles
   * is analysed about a sixth faster. Each document keeps its own time budget, counted over its own
   * stages, and a stage failing on one document leaves the others untouched.
   */
  analyzeBatch(documents: readonly SourceDocument[]): Analysis[] {
    const runs = documents.map((document) => new DocumentRun(document, this.timeBudgetMs, this.clock));
    for (const stage of this.stages) for (const run of runs) run.step(stage);
    return runs.map((run) => run.finish());
  }
}

/*
 * V8 decides, once for each place in the code that makes an object or array literal (`{...}`, `[]`,
 * `new Array`), whether to allocate what it makes in the old space from birth: it does when most of what
 * the place made outlives a scavenge, as a document's containers do while its batch runs. A container
 * allocated old keeps everything a stage hangs on it through every scavenge until the next full collection,
 * long after its batch is done, and so the whole analysis is copied to the old space, whose size V8 then
 * multiplies: the containers a batch keeps are class instances, which V8 does not track so.
 */

/** The layers of one document; a stage replaces an array, so the empty ones made here never hold a thing. */
class DocumentLayers implements Layers {
  entities: readonly Entity[] = [];
  times: readonly Time[] = [];
  quotes: readonly Quote[] = [];
  claims: readonly Claim[] = [];
  events: readonly Event[] = [];
}

/** What a stage sees of the document it runs on. */
class DocumentContext implements StageContext {
  constructor(
    readonly document: SourceDocument,
    readonly text: TextLayer,
    readonly layers: Layers,
    private readonly run: DocumentRun,
  ) {}

  report(m: Message): void {
    this.run.messages.push(m);
  }

  overBudget(): boolean {
    return this.run.overBudget();
  }
}

/** One document on its way through the stages, with the time it has spent so far. */
class DocumentRun {
  readonly messages: Message[];
  private readonly text: TextLayer;
  private readonly layers = new DocumentLayers();
  private readonly context: StageContext;
  /** Milliseconds spent on this document before the stage now running. */
  private spentBefore: number;
  private stageStarted = 0;
  /** Set once the budget is spent; the document's remaining stages are then skipped. */
  private spent = false;
  private partial = false;

  constructor(
    private readonly document: SourceDocument,
    private readonly budget: number,
    private readonly clock: () => number,
  ) {
    const started = clock();
    this.messages = [...document.messages];
    this.text = new TextLayer(document.text, { bodyStart: document.dateline?.end ?? 0 });
    this.context = new DocumentContext(document, this.text, this.layers, this);
    this.spentBefore = clock() - started;
  }

  overBudget(): boolean {
    this.spent ||= this.spentBefore + (this.clock() - this.stageStarted) > this.budget;
    return this.spent;
  }

  step(stage: Stage): void {
    if (this.spent) return;
    this.stageStarted = this.clock();
    if (this.overBudget()) {
      this.overrun(`stopped before ${stage.name}`);
      return;
    }
    try {
      stage.run(this.context);
    } catch (err) {
      this.partial = true;
      const detail = err instanceof Error ? err.message : String(err);
      this.messages.push(message('pipeline/stage-failed', 'error', `${stage.name} failed: ${detail}`));
    }
    // The stage saw the budget spent, so it stopped early.
    if (this.spent) {
      this.overrun(`${stage.name} stopped early and the stages after it did not run`);
      return;
    }
    this.spentBefore += this.clock() - this.stageStarted;
  }

  private overrun(what: string): void {
    this.partial = true;
    this.messages.push(
      message('pipeline/time-budget', 'warning', `${what}: over the budget of ${this.budget} ms`),
    );
  }

  finish(): Analysis {
    return toAnalysis(this.document, this.text, this.layers, this.messages, this.partial);
  }
}

function documentPart(doc: SourceDocument): AnalysisDocument {
  const { meta, origin } = doc;
  return {
    id: doc.id,
    ...(meta.source ? { source: meta.source } : {}),
    ...(meta.published ? { published: meta.published } : {}),
    ...(meta.title ? { title: meta.title } : {}),
    ...(meta.url ? { url: meta.url } : {}),
    ...(meta.language ? { language: meta.language } : {}),
    text: doc.text,
    bodyOffset: doc.bodyOffset,
    ...(doc.dateline ? { dateline: doc.dateline } : {}),
    ...(origin.file ? { file: origin.file } : {}),
    ...(origin.index !== undefined ? { record: origin.index } : {}),
  };
}

// Compared in place: slicing every span's text out of the document to compare it would copy most of it.
// Each property is read once: the spans of every layer, of many shapes, pass here, so a read is a slow
// one that does not know the shape and that the compiler does not merge with another.
const validSpan = (source: string, s: Span) => {
  const { start, end, text } = s;
  return (
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    start >= 0 &&
    end <= source.length &&
    start <= end &&
    typeof text === 'string' &&
    text.length === end - start &&
    source.startsWith(text, start)
  );
};

/**
 * The invariant every consumer relies on: each span's text is the document's text at its offsets.
 * An item that breaks it is a bug in a stage; it is dropped and reported rather than passed on.
 */
function keepValid<T>(
  items: readonly T[],
  invalid: (item: T) => Span | undefined,
  layer: string,
  messages: Message[],
): T[] {
  let k = 0;
  while (k < items.length && !invalid(items[k] as T)) k++;
  // All valid, as they should be: the layer itself, which no stage writes to after the last one.
  if (k === items.length) return items as T[];
  const kept = items.slice(0, k);
  for (; k < items.length; k++) {
    const item = items[k] as T;
    const bad = invalid(item);
    if (bad)
      messages.push(
        message(
          'pipeline/invalid-span',
          'error',
          `dropped a ${layer} item with an invalid span [${bad.start}, ${bad.end})`,
        ),
      );
    else kept.push(item);
  }
  return kept;
}

/** The first of `mentions` that breaks the invariant. */
function invalidMention(source: string, mentions: readonly Mention[]): Mention | undefined {
  for (let k = 0; k < mentions.length; k++)
    if (!validSpan(source, mentions[k] as Mention)) return mentions[k] as Mention;
  return undefined;
}

/** `span` when it breaks the invariant. */
const invalidSpan = (source: string, span: Span | undefined): Span | undefined =>
  span && !validSpan(source, span) ? span : undefined;

function toAnalysis(
  doc: SourceDocument,
  text: TextLayer,
  layers: Layers,
  messages: Message[],
  partial: boolean,
): Analysis {
  const source = doc.text;
  const analysis: Analysis = {
    schema: ANALYSIS_SCHEMA,
    document: documentPart(doc),
    sentences: text.sentences.map((s) => ({
      start: s.start,
      end: s.end,
      text: source.slice(s.start, s.end),
      paragraph: s.paragraph,
    })),
    entities: keepValid(layers.entities, (e) => invalidMention(source, e.mentions), 'entity', messages),
    times: keepValid(layers.times, (t) => invalidSpan(source, t), 'time', messages),
    quotes: keepValid(
      layers.quotes,
      (q) => invalidSpan(source, q) ?? invalidSpan(source, q.cue),
      'quote',
      messages,
    ),
    claims: keepValid(layers.claims, (c) => invalidSpan(source, c), 'claim', messages),
    events: keepValid(layers.events, (e) => invalidSpan(source, e.trigger), 'event', messages),
    messages,
    ...(partial ? { partial: true } : {}),
  };
  return analysis;
}
