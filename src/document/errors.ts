/**
 * Programmer errors: misuse of the API or a broken invariant. Problems in the input never throw;
 * they become `Message`s. Every code is stable so callers and tests can match on it.
 */
export const ERROR_CODES = {
  SPAN_OUT_OF_RANGE: 'a span must lie within the document text',
  SPAN_INVERTED: 'a span must not end before it starts',
  SPAN_TEXT_MISMATCH: 'a span carries text that differs from the document at its offsets',
  OPTION_INVALID: 'an option has a value outside its allowed range',
  FORMAT_UNKNOWN: 'no such input or output format',
  STAGE_FAILED: 'a pipeline stage threw',
  INTERNAL: 'an internal invariant was broken',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class DatelineError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, detail?: string, details: Record<string, unknown> = {}) {
    super(`dateline ${code}: ${ERROR_CODES[code]}${detail ? ` (${detail})` : ''}`);
    this.name = 'DatelineError';
    this.code = code;
    this.details = details;
  }
}

export const isDatelineError = (err: unknown): err is DatelineError => err instanceof DatelineError;
