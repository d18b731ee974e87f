import type { Entity, EntityType, Mention } from '../document/analysis.js';
import { sortStably } from '../document/sort-stably.js';
import { isBlankRange, type Span } from '../document/span.js';
import { onlyFunctionWords } from './function-words.js';

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you']);
const PERSON_PRONOUNS = new Set(['he', 'she', 'i']);
// Heads that make an unnamed source an organisation rather than a person.
const ORG_HEADS = new Set(
  (
    'agency agencies media ministry department office government council committee commission company firm ' +
    'group police military army command service bureau authorities newspaper paper network television tv ' +
    'radio campaign party court board administration embassy parliament congress senate house union ' +
    'association institute center centre university foundation organization organisation outlet poll survey ' +
    'report statement'
  ).split(' '),
);
const MEDIA_WORDS = new Set(
  'news agency media newspaper broadcaster television tv radio wire daily times post journal press kcna yonhap xinhua tass reuters afp ap cnn bbc'.split(
    ' ',
  ),
);
const NOT_MEDIA = new Set(['spy', 'intelligence', 'space', 'security']);

/**
 * A name's words are its runs of letters, lower-cased. A name in ASCII is read in place, its runs of a-z
 * cut out one at a time with no regex and no list; any other needs the Unicode one.
 */
function isAscii(lower: string): boolean {
  for (let j = 0; j < lower.length; j++) if (lower.charCodeAt(j) >= 0x80) return false;
  return true;
}

const isLetter = (c: number) => c >= 0x61 && c <= 0x7a;

/** The words of a lower-cased name not in ASCII. */
const unicodeWords = (lower: string) => lower.split(/[^\p{L}]+/u).filter(Boolean);

/** `mediaWords` of the words of a lower-cased name in ASCII. */
function asciiMediaWords(lower: string): boolean {
  let media = false;
  let start = -1;
  for (let j = 0; j <= lower.length; j++) {
    if (j < lower.length && isLetter(lower.charCodeAt(j))) {
      if (start < 0) start = j;
    } else if (start >= 0) {
      const w = lower.slice(start, j);
      if (NOT_MEDIA.has(w)) return false;
      media ||= MEDIA_WORDS.has(w);
      start = -1;
    }
  }
  return media;
}

