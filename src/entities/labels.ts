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

/**
 * The end of the span whose first label is at `start` (not O), among the first `n` labels: it goes on
 * while the labels are I of its type (a stray I opens a span of its own type, as conlleval reads it).
 */
export function endOfSpan(labels: ArrayLike<number>, start: number, n: number): number {
  const type = typeOf(labels[start] as number);
  let end = start + 1;
  while (end < n && isInside(labels[end] as number) && typeOf(labels[end] as number) === type) end++;
  return end;
}
