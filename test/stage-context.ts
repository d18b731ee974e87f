import type { Entity, EntityType, Quote, Time } from '../src/document/analysis.js';
import { createDocument, type SourceDocument } from '../src/document/document.js';
import type { Message } from '../src/document/message.js';
import type { Layers, StageContext } from '../src/pipeline/stage.js';
import { readText } from '../src/read/read-input.js';
import { TextLayer } from '../src/text/text-layer.js';
import { tagTimes } from '../src/time/tag-times.js';

/**
 * Builds a StageContext for tests of the claim and event stages from a text and hand-made layers, so
 * they run without the entity and attribution stages. Times default to the real time tagger.
 */
export interface HandLayers {
  readonly published?: string;
  readonly entities?: readonly Entity[];
  readonly quotes?: readonly Quote[];
  readonly times?: readonly Time[];
}

export function contextFor(
  input: string | SourceDocument,
  hand: HandLayers = {},
): StageContext & { messages: Message[] } {
  const document =
    typeof input === 'string'
      ? createDocument({
          text: input,
          bodyOffset: 0,
          meta: hand.published ? { published: hand.published } : {},
          origin: { format: 'text' },
        })
      : input;
  const text = document.text;
  const reference = document.meta.published;
  const times = hand.times ?? tagTimes(text, { ...(reference ? { reference } : {}) });
  const layers: Layers = {
    entities: hand.entities ?? [],
    times,
    quotes: hand.quotes ?? [],
    claims: [],
    events: [],
  };
  const messages: Message[] = [];
  return { document, text: new TextLayer(text), layers, report: (m) => messages.push(m), messages };
}

/** Where `needle` occurs in `text`: the `nth` occurrence (0-based); throws when it is not there. */
export function find(text: string, needle: string, nth = 0): { start: number; end: number; text: string } {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`stage-context: "${needle}" (#${nth}) is not in the text`);
  }
  return { start: at, end: at + needle.length, text: needle };
}

/** An entity with one name mention per surface string, each its first occurrence unless `[s, nth]`. */
export function entity(
  text: string,
  id: string,
  type: EntityType,
  ...surfaces: (string | readonly [string, number])[]
): Entity {
  const mentions = surfaces.map((s) => {
    const [needle, nth] = typeof s === 'string' ? [s, 0] : s;
    return { ...find(text, needle, nth), kind: 'name' as const };
  });
  return { id, type, name: mentions[0]?.text ?? id, mentions, rule: 'test/hand' };
}

/** A dispatch read as the pipeline reads it (header lines, dateline and credit become metadata). */
export function readDispatch(raw: string): SourceDocument {
  for (const item of readText('dispatch.txt', raw, { format: 'text' }))
    if ('document' in item) return item.document;
  throw new Error('stage-context: the dispatch could not be read');
}
