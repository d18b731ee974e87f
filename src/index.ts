export { type AnalysisResult, type AnalyzeOptions, analyze, analyzeAll } from './analyze.js';
export type * from './document/analysis.js';
export { ANALYSIS_SCHEMA } from './document/analysis.js';
export {
  createDocument,
  type DocumentMeta,
  type InputFormat,
  type SourceDocument,
} from './document/document.js';
export { DatelineError, ERROR_CODES, type ErrorCode } from './document/errors.js';
export type { Message } from './document/message.js';
export type { Provenance, Span } from './document/span.js';
export { createPipeline, DEFAULT_STAGES } from './pipeline/default-pipeline.js';
export { Pipeline, type PipelineOptions } from './pipeline/pipeline.js';
export type { Layers, Stage, StageContext } from './pipeline/stage.js';
export { INPUT_FORMATS, readInput, readText } from './read/read-input.js';
export { TextLayer } from './text/text-layer.js';
