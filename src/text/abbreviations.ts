/**
 * Words that take a period without ending a sentence. Titles and honorifics never end one; the others
 * may, and the sentence splitter decides from what follows.
 */
export const TITLES = new Set(
  (
    'mr mrs ms mssrs messrs dr prof gen lt col maj capt cpt sgt cpl pvt adm cmdr brig gov sen rep rev hon ' +
    'pres supt insp det fr sr sra srta st mt ft sens reps govs amb'
  ) // "St." as saint/street both precede a name
    .split(' '),
);

export const MONTH_ABBREVIATIONS = new Set('jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '));

/** Abbreviations that can also stand at the end of a sentence. */
export const TERMINAL_ABBREVIATIONS = new Set(
  'inc corp co ltd plc llc bros jr etc al vs approx est dept univ assn ave blvd rd hwy ca cf fig vol pp'.split(
    ' ',
  ),
);

/** "No. 1", "Nos. 3 and 4", "Art. 5": abbreviations only before a number. */
export const NUMBER_ABBREVIATIONS = new Set(['no', 'nos', 'art', 'sec', 'ch', 'para', 'op', 'tel']);

export function abbreviationKind(word: string): 'title' | 'month' | 'terminal' | 'number' | undefined {
  const w = word.toLowerCase();
  if (TITLES.has(w)) return 'title';
  if (MONTH_ABBREVIATIONS.has(w)) return 'month';
  if (TERMINAL_ABBREVIATIONS.has(w)) return 'terminal';
  if (NUMBER_ABBREVIATIONS.has(w)) return 'number';
  return undefined;
}
