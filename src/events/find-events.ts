import { ClauseBounds, subjectBefore } from '../claims/clauses.js';
import { attributionAt, type MentionRef, mentionIndex } from '../claims/sources.js';
import type { Entity, Event, Mention, Time, Writable } from '../document/analysis.js';
import type { Span } from '../document/span.js';
import { SpanIndex } from '../document/span-index.js';
import type { Stage, StageContext } from '../pipeline/stage.js';
import { TokenKind, type TokenStore } from '../text/tokens.js';
import {
  agentRole,
  attendeesIn,
  groupStart,
  isPassive,
  type MentionsNear,
  type Modality,
  modalityOf,
  objectMention,
  type Participant,
  patientRole,
  placeOf,
  SUPPORT_VERBS,
  subjectMention,
  timeOf,
} from './frames.js';
import { familyOf } from './taxonomy.js';
import { findTriggers, type TriggerMatch } from './triggers.js';
import { verbForm } from './verbs.js';

const RULE = 'events/find-events';

/** Nouns that point back to an event already told: "At the event", "the occasion". */
const ANAPHORS = new Set(['event', 'occasion', 'gathering', 'meeting', 'ceremony', 'ceremonies']);
const GATHERINGS = new Set(['ceremony', 'meeting', 'award', 'protest', 'visit']);
/** Sentence openings that continue the story of the sentence before: "He disclosed ...". */
const CONTINUING = new Set([
  'he',
  'she',
  'they',
  'it',
  'his',
  'her',
  'their',
  'its',
  'there',
  'during',
  'at',
  'later',
]);
const DEFINITE = new Set(['the', 'this', 'that', 'these', 'those']);

interface Draft {
  readonly type: string;
  readonly trigger: Span;
  readonly head: string;
  readonly sentence: number;
  time: Time | undefined;
  place: string | undefined;
  participants: Participant[];
  modality: Modality;
  readonly source: string | undefined;
  confidence: number;
}

function addParticipant(list: Participant[], role: string, entity: string): void {
  if (!list.some((p) => p.entity === entity && p.role === role)) list.push({ role, entity });
}

/**
 * An earlier event a definite noun refers back to: same head noun or family, within four sentences.
 * `before`: how many of `drafts` are of earlier sentences, the sentence's own coming after them.
 */
function antecedentOf(
  drafts: readonly Draft[],
  before: number,
  head: string,
  type: string,
  sentence: number,
): Draft | undefined {
  for (let k = before - 1; k >= 0; k--) {
    const d = drafts[k] as Draft;
    if (sentence - d.sentence > 12) return undefined;
    if (d.sentence === sentence) continue;
    const generic = head === 'event' || head === 'occasion' || head === 'gathering';
    if (d.head !== head && sentence - d.sentence > 4) continue;
    if (
      d.head === head ||
      (generic && GATHERINGS.has(familyOf(d.type))) ||
      (!generic && familyOf(d.type) === familyOf(type))
    )
      return d;
  }
  return undefined;
}

/** The verb that carries a noun trigger, a few words before it: "held a groundbreaking ceremony". */
function supportVerb(tokens: TokenStore, t: TriggerMatch, from: number): number | undefined {
  for (let k = t.first - 1; k >= Math.max(from, t.first - 4); k--) {
    const w = tokens.lower(k);
    const form = verbForm(w);
    if (form && SUPPORT_VERBS.has(form.lemma)) return k;
    if (tokens.kind(k) !== TokenKind.Word || (form && form.lemma !== 'plan')) return undefined;
  }
  return undefined;
}

/** The entity owning a noun by "'s" just before it: "North Korea's deployment". */
function possessor(
  tokens: TokenStore,
  near: MentionsNear,
  t: TriggerMatch,
  from: number,
): MentionRef | undefined {
  for (let k = t.first - 1; k >= Math.max(from, t.first - 3); k--) {
    const w = tokens.lower(k);
    if (w === "'s" || w === '\u2019s') {
      const end = tokens.end(k - 1);
      return near(end - 1, end + 1)
        .filter((m) => m.end === end)
        .sort((a, b) => a.start - b.start)[0];
    }
  }
  return undefined;
}

const byFirst = (a: TriggerMatch, b: TriggerMatch) => a.first - b.first;
/** Whether a name mention, not of an event, holds `[start, end)` and more. */
const holdsInName = (m: Mention, entity: Entity, start: number, end: number) =>
  m.start <= start &&
  end <= m.end &&
  m.kind === 'name' &&
  entity.type !== 'EVENT' &&
  m.end - m.start > end - start;
/** Tokens of a sentence beyond which its mentions are looked up by window (see `MentionsNear`). */
const LONG_SENTENCE = 200;

