import { GROUP_ADVERBS } from '../claims/clauses.js';
import { type MentionRef, REPORTING } from '../claims/sources.js';
import { AUXILIARIES, DETERMINERS, MODALS, NEGATIONS } from '../claims/words.js';
import type { Event, Time } from '../document/analysis.js';
import { isSpaceCode } from '../document/span.js';
import { TokenKind, type TokenStore } from '../text/tokens.js';
import { familyOf } from './taxonomy.js';
import type { TriggerMatch } from './triggers.js';
import { verbForm } from './verbs.js';

export type Modality = NonNullable<Event['modality']>;
export type Participant = { role: string; entity: string };

const AGENT_TYPES = new Set(['PERSON', 'ORG', 'GPE', 'NORP']);
const PLACE_TYPES = new Set(['GPE', 'LOC', 'FAC']);
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'near', 'outside', 'inside', 'across', 'throughout']);
/** Verbs that carry an event noun: "held a ceremony", "staged a protest", "attended the summit". */
export const SUPPORT_VERBS = new Set([
  'hold',
  'host',
  'stage',
  'organize',
  'organise',
  'conduct',
  'launch',
  'carry',
  'make',
  'give',
  'deliver',
  'attend',
  'join',
  'begin',
  'start',
  'open',
  'mark',
  'disclose',
  'announce',
  'unveil',
  'approve',
  'sign',
  'reach',
  'win',
  'receive',
  'lead',
]);
const PLANNING = new Set([
  'plan',
  'plans',
  'planned',
  'planning',
  'proposed',
  'upcoming',
  'future',
  'scheduled',
  'intend',
  'intends',
  'aim',
  'aims',
  'set',
  'due',
  'expected',
  'going',
  'want',
  'wants',
  'agreed',
  'decided',
  'vowed',
  'pledged',
  'promised',
  'threatened',
  'will',
  'would',
  'shall',
]);

/** The verb group around a verb trigger: auxiliaries, "to", negation and adverbs before it. */
export function groupStart(tokens: TokenStore, i: number, from: number): number {
  let k = i;
  while (k - 1 >= from) {
    const w = tokens.lower(k - 1);
    if (AUXILIARIES.has(w) || NEGATIONS.has(w) || w.endsWith("n't") || GROUP_ADVERBS.has(w) || w === 'to')
      k--;
    else break;
  }
  return k;
}

/** How the text presents the event: planned, possible, negated, or as it happened. */
export function modalityOf(tokens: TokenStore, t: TriggerMatch, first: number, from: number): Modality {
  if (t.type === 'plan' || t.type.endsWith('.plan')) return 'planned';
  let planned = false;
  let possible = false;
  for (let k = first; k < t.first; k++) {
    const w = tokens.lower(k);
    if (w === 'not' || w === 'never' || w.endsWith("n't")) return 'negated';
    if (w === 'will' || w === 'shall' || w === "'ll" || w === 'would') planned = true;
    if (w === 'to' && k > 0 && PLANNING.has(tokens.lower(k - 1))) planned = true;
    if (w === 'may' || w === 'might' || w === 'could') possible = true;
  }
  // "no attack", "a planned visit", "plans to build", "is set to", "is expected to".
  for (let k = Math.max(from, t.first - 3); k < t.first; k++) {
    const w = tokens.lower(k);
    if (t.pos === 'noun' && (w === 'no' || w === 'without')) return 'negated';
    if (PLANNING.has(w)) planned = true;
  }
  if (possible) return 'possible';
  return planned ? 'planned' : 'actual';
}

/** A time a reporting verb owns, not the event: "state media reported Friday", "the agency earlier said". */
function ownedByCue(tokens: TokenStore, t: Time): boolean {
  const first = tokens.indexAt(t.start);
  const last = tokens.indexAt(t.end - 1);
  for (let k = first - 1; k >= Math.max(0, first - 2); k--) {
    const w = tokens.lower(k);
    if (REPORTING.has(w)) return true;
    if (w !== 'on' && w !== 'late' && w !== 'early') break;
  }
  const next = last + 1 < tokens.count ? tokens.lower(last + 1) : '';
  return REPORTING.has(next);
}

