/** A problem found in the input: data with a place and a rule, never an exception. */
export interface Message {
  readonly rule: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly start?: number;
  readonly end?: number;
}

export type Severity = Message['severity'];

export function message(
  rule: string,
  severity: Severity,
  text: string,
  place?: { start: number; end: number },
): Message {
  return place
    ? { rule, severity, message: text, start: place.start, end: place.end }
    : { rule, severity, message: text };
}
