import {
  PACK_WORDS,
  PACKED,
  packWord,
  SLOT,
  SLOT_ID,
  SLOT_LENGTH,
  SLOT_PACK,
  UNPACKED,
} from '../text/packed-slots.js';
import type { SentenceSpan } from '../text/sentences.js';
import type { TextLayer } from '../text/text-layer.js';
import { TokenKind } from '../text/tokens.js';
import { hashText, ownString, VOCABULARY_BOUND, vocabularyGeneration } from '../text/vocabulary.js';
import { growTo, newMemory, PAGE, type WasmMemory } from '../wasm/wasm-module.js';
import { isReportingWord } from './cue-lexicon.js';
import {
  BEGIN_FORM,
  bucket,
  CROSSED,
  END_FORM,
  mixHash32,
  SEEDS,
  shapeOf,
  stem,
  type TagUnit,
  tokenForm,
} from './features.js';
import {
  INT16_ROWS,
  MOVES_BYTES,
  ROWS,
  SCORE_BYTES,
  type ScoreKernel,
  scoreKernel,
  writeMoves,
} from './score-kernel.js';
import { type AttributionTagger, defaultTagger, TAG_COUNT, type WeightTable } from './tagger.js';

const T = TAG_COUNT;

/**
 * What is kept per word form, a record of 128 bytes (`RECORD_INT16` int16): weight sums as
 * int16, `T` each, then what the word is. The sums: the word's own templates (1 the word, 8 its stem,
 * 12 its suffix, 14 with whether it is quoted, 30 with whether it opens its sentence) once for each of
 * the four (quoted, opens) pairs; then the templates that read it as the word before a token (2, and
 * 9 its stem), after one (3, 10), two before (4) and two after (5). One record rather than an array
 * per field: a token's word costs the cache lines of its record and no others, which counts when the
 * other stages have evicted them between two documents. A sum past int16 (those of "<s>" are) is
 * kept clamped, its word marked `WIDE`, and `widen` adds back what was cut.
 *
 * The flags open the record and the crossing code follows the sums, 64 bytes on or more: the
 * passes before the sums read one and then the other for every token, in short loops where the
 * processor fetches many records at once, so the sums find both lines in cache.
 */
const FLAGS = 0;
const SELF = 1;
const BEFORE = SELF + 4 * T;
const AFTER = SELF + 5 * T;
const BEFORE2 = SELF + 6 * T;
const AFTER2 = SELF + 7 * T;
const SUMS_END = SELF + 8 * T;
/** In int16: the crossing code (`KEEP`, `BROKEN` or a CROSSED value). */
const CROSSING = SUMS_END;
/** In int32, past it: the hash of the stem, as features use it. */
const STEM = (CROSSING + 1) / 2;
/** Where `WeightTable.find` has templates 25 and 26 for the word with no cue word on that side. */
const NO_CUE_LEFT = STEM + 1;
const NO_CUE_RIGHT = STEM + 2;
const RECORD_INT32 = STEM + 3;
const RECORD_INT16 = 2 * RECORD_INT32;
const INT16_MAX = 0x7fff;
const INT16_MIN = -0x8000;

/** What `findWords` keeps as a token's length when it has its id already, or looks it up by its string. */
const FOUND = -1;
const BY_STRING = -2;

/**
 * What the scorer knows of a vocabulary word (see `byWord`): the `epoch` it was learned in, the id of
 * its form and the form's hash.
 */
const KNOWN = 3;
const KNOWN_ID = 1;
const KNOWN_HASH = 2;

/** Word flags: a cue word (learned or a reporting word), an opening and a closing quote mark. */
const CUE = 1;
const OPENS = 2;
const CLOSES = 4;
/** A word some of whose sums do not fit int16 (see the record). */
const WIDE = 8;
const MARKS = CUE | OPENS | CLOSES;
/**
 * What a word does to the "crossed" code of the cue distances: leave it, or break it. A form naming
 * a prototype key of CROSSED ("constructor") reads a function there, so the code computes to NaN and
 * is stored as 0: a slip the model was trained with, kept until it is retrained.
 */
const KEEP = -1;
const BROKEN = -2;

/** The values the cue distance templates can take: none (0), else bucket * 8 + crossed. */
const CROSSED_VALUES = [0, ...new Set(Object.values(CROSSED))];
const NEAR_VALUES = [0, ...[1, 2, 3, 4, 5, 6].flatMap((b) => CROSSED_VALUES.map((c) => b * 8 + c))];
const NEAR_CODE = new Uint8Array(64);
NEAR_VALUES.forEach((v, code) => {
  NEAR_CODE[v] = code;
});
const NEARS = NEAR_VALUES.length;

