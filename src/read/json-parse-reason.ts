const QUOTED_SUFFIX = '" is not valid JSON';

/**
 * Why `JSON.parse` refused its input, without the excerpt of the input V8 quotes in the message
 * (`Unexpected token 'x', "{"a": 1x}" is not valid JSON` -> `Unexpected token 'x'`).
 */
export function jsonParseReason(err: unknown): string {
  const reason = err instanceof Error ? err.message : String(err);
  if (!reason.endsWith(QUOTED_SUFFIX)) return reason;
  const quote = reason.indexOf(', "');
  return quote >= 0 && quote + 3 <= reason.length - QUOTED_SUFFIX.length ? reason.slice(0, quote) : reason;
}
