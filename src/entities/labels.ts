import type { EntityType } from '../document/analysis.js';

/** The recognizer's entity types, in label order. */
export const ENTITY_TYPES: readonly EntityType[] = [
  'PERSON',
  'ORG',
  'GPE',
  'LOC',
  'FAC',
  'NORP',
  'EVENT',
  'OTHER',
];

/** BIO labels as integers: 0 is O; type t has B = 1 + 2t and I = 2 + 2t. */
export const LABEL_COUNT = 1 + 2 * ENTITY_TYPES.length;
export const OUTSIDE = 0;
export const begin = (type: number) => 1 + 2 * type;
export const inside = (type: number) => 2 + 2 * type;
export const isBegin = (label: number) => label > 0 && label % 2 === 1;
export const isInside = (label: number) => label > 0 && label % 2 === 0;
/** The type index of a B or I label; -1 for O. */
export const typeOf = (label: number) => (label === 0 ? -1 : (label - 1) >> 1);

export const typeIndex = (type: EntityType): number => ENTITY_TYPES.indexOf(type);

/** An I label may only continue a span of its own type. */
export const allowed = (prev: number, label: number) =>
  !isInside(label) || (prev !== OUTSIDE && typeOf(prev) === typeOf(label));

export interface LabelSpan {
  /** Token indexes within the sentence, [start, end). */
  start: number;
  end: number;
  type: number;
}

/** The spans of the first `n` labels. */
export function spansOf(labels: ArrayLike<number>, n = labels.length): LabelSpan[] {
  const spans: LabelSpan[] = [];
  let open: LabelSpan | undefined;
  for (let i = 0; i < n; i++) {
    const l = labels[i] as number;
    if (open && isInside(l) && typeOf(l) === open.type) {
      open.end = i + 1;
      continue;
    }
    open = undefined;
    if (l !== OUTSIDE) {
      open = { start: i, end: i + 1, type: typeOf(l) };
      spans.push(open);
    }
  }
  return spans;
}
