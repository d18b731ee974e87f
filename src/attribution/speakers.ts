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

/** The words of a name, lower-cased: its runs of letters. A name in ASCII needs no Unicode regex. */
function words(name: string): string[] {
  const lower = name.toLowerCase();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII.
  if (!/[^\x00-\x7f]/.test(lower)) return lower.match(/[a-z]+/g) ?? [];
  return lower.split(/[^\p{L}]+/u).filter(Boolean);
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
  private readonly entities: Entity[];
  private readonly byId = new Map<string, Entity>();
  private readonly mentions: { mention: Mention; entity: Entity }[] = [];
  /** Positions in `mentions`, sorted by mention start, and the longest mention: overlaps by search. */
  private readonly byStart: number[] = [];
  private longest = 0;
  private added = 0;
  /** Entities this resolver made, by their name without a leading article: "the KCNA" twice is one. */
  private readonly made = new Map<string, Entity>();
  /**
   * Where each id first stands in `entities`, so a grown entity replaces it without a scan; made when
   * the first entity grows.
   */
  private position: Map<string, number> | undefined;
  lastPerson: string | undefined;

  /** Whether the lookups above hold the entities given: made on first use, as many documents name no source. */
  private indexed = false;
  /** `isMediaName` by name, as the relay rules ask it of the same few speakers again and again. */
  private readonly media = new Map<string, boolean>();

  constructor(existing: readonly Entity[]) {
    this.entities = [...existing];
  }

  private ensureIndexed(): void {
    if (this.indexed) return;
    this.indexed = true;
    for (const e of this.entities) {
      this.byId.set(e.id, e);
      for (const mention of e.mentions) {
        this.mentions.push({ mention, entity: e });
        this.longest = Math.max(this.longest, mention.end - mention.start);
      }
    }
    // One sort rather than an insertion per mention, of numbers (start, then position in the low bits),
    // so equal starts stay in the order they were added.
    const n = this.mentions.length;
    const scale = 2 ** Math.ceil(Math.log2(n + 1));
    const keys = new Float64Array(n);
    for (let k = 0; k < n; k++)
      keys[k] = (this.mentions[k] as { mention: Mention }).mention.start * scale + k;
    keys.sort();
    for (let k = 0; k < n; k++) this.byStart.push((keys[k] as number) % scale);
  }

  private index(e: Entity): void {
    this.byId.set(e.id, e);
    for (const m of e.mentions) this.add({ mention: m, entity: e });
  }

  private add(x: { mention: Mention; entity: Entity }): void {
    const at = this.mentions.length;
    this.mentions.push(x);
    this.longest = Math.max(this.longest, x.mention.end - x.mention.start);
    const order = this.byStart;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.mentions[order[mid] as number] as { mention: Mention }).mention.start <= x.mention.start)
        lo = mid + 1;
      else hi = mid;
    }
    order.splice(lo, 0, at);
  }

  /** Mentions sharing a position with `span`, in the order they were added. */
  private overlapping(span: Span): { mention: Mention; entity: Entity }[] {
    const order = this.byStart;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.mentions[order[mid] as number] as { mention: Mention }).mention.start < span.end)
        lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let i = lo - 1; i >= 0; i--) {
      const m = (this.mentions[order[i] as number] as { mention: Mention }).mention;
      if (m.start + this.longest <= span.start) break;
      if (span.start < m.end) found.push(order[i] as number);
    }
    return found.sort((a, b) => a - b).map((k) => this.mentions[k] as { mention: Mention; entity: Entity });
  }

  get all(): readonly Entity[] {
    return this.entities;
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
    const head =
      inside.find((x) => x.mention.end === source.end && x.mention.start === source.start) ??
      inside.find((x) => x.mention.end >= source.end && x.mention.start <= source.start) ??
      inside
        .filter((x) => x.mention.end === source.end || text.slice(x.mention.end, source.end).trim() === '')
        .sort((a, b) => b.mention.end - b.mention.start - (a.mention.end - a.mention.start))[0];
    if (head) return this.note(head.entity);
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
      const grown = this.grow(known, mention);
      this.made.set(key, grown);
      return this.note(grown);
    }
    const created: Entity = {
      id: `e-source-${++this.added}`,
      type,
      name: source.text,
      mentions: [mention],
      rule: 'attribution/unnamed-source',
      confidence: 0.5,
    };
    if (this.position && !this.position.has(created.id)) this.position.set(created.id, this.entities.length);
    this.entities.push(created);
    this.made.set(key, created);
    this.index(created);
    return this.note(created);
  }

  /** With no speaker yet, a pronoun stands for the person named last before it. */
  private personBefore(offset: number): Entity | undefined {
    let best: { mention: Mention; entity: Entity } | undefined;
    for (const x of this.mentions)
      if (
        x.entity.type === 'PERSON' &&
        x.mention.end <= offset &&
        (!best || x.mention.end > best.mention.end)
      )
        best = x;
    return best ? this.byId.get(best.entity.id) : undefined;
  }

  /** A copy of `e` with one more mention, in place of `e`: entities are never edited in place. */
  private grow(e: Entity, mention: Mention): Entity {
    const current = this.byId.get(e.id) ?? e;
    const grown: Entity = { ...current, mentions: [...current.mentions, mention] };
    if (!this.position) {
      this.position = new Map();
      for (let i = 0; i < this.entities.length; i++) {
        const id = (this.entities[i] as Entity).id;
        if (!this.position.has(id)) this.position.set(id, i);
      }
    }
    const at = this.position.get(e.id);
    if (at !== undefined) this.entities[at] = grown;
    this.byId.set(grown.id, grown);
    this.add({ mention, entity: grown });
    return grown;
  }

  private note(e: Entity): string {
    if (e.type === 'PERSON') this.lastPerson = e.id;
    return e.id;
  }
}
