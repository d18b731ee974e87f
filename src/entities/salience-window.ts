/** A mention counted towards a person's salience: its token, sentence and weight. */
export interface Mark {
  readonly at: number;
  readonly sentence: number;
  readonly weight: number;
}

// How far back, in sentences, a pronoun may reach for its person. 0.7 ** 40 is below 1e-6: an older
// mention cannot tip a comparison between persons seen recently, and a person not named for forty
// sentences is not what a news pronoun means. The bound keeps the work per pronoun constant in a long
// document (a 200 KB one otherwise compared every person it names at every pronoun).
export const HORIZON = 40;

// 0.7 ** d for every distance inside the horizon, computed as the sum's terms were, so scores keep their bits.
const DECAY = Array.from({ length: HORIZON }, (_, d) => 0.7 ** d);

interface Placed {
  readonly mark: Mark;
  readonly person: number;
  /** Position in the person's marks, the order their decayed weights are summed in. */
  readonly order: number;
}

/** First index in `list` (false then true under `test`) where `test` holds. */
function bisect<T>(list: readonly T[], test: (x: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(list[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Puts `x` at `k` in `list`: by `push` at the end, the common case, which makes no array of removed items. */
function insertAt<T>(list: T[], k: number, x: T): void {
  if (k === list.length) list.push(x);
  else list.splice(k, 0, x);
}

/** A person's marks inside the window and the last score computed from them. */
interface Held {
  /** Initial marks inside the window, in summing order. */
  readonly inside: Placed[];
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
 */
export class SalienceWindow {
  /** All initial marks by position: the order they enter and leave the window in. */
  private readonly all: Placed[] = [];
  private readonly held: Held[];
  private readonly added: Placed[] = [];
  /** The persons with a mark inside the window, ascending. */
  private readonly active: number[] = [];
  private sentence = 0;
  private entered = 0;
  private leftInitial = 0;
  private leftAdded = 0;

  /** `marks`: each person's mentions in summing order. */
  constructor(marks: readonly (readonly Mark[])[]) {
    this.held = marks.map((list, person) => {
      for (let order = 0; order < list.length; order++)
        this.all.push({ mark: list[order] as Mark, person, order });
      return {
        inside: [],
        later: [],
        laterFrom: 0,
        count: 0,
        version: 0,
        scoredVersion: -1,
        scoredSentence: -1,
        score: 0,
      };
    });
    this.all.sort((a, b) => a.mark.at - b.mark.at || a.order - b.order);
  }

  private count(person: number, held: Held, by: number): void {
    const before = held.count;
    held.count += by;
    held.version++;
    if (before === 0)
      insertAt(
        this.active,
        bisect(this.active, (p) => p >= person),
        person,
      );
    else if (held.count === 0)
      this.active.splice(
        bisect(this.active, (p) => p >= person),
        1,
      );
  }

  /**
   * Moves the window to token `at` of `sentence`: the persons, ascending, with a mention before `at` within
   * the horizon. The array is the window's own, valid until the next call or `add`.
   */
  candidates(at: number, sentence: number): readonly number[] {
    const from = sentence - HORIZON + 1;
    this.sentence = sentence;
    for (let p = this.all[this.entered]; p && p.mark.at < at; p = this.all[++this.entered]) {
      const held = this.held[p.person] as Held;
      const order = p.order;
      insertAt(
        held.inside,
        bisect(held.inside, (q) => q.order > order),
        p,
      );
      this.count(p.person, held, 1);
    }
    for (let p = this.all[this.leftInitial]; p && this.leftInitial < this.entered; ) {
      if (p.mark.sentence >= from) break;
      const held = this.held[p.person] as Held;
      held.inside.splice(held.inside.indexOf(p), 1);
      this.count(p.person, held, -1);
      p = this.all[++this.leftInitial];
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
    for (const p of held.inside) score += (DECAY[sentence - p.mark.sentence] as number) * p.mark.weight;
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
    this.added.push({ mark, person, order: -1 });
    this.count(person, held, 1);
  }
}