/** The values `shapeOf` can give, 0 standing for no token (before the first, after the last). */
const SHAPE_VALUES = [
  0,
  1,
  2,
  3,
  ...Object.values(TokenKind)
    .filter((k) => k !== TokenKind.Word)
    .map((k) => 10 + k),
];
const SHAPE_CODE = new Uint8Array(32);
SHAPE_VALUES.forEach((v, code) => {
  SHAPE_CODE[v] = code;
});
const SHAPES = SHAPE_VALUES.length;

/**
 * The forms every scorer keeps from the start, at these ids: the words before the first token and
 * after the last, then those of tokens that are not words (`tokenForm`), which so need no lookup.
 */
const FIXED_FORMS = [BEGIN_FORM, END_FORM, '<num>', '<url>', "'", '<q>', '</q>'];
const FIXED_HASHES = Int32Array.from(FIXED_FORMS, (form) => hashText(form) | 0);
const BEGIN_ID = 0;
const END_ID = 1;
const NUMBER_ID = 2;
const URL_ID = 3;
/** Ids by quote role (none, open, close, apostrophe): a mark that neither opens nor closes reads as "'". */
const QUOTE_IDS = [4, 5, 6, 4];

/** Distance classes run 1 to 6; 7 leaves 0 unused but keeps the index arithmetic plain. */
const BUCKETS = 7;

/**
 * A bound on the words kept (6 MB of records at 128 bytes each, and 2 MB of hash slots), allocated
 * once: past it they are dropped and the table starts again, so a long-running process does not grow
 * with every name it has ever read. Pages of the records are only touched as words fill them. The
 * bench corpus of 2,000 articles holds some 38,000 forms.
 */
const WORD_LIMIT = 3 << 14;

/** The tokens whose rows `sum` names before the kernel sums them: the rows take a bounded area. */
const ROW_WINDOW = 4096;

/** The sizes of the sum tables, in int32. */
const PLACE_SIZE = 4 * 2 * 2 * BUCKETS * BUCKETS * T;
const NEAR_SIZE = NEARS * NEARS * 2 * T;
const SHAPES_SIZE = SHAPES * SHAPES * SHAPES * T;

/**
 * The tagger's emission scores for a unit, the same as summing the weights of `unitFeatures`'s hashes,
 * at a fraction of the cost. The templates that depend on one word alone are summed once per word
 * form and kept; those of small ranges (a token's place in its sentence, the cue distances, the
 * shapes) are summed once for every value they can take, when the model loads; only the templates of
 * word pairs and of a word with a distance are looked up per token. Sums of int16 weights are exact,
 * so the order of the sums does not change a score.
 */
export class UnitScorer {
  private readonly weights: WeightTable;
  /**
   * The kernel (score-kernel.ts) and its memory, which holds, in this order: the moves of its Viterbi
   * pass, the sum tables below, a copy of the model's weight table and its bitmap (the kernel finds
   * the weights of word pairs itself), the word records, and the work areas of a unit. The arrays
   * here are views of it, made again whenever it grows (`layOut`).
   */
  private readonly memory: WasmMemory;
  private readonly kernel: ScoreKernel;
  /** Byte addresses in `memory`. */
  private readonly placeAt = MOVES_BYTES;
  private readonly nearAt = this.placeAt + 4 * PLACE_SIZE;
  private readonly shapesAt = this.nearAt + 4 * NEAR_SIZE;
  private readonly tableAt = this.shapesAt + 4 * SHAPES_SIZE;
  private readonly recordsAt: number;
  private hashesAt = 0;
  private rowsAt = 0;
  private scoresAt = 0;
  private latticeAt = 0;

  /** How many words are kept, with ids from 0, and their records, read as int16 (`sums`) and int32 (`meta`). */
  private count = 0;
  private sums = new Int16Array(0);
  private meta = new Int32Array(0);
  /** How many words the records have room for. */
  private room = 0;
  /** The exact sums of the `WIDE` words (at their places in a record, as int32), by id. */
  private readonly wide = new Map<number, Int32Array>();
  /** A word's exact sums as they are added up, before they are stored as int16. */
  private readonly exact = new Int32Array(SUMS_END);
  /**
   * The forms kept that are not packed (`UNPACKED`), by id. The others are known by their packs
   * alone, so the scorer holds no string of its own for all but a few of its words.
   */
  private readonly unpacked = new Map<number, string>();
  /** A form's length and pack as `intern` looks for it, at their places in a hash slot. */
  private readonly formPack = new Int32Array(SLOT);
  /**
   * Ids by the hash of their form: open addressing over the low bits, `SLOT` int32 in each slot.
   * Keyed so that a token's hash, computed from the source text, finds its word without making the
   * lower-cased string.
   */
  private slots = new Int32Array(0);
  /**
   * The form of each vocabulary word met (`KNOWN` int32 each, by the word's id): a document's words were
   * looked up in the vocabulary once for every stage, so that most tokens are found by their ids. Valid
   * while `epoch` is what it was, which changes when the scorer forgets its words or the vocabulary
   * its ids.
   */
  private readonly byWord = new Int32Array(VOCABULARY_BOUND * KNOWN);
  /** Never 0, which `byWord` starts filled with: `forget` moves it on before any word is looked up. */
  private epoch = 0;
  private epochGeneration = vocabularyGeneration();
  /** Per token of a unit, where `byWord` is to learn its form, or -1 where it is not to. */
  private knownAt = new Int32Array(0);

