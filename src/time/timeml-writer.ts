/**
 * TimeML output readable by the TempEval-3 scorer: the DCT, then the text with inline TIMEX3 tags.
 * Stripping the tags and unescaping gives back the text exactly. Overlapping times cannot nest in
 * TIMEX3, so of overlapping ones the longest is kept.
 */
import type { Time } from '../document/analysis.js';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}

/** Non-overlapping times, the longest first among overlapping ones, in text order. */
export function nonOverlapping(times: readonly Time[]): Time[] {
  const byLength = [...times]
    .filter((t) => t.end > t.start)
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Time[] = [];
  for (const t of byLength) {
    if (kept.every((k) => t.end <= k.start || t.start >= k.end)) kept.push(t);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function dctValue(published: string | undefined): string | undefined {
  if (!published) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2})?)?/.exec(published);
  return m ? `${m[1]}${m[2] ?? ''}` : undefined;
}

export function writeTimeml(
  doc: { id: string; text: string; published?: string },
  times: readonly Time[],
): string {
  const parts: string[] = [
    '<?xml version="1.0" ?>\n',
    '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">\n\n',
    `<DOCID>${escapeXml(doc.id)}</DOCID>\n\n`,
  ];
  const dct = dctValue(doc.published);
  if (dct) {
    parts.push(
      `<DCT><TIMEX3 tid="t0" type="DATE" value="${escapeXml(dct)}" temporalFunction="false" functionInDocument="CREATION_TIME">${escapeXml(doc.published ?? dct)}</TIMEX3></DCT>\n\n`,
    );
  }
  parts.push('<TEXT>');
  let at = 0;
  let n = 0;
  for (const t of nonOverlapping(times)) {
    if (t.start < at || t.end > doc.text.length) continue;
    parts.push(escapeXml(doc.text.slice(at, t.start)));
    n++;
    const tid = /^t\d+$/.test(t.id) && t.id !== 't0' ? t.id : `t${n}`;
    const mod = t.mod ? ` mod="${escapeXml(t.mod)}"` : '';
    parts.push(`<TIMEX3 tid="${tid}" type="${t.type}" value="${escapeXml(t.value)}"${mod}>`);
    parts.push(escapeXml(doc.text.slice(t.start, t.end)));
    parts.push('</TIMEX3>');
    at = t.end;
  }
  parts.push(escapeXml(doc.text.slice(at)));
  parts.push('</TEXT>\n\n</TimeML>\n');
  return parts.join('');
}
