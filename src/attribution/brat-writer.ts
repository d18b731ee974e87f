import type { Analysis, Quote } from '../document/analysis.js';
import type { Span } from '../document/span.js';

/** One attribution as brat writes it: parts as lists of `[start, end)` in the analysed text. */
export interface BratAttribution {
  readonly source: readonly Span[];
  readonly cue: readonly Span[];
  readonly content: readonly Span[];
}

type WithSource = Quote & { readonly source?: Span };

const key = (s: Span) => `${s.start}:${s.end}`;

/**
 * The attributions behind an analysis's quotes: quotes that share a cue are one attribution with a
 * (possibly discontinuous) content; a quote inside another of the same attribution (a phrase quoted
 * within a report) adds nothing. Quotes without a cue attribute nothing PolNeAR would annotate.
 */
export function bratAttributions(analysis: Analysis): BratAttribution[] {
  const groups = new Map<string, WithSource[]>();
  for (const q of analysis.quotes as readonly WithSource[]) {
    if (!q.cue) continue;
    const k = key(q.cue);
    groups.set(k, [...(groups.get(k) ?? []), q]);
  }
  const out: BratAttribution[] = [];
  for (const quotes of groups.values()) {
    const first = quotes[0] as WithSource;
    const content = quotes
      .filter(
        (q) =>
          !quotes.some(
            (o) => o !== q && o.start <= q.start && q.end <= o.end && o.end - o.start > q.end - q.start,
          ),
      )
      .sort((a, b) => a.start - b.start);
    const source = quotes.find((q) => q.source)?.source;
    out.push({ source: source ? [source] : [], cue: first.cue ? [first.cue] : [], content });
  }
  return out.sort((a, b) => (a.cue[0]?.start ?? 0) - (b.cue[0]?.start ?? 0));
}

/** Offsets in code points, as brat counts them, into the input file the body was read from. */
function codePointOffsets(text: string, bodyOffset: number): (offset: number) => number {
  if (!/[\uD800-\uDBFF]/.test(text)) return (offset) => bodyOffset + offset;
  const before = new Uint32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    before[i + 1] = (before[i] as number) + (c >= 0xdc00 && c <= 0xdfff ? 1 : 0);
  }
  return (offset) => bodyOffset + offset - (before[offset] as number);
}

/** A span cut at line breaks: brat fragments hold no newline. */
function fragments(text: string, span: Span): [number, number][] {
  const out: [number, number][] = [];
  let start = span.start;
  for (let i = span.start; i <= span.end; i++) {
    if (i === span.end || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13) {
      let s = start;
      let e = i;
      while (s < e && /\s/.test(text.charAt(s))) s++;
      while (e > s && /\s/.test(text.charAt(e - 1))) e--;
      if (e > s) out.push([s, e]);
      start = i + 1;
    }
  }
  return out;
}

/**
 * PolNeAR's standoff: Source, Cue and Content text-bound annotations, an `Attribution` trigger over
 * the cue, and the event joining them (`E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1`), with
 * offsets into the input file (the body's offset plus the offset within the body).
 */
export function writeBrat(analysis: Analysis): string {
  const { text, bodyOffset } = analysis.document;
  const fileOffset = codePointOffsets(text, bodyOffset);
  const lines: string[] = [];
  let t = 0;
  let e = 0;
  const bound = (label: string, spans: readonly Span[]): string | undefined => {
    const parts = spans.flatMap((s) => fragments(text, s));
    if (parts.length === 0) return undefined;
    const offsets = parts.map(([s, x]) => `${fileOffset(s)} ${fileOffset(x)}`);
    const words = parts.map(([s, x]) => text.slice(s, x)).join(' ');
    const id = `T${++t}`;
    lines.push(`${id}\t${label} ${offsets.join(';')}\t${words}`);
    return id;
  };
  for (const a of bratAttributions(analysis)) {
    const source = bound('Source', a.source);
    const cue = bound('Cue', a.cue);
    const content = bound('Content', a.content);
    const trigger = bound(source ? 'Attribution' : 'Attribution-no-source', a.cue);
    if (!cue || !content || !trigger) continue;
    const args = [
      `${source ? 'Attribution' : 'Attribution-no-source'}:${trigger}`,
      `Content:${content}`,
      `Cue:${cue}`,
    ];
    if (source) args.push(`Source:${source}`);
    lines.push(`E${++e}\t${args.join(' ')}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