  constructor(
    private readonly tagger: AttributionTagger,
    private readonly wordLimit = WORD_LIMIT,
  ) {
    this.weights = tagger.weights;
    const { table, present, mask, absent } = tagger.weights;
    // Past the table, the row the kernel reads of its last slot runs 2 bytes on.
    const presentAt = this.tableAt + 2 * table.length + 16;
    this.recordsAt = presentAt + 4 * present.length;
    this.memory = newMemory(Math.ceil(this.recordsAt / PAGE));
    this.kernel = scoreKernel(this.memory, { table: this.tableAt, present: presentAt, mask, absent });
    writeMoves(this.memory.buffer, 0, tagger.moves, tagger.start);
    new Int16Array(this.memory.buffer, this.tableAt, table.length).set(table);
    new Int32Array(this.memory.buffer, presentAt, present.length).set(present);
    this.layOut();
    // The sum tables, which the kernel reads by address: templates 0, 13, 15, 16, 22, 23 and 24 (a
    // token's place in its sentence and quotation), 17 to 21 (the distances to the nearest cue words,
    // with the quotation), 11 and 29 (the shapes of a token and of its neighbours).
    const { buffer } = this.memory;
    const place = new Int32Array(buffer, this.placeAt, PLACE_SIZE);
    const near = new Int32Array(buffer, this.nearAt, NEAR_SIZE);
    const shapes = new Int32Array(buffer, this.shapesAt, SHAPES_SIZE);
    for (let has = 0; has < 4; has++)
      for (let q = 0; q < 2; q++)
        for (let first = 0; first < 2; first++)
          for (let fromStart = 0; fromStart < BUCKETS; fromStart++)
            for (let fromEnd = 0; fromEnd < BUCKETS; fromEnd++) {
              const at = placeAt(has, q, first, fromStart, fromEnd);
              const cueHere = has & 1;
              this.add(place, at, 0, 0);
              this.add(place, at, 13, q);
              this.add(place, at, 15, fromStart);
              this.add(place, at, 16, fromEnd);
              this.add(place, at, 22, has);
              this.add(place, at, 23, cueHere * 2 + q);
              this.add(place, at, 24, first * 2 + cueHere);
            }
    for (const left of NEAR_VALUES)
      for (const right of NEAR_VALUES)
        for (let q = 0; q < 2; q++) {
          const at = nearAt(left, right, q);
          this.add(near, at, 17, left);
          this.add(near, at, 18, right);
          this.add(near, at, 19, left * 64 + right);
          this.add(near, at, 20, left * 2 + q);
          this.add(near, at, 21, right * 2 + q);
        }
    SHAPE_VALUES.forEach((a, ca) => {
      SHAPE_VALUES.forEach((b, cb) => {
        SHAPE_VALUES.forEach((c, cc) => {
          const at = ((ca * SHAPES + cb) * SHAPES + cc) * T;
          this.add(shapes, at, 11, b);
          this.add(shapes, at, 29, (a * 32 + b) * 32 + c);
        });
      });
    });
    this.allocate(Math.max(wordLimit, FIXED_FORMS.length));
  }

  /**
   * Places the records (`room` words) and the work areas (`capacity` tokens) past the tables, grows
   * the memory to hold them, and makes every view of it again. The records' contents are not kept:
   * it runs before `forget`, or with none kept yet. A memory does not shrink: it keeps what the
   * longest unit met took (some 360 bytes a token of it: records, and room for twice its hashes, scores
   * and Viterbi pass), as the arrays it replaces kept theirs; the rows take a bounded window.
   */
  private layOut(): void {
    const c = this.capacity;
    this.hashesAt = this.recordsAt + this.room * RECORD_INT32 * 4;
    this.rowsAt = this.hashesAt + (c + 4) * 4;
    this.scoresAt = this.rowsAt + Math.min(c, ROW_WINDOW) * ROWS * 4;
    this.latticeAt = this.scoresAt + c * SCORE_BYTES + 8;
    const end = this.latticeAt + c * SCORE_BYTES;
    const buffer = growTo(this.memory, end);
    this.sums = new Int16Array(buffer, this.recordsAt, this.room * RECORD_INT16);
    this.meta = new Int32Array(buffer, this.recordsAt, this.room * RECORD_INT32);
    this.tokenHashes = new Int32Array(buffer, this.hashesAt, c + 4);
    this.rows = new Int32Array(buffer, this.rowsAt, Math.min(c, ROW_WINDOW) * ROWS);
    this.scores = new Float64Array(buffer, this.scoresAt, c * T);
    this.lattice = new Float64Array(buffer, this.latticeAt, c * T);
  }

