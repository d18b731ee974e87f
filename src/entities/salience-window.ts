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
const HORIZON = 40;

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

/**
 * Persons' mentions for salience scores, swept through the document in token order: the persons with a
 * mention inside the horizon, and each one's score as the sum over all its mentions would give it, to the
 * bit within the horizon. Sentences never go back as tokens go on, so a person's mentions in the window are a run by position.
 */
export class SalienceWindow {
  private readonly initial: Placed[][];
  private readonly later: Mark[][];
  private readonly all: Placed[];
  private readonly added: Placed[] = [];
  private readonly counts: number[];
  private readonly active = new Set<number>();
  private entered = 0;
  private leftInitial = 0;
  private leftAdded = 0;

  /** `marks`: each person's mentions in summing order. */
  constructor(marks: readonly (readonly Mark[])[]) {
    const byPosition = (a: Placed, b: Placed) => a.mark.at - b.mark.at || a.order - b.order;
    this.initial = marks.map((list, person) =>
      list.map((mark, order) => ({ mark, person, order })).sort(byPosition),
    );
    this.later = marks.map(() => []);
    this.all = this.initial.flat().sort(byPosition);
    this.counts = marks.map(() => 0);
  }

  private count(person: number, by: number): void {
    const n = (this.counts[person] ?? 0) + by;
    this.counts[person] = n;
    if (n > 0) this.active.add(person);
    else this.active.delete(person);
  }

  /** The persons, in order, with a mention before token `at` within the horizon of `sentence`. */
  candidates(at: number, sentence: number): number[] {
    const from = sentence - HORIZON + 1;
    for (let p = this.all[this.entered]; p && p.mark.at < at; p = this.all[++this.entered])
      this.count(p.person, 1);
    for (let p = this.all[this.leftInitial]; p && this.leftInitial < this.entered; ) {
      if (p.mark.sentence >= from) break;
      this.count(p.person, -1);
      p = this.all[++this.leftInitial];
    }
    for (let p = this.added[this.leftAdded]; p && p.mark.sentence < from; p = this.added[++this.leftAdded])
      this.count(p.person, -1);
    return [...this.active].sort((a, b) => a - b);
  }

  /** Σ 0.7^(sentence distance) × weight over the person's mentions before `at`, in their order. */
  score(person: number, at: number, sentence: number): number {
    const from = sentence - HORIZON + 1;
    const initial = this.initial[person] ?? [];
    const lo = bisect(initial, (p) => p.mark.sentence >= from);
    const hi = bisect(initial, (p) => p.mark.at >= at);
    let score = 0;
    for (const p of initial.slice(lo, Math.max(lo, hi)).sort((a, b) => a.order - b.order))
      score += 0.7 ** (sentence - p.mark.sentence) * p.mark.weight;
    const later = this.later[person] ?? [];
    for (let k = bisect(later, (m) => m.sentence >= from); k < later.length; k++) {
      const m = later[k] as Mark;
      if (m.at < at) score += 0.7 ** (sentence - m.sentence) * m.weight;
    }
    return score;
  }

  /** A mention found during the sweep, at or after every earlier one; it counts from the next token on. */
  add(person: number, mark: Mark): void {
    this.later[person]?.push(mark);
    this.added.push({ mark, person, order: -1 });
    this.count(person, 1);
  }
}
