import type { Dateline } from './document.js';
import type { Message } from './message.js';
import type { Provenance, Span } from './span.js';

/** `dateline.analysis/1`: see docs/FORMAT.md and schema/analysis-v1.schema.json. */
export const ANALYSIS_SCHEMA = 'dateline.analysis/1';

/** `T` with its fields settable: an output object built field by field, its optional ones set only when present. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };

export type EntityType = 'PERSON' | 'ORG' | 'GPE' | 'LOC' | 'FAC' | 'NORP' | 'EVENT' | 'OTHER';
export type MentionKind = 'name' | 'alias' | 'acronym' | 'nominal' | 'pronoun' | 'demonym';

export interface Mention extends Span {
  readonly kind: MentionKind;
}

export interface Entity extends Provenance {
  readonly id: string;
  readonly type: EntityType;
  readonly name: string;
  readonly mentions: readonly Mention[];
  readonly title?: string;
  readonly geo?: { lat: number; lon: number; country?: string; ref?: string };
}

export interface Time extends Span, Provenance {
  readonly id: string;
  readonly type: 'DATE' | 'TIME' | 'DURATION' | 'SET';
  readonly value: string;
  readonly mod?: string;
  readonly anchor?: string;
  readonly range?: { begin?: string; end?: string };
  /** Calendar fields the text states ("October" states the month) and those taken from the anchor (the year). */
  readonly stated?: readonly string[];
  readonly implied?: readonly string[];
  /** The date the value was resolved against. */
  readonly reference?: string;
}

export interface Quote extends Span, Provenance {
  readonly kind: 'direct' | 'partial' | 'indirect';
  readonly speaker?: string;
  readonly cue?: Span;
  /** The words that name the speaker ("the North's leader", "state media"). */
  readonly source?: Span;
  readonly via?: readonly string[];
  readonly time?: string;
}

export type Approximation =
  | 'exact'
  | 'about'
  | 'more-than'
  | 'less-than'
  | 'at-least'
  | 'at-most'
  | 'up-to'
  | 'range';
export type Certainty =
  | 'asserted'
  | 'believed'
  | 'estimated'
  | 'reported'
  | 'alleged'
  | 'possible'
  | 'denied';

export interface Claim extends Span, Provenance {
  readonly subject: string;
  readonly predicate: string;
  readonly quantity: { value: number; low?: number; high?: number; unit: string; approx: Approximation };
  readonly certainty: Certainty;
  readonly source?: string;
  readonly via?: readonly string[];
  readonly time?: string;
}

export interface Event extends Provenance {
  readonly id: string;
  readonly type: string;
  readonly trigger: Span;
  readonly time?: string;
  readonly place?: string;
  readonly participants: readonly { role: string; entity: string }[];
  readonly modality?: 'actual' | 'planned' | 'possible' | 'negated' | 'reported';
  readonly source?: string;
}

export interface SentenceView extends Span {
  readonly paragraph: number;
}

export interface AnalysisDocument {
  readonly id: string;
  readonly source?: string;
  readonly published?: string;
  readonly title?: string;
  readonly url?: string;
  readonly language?: string;
  readonly text: string;
  readonly bodyOffset: number;
  readonly dateline?: Dateline;
  readonly file?: string;
  readonly record?: number;
}

export interface Analysis {
  readonly schema: typeof ANALYSIS_SCHEMA;
  readonly document: AnalysisDocument;
  readonly sentences: readonly SentenceView[];
  readonly entities: readonly Entity[];
  readonly times: readonly Time[];
  readonly quotes: readonly Quote[];
  readonly claims: readonly Claim[];
  readonly events: readonly Event[];
  readonly messages: readonly Message[];
  /** Present when the analysis stopped early (time budget): the layers hold what was done. */
  readonly partial?: boolean;
}