  /** Adds the weights of template `template` with value `value` to `into[at..at + T)`. */
  private add(into: Int32Array, at: number, template: number, value: number): void {
    const { table } = this.weights;
    const w = this.weights.find(mixHash32(SEEDS[template] as number, value));
    for (let t = 0; t < T; t++) into[at + t] = (into[at + t] as number) + (table[w + t] as number);
  }

  /** Room for `words` words, with none kept but `FIXED_FORMS`; at most three in four hash slots are used. */
  private allocate(words: number): void {
    this.room = words;
    this.layOut();
    let slots = 1;
    while (slots * 3 < words * 4) slots *= 2;
    this.slots = new Int32Array(slots * SLOT);
    this.forget();
  }

  /** Drops every word kept but `FIXED_FORMS`. */
  private forget(): void {
    this.epoch++;
    this.count = 0;
    this.slots.fill(0);
    this.wide.clear();
    this.unpacked.clear();
    for (const form of FIXED_FORMS) this.intern(form);
  }

  /**
   * The ids and the hashes of the forms (`tokenForm`) of a unit's `n` tokens, into `tokenIds[k + 2]`
   * and `tokenHashes[k + 2]`. A word of ASCII characters (and "’") is hashed and packed from the source
   * as its form reads, and found by that; others, and a form not yet kept, go by its string. All are
   * hashed first and looked up after: the lookups, many of them cache misses, then do not wait on one
   * another.
   */
  private findWords(text: TextLayer, first: number, n: number): void {
    const { tokens, source } = text;
    const { tokenIds: ids, tokenHashes: hashes, lengths, packs, byWord, knownAt } = this;
    const vocabulary = tokens.wordIds();
    if (this.epochGeneration !== vocabularyGeneration()) {
      this.epochGeneration = vocabularyGeneration();
      this.epoch++;
    }
    const epoch = this.epoch;
    for (let k = 0; k < n; k++) {
      const i = first + k;
      const kind = tokens.kind(i);
      const fixed =
        kind === TokenKind.Number
          ? NUMBER_ID
          : kind === TokenKind.Url
            ? URL_ID
            : kind === TokenKind.Quote
              ? (QUOTE_IDS[text.quoteRole(i)] as number)
              : -1;
      knownAt[k] = -1;
      if (fixed >= 0) {
        ids[k + 2] = fixed;
        hashes[k + 2] = FIXED_HASHES[fixed] as number;
        lengths[k] = FOUND;
        continue;
      }
      // Other tokens' forms depend on their texts alone.
      if (vocabulary) {
        const known = (vocabulary[i] as number) * KNOWN;
        if (byWord[known] === epoch) {
          ids[k + 2] = byWord[known + KNOWN_ID] as number;
          hashes[k + 2] = byWord[known + KNOWN_HASH] as number;
          lengths[k] = FOUND;
          continue;
        }
        knownAt[k] = known;
      }
      const start = tokens.start(i);
      const end = tokens.end(i);
      const pack = k * PACK_WORDS;
      let h = 0x811c9dc5;
      let word = 0;
      let j = start;
      for (; j < end; j++) {
        let c = source.charCodeAt(j);
        // "’" reads as "'" (`tokenForm`); a word with other characters outside ASCII goes by its string.
        if (c === 0x2019) c = 0x27;
        else if (c >= 0x80) break;
        else if (c >= 0x41 && c <= 0x5a) c += 0x20;
        h = Math.imul(h ^ c, 0x01000193);
        const at = j - start;
        word |= c << (7 * (at & 3));
        if ((at & 3) === 3) {
          if (at < PACKED) packs[pack + (at >> 2)] = word;
          word = 0;
        }
      }
      const length = end - start;
      if (j < end) lengths[k] = BY_STRING;
      else {
        hashes[k + 2] = h;
        lengths[k] = length;
        if ((length & 3) !== 0 && length < PACKED) packs[pack + (length >> 2)] = word;
      }
    }
    const { slots, unpacked } = this;
    const mask = slots.length / SLOT - 1;
    for (let k = 0; k < n; k++) {
      const length = lengths[k] as number;
      if (length === FOUND) continue;
      const h = hashes[k + 2] as number;
      let id = -1;
      if (length !== BY_STRING) {
        const pack = k * PACK_WORDS;
        const words = (length + 3) >> 2;
        for (let slot = (h & mask) * SLOT, kept = (slots[slot + SLOT_ID] as number) - 1; kept >= 0; ) {
          if (slots[slot] === h) {
            let same: boolean;
            if (length <= PACKED) {
              same = slots[slot + SLOT_LENGTH] === length;
              for (let w = 0; same && w < words; w++) same = slots[slot + SLOT_PACK + w] === packs[pack + w];
            } else
              same =
                slots[slot + SLOT_LENGTH] === UNPACKED &&
                sameForm(
                  unpacked.get(kept) as string,
                  source,
                  tokens.start(first + k),
                  tokens.end(first + k),
                );
            if (same) {
              id = kept;
              break;
            }
          }
          slot = (slot + SLOT) & (slots.length - 1);
          kept = (slots[slot + SLOT_ID] as number) - 1;
        }
      }
      if (id < 0) {
        const form = tokenForm(text, first + k);
        id = this.intern(form);
        hashes[k + 2] = hashText(form) | 0;
      }
      ids[k + 2] = id;
      const known = knownAt[k] as number;
      if (known >= 0) {
        byWord[known] = epoch;
        byWord[known + KNOWN_ID] = id;
        byWord[known + KNOWN_HASH] = hashes[k + 2] as number;
      }
    }
  }