/**
 * The time of an event: a time of the same clause, else of the same sentence, nearest to the trigger;
 * times a reporting verb owns do not count. Within a quotation only its own times count. With `reach`,
 * `times` are those nearer than it, and a best that scores `reach` or more is none: one farther might win.
 */
export function timeOf(
  tokens: TokenStore,
  times: readonly Time[],
  trigger: { start: number; end: number },
  clause: { start: number; end: number },
  sentence: { start: number; end: number },
  quote?: { start: number; end: number },
  reach = Number.POSITIVE_INFINITY,
): Time | undefined {
  let best: Time | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const t of times) {
    if (t.start < sentence.start || t.end > sentence.end || t.type === 'SET') continue;
    if (t.start < trigger.end && trigger.start < t.end) continue;
    const inQuote = quote !== undefined && quote.start <= t.start && t.end <= quote.end;
    if (quote !== undefined && !inQuote) continue;
    if (ownedByCue(tokens, t)) continue;
    const distance = t.start >= trigger.end ? t.start - trigger.end : trigger.start - t.end;
    const inClause = t.start >= clause.start && t.end <= clause.end;
    const score = distance + (inClause ? 0 : 1000) + (t.type === 'DURATION' ? 500 : 0);
    if (score < bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return bestScore < reach ? best : undefined;
}

/**
 * Mentions of a sentence that include those meeting `[start, end)`, in span order: each rule asks for
 * the few near its trigger, as a long sentence holds thousands, and reads only those it wants of what
 * it is given, so a short sentence gives all its own.
 */
export type MentionsNear = (start: number, end: number) => readonly MentionRef[];

/** A place after "in/at" near the trigger, or fronted before it ("In Seoul, ..."), within the clause. */
export function placeOf(
  tokens: TokenStore,
  near: MentionsNear,
  trigger: { start: number; end: number },
  clause: { start: number; end: number },
): string | undefined {
  let best: MentionRef | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  // Those within the distance below: 70 characters after the trigger, 35 before it.
  for (const m of near(trigger.start - 36, trigger.end + 71)) {
    if (!PLACE_TYPES.has(m.entity.type) || m.start < clause.start || m.end > clause.end) continue;
    // Distance first: a long clause holds many places, and only those near the trigger are read.
    const distance = m.start >= trigger.end ? m.start - trigger.end : (trigger.start - m.end) * 2;
    if (distance > 70) continue;
    const k = tokens.indexAt(m.start);
    let p = k - 1;
    while (p >= 0 && (DETERMINERS.has(tokens.lower(p)) || tokens.lower(p) === 'city')) p--;
    if (p < 0 || !PLACE_PREPOSITIONS.has(tokens.lower(p))) continue;
    // Among mentions at the same place the outermost one: "Pyongyang" of "Pyongyang's Taesong district".
    if (distance < bestDistance) {
      best = m;
      bestDistance = distance;
    }
  }
  return best?.entity.id;
}

/** Prepositions that make the mention after them no subject. */
const OBJECT_PREPOSITIONS = new Set([
  'in',
  'at',
  'of',
  'to',
  'for',
  'from',
  'with',
  'by',
  'on',
  'against',
  'alongside',
]);

/** Whether [from, to) holds a comma other than at its start (past white space, as `trim` sees it). */
function commaInside(text: string, from: number, to: number): boolean {
  let k = from;
  while (k < to && isSpaceCode(text.charCodeAt(k))) k++;
  if (text.charCodeAt(k) === 0x2c && k < to) return false;
  for (; k < to; k++) if (text.charCodeAt(k) === 0x2c) return true;
  return false;
}

/** The entity mention that is the subject before token `k` in the clause (nearest, not after a preposition). */
export function subjectMention(
  tokens: TokenStore,
  near: MentionsNear,
  k: number,
  clauseStart: number,
): MentionRef | undefined {
  const limit = tokens.start(k);
  let best: MentionRef | undefined;
  // A mention ending before token k - PLAIN_GAP - 1 starts is more than PLAIN_GAP tokens from the verb.
  for (const m of near(
    k > PLAIN_GAP ? tokens.start(k - PLAIN_GAP - 1) - 1 : Number.NEGATIVE_INFINITY,
    limit + 1,
  )) {
    if (m.start < clauseStart || m.end > limit || !AGENT_TYPES.has(m.entity.type)) continue;
    // Near the verb first: a long clause holds many mentions, and the checks below read up to the verb.
    const after = tokens.indexAt(m.end);
    if (k - after > PLAIN_GAP) continue;
    const first = tokens.indexAt(m.start);
    const prev = first > 0 ? tokens.lower(first - 1) : '';
    if (OBJECT_PREPOSITIONS.has(prev)) continue;
    // Nothing but an apostrophe-s phrase, titles or adverbs between the mention and the verb.
    if (commaInside(tokens.source, m.end, limit)) continue;
    if (!plainGap(tokens, after, k)) continue;
    if (!best || m.end > best.end || (m.end === best.end && m.start < best.start)) best = m;
  }
  return best;
}

/** The most tokens between a subject and its verb. */
const PLAIN_GAP = 8;

/** Between a subject and its verb: no other verb, relative word or clause break. */
function plainGap(tokens: TokenStore, a: number, b: number): boolean {
  for (let k = a; k < b; k++) {
    const w = tokens.lower(k);
    if (w === 'who' || w === 'which' || w === 'that' || w === ';') return false;
    const form = verbForm(w);
    if (form && !AUXILIARIES.has(w) && (form.form === 'past' || form.form === 'third')) return false;
  }
  return true;
}

/** The entity right after a verb (its object): within three tokens, past determiners. */
export function objectMention(
  tokens: TokenStore,
  near: MentionsNear,
  end: number,
  to: number,
): MentionRef | undefined {
  let k = end;
  while (k < to && k - end < 3 && (DETERMINERS.has(tokens.lower(k)) || tokens.kind(k) !== TokenKind.Word))
    k++;
  if (k >= to) return undefined;
  const at = tokens.start(k);
  return near(at - 1, at + 1).find((m) => m.start === at && AGENT_TYPES.has(m.entity.type));
}

/** Passive voice: a form of "be" before a participle trigger. */
export function isPassive(tokens: TokenStore, first: number, trigger: number): boolean {
  const form = verbForm(tokens.lower(trigger));
  if (form?.form !== 'past') return false;
  for (let k = first; k < trigger; k++) if (verbForm(tokens.lower(k))?.lemma === 'be') return true;
  return false;
}

/** "with leader Kim Jong-un and other key officials present", "attended by X": attendees in a sentence. */
export function attendeesIn(tokens: TokenStore, near: MentionsNear, from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    // Lower-casing keeps the length of a word that becomes "with" or "attended": others need no copy.
    const length = tokens.end(i) - tokens.start(i);
    if (length !== 4 && length !== 8) continue;
    const w = tokens.lower(i);
    let end = -1;
    if (w === 'with') {
      for (let k = i + 1; k < Math.min(to, i + 14); k++) {
        const x = tokens.lower(k);
        if (x === 'present' || x === 'attending' || (x === 'in' && tokens.lower(k + 1) === 'attendance')) {
          end = k;
          break;
        }
        if (x === ',' || x === ';') break;
      }
    } else if (w === 'attended' && i + 1 < to && tokens.lower(i + 1) === 'by') {
      end = Math.min(to, i + 12);
    }
    if (end < 0) continue;
    const a = tokens.start(i);
    const b = tokens.start(end);
    const mentions = near(a, b + 1);
    for (const m of mentions)
      if (m.start > a && m.end <= b && m.entity.type === 'PERSON') out.push(m.entity.id);
    if (w === 'attended')
      for (const m of mentions)
        if (m.start > a && m.end <= b && AGENT_TYPES.has(m.entity.type)) out.push(m.entity.id);
  }
  return [...new Set(out)];
}

/** The role an agent plays in an event of this type. */
export function agentRole(type: string): string {
  const family = familyOf(type);
  if (family === 'statement') return 'speaker';
  if (family === 'meeting' || family === 'protest') return 'attendee';
  return 'agent';
}

/** The role of the entity a verb acts on. */
export function patientRole(type: string): string {
  const family = familyOf(type);
  if (family === 'attack' || family === 'sanction') return 'target';
  if (family === 'meeting') return 'attendee';
  if (family === 'visit' || family === 'deployment') return 'location-of';
  return 'patient';
}

export const isModal = (w: string) => MODALS.has(w);
