import type { Entity, EntityType, Mention, MentionKind } from '../document/analysis.js';

// The entity layer is kept by its batch until every stage is done: its objects are class instances and
// its arrays come from `keptSlots`, which V8 does not allocate old (see document/kept.ts). A literal's
// allocation site would be: a long article's names all outlive a collection of the young generation.

export class MentionRecord implements Mention {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly text: string,
    readonly kind: MentionKind,
  ) {}
}

/** Optional fields (title, geo) are set after construction, only when present, as the output lists them. */
export class EntityRecord implements Entity {
  constructor(
    readonly id: string,
    readonly type: EntityType,
    readonly name: string,
    readonly mentions: readonly Mention[],
    readonly rule: string,
    readonly confidence: number,
  ) {}
}