  /** The id of `form`, kept now if it was not: the caller sees that there is room for one more word. */
  private intern(form: string): number {
    const hw = hashText(form) | 0;
    const { slots, formPack, unpacked } = this;
    packWord(form, formPack, 0);
    const isPacked = formPack[SLOT_LENGTH] !== UNPACKED;
    const mask = slots.length / SLOT - 1;
    let slot = (hw & mask) * SLOT;
    for (
      let id = (slots[slot + SLOT_ID] as number) - 1;
      id >= 0;
      id = (slots[slot + SLOT_ID] as number) - 1
    ) {
      if (slots[slot] === hw && samePack(slots, slot, formPack) && (isPacked || unpacked.get(id) === form))
        return id;
      slot = (slot + SLOT) & (slots.length - 1);
    }
    const id = this.count++;
    if (!isPacked) unpacked.set(id, ownString(form));
    slots[slot] = hw;
    // Copied one by one: a view to copy from would be made per word kept.
    for (let j = SLOT_LENGTH; j < SLOT; j++) slots[slot + j] = formPack[j] as number;
    slots[slot + SLOT_ID] = id + 1;
    const hs = form.length > 5 ? hashText(stem(form)) | 0 : hw;
    const suffix = form.length > 3 ? hashText(form.slice(-3)) | 0 : hw;
    const { exact, sums, meta } = this;
    exact.fill(0);
    for (let q = 0; q < 2; q++)
      for (let opens = 0; opens < 2; opens++) {
        const self = SELF + (q * 2 + opens) * T;
        this.add(exact, self, 1, hw);
        this.add(exact, self, 8, hs);
        this.add(exact, self, 12, suffix);
        this.add(exact, self, 14, mixHash32(q, hw));
        this.add(exact, self, 30, mixHash32(opens, hw));
      }
    this.add(exact, BEFORE, 2, hw);
    this.add(exact, BEFORE, 9, hs);
    this.add(exact, AFTER, 3, hw);
    this.add(exact, AFTER, 10, hs);
    this.add(exact, BEFORE2, 4, hw);
    this.add(exact, AFTER2, 5, hw);
    const row = id * RECORD_INT16;
    let wide = false;
    for (let j = SELF; j < SUMS_END; j++) {
      const sum = exact[j] as number;
      const kept = Math.min(INT16_MAX, Math.max(INT16_MIN, sum));
      sums[row + j] = kept;
      wide ||= kept !== sum;
    }
    if (wide) this.wide.set(id, exact.slice());
    sums[row + FLAGS] =
      (this.tagger.cueWords.has(form) || isReportingWord(form) ? CUE : 0) |
      (form === '<q>' ? OPENS : 0) |
      (form === '</q>' ? CLOSES : 0) |
      (wide ? WIDE : 0);
    const crossed = CROSSED[form] as unknown;
    sums[row + CROSSING] = crossed === undefined ? KEEP : typeof crossed === 'number' ? crossed : BROKEN;
    const at = id * RECORD_INT32;
    meta[at + STEM] = hs;
    meta[at + NO_CUE_LEFT] = this.weights.find(mixHash32(SEEDS[25] as number, mixHash32(hs, 0)));
    meta[at + NO_CUE_RIGHT] = this.weights.find(mixHash32(SEEDS[26] as number, mixHash32(hs, 0)));
    return id;
  }

  /**
   * Scratch per unit, grown as needed. `tokenIds[k + 2]` is token k's word and `tokenHashes[k + 2]`
   * the hash of its form, with two words of margin; the hashes, the rows (`ROWS` a token, for a window
   * of tokens), the scores and those of the Viterbi pass are in the kernel's memory.
   */
  private capacity = 0;
  private tokenIds = new Int32Array(0);
  private tokenHashes = new Int32Array(0);
  private rows = new Int32Array(0);
  private lattice = new Float64Array(0);
  /** Per token, its length or what `findWords` does with it (`FOUND`, `BY_STRING`), and its pack. */
  private lengths = new Int32Array(0);
  private packs = new Int32Array(0);
  private shapeCodes = new Uint8Array(0);
  private quoted = new Uint8Array(0);
  private left = new Uint8Array(0);
  private right = new Uint8Array(0);
  private leftWord = new Int32Array(0);
  private rightWord = new Int32Array(0);
  private sentenceHas = new Uint8Array(0);
  private scores = new Float64Array(0);