/** The last word of a lower-cased name in ASCII, '' when it has none. */
function asciiLastWord(lower: string): string {
  let end = lower.length;
  while (end > 0 && !isLetter(lower.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isLetter(lower.charCodeAt(start - 1))) start--;
  return lower.slice(start, end);
}

/** A source that relays others' words: a news outlet or state medium, never a spy agency's claim. */
export function isMediaName(name: string): boolean {
  const lower = name.toLowerCase();
  return isAscii(lower) ? asciiMediaWords(lower) : mediaWords(unicodeWords(lower));
}

/** Words that name a medium, and none that name a spy agency or the like. */
function mediaWords(w: readonly string[]): boolean {
  let media = false;
  for (let k = 0; k < w.length; k++) {
    if (NOT_MEDIA.has(w[k] as string)) return false;
    media ||= MEDIA_WORDS.has(w[k] as string);
  }
  return media;
}

/** A phrase whose head (its last word) makes it an organisation, or that names a medium. */
function isOrgPhrase(phrase: string): boolean {
  const lower = phrase.toLowerCase();
  if (isAscii(lower)) return ORG_HEADS.has(asciiLastWord(lower)) || asciiMediaWords(lower);
  const w = unicodeWords(lower);
  return ORG_HEADS.has(w[w.length - 1] ?? '') || mediaWords(w);
}

/** "the Korean Central News Agency (KCNA)": the phrase without its bracketed acronym. */
function withoutBracket(source: Span): Span {
  const open = source.text.lastIndexOf('(');
  if (!source.text.endsWith(')') || open <= 0 || source.text.length - open > 42) return source;
  let end = open;
  while (end > 0 && /\s/.test(source.text.charAt(end - 1))) end--;
  return { start: source.start, end: source.start + end, text: source.text.slice(0, end) };
}

/** Room kept in the lists of mentions for those sources add: a document's few, mostly. */
const ADDED_ROOM = 8;

/**
 * Speakers as entities. A source span resolves to the entity with a mention at its head (the end of
 * the phrase: "leader Kim", not "South Korea" in "South Korea's spy agency"); a pronoun to the entity
 * the entity layer gave it, else to the last person who spoke; a source no entity covers becomes a new
 * entity of its own, so a quote can always name who said it.
 */
export class SpeakerResolver {
  private readonly entities: readonly Entity[];
  private readonly byId = new Map<string, Entity>();
  /** Every mention and the entity it names, side by side: no pair object per mention. */
  private mentions: Mention[] = [];
  /** How many of the slots of `mentions` and `owners` hold one. */
  private count = 0;
  private owners: Entity[] = [];
  /**
   * Positions in `mentions` sorted by mention start, those given and those added apart, and the longest
   * mention: overlaps by search. Added to the given ones, each source would move all those after it.
   */
  private byStart: number[] = [];
  private addedByStart: number[] = [];
  private longest = 0;
  private added = 0;
  /** Entities this resolver made, by their name without a leading article: "the KCNA" twice is one. */
  private made: Map<string, Entity> | undefined;
  /** Entities this resolver made, in the order made, after those given. */
  private readonly created: Entity[] = [];
  /**
   * Mentions found for an entity, by its id, in the order found: joined to the entity once, in `all`,
   * rather than copying its mentions at each one.
   */
  private grown: Map<string, Mention[]> | undefined;
  lastPerson: string | undefined;

  /** Whether the lookups above hold the entities given: made on first use, as many documents name no source. */
  private indexed = false;
  /** `isMediaName` by name, as the relay rules ask it of the same few speakers again and again. */
  private media: Map<string, boolean> | undefined;

  constructor(existing: readonly Entity[]) {
    this.entities = existing;
  }

  private ensureIndexed(): void {
    if (this.indexed) return;
    this.indexed = true;
    let n = 0;
    for (let i = 0; i < this.entities.length; i++) n += (this.entities[i] as Entity).mentions.length;
    // Filled by index, with room for the mentions sources add: pushed one by one, they would grow (and
    // be copied) again and again.
    const mentions = new Array<Mention>(n + ADDED_ROOM);
    const owners = new Array<Entity>(n + ADDED_ROOM);
    let at = 0;
    for (let i = 0; i < this.entities.length; i++) {
      const e = this.entities[i] as Entity;
      this.byId.set(e.id, e);
      for (let j = 0; j < e.mentions.length; j++) {
        const mention = e.mentions[j] as Mention;
        mentions[at] = mention;
        owners[at++] = e;
        this.longest = Math.max(this.longest, mention.end - mention.start);
      }
    }
    this.mentions = mentions;
    this.owners = owners;
    this.count = n;
    // One sort rather than an insertion per mention, stable, so equal starts stay in the order added.
    const order = new Array<number>(n);
    for (let k = 0; k < n; k++) order[k] = k;
    this.byStart = sortStably(order, (k) => (mentions[k] as Mention).start);
  }

  private add(mention: Mention, entity: Entity): void {
    const at = this.count++;
    if (at < this.mentions.length) {
      this.mentions[at] = mention;
      this.owners[at] = entity;
    } else {
      this.mentions.push(mention);
      this.owners.push(entity);
    }
    this.longest = Math.max(this.longest, mention.end - mention.start);
    const order = this.addedByStart;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.mentions[order[mid] as number] as Mention).start <= mention.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo === order.length) order.push(at);
    else order.splice(lo, 0, at);
  }

  /**
   * The position in `mentions` of the mention at the head of `source`, or -1: of those sharing a
   * position with it, the first added that is `source` exactly, else the first that holds it, else the
   * longest (the first added of those as long) that ends where it ends or before white space alone.
   * One pass over them, with no list made.
   */
  private headOf(source: Span, text: string): number {
    const mentions = this.mentions;
    let exact = -1;
    let holding = -1;
    let ending = -1;
    let endingLength = -1;
    // The choice goes by position in `mentions`, not by the order met: each list is searched alike.
    for (let list = 0; list < 2; list++) {
      const order = list === 0 ? this.byStart : this.addedByStart;
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((mentions[order[mid] as number] as Mention).start < source.end) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo - 1; i >= 0; i--) {
        const k = order[i] as number;
        const m = mentions[k] as Mention;
        if (m.start + this.longest <= source.start) break;
        if (source.start >= m.end) continue;
        if (m.end === source.end && m.start === source.start && (exact < 0 || k < exact)) exact = k;
        if (m.end >= source.end && m.start <= source.start && (holding < 0 || k < holding)) holding = k;
        // A mention ending past `source` reads as ending before nothing but white space: it qualifies.
        if (m.end === source.end || isBlankRange(text, m.end, source.end)) {
          const length = m.end - m.start;
          if (length > endingLength || (length === endingLength && k < ending)) {
            ending = k;
            endingLength = length;
          }
        }
      }
    }
    return exact >= 0 ? exact : holding >= 0 ? holding : ending;
  }

  /**
   * The entities given and those made, each with the mentions found for it: an entity given is copied,
   * never edited, and the copy stands where the entity with its id first stands.
   */
  get all(): readonly Entity[] {
    const grown = this.grown;
    if (!grown && this.created.length === 0) return this.entities;
    const out = [...this.entities, ...this.created];
    if (!grown) return out;
    const done = new Set<string>();
    for (let i = 0; i < out.length; i++) {
      const id = (out[i] as Entity).id;
      const more = grown.get(id);
      if (!more || done.has(id)) continue;
      done.add(id);
      const e = this.byId.get(id) as Entity;
      out[i] = { ...e, mentions: [...e.mentions, ...more] };
    }
    return out;
  }

  entity(id: string | undefined): Entity | undefined {
    if (id === undefined) return undefined;
    this.ensureIndexed();
    return this.byId.get(id);
  }

  /** `isMediaName(name)`, remembered for this document. */
  isMedia(name: string): boolean {
    this.media ??= new Map();
    let media = this.media.get(name);
    if (media === undefined) {
      media = isMediaName(name);
      this.media.set(name, media);
    }
    return media;
  }

  resolve(stated: Span, text: string): string | undefined {
    this.ensureIndexed();
    const source = withoutBracket(stated);
    const head = this.headOf(source, text);
    if (head >= 0) return this.note(this.owners[head] as Entity);
    const lower = source.text.toLowerCase();
    if (PRONOUNS.has(lower)) {
      const person = PERSON_PRONOUNS.has(lower)
        ? (this.entity(this.lastPerson) ?? this.personBefore(source.start))
        : undefined;
      if (!person) return undefined;
      // The pronoun is a mention of the speaker it stands for: say so in the entity layer too.
      this.grow(person, { start: source.start, end: source.end, text: source.text, kind: 'pronoun' });
      return person.id;
    }
    // "The", "which", "both": a cut fragment or a pronoun the entity layer left unresolved names no one.
    if (onlyFunctionWords(source.text)) return undefined;
    // A modifier's mention ("South Korea" in "South Korea's spy agency") is not the speaker: the phrase is.
    const type: EntityType = isOrgPhrase(source.text) ? 'ORG' : 'PERSON';
    if (!/\p{L}/u.test(source.text)) return undefined;
    const key = lower.replace(/^(?:the|a|an)\s+/, '');
    this.made ??= new Map();
    const known = this.made.get(key);
    const mention: Mention = { start: source.start, end: source.end, text: source.text, kind: 'nominal' };
    if (known) {
      this.grow(known, mention);
      return this.note(known);
    }
    const created: Entity = {
      id: `e-source-${++this.added}`,
      type,
      name: source.text,
      mentions: [mention],
      rule: 'attribution/unnamed-source',
      confidence: 0.5,
    };
    this.created.push(created);
    this.made.set(key, created);
    this.byId.set(created.id, created);
    this.add(mention, created);
    return this.note(created);
  }

  /** With no speaker yet, a pronoun stands for the person named last before it. */
  private personBefore(offset: number): Entity | undefined {
    let best = -1;
    for (let k = 0; k < this.count; k++) {
      const m = this.mentions[k] as Mention;
      if (
        (this.owners[k] as Entity).type === 'PERSON' &&
        m.end <= offset &&
        (best < 0 || m.end > (this.mentions[best] as Mention).end)
      )
        best = k;
    }
    return best >= 0 ? this.byId.get((this.owners[best] as Entity).id) : undefined;
  }

  /** One more mention of `e`, joined to it in `all`: entities are never edited in place. */
  private grow(e: Entity, mention: Mention): void {
    this.grown ??= new Map();
    const more = this.grown.get(e.id);
    if (more) more.push(mention);
    else this.grown.set(e.id, [mention]);
    this.add(mention, e);
  }

  private note(e: Entity): string {
    if (e.type === 'PERSON') this.lastPerson = e.id;
    return e.id;
  }
}
