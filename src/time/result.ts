import type { Unit } from './lexicon.js';
import type { Tokens } from './tokens.js';

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

/** Calendar fields a date expression can state; whatever it does not state is implied by its anchor. */
export type Field =
  | 'century'
  | 'decade'
  | 'year'
  | 'half'
  | 'quarter'
  | 'season'
  | 'month'
  | 'week'
  | 'weekday'
  | 'day'
  | 'partOfDay'
  | 'hour'
  | 'minute';

/** How fine a value is: the date fields down to the day, then the weekend and any time of day. */
export type Granularity = Exclude<Field, 'weekday' | 'partOfDay' | 'hour' | 'minute'> | 'weekend' | 'time';

/** Which way an underspecified date ("Friday", "August") lies from its anchor. */
export type Direction = 'past' | 'future' | 'tense';

/** What an expression's value is resolved against. */
export type Base = 'speech' | 'document' | 'narrative';

/**
 * A date or time as the text gives it, before anchoring: stated fields, a shift from the anchor
 * ("last year": year -1) and the granularity of the value to produce.
 */
export interface DateSpec {
  readonly kind: 'date';
  readonly gran: Granularity;
  readonly century?: number;
  readonly decade?: number;
  readonly year?: number;
  readonly half?: number;
  readonly quarter?: number;
  readonly season?: string;
  readonly month?: number;
  readonly day?: number;
  readonly weekday?: number;
  /** The n-th weekday of the month (n < 0: from its end), `plus` days after it: Thanksgiving, Labor Day. */
  readonly nth?: { readonly n: number; readonly weekday: number; readonly plus?: number };
  readonly partOfDay?: string;
  readonly hour?: number;
  readonly minute?: number;
  /** `Z` when the clock time is stated in UTC/GMT. */
  readonly zone?: string;
  readonly shift?: { readonly unit: Unit | 'weekend'; readonly n: number };
  readonly direction?: Direction;
  /** "last Friday", "next August": the anchor's own day/month does not count. */
  readonly strict?: boolean;
  readonly base?: Base;
  readonly mod?: string;
  /** "a year earlier": when the story just named a quarter or half, the same one a year before. */
  readonly sameTerm?: boolean;
}

/** A value that needs no anchor: durations, sets, `PRESENT_REF`, fully stated dates. */
export interface FixedSpec {
  readonly kind: 'fixed';
  readonly type: TimexType;
  readonly value: string;
  readonly mod?: string;
  readonly stated: readonly Field[];
}

export type TimeSpec = DateSpec | FixedSpec;

/** What a parser proposes: a token run, its offsets and what it says. */
export interface Proposal {
  readonly start: number;
  readonly end: number;
  /** Token indices `[first, last)`. */
  readonly first: number;
  readonly last: number;
  readonly rule: string;
  readonly spec: TimeSpec;
  readonly confidence: number;
  readonly range?: { readonly role: 'begin' | 'end' | 'both'; readonly other?: number };
}

/** A resolved time: the public `Time` fields plus what was stated, implied and used as anchor. */
export interface TimeResult {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly type: TimexType;
  readonly value: string;
  readonly mod?: string;
  readonly rule: string;
  readonly confidence: number;
  /** The value it was resolved against (a date), and what kind of anchor that was. */
  readonly reference?: string;
  readonly anchor?: Base;
  /** Index (in the result list) of the time this one was resolved against, when it was one. */
  readonly anchorIndex?: number;
  readonly stated: readonly Field[];
  readonly implied: readonly Field[];
  readonly range?: { readonly begin?: string; readonly end?: string };
}

export interface ParseContext {
  readonly text: string;
  readonly tokens: Tokens;
}

/** One parser per file: it tries to read an expression that starts at token `i`. */
export interface Parser {
  readonly name: string;
  /**
   * Lower-case words that can start its expressions; `#` stands for any number token. A pair `first next`
   * starts one only where the token after `first` is `next`.
   */
  readonly triggers: readonly string[];
  parse(context: ParseContext, i: number): Proposal | undefined;
}

export interface Sentence {
  readonly start: number;
  readonly end: number;
}

export interface QuoteSpan {
  readonly start: number;
  readonly end: number;
  readonly time?: string;
}

/** What refiners see besides the proposals. */
export interface RefineContext extends ParseContext {
  readonly reference?: string;
  readonly sentences: readonly Sentence[];
  readonly quotes: readonly QuoteSpan[];
}

/** A refiner takes the whole list and returns another; it never edits what it is given. */
export interface Refiner {
  readonly name: string;
  refine(context: RefineContext, proposals: readonly Proposal[]): readonly Proposal[];
}
