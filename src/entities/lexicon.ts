import { WordShapes } from '../text/word-shapes.js';

/** Word classes the recognizer and the resolver share, as small integers for features. */
export const LexClass = {
  None: 0,
  /** Mr., President, Minister, leader: a person's name tends to follow. */
  Title: 1,
  /** Inc., Corp., Agency, Party, Ministry: the end of an organisation's name. */
  OrgWord: 2,
  /** Street, Square, Airport, Bridge: the end of a facility's name. */
  FacWord: 3,
  /** River, Mountain, Sea, Valley, region: the end of a place's name. */
  LocWord: 4,
  Month: 5,
  Weekday: 6,
  /** Words capitalised at a sentence's start that are rarely names: The, He, But. */
  Function: 7,
  /** said, told, added: a speaker (person or organisation) tends to precede. */
  Speech: 8,
} as const;

const words = (s: string) => s.split(' ');

/** Titles and roles, lower-cased, that precede a person's name. */
export const TITLES = new Set(
  words(
    'mr. mrs. ms. dr. mr mrs ms dr prof. sir dame lord lady gen. col. lt. sgt. capt. adm. maj. gov. sen. rep. rev. pres. ' +
      'president vice prime minister chancellor premier king queen prince princess emperor pope ' +
      'leader chairman chairwoman chair ceo director secretary spokesman spokeswoman spokesperson ambassador ' +
      'envoy general colonel captain commander admiral senator governor mayor judge justice coach manager ' +
      'officer official minister deputy foreign defense defence interior finance state chief head ' +
      'representative congressman congresswoman lawmaker legislator mp sheikh ayatollah cardinal bishop ' +
      'archbishop rabbi imam father sister brother saint st. crown supreme',
  ),
);

const ORG_WORDS = new Set(
  words(
    'inc. inc corp. corp co. co ltd. ltd llc plc ag gmbh sa nv group company corporation agency party ' +
      'ministry department council committee commission union association federation organization ' +
      'organisation institute university college school bank fund foundation court army navy force forces ' +
      'police service services office bureau board authority network news times post journal press ' +
      'airlines airways motors industries holdings partners club league assembly parliament congress senate ' +
      'front movement alliance coalition brigade brigades command newsroom newsdesk',
  ),
);
const FAC_WORDS = new Set(
  words(
    'street st. avenue ave. road boulevard square airport bridge tower museum palace hall stadium arena ' +
      'hospital station prison temple church mosque cathedral building center centre plaza port harbour harbor',
  ),
);
const LOC_WORDS = new Set(
  words(
    'river mountain mountains mount lake sea ocean gulf bay island islands peninsula valley desert strait ' +
      'region province district county state oblast prefecture city village',
  ),
);
const MONTHS = new Set(
  words(
    'january february march april may june july august september october november december jan. feb. mar. apr. jun. jul. aug. sep. sept. sept oct. nov. dec.',
  ),
);
const WEEKDAYS = new Set(words('monday tuesday wednesday thursday friday saturday sunday'));
const FUNCTION = new Set(
  words(
    'the a an he she it they we i you his her its their our this that these those but and or if when while ' +
      'after before as at in on for from by with to of despite although however meanwhile there here',
  ),
);
const SPEECH = new Set(words('said says told added stated noted announced reported according quoted'));

// Every word's class in one map, the first set in this order winning ("state" is a title).
const CLASSES = new Map<string, number>();
for (const [set, c] of [
  [TITLES, LexClass.Title],
  [ORG_WORDS, LexClass.OrgWord],
  [FAC_WORDS, LexClass.FacWord],
  [LOC_WORDS, LexClass.LocWord],
  [MONTHS, LexClass.Month],
  [WEEKDAYS, LexClass.Weekday],
  [FUNCTION, LexClass.Function],
  [SPEECH, LexClass.Speech],
] as const)
  for (const w of set) if (!CLASSES.has(w)) CLASSES.set(w, c);

export function lexClass(lower: string): number {
  return CLASSES.get(lower) ?? LexClass.None;
}

const CLASS_SHAPES = new WordShapes(CLASSES.keys());

/** `lexClass(word.toLowerCase())`: most words, of no class, are passed by their shape without lower-casing. */
export function lexClassOf(word: string): number {
  return word !== '' && CLASS_SHAPES.mayHoldText(word, 0, word.length)
    ? (CLASSES.get(word.toLowerCase()) ?? LexClass.None)
    : LexClass.None;
}

/** The lower-case words of one class (LexClass). */
export function wordsOfClass(c: number): string[] {
  return [...CLASSES].filter(([, k]) => k === c).map(([w]) => w);
}

/** Words a name never starts with: a recognised span beginning with one is trimmed. */
export const NAME_STOP = new Set(
  words('the a an his her its their our this that these those mr. mrs. ms. dr. said says according'),
);
