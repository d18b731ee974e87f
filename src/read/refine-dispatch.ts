import { createDocument, type SourceDocument } from '../document/document.js';
import { findDateline, findTrailingCredit } from './dispatch.js';

/**
 * Finds what wire copy carries inside its body, whatever container it came in: a dateline at the head
 * (kept in the text, recorded with its offsets) and a trailing credit (cut from the text, kept as the
 * source). The input's own metadata wins over both.
 */
export function refineDispatch(doc: SourceDocument): SourceDocument {
  const credit = findTrailingCredit(doc.text);
  const text = credit ? doc.text.slice(0, credit.bodyEnd) : doc.text;
  const dateline = doc.dateline ?? findDateline(text, doc.meta.published);
  if (!credit && !dateline) return doc;
  const meta = { ...doc.meta };
  if (!meta.source) {
    const source = dateline?.source ?? credit?.source;
    if (source) meta.source = source;
  }
  return createDocument({
    text,
    bodyOffset: doc.bodyOffset,
    meta,
    ...(dateline ? { dateline } : {}),
    origin: doc.origin,
    messages: doc.messages,
  });
}