  private reserve(n: number): void {
    if (n <= this.capacity) return;
    const c = Math.max(256, n * 2);
    this.capacity = c;
    this.layOut();
    this.tokenIds = new Int32Array(c + 4);
    this.lengths = new Int32Array(c);
    this.packs = new Int32Array(c * PACK_WORDS);
    this.shapeCodes = new Uint8Array(c + 2);
    this.quoted = new Uint8Array(c);
    this.left = new Uint8Array(c);
    this.right = new Uint8Array(c);
    this.leftWord = new Int32Array(c);
    this.rightWord = new Int32Array(c);
    this.sentenceHas = new Uint8Array(c);
    this.knownAt = new Int32Array(c);
  }

  /**
   * The tags of a unit (from the start of an array the next call reuses, which may run on past the
   * unit), or undefined when it holds no cue word and no quote mark: the tagger finds no attribution
   * in such a paragraph, so it is not tagged.
   */
  tag(text: TextLayer, unit: TagUnit): Uint8Array | undefined {
    if (!this.emissions(text, unit)) return undefined;
    const n = unit.end - unit.first;
    this.kernel.forward(n, this.scoresAt, this.latticeAt, 0);
    return this.tagger.path(this.lattice, n);
  }

  /**
   * The emission scores of a unit's tokens, `[k * TAG_COUNT + tag]` for token `unit.first + k` (the
   * array may run on past the unit, and is reused by the next call), or undefined as for `tag`.
   */
  emissions(text: TextLayer, unit: TagUnit): Float64Array | undefined {
    const n = unit.end - unit.first;
    this.reserve(n);
    if (this.count + n > this.wordLimit) this.forget();
    // A unit with more distinct words than the bound gets a table of its own size.
    if (this.count + n > this.room) this.allocate(FIXED_FORMS.length + n);
    const { tokenIds: ids, tokenHashes: hashes } = this;
    this.findWords(text, unit.first, n);
    const { sums } = this;
    let marked = 0;
    for (let k = 0; k < n; k++) marked |= sums[(ids[k + 2] as number) * RECORD_INT16 + FLAGS] as number;
    if ((marked & MARKS) === 0) return undefined;
    ids[0] = BEGIN_ID;
    ids[1] = BEGIN_ID;
    ids[n + 2] = END_ID;
    ids[n + 3] = END_ID;
    hashes[0] = FIXED_HASHES[BEGIN_ID] as number;
    hashes[1] = FIXED_HASHES[BEGIN_ID] as number;
    hashes[n + 2] = FIXED_HASHES[END_ID] as number;
    hashes[n + 3] = FIXED_HASHES[END_ID] as number;
    const { shapeCodes, quoted, sentenceHas } = this;
    const { sentenceOf } = unit;
    const sentenceFirst = sentenceOf[0] as number;
    sentenceHas.fill(0, 0, (sentenceOf[n - 1] as number) - sentenceFirst + 1);
    shapeCodes[0] = 0;
    shapeCodes[n + 1] = 0;
    let open = 0;
    for (let k = 0; k < n; k++) {
      const f = sums[(ids[k + 2] as number) * RECORD_INT16 + FLAGS] as number;
      shapeCodes[k + 1] = SHAPE_CODE[shapeOf(text, unit.first + k)] as number;
      if (f & CLOSES) open = 0;
      quoted[k] = open;
      if (f & OPENS) open = 1;
      const s = (sentenceOf[k] as number) - sentenceFirst;
      sentenceHas[s] = (sentenceHas[s] as number) | (f & CUE) | (f & OPENS);
    }
    this.sweep(n, sentenceOf, 1, this.left, this.leftWord);
    this.sweep(n, sentenceOf, -1, this.right, this.rightWord);
    this.sum(text, unit, n);
    const edges =
      (sums[BEGIN_ID * RECORD_INT16 + FLAGS] as number) | (sums[END_ID * RECORD_INT16 + FLAGS] as number);
    if ((marked | edges) & WIDE) {
      // The word before the first token is the one wide word of the shipped model; the others are rare.
      this.widen(text, unit, n, 0);
      this.widen(text, unit, n, 1);
      if (marked & WIDE) for (let p = 2; p < n + 2; p++) this.widen(text, unit, n, p);
      this.widen(text, unit, n, n + 2);
      this.widen(text, unit, n, n + 3);
    }
    return this.scores;
  }

