import { ScratchInts } from '../document/scratch-ints.js';

/** A mention counted towards a person's salience: its token, sentence and weight. */
export interface Mark {
  readonly at: number;
  readonly sentence: number;
  readonly weight: number;
}

/**
 * Persons' initial marks as parallel arrays by mark number, person after person, each person's marks in
 * summing order: a long document's thousands as numbers, not an object each.
 */
export interface Marks {
  /** How many persons there are: some may have no mark. */
  readonly persons: number;
  readonly person: ArrayLike<number>;
  readonly at: ArrayLike<number>;
  readonly sentence: ArrayLike<number>;
  readonly weight: ArrayLike<number>;
}

// How far back, in sentences, a pronoun may reach for its person. 0.7 ** 40 is below 1e-6: an older
// mention cannot tip a comparison between persons seen recently, and a person not named for forty
// sentences is not what a news pronoun means. The bound keeps the work per pronoun constant in a long
// document (a 200 KB one otherwise compared every person it names at every pronoun).
export const HORIZON = 40;

/** The counting sort's array by token (see ScratchInts). */
const STARTS = new ScratchInts();

// 0.7 ** d for every distance inside the horizon, computed as the sum's terms were, so scores keep their bits.
const DECAY = Array.from({ length: HORIZON }, (_, d) => 0.7 ** d);

/** Where `x` goes in `list`, ascending numbers: the first index holding more than `x`. */
function bisect(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Puts `x` in `list`, ascending: by `push` at the end, the common case, which makes no array of removed items. */
function insert(list: number[], x: number): void {
  const k = bisect(list, x);
  if (k === list.length) list.push(x);
  else list.splice(k, 0, x);
}

/** Takes `x`, which `list` holds, out of `list`, ascending. */
function remove(list: number[], x: number): void {
  const k = bisect(list, x) - 1;
  if (k === 0) list.shift();
  else list.splice(k, 1);
}

/** A person's marks inside the window and the last score computed from them. */
interface Held {
  /** Initial marks inside the window, by number: the person's numbers follow its summing order. */
  readonly inside: number[];
  /** Added marks in position order, inside the window from `laterFrom` on. */
  readonly later: Mark[];
  laterFrom: number;
  count: number;
  /** Bumped whenever the marks inside the window change, to reuse a score within a sentence. */
  version: number;
  scoredVersion: number;
  scoredSentence: number;
  score: number;
}

/**
 * Persons' mentions for salience scores, swept through the document in token order: the persons with a
 * mention inside the horizon, and each one's score as the sum over all its mentions would give it, to the
 * bit within the horizon. Sentences never go back as tokens go on, so mentions enter and leave the window
 * in position order; each person's mentions inside it are kept in summing order as they do, so a score
 * costs only the person's mentions within the horizon, however long the document behind it.
 *
 * The initial marks are numbered person after person in summing order, their persons, sentences and
 * weights kept in arrays by number, not as objects: a long document's thousands are read all through the
 * sweep.
 */
export class SalienceWindow {
  private readonly person: ArrayLike<number>;
  private readonly sentences: ArrayLike<number>;
  private readonly weights: ArrayLike<number>;
  /** The initial marks by position, the order they enter and leave the window in, and their tokens. */
  private readonly byPosition: number[];
  private readonly positions: number[];
  private readonly held: Held[];
  private readonly added: { readonly mark: Mark; readonly person: number }[] = [];
  /** The persons with a mark inside the window, ascending. */
  private readonly active: number[] = [];
  private sentence = 0;
  private entered = 0;
  private leftInitial = 0;
  private leftAdded = 0;

  /** `marks`: read, not copied; they must not change while the window is used. */
  constructor(marks: Marks) {
    const { person, at } = marks;
    this.person = person;
    this.sentences = marks.sentence;
    this.weights = marks.weight;
    const total = person.length;
    let lastAt = 0;
    for (let id = 0; id < total; id++) lastAt = Math.max(lastAt, at[id] as number);
    // A counting sort by token: linear, where a sort of a long document's marks is not. Marks at one token
    // share their sentence, so enter and leave together, in whatever order. A scratch array: it is as long
    // as the document, and used only here.
    const starts = STARTS.take(lastAt + 2);
    for (let id = 0; id < total; id++) (starts[(at[id] as number) + 1] as number)++;
    this.held = [];
    for (let p = 0; p < marks.persons; p++)
      this.held.push({
        inside: [],
        later: [],
        laterFrom: 0,
        count: 0,
        version: 0,
        scoredVersion: -1,
        scoredSentence: -1,
        score: 0,
      });
    for (let k = 1; k < starts.length; k++) (starts[k] as number) += starts[k - 1] as number;
    this.byPosition = new Array<number>(total).fill(0);
    this.positions = new Array<number>(total).fill(0);
    for (let id = 0; id < total; id++) {
      const k = (starts[at[id] as number] as number)++;
      this.byPosition[k] = id;
      this.positions[k] = at[id] as number;
    }
  }

  private count(person: number, held: Held, by: number): void {
    const before = held.count;
    held.count += by;
    held.version++;
    if (before === 0) insert(this.active, person);
    else if (held.count === 0) remove(this.active, person);
  }

  /**
   * Moves the window to token `at` of `sentence`: the persons, ascending, with a mention before `at` within
   * the horizon. The array is the window's own, valid until the next call or `add`.
   */
  candidates(at: number, sentence: number): readonly number[] {
    const from = sentence - HORIZON + 1;
    this.sentence = sentence;
    const total = this.byPosition.length;
    for (; this.entered < total && (this.positions[this.entered] as number) < at; this.entered++) {
      const id = this.byPosition[this.entered] as number;
      const person = this.person[id] as number;
      const held = this.held[person] as Held;
      insert(held.inside, id);
      this.count(person, held, 1);
    }
    for (; this.leftInitial < this.entered; this.leftInitial++) {
      const id = this.byPosition[this.leftInitial] as number;
      if ((this.sentences[id] as number) >= from) break;
      const person = this.person[id] as number;
      const held = this.held[person] as Held;
      remove(held.inside, id);
      this.count(person, held, -1);
    }
    for (let p = this.added[this.leftAdded]; p && p.mark.sentence < from; p = this.added[++this.leftAdded]) {
      const held = this.held[p.person] as Held;
      held.laterFrom++;
      this.count(p.person, held, -1);
    }
    return this.active;
  }

  /**
   * Σ 0.7^(sentence distance) × weight over the person's mentions inside the window where `candidates`
   * last moved it, in their order.
   */
  score(person: number): number {
    const held = this.held[person];
    if (!held) return 0;
    const sentence = this.sentence;
    if (held.scoredVersion === held.version && held.scoredSentence === sentence) return held.score;
    let score = 0;
    for (const id of held.inside)
      score += (DECAY[sentence - (this.sentences[id] as number)] as number) * (this.weights[id] as number);
    for (let k = held.laterFrom; k < held.later.length; k++) {
      const m = held.later[k] as Mark;
      score += (DECAY[sentence - m.sentence] as number) * m.weight;
    }
    held.scoredVersion = held.version;
    held.scoredSentence = sentence;
    held.score = score;
    return score;
  }

  /**
   * A mention found during the sweep, at or after every earlier one and before the token `candidates` next
   * moves to; it counts from then on.
   */
  add(person: number, mark: Mark): void {
    const held = this.held[person];
    if (!held) return;
    held.later.push(mark);
    this.added.push({ mark, person });
    this.count(person, held, 1);
  }
}
