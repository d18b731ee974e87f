import type { Analysis } from '../../document/analysis.js';

/** Writes analyses as they come; `close` finishes the output (a JSON array's bracket, say). */
export interface OutputWriter {
  add(analysis: Analysis): void;
  close(): void;
}

export interface OutputFormat {
  readonly name: string;
  /** File extension for `--out DIR`, without the dot. */
  readonly extension: string;
  /** Whether one output can hold several documents; otherwise `--out` writes one file per document. */
  readonly multiDocument: boolean;
  createWriter(write: (chunk: string) => void, options: { color: boolean; brief: boolean }): OutputWriter;
}
