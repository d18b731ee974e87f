import type { Entity, EntityType, Mention } from '../document/analysis.js';
import type { Span } from '../document/span.js';
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
 * The words of a name, lower-cased: its runs of letters. A name in ASCII is read in place, its runs of
 * a-z cut out, with no regex; any other needs the Unicode one.
 */
function words(name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  let start = -1;
  for (let j = 0; j <= lower.length; j++) {
    const c = j < lower.length ? lower.charCodeAt(j) : 0;
    if (c >= 0x80) return lower.split(/[^\p{L}]+/u).filter(Boolean);
    if (c >= 0x61 && c <= 0x7a) {
      if (start < 0) start = j;
    } else if (start >= 0) {
      out.push(lower.slice(start, j));
      start = -1;
    }
  }
  return out;
}

/** A source that relays others' words: a news outlet or state medium, never a spy agency's claim. */
export function isMediaName(name: string): boolean {
  return mediaWords(words(name));
}

/** Words that name a medium, and none that name a spy agency or the like. */
const mediaWords = (w: readonly string[]) =>
  w.some((x) => MEDIA_WORDS.has(x)) && !w.some((x) => NOT_MEDIA.has(x));

/** A phrase whose head (its last word) makes it an organisation, or that names a medium. */
function isOrgPhrase(phrase: string): boolean {
  const w = words(phrase);
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
  private readonly mentions: Mention[] = [];
  private readonly owners: Entity[] = [];
  /** Positions in `mentions`, sorted by mention start, and the longest mention: overlaps by search. */
  private readonly byStart: number[] = [];
  private longest = 0;
  private added = 0;
  /** Entities this resolver made, by their name without a leading article: "the KCNA" twice is one. */
  private readonly made = new Map<string, Entity>();
  /** Entities this resolver made, in the order made, after those given. */
  private readonly created: Entity[] = [];
  /**
   * Mentions found for an entity, by its id, in the order found: joined to the entity once, in `all`,
   * rather than copying its mentions at each one.
   */
  private readonly grown = new Map<string, Mention[]>();
  lastPerson: string | undefined;

  /** Whether the lookups above hold the entities given: made on first use, as many documents name no source. */
  private indexed = false;
  /** `isMediaName` by name, as the relay rules ask it of the same few speakers again and again. */
  private readonly media = new Map<string, boolean>();

  constructor(existing: readonly Entity[]) {
    this.entities = existing;
  }

  private ensureIndexed(): void {
    if (this.indexed) return;
    this.indexed = true;
    for (const e of this.entities) {
      this.byId.set(e.id, e);
      for (const mention of e.mentions) {
        this.mentions.push(mention);
        this.owners.push(e);
        this.longest = Math.max(this.longest, mention.end - mention.start);
      }
    }
    // One sort rather than an insertion per mention, of numbers (start, then position in the low bits),
    // so equal starts stay in the order they were added.
    const n = this.mentions.length;
    const scale = 2 ** Math.ceil(Math.log2(n + 1));
    const keys = new Float64Array(n);
    for (let k = 0; k < n; k++) keys[k] = (this.mentions[k] as Mention).start * scale + k;
    keys.sort();
    // The low bits by subtraction: exact, as the scale is a power of two, and no call to fmod as `%` makes.
    for (let k = 0; k < n; k++) {
      const key = keys[k] as number;
      this.byStart.push(key - Math.floor(key / scale) * scale);
    }
  }

  private add(mention: Mention, entity: Entity): void {
    const at = this.mentions.length;
    this.mentions.push(mention);
    this.owners.push(entity);
    this.longest = Math.max(this.longest, mention.end - mention.start);
    const order = this.byStart;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.mentions[order[mid] as number] as Mention).start <= mention.start) lo = mid + 1;
      else hi = mid;
    }
    order.splice(lo, 0, at);
  }

  /** Positions in `mentions` of those sharing a position with `span`, in the order they were added. */
  private overlapping(span: Span): number[] {
    const order = this.byStart;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.mentions[order[mid] as number] as Mention).start < span.end) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let i = lo - 1; i >= 0; i--) {
      const m = this.mentions[order[i] as number] as Mention;
      if (m.start + this.longest <= span.start) break;
      if (span.start < m.end) found.push(order[i] as number);
    }
    return found.sort((a, b) => a - b);
  }

  /**
   * The entities given and those made, each with the mentions found for it: an entity given is copied,
   * never edited, and the copy stands where the entity with its id first stands.
   */
  get all(): readonly Entity[] {
    if (this.grown.size === 0 && this.created.length === 0) return this.entities;
    const out = [...this.entities, ...this.created];
    if (this.grown.size === 0) return out;
    const done = new Set<string>();
    for (let i = 0; i < out.length; i++) {
      const id = (out[i] as Entity).id;
      const more = this.grown.get(id);
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
    const inside = this.overlapping(source);
    const mentions = this.mentions;
    let head = inside.find((k) => {
      const m = mentions[k] as Mention;
      return m.end === source.end && m.start === source.start;
    });
    head ??= inside.find((k) => {
      const m = mentions[k] as Mention;
      return m.end >= source.end && m.start <= source.start;
    });
    head ??= inside
      .filter((k) => {
        const m = mentions[k] as Mention;
        return m.end === source.end || text.slice(m.end, source.end).trim() === '';
      })
      .sort((a, b) => {
        const ma = mentions[a] as Mention;
        const mb = mentions[b] as Mention;
        return mb.end - mb.start - (ma.end - ma.start);
      })[0];
    if (head !== undefined) return this.note(this.owners[head] as Entity);
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
    for (let k = 0; k < this.mentions.length; k++) {
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