  /**
   * The nearest cue word within the sentence on one side of each token: its distance coded as
   * `bucket * 8 + crossed` (0 when there is none), and its stem's hash.
   */
  private sweep(n: number, sentenceOf: Int32Array, step: 1 | -1, near: Uint8Array, word: Int32Array): void {
    const ids = this.tokenIds;
    const { sums, meta } = this;
    let last = -1;
    let crossed = 0;
    for (let j = 0; j < n; j++) {
      const k = step === 1 ? j : n - 1 - j;
      if (j !== 0 && sentenceOf[k] !== sentenceOf[k - step]) last = -1;
      if (last >= 0) {
        near[k] = crossed < 0 ? 0 : bucket(Math.abs(k - last)) * 8 + crossed;
        word[k] = meta[(ids[last + 2] as number) * RECORD_INT32 + STEM] as number;
      } else {
        near[k] = 0;
        word[k] = 0;
      }
      const row = (ids[k + 2] as number) * RECORD_INT16;
      const crossing = sums[row + CROSSING] as number;
      if ((sums[row + FLAGS] as number) & CUE) {
        last = k;
        crossed = 0;
      } else if (crossing !== KEEP) crossed = crossing;
    }
  }

  /**
   * The scores of a unit's tokens: what depends on a token's place, its cue words and its shapes is
   * found here, as the rows the kernel sums, which it does for each window of `ROW_WINDOW` tokens.
   */
  private sum(text: TextLayer, unit: TagUnit, n: number): void {
    const ids = this.tokenIds;
    const { meta, weights, shapeCodes, quoted, rows, recordsAt, tableAt } = this;
    const { left, right, leftWord, rightWord, sentenceHas } = this;
    const { sentenceOf } = unit;
    const sentenceFirst = sentenceOf[0] as number;
    const scale = this.tagger.scale;
    const seed25 = (SEEDS[25] as number) | 0;
    const seed26 = (SEEDS[26] as number) | 0;
    const seed31 = (SEEDS[31] as number) | 0;
    const seed32 = (SEEDS[32] as number) | 0;
    let lastLeftWord = -1;
    let lastLeft = -1;
    let w31 = 0;
    let lastRightWord = -1;
    let lastRight = -1;
    let w32 = 0;
    // The bounds of the token's sentence (`tagUnits` numbers only sentences there are), read when the
    // sentence changes.
    let s = -1;
    let sentenceStart = 0;
    let sentenceLast = 0;
    for (let k = 0; k < n; k++) {
      const i = unit.first + k;
      if (sentenceOf[k] !== s) {
        s = sentenceOf[k] as number;
        const sentence = text.sentences[s] as SentenceSpan;
        sentenceStart = sentence.firstToken;
        sentenceLast = sentence.endToken - 1;
      }
      const position = i - sentenceStart;
      const fromEnd = sentenceLast - i;
      const q = quoted[k] as number;
      const lc = left[k] as number;
      const rc = right[k] as number;
      const id = ids[k + 2] as number;
      const self = id * RECORD_INT16 + SELF + (q * 2 + (position === 0 ? 1 : 0)) * T;
      const before = (ids[k + 1] as number) * RECORD_INT16 + BEFORE;
      const after = (ids[k + 3] as number) * RECORD_INT16 + AFTER;
      const before2 = (ids[k] as number) * RECORD_INT16 + BEFORE2;
      const after2 = (ids[k + 4] as number) * RECORD_INT16 + AFTER2;
      const pl = placeAt(
        sentenceHas[s - sentenceFirst] as number,
        q,
        s === sentenceFirst ? 1 : 0,
        bucket(position + 1),
        bucket(fromEnd + 1),
      );
      const nr = nearAt(lc, rc, q);
      const sh =
        (((shapeCodes[k] as number) * SHAPES + (shapeCodes[k + 1] as number)) * SHAPES +
          (shapeCodes[k + 2] as number)) *
        T;
      const stemHash = meta[id * RECORD_INT32 + STEM] as number;
      // Weights of templates 25, 26, 31 and 32 (zeros where the model lacks them).
      const w25 =
        lc === 0
          ? (meta[id * RECORD_INT32 + NO_CUE_LEFT] as number)
          : weights.find(mixHash32(seed25, mixHash32(stemHash, lc)));
      const w26 =
        rc === 0
          ? (meta[id * RECORD_INT32 + NO_CUE_RIGHT] as number)
          : weights.find(mixHash32(seed26, mixHash32(stemHash, rc)));
      // The same cue word at the same distance class as for the token before: the same weights.
      if (leftWord[k] !== lastLeftWord || lc !== lastLeft) {
        lastLeftWord = leftWord[k] as number;
        lastLeft = lc;
        w31 = weights.find(mixHash32(seed31, mixHash32(lastLeftWord, lc)));
      }
      if (rightWord[k] !== lastRightWord || rc !== lastRight) {
        lastRightWord = rightWord[k] as number;
        lastRight = rc;
        w32 = weights.find(mixHash32(seed32, mixHash32(lastRightWord, rc)));
      }
      // The rows the kernel sums, as byte addresses, in score-kernel.ts's order (the int16 ones first).
      const r = (k % ROW_WINDOW) * ROWS;
      rows[r] = recordsAt + 2 * self;
      rows[r + 1] = recordsAt + 2 * before;
      rows[r + 2] = recordsAt + 2 * after;
      rows[r + 3] = recordsAt + 2 * before2;
      rows[r + 4] = recordsAt + 2 * after2;
      rows[r + 5] = tableAt + 2 * w25;
      rows[r + 6] = tableAt + 2 * w26;
      rows[r + 7] = tableAt + 2 * w31;
      rows[r + 8] = tableAt + 2 * w32;
      rows[r + INT16_ROWS] = this.placeAt + 4 * pl;
      rows[r + INT16_ROWS + 1] = this.nearAt + 4 * nr;
      rows[r + INT16_ROWS + 2] = this.shapesAt + 4 * sh;
      if (k % ROW_WINDOW === ROW_WINDOW - 1 || k === n - 1) {
        const from = k - (k % ROW_WINDOW);
        const { scoresAt, hashesAt } = this;
        this.kernel.sumRows(
          k + 1 - from,
          this.rowsAt,
          scoresAt + from * SCORE_BYTES,
          scale,
          hashesAt + 4 * from,
        );
      }
    }
  }

