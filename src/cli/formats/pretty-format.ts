import type { Analysis } from '../../document/analysis.js';
import type { OutputFormat } from './output-format.js';

const ESC = '\u001b[';
const STYLE = {
  bold: '1',
  dim: '2',
  italic: '3',
  underline: '4',
  person: '36',
  org: '35',
  place: '32',
  other: '34',
  time: '33',
  quote: '92',
  error: '31',
  warning: '33',
} as const;

type Paint = (text: string, ...styles: string[]) => string;
const painter = (color: boolean): Paint =>
  color
    ? (text, ...styles) => (styles.length ? `${ESC}${styles.join(';')}m${text}${ESC}0m` : text)
    : (text) => text;

const ENTITY_STYLE: Record<string, string> = {
  PERSON: STYLE.person,
  ORG: STYLE.org,
  GPE: STYLE.place,
  LOC: STYLE.place,
  FAC: STYLE.place,
};

/** Styles per character: later layers win where spans overlap, so times show inside entity names. */
function styleMap(a: Analysis): (string | undefined)[] {
  const styles: (string | undefined)[] = new Array(a.document.text.length);
  const mark = (start: number, end: number, style: string) => {
    for (let i = start; i < end; i++) styles[i] = style;
  };
  for (const q of a.quotes) mark(q.start, q.end, STYLE.quote);
  for (const e of a.entities)
    for (const m of e.mentions) mark(m.start, m.end, `${ENTITY_STYLE[e.type] ?? STYLE.other};${STYLE.bold}`);
  for (const t of a.times) mark(t.start, t.end, `${STYLE.time};${STYLE.underline}`);
  return styles;
}

/** Greedy wrap of `[start, end)` at spaces, returning line bounds in document offsets. */
function wrap(text: string, start: number, end: number, width: number): [number, number][] {
  const lines: [number, number][] = [];
  let lineStart = start;
  while (lineStart < end) {
    while (lineStart < end && /\s/.test(text.charAt(lineStart))) lineStart++;
    if (lineStart >= end) break;
    let cut = Math.min(end, lineStart + width);
    if (cut < end) {
      const space = text.lastIndexOf(' ', cut);
      if (space > lineStart) cut = space;
    }
    const newline = text.indexOf('\n', lineStart);
    if (newline >= 0 && newline < cut) cut = newline;
    lines.push([lineStart, cut]);
    lineStart = cut;
  }
  return lines;
}

function renderSpanLine(
  text: string,
  styles: (string | undefined)[],
  start: number,
  end: number,
  paint: Paint,
): string {
  let out = '';
  let i = start;
  while (i < end) {
    const style = styles[i];
    let j = i + 1;
    while (j < end && styles[j] === style) j++;
    out += style ? paint(text.slice(i, j), style) : text.slice(i, j);
    i = j;
  }
  return out;
}

function render(a: Analysis, paint: Paint, brief: boolean, width: number): string {
  const d = a.document;
  const out: string[] = [];
  out.push(paint(`━━ ${d.title ?? d.file ?? d.id}`, STYLE.bold));
  const facts = [
    d.source,
    d.published,
    d.dateline ? `dateline ${d.dateline.text.trim()}` : undefined,
    `${a.sentences.length} sentences`,
    `id ${d.id}`,
  ].filter(Boolean);
  out.push(paint(`   ${facts.join(' · ')}`, STYLE.dim));
  if (a.partial) out.push(paint('   partial: the analysis stopped early (see messages)', STYLE.warning));
  const text = d.text;
  if (!brief) {
    const styles = styleMap(a);
    const paragraphs = new Map<number, [number, number]>();
    for (const s of a.sentences) {
      const range = paragraphs.get(s.paragraph);
      paragraphs.set(s.paragraph, range ? [range[0], s.end] : [s.start, s.end]);
    }
    for (const [start, end] of paragraphs.values()) {
      out.push('');
      for (const [ls, le] of wrap(text, start, end, width - 4))
        out.push(`   ${renderSpanLine(text, styles, ls, le, paint)}`);
    }
  } else if (a.sentences[0]) {
    out.push(`   ${a.sentences[0].text.slice(0, width - 4)}`);
  }
  const section = (name: string, rows: string[]) => {
    if (rows.length === 0) return;
    out.push('', paint(`   ${name}`, STYLE.bold));
    for (const row of rows) out.push(`     ${row}`);
  };
  const names = new Map(a.entities.map((e) => [e.id, e.name]));
  // Claims and events name times by id or by value: show the value either way.
  const when = (time: string) => a.times.find((t) => t.id === time)?.value ?? time;
  section(
    'Times',
    a.times.map(
      (t) =>
        `${paint(t.text, STYLE.time)} → ${t.value}${t.mod ? ` (${t.mod})` : ''} ${paint(t.type, STYLE.dim)}`,
    ),
  );
  section(
    'Entities',
    a.entities.map(
      (e) =>
        `${paint(e.name, ENTITY_STYLE[e.type] ?? STYLE.other)} ${paint(e.type, STYLE.dim)} ×${e.mentions.length}${e.title ? ` (${e.title})` : ''}`,
    ),
  );
  section(
    'Quotes',
    a.quotes.map((q) => {
      const who = q.speaker ? (names.get(q.speaker) ?? q.speaker) : '?';
      const via = q.via?.length ? ` via ${q.via.map((v) => names.get(v) ?? v).join(' → ')}` : '';
      return `${who}${via}: ${paint(`“${q.text.length > 90 ? `${q.text.slice(0, 87)}…` : q.text}”`, STYLE.quote)} ${paint(q.kind, STYLE.dim)}`;
    }),
  );
  section(
    'Claims',
    a.claims.map(
      (c) =>
        `${c.subject} ${c.predicate} ${c.quantity.approx} ${c.quantity.value} ${c.quantity.unit} ${paint(c.certainty, STYLE.dim)}` +
        (c.source ? ` (${names.get(c.source) ?? c.source})` : '') +
        (c.time ? ` as of ${when(c.time)}` : ''),
    ),
  );
  section(
    'Events',
    a.events.map(
      (e) =>
        `${e.type}: ${e.trigger.text}${e.time ? ` @ ${when(e.time)}` : ''}${e.place ? ` in ${names.get(e.place) ?? e.place}` : ''}`,
    ),
  );
  section(
    'Messages',
    a.messages.map(
      (m) =>
        `${paint(m.severity, m.severity === 'error' ? STYLE.error : STYLE.warning)} ${m.rule}: ${m.message}`,
    ),
  );
  return `${out.join('\n')}\n\n`;
}

/** A readable terminal view: the text with its facts highlighted, then the facts listed. */
export const prettyFormat: OutputFormat = {
  name: 'pretty',
  extension: 'txt',
  multiDocument: true,
  createWriter(write, options) {
    const paint = painter(options.color);
    const width = Math.max(60, Math.min(process.stdout.columns ?? 100, 120));
    return {
      add(analysis) {
        write(render(analysis, paint, options.brief, width));
      },
      close() {},
    };
  },
};
