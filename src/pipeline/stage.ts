import type { Claim, Entity, Event, Quote, Time } from '../document/analysis.js';
import type { SourceDocument } from '../document/document.js';
import type { Message } from '../document/message.js';
import type { TextLayer } from '../text/text-layer.js';

/** The fact layers of one document; a stage replaces the arrays it owns, it never edits them in place. */
export interface Layers {
  entities: readonly Entity[];
  times: readonly Time[];
  quotes: readonly Quote[];
  claims: readonly Claim[];
  events: readonly Event[];
}

export type LayerName = keyof Layers;

/** Its functions are methods: call them on the context (`context.report(m)`), not taken off it. */
export interface StageContext {
  readonly document: SourceDocument;
  /** Tokens, sentences, paragraphs and quote marks, built once before any stage runs. */
  readonly text: TextLayer;
  readonly layers: Layers;
  /** Records a problem found in the input, with its place in `document.text`. */
  report(message: Message): void;
  /**
   * Whether the document's time budget is spent. The pipeline checks it between stages; a stage with a
   * loop that can run long on hostile input checks it inside and stops early, keeping what it found, and
   * the analysis is then marked partial. Absent in contexts built outside a pipeline.
   */
  overBudget?(): boolean;
}

/**
 * One step of the pipeline. Extractors propose items into the layers they name; refiners merge,
 * filter and resolve what is there. A stage reads earlier layers and writes only its own.
 */
export interface Stage {
  /** `folder/file` of its source, e.g. `time/tag-times`; messages and provenance use it. */
  readonly name: string;
  readonly role: 'extract' | 'refine';
  readonly writes: readonly LayerName[];
  run(context: StageContext): void;
}