  /**
   * When the word at `tokenIds[p]` is `WIDE`, adds back to the scores what its clamped sums left out,
   * for each token that reads it: as its own (with the token's quotation and place), before or after it.
   */
  private widen(text: TextLayer, unit: TagUnit, n: number, p: number): void {
    const id = this.tokenIds[p] as number;
    const row = id * RECORD_INT16;
    if (((this.sums[row + FLAGS] as number) & WIDE) === 0) return;
    const exact = this.wide.get(id) as Int32Array;
    const k = p - 2;
    if (k >= 0 && k < n) {
      const sentence = text.sentences[unit.sentenceOf[k] as number] as SentenceSpan;
      const opens = unit.first + k === sentence.firstToken ? 1 : 0;
      this.restore(k, exact, row, SELF + ((this.quoted[k] as number) * 2 + opens) * T);
    }
    if (p - 1 >= 0 && p - 1 < n) this.restore(p - 1, exact, row, BEFORE);
    if (p - 3 >= 0 && p - 3 < n) this.restore(p - 3, exact, row, AFTER);
    if (p < n) this.restore(p, exact, row, BEFORE2);
    if (p - 4 >= 0) this.restore(p - 4, exact, row, AFTER2);
  }

  /**
   * Token `k`'s scores with the part of `exact` at `part` in place of what its record holds there. A
   * score is its integer sum times the scale; that sum comes back exactly from it (it is far below
   * 2^53 times the rounding error), so the score becomes what the exact sum would have given.
   */
  private restore(k: number, exact: Int32Array, row: number, part: number): void {
    const { sums, scores } = this;
    const scale = this.tagger.scale;
    for (let t = 0; t < T; t++) {
      const cut = (exact[part + t] as number) - (sums[row + part + t] as number);
      if (cut !== 0) scores[k * T + t] = (Math.round((scores[k * T + t] as number) / scale) + cut) * scale;
    }
  }
}

/** Whether `form` is the source's `[start, end)` as `tokenForm` reads a word of ASCII characters and "’". */
function sameForm(form: string, source: string, start: number, end: number): boolean {
  if (form.length !== end - start) return false;
  for (let j = 0; j < form.length; j++) {
    const c = source.charCodeAt(start + j);
    if (form.charCodeAt(j) !== (c === 0x2019 ? 0x27 : c >= 0x41 && c <= 0x5a ? c + 0x20 : c)) return false;
  }
  return true;
}

/** Whether hash slot `slot` holds the length and pack of `formPack` (as `packWord` writes them at 0). */
function samePack(slots: Int32Array, slot: number, formPack: Int32Array): boolean {
  for (let j = SLOT_LENGTH; j < SLOT; j++) if (slots[slot + j] !== formPack[j]) return false;
  return true;
}

const placeAt = (has: number, q: number, first: number, fromStart: number, fromEnd: number) =>
  ((((has * 2 + q) * 2 + first) * BUCKETS + fromStart) * BUCKETS + fromEnd) * T;

const nearAt = (left: number, right: number, q: number) =>
  (((NEAR_CODE[left] as number) * NEARS + (NEAR_CODE[right] as number)) * 2 + q) * T;

let shared: UnitScorer | undefined;

/** The scorer of the shipped model, made once per process, on first use. */
export function defaultScorer(): UnitScorer {
  shared ??= new UnitScorer(defaultTagger());
  return shared;
}
