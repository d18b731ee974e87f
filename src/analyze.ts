import type { Analysis } from './document/analysis.js';
import { createDocument, type InputFormat } from './document/document.js';
import type { Message } from './document/message.js';
import { createPipeline } from './pipeline/default-pipeline.js';
import { PIPELINE_BATCH, type Pipeline, type PipelineOptions } from './pipeline/pipeline.js';
import { readText } from './read/read-input.js';
import type { ReadItem } from './read/reader.js';

export interface AnalyzeOptions extends PipelineOptions {
  /** How to read the text; plain text (with optional header lines, dateline and credit) by default. */
  readonly format?: InputFormat;
  /** Publication date when the text states none (ISO 8601). */
  readonly published?: string;
  /** The input's file name, if it has one: used for format detection and recorded as `document.file`. */
  readonly name?: string;
  /** A pipeline built once and reused across calls. */
  readonly pipeline?: Pipeline;
}

export type AnalysisResult =
  | { readonly analysis: Analysis }
  | { readonly failure: Message; readonly index?: number };

/** Every document in `input` (a JSONL text or a feed may hold many), analysed in order. */
export function* analyzeAll(input: string, options: AnalyzeOptions = {}): Iterable<AnalysisResult> {
  const pipeline = options.pipeline ?? createPipeline(options);
  const readOptions = {
    ...(options.format ? { format: options.format } : {}),
    ...(options.published ? { published: options.published } : {}),
  };
  // Read ahead a batch at a time: the pipeline analyses a batch faster than its documents one by one.
  let pending: ReadItem[] = [];
  const analysed = (): AnalysisResult[] => {
    const documents = pending.flatMap((item) => ('document' in item ? [item.document] : []));
    const analyses = pipeline.analyzeBatch(documents).values();
    const results = pending.map((item) =>
      'document' in item ? { analysis: analyses.next().value as Analysis } : item,
    );
    pending = [];
    return results;
  };
  let documents = 0;
  for (const item of readText(options.name ?? '', input, readOptions)) {
    pending.push(item);
    if ('document' in item && ++documents % PIPELINE_BATCH === 0) yield* analysed();
  }
  yield* analysed();
}

/**
 * Analyses one document given as text. Input problems never throw: an empty text gives an analysis
 * with no facts and an error message saying why.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const pipeline = options.pipeline ?? createPipeline(options);
  for (const result of analyzeAll(text, { format: 'text', ...options, pipeline })) {
    if ('analysis' in result) return result.analysis;
    return pipeline.analyze(
      createDocument({
        text: '',
        bodyOffset: 0,
        origin: { format: options.format ?? 'text' },
        messages: [result.failure],
      }),
    );
  }
  return pipeline.analyze(createDocument({ text: '', bodyOffset: 0, origin: { format: 'text' } }));
}