/** How far from a trigger, in characters, its time is sought before the whole sentence is. */
const TIME_REACH = 2000;

/** A test every item passes, made once rather than by `someOverlapping`'s default at every call. */
const always = () => true;

function eventsOf(context: StageContext): Event[] {
  const { tokens, sentences } = context.text;
  const source = context.document.text;
  // Every lookup below stays inside one sentence: index once, so long documents stay linear.
  const allMentions = mentionIndex(context.layers.entities);
  const noEntities = context.layers.entities.length === 0;
  const times = context.layers.times;
  const timeIndex = new SpanIndex(times);
  const quotes = new SpanIndex(context.layers.quotes.filter((q) => q.kind !== 'indirect'));
  const insideTime = (start: number, end: number) => timeIndex.someOverlapping(start, end, always);
  // Words inside names are not triggers: "Memorial Museum of Combat Feats", "Ministry of Trade". Asked
  // as a test of the overlapping mentions, which makes no list of those containing the word.
  const inName = (start: number, end: number) => allMentions.someOverlapping(start, end, holdsInName);
  const skip = (start: number, end: number) => insideTime(start, end) || inName(start, end);
  const drafts: Draft[] = [];
  sentences.forEach((s, si) => {
    // Past the time budget, what was found so far stands and the pipeline marks the analysis partial.
    if (context.overBudget?.()) return;
    const from = s.firstToken;
    const to = s.endToken;
    const triggers = findTriggers(tokens, from, to, skip);
    // In order as found; anaphoric nouns added below are put in their places.
    const found = triggers.length;
    // Anaphoric event nouns not in the taxonomy ("At the event") still link a sentence to its story, but
    // only to an event of the twelve sentences before (see `antecedentOf`): with none, they are not sought.
    const last = drafts[drafts.length - 1];
    const linkable = last !== undefined && si - last.sentence <= 12;
    for (let i = from + 1; linkable && i < to; i++) {
      const start = tokens.start(i);
      const length = tokens.end(i) - start;
      // Lower-casing keeps the length and first letter of a word that becomes "event" or "occasion" (only
      // "E" or "e" becomes "e"): other words need no reading.
      if (length !== 5 && length !== 8) continue;
      if ((tokens.source.charCodeAt(start) | 0x20) !== (length === 5 ? 0x65 : 0x6f)) continue;
      const w = tokens.lower(i);
      if ((w === 'event' || w === 'occasion') && DEFINITE.has(tokens.lower(i - 1)))
        triggers.push({ first: i, end: i + 1, type: 'event', pos: 'noun' });
    }
    // Without a trigger a sentence makes no event and lends its time to none.
    if (triggers.length === 0) return;
    if (triggers.length > found) triggers.sort(byFirst);
    // A sentence's own mentions serve every lookup as they are, but a long one's are too many to read
    // at each trigger: its lookups ask the index for a window instead.
    let near: MentionsNear;
    if (to - from <= LONG_SENTENCE) {
      const mentions = allMentions.overlapping(s.start, s.end);
      near = () => mentions;
    } else near = (start, end) => allMentions.within(s.start, s.end, start, end);
    const clauses = new ClauseBounds(tokens, from, to);
    let sentenceTimes: readonly Time[] | undefined;
    const made: Draft[] = [];
    let referent: Draft | undefined;
    // The attendees a sentence names, read once for all its gathering triggers.
    let attendees: readonly string[] | undefined;
    for (const t of triggers) {
      const first = t.pos === 'verb' ? groupStart(tokens, t.first, from) : t.first;
      const cs = clauses.start(first);
      const ce = clauses.end(t.end - 1);
      const clause = { start: tokens.start(cs), end: tokens.end(ce - 1) };
      const trigger = { start: tokens.start(t.first), end: tokens.end(t.end - 1) };
      const head = tokens.lower(t.end - 1);
      const participants: Participant[] = [];
      const support = t.pos === 'noun' ? supportVerb(tokens, t, from) : undefined;
      const verbAt = t.pos === 'verb' ? t.first : support;
      if (verbAt !== undefined) {
        // A verb trigger's group was found above.
        const groupFirst = t.pos === 'verb' ? first : groupStart(tokens, verbAt, from);
        const subject = subjectMention(tokens, near, groupFirst, clause.start);
        const passive = isPassive(tokens, groupFirst, verbAt);
        const attending = support !== undefined && verbForm(tokens.lower(support))?.lemma === 'attend';
        if (subject)
          addParticipant(
            participants,
            attending ? 'attendee' : passive ? patientRole(t.type) : agentRole(t.type),
            subject.entity.id,
          );
        else if (noEntities) {
          const text = subjectBefore(tokens, groupFirst, Math.max(from, cs));
          if (text) addParticipant(participants, agentRole(t.type), text);
        }
        if (t.pos === 'verb') {
          const object = objectMention(tokens, near, t.end, to);
          if (object && !passive) addParticipant(participants, patientRole(t.type), object.entity.id);
          if (passive && tokens.lower(t.end) === 'by') {
            const by = objectMention(tokens, near, t.end + 1, to);
            if (by) addParticipant(participants, agentRole(t.type), by.entity.id);
          }
        }
      }
      if (t.pos === 'noun') {
        const owner = possessor(tokens, near, t, from);
        if (owner) addParticipant(participants, agentRole(t.type), owner.entity.id);
      }
      if (GATHERINGS.has(familyOf(t.type)) || t.type === 'event') {
        attendees ??= attendeesIn(tokens, near, from, to);
        for (const id of attendees) addParticipant(participants, 'attendee', id);
      }
      const quote = quotes.containing(trigger.start, trigger.end)[0];
      // In a long sentence the times near the trigger first: one farther scores more than TIME_REACH, so
      // a best nearer stands.
      let time =
        to - from > LONG_SENTENCE
          ? timeOf(
              tokens,
              timeIndex.overlapping(
                Math.max(s.start, trigger.start - TIME_REACH),
                Math.min(s.end, trigger.end + TIME_REACH),
              ),
              trigger,
              clause,
              s,
              quote,
              TIME_REACH,
            )
          : undefined;
      if (!time) {
        sentenceTimes ??= timeIndex.overlapping(s.start, s.end);
        time = timeOf(tokens, sentenceTimes, trigger, clause, s, quote);
      }
      const place = placeOf(tokens, near, trigger, clause);
      const definite = t.pos === 'noun' && t.first > from && DEFINITE.has(tokens.lower(t.first - 1));
      const antecedent =
        definite && (ANAPHORS.has(head) || t.type !== 'event')
          ? antecedentOf(drafts, drafts.length - made.length, head, t.type, si)
          : undefined;
      if (antecedent) {
        // One event told twice: the later mention fills what the first left open.
        antecedent.time ??= time;
        antecedent.place ??= place;
        for (const p of participants) addParticipant(antecedent.participants, p.role, p.entity);
        referent ??= antecedent;
        continue;
      }
      if (t.type === 'event') continue;
      // Who tells it and how sure it is matter only to an event of its own.
      const who = attributionAt(context, allMentions, trigger.start, trigger.end);
      let modality = modalityOf(tokens, t, first, from);
      if (modality === 'actual' && who.source) modality = 'reported';
      const draft: Draft = {
        type: t.type,
        trigger: { start: trigger.start, end: trigger.end, text: source.slice(trigger.start, trigger.end) },
        head,
        sentence: si,
        participants,
        modality,
        confidence: t.pos === 'verb' ? 0.7 : 0.6,
        time,
        place,
        source: who.source,
      };
      made.push(draft);
      drafts.push(draft);
    }
    // A sentence with no time of its own continues the one before ("He disclosed a plan ...") or the
    // event it refers back to ("At the event, he also ...").
    const opener = tokens.lower(from);
    let previous: Draft | undefined;
    for (let k = drafts.length - 1; k >= 0 && (drafts[k] as Draft).sentence >= si - 1; k--) {
      const d = drafts[k] as Draft;
      if (d.sentence < si && d.time) {
        previous = d;
        break;
      }
    }
    const inherited = referent?.time ?? (CONTINUING.has(opener) ? previous?.time : undefined);
    if (inherited) for (const d of made) d.time ??= inherited;
  });
  return drafts.map(toEvent);
}

/** The event of a draft, its fields in the layer's order; absent ones left out, not set undefined. */
function toEvent(d: Draft, k: number): Event {
  // Set one by one rather than spread from conditional objects: spreading is slow on this many events.
  const event: Writable<Event> = {
    id: `ev${k + 1}`,
    type: d.type,
    trigger: d.trigger,
  } as Event;
  if (d.time) event.time = d.time.id;
  if (d.place) event.place = d.place;
  event.participants = d.participants;
  event.modality = d.modality;
  if (d.source) event.source = d.source;
  event.rule = RULE;
  event.confidence = d.confidence;
  return event;
}

/** Events: what happened (or is planned), when, where, with whom, by the documented taxonomy. */
export const eventsStage: Stage = {
  name: RULE,
  role: 'extract',
  writes: ['events'],
  run(context: StageContext): void {
    (context.layers as { events: readonly Event[] }).events = eventsOf(context);
  },
};
