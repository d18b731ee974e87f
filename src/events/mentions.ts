import { AUXILIARIES, DETERMINERS, isPlainWord, MODALS, PRONOUNS } from '../claims/words.js';
import { TokenFlag, TokenKind, type TokenStore } from '../text/tokens.js';
import { findTriggers } from './triggers.js';
import { verbForm } from './verbs.js';

/**
 * Event mentions in the TimeML/MEANTIME sense, typed or not: every main verb and eventive noun,
 * the first step of event finding. The taxonomy types a subset of them (see find-events); the rest are
 * occurrences the taxonomy does not name ("expected", "said", "rose").
 */
export interface EventMention {
  readonly token: number;
  readonly type?: string;
}

/** Eventive nouns outside the taxonomy that news uses for happenings. */
const EVENT_NOUNS = new Set(
  `release launch unveiling introduction announcement report reports statement comment comments
  decision approval proposal offer bid purchase sale sales deal agreement talks restructuring
  bankruptcy recession crisis slump rally recovery growth loss losses profit profits decline drop
  rise increase gain gains cut cuts layoffs layoff strike plan plans merger acquisition takeover
  delivery deliveries order orders flight flights test tests trial lawsuit dispute investigation
  problem problems delay delays failure event events change changes move shift production
  development support aid loan loans bailout rescue closure closing opening launch crash trading
  fall fears fear concern concerns worries turmoil downturn meltdown collapse selloff sell-off
  presentation conference keynote demonstration expansion reduction contract war attack election
  vote campaign meeting summit visit tour fire explosion accident death attempt competition
  contest operation operations service performance response reaction criticism praise warning
  success victory defeat win payment payments investment purchases shipments shipment sale`.split(/\s+/),
);

/** Verbs too light to be events by themselves. */
const LIGHT = new Set(['be', 'have', 'do', 'get']);

const nominalised = (w: string) =>
  w.length > 6 &&
  (w.endsWith('tion') ||
    w.endsWith('sion') ||
    w.endsWith('ment') ||
    w.endsWith('ments') ||
    w.endsWith('tions')) &&
  !NON_EVENT_NOMINALS.has(w);

const NON_EVENT_NOMINALS = new Set([
  'government',
  'governments',
  'department',
  'management',
  'nation',
  'nations',
  'position',
  'information',
  'station',
  'organisation',
  'organization',
  'corporation',
  'administration',
  'association',
  'commission',
  'version',
  'television',
  'equipment',
  'parliament',
  'population',
  'region',
  'million',
  'environment',
  'generation',
  'location',
  'portion',
  'percent',
  'edition',
  'foundation',
  'institution',
  'segment',
  'instrument',
  'apartment',
  'compartment',
  'union',
  'opinion',
]);

/** Event mentions of tokens `[from, to)`: triggers of the taxonomy, main verbs, eventive nouns. */
export function findEventMentions(
  tokens: TokenStore,
  from: number,
  to: number,
  skip: (start: number, end: number) => boolean = () => false,
): EventMention[] {
  const typed = new Map<number, string>();
  for (const t of findTriggers(tokens, from, to, skip))
    typed.set(t.pos === 'noun' ? t.end - 1 : t.first, t.type);
  const out: EventMention[] = [];
  for (let i = from; i < to; i++) {
    const type = typed.get(i);
    if (type) {
      out.push({ token: i, type });
      continue;
    }
    if (tokens.kind(i) !== TokenKind.Word || skip(tokens.start(i), tokens.end(i))) continue;
    const w = tokens.lower(i);
    if (!isPlainWord(w) || (i > from && tokens.has(i, TokenFlag.Capitalised))) continue;
    const prev = i > from ? tokens.lower(i - 1) : '';
    const form = verbForm(w);
    if (form) {
      if (MODALS.has(w) || w === 'to') continue;
      // Auxiliaries, copulas and light verbs: MEANTIME marks few of them and they carry no type.
      if (LIGHT.has(form.lemma)) continue;
      const nounish = DETERMINERS.has(prev) && form.form !== 'gerund';
      if (nounish && !EVENT_NOUNS.has(w)) continue;
      out.push({ token: i });
      continue;
    }
    if (EVENT_NOUNS.has(w) || nominalised(w)) {
      out.push({ token: i });
      continue;
    }
    // A regular form of a verb outside the lexicon, where a verb stands: "have shelled", "they rallied".
    if (
      (w.endsWith('ed') || w.endsWith('ing')) &&
      w.length > 5 &&
      (AUXILIARIES.has(prev) || PRONOUNS.has(prev) || prev === 'to')
    )
      out.push({ token: i });
  }
  return out;
}
