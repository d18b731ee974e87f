/**
 * English verbs common in news, with their inflections, so that claims and events can find predicates
 * without a tagger: `verbForm("killed")` -> { lemma: "kill", form: "past" }.
 */

import { lowerCase } from '../claims/words.js';
import { WordShapes } from '../text/word-shapes.js';

const BASES = `
accept accuse achieve acquire act add address admit adopt advance affect agree aim allege allow
announce answer appeal appear apply appoint approve argue arrest arrive ask assassinate assault
assist attack attempt attend award back ban bar battle become begin believe block boost bomb
break bring build buy call campaign cancel capture carry cause celebrate charge cite claim clash
close collapse collect combat come comment commend complete condemn conduct confirm consider
console continue convict cost cover crash create criticise criticize cut damage deal decide decline
declare defeat defend deliver demand deny deploy describe destroy detain develop die disclose
discover discuss dismiss dispatch displace drop earn elect embark encourage end enter erect
escape establish estimate evacuate exceed execute expand expect explode export extend face fail
fall fear file finish fire flee fly follow force form found free gain gather give go grow halt
hand happen harm hold honor honour host hurt identify impose improve include increase indicate
injure inspect intend introduce invade invest investigate issue join jump kill kidnap land launch
lay lead leave lift list lose maintain make march mark meet merge miss move name note obtain
occupy occur offer open order organise organize oust participate pass pay plan plunge post
postpone praise predict prepare present press prevent produce promise propose prosecute protest
provide publish pull purchase push raid raise reach receive recover reduce reject release remain
remove repeat replace report represent request require rescue resign respond rest restore
retire return reveal rise rule run sanction save say secure see seek seize sell send sentence
serve set shell shoot show shut sign slash slump soar speak spend spike stab start state stay
steal step stop storm strike struggle submit succeed suffer supply support surge surrender
suspend take talk target tell test threaten top trade train transfer travel try unveil urge use
vote visit vow wage warn welcome win withdraw work wound write commemorate inaugurate negotiate
station redeploy mobilize mobilise depart rally demonstrate boycott collide flood acquit indict sue
nominate promote sack perish donate import decorate pledge tour ambush cancel unveil outline
recall resume expand operate employ lay manufacture produce offer loan bail restructure file
emerge hire fire confront bid drive regain rebound climb tumble sink slide trim shed owe`;

const IRREGULAR: Readonly<Record<string, readonly string[]>> = {
  be: ['is', 'are', 'was', 'were', 'been', 'being', 'am'],
  become: ['became', 'become'],
  begin: ['began', 'begun'],
  break: ['broke', 'broken'],
  bring: ['brought'],
  build: ['built'],
  buy: ['bought'],
  come: ['came'],
  cost: ['cost'],
  cut: ['cut'],
  deal: ['dealt'],
  do: ['did', 'done', 'does'],
  fall: ['fell', 'fallen'],
  flee: ['fled'],
  fly: ['flew', 'flown', 'flies'],
  give: ['gave', 'given'],
  go: ['went', 'gone', 'goes'],
  grow: ['grew', 'grown'],
  have: ['had', 'has'],
  hold: ['held'],
  hurt: ['hurt'],
  lay: ['laid'],
  lead: ['led'],
  leave: ['left'],
  lose: ['lost'],
  make: ['made'],
  meet: ['met'],
  pay: ['paid'],
  rise: ['rose', 'risen'],
  run: ['ran'],
  say: ['said', 'says'],
  see: ['saw', 'seen'],
  seek: ['sought'],
  sell: ['sold'],
  send: ['sent'],
  set: ['set'],
  shoot: ['shot'],
  shut: ['shut'],
  speak: ['spoke', 'spoken'],
  spend: ['spent'],
  steal: ['stole', 'stolen'],
  strike: ['struck', 'stricken'],
  take: ['took', 'taken'],
  tell: ['told'],
  win: ['won'],
  withdraw: ['withdrew', 'withdrawn'],
  wound: ['wounded'],
  write: ['wrote', 'written'],
  rebuild: ['rebuilt'],
  sink: ['sank', 'sunk'],
  drive: ['drove', 'driven'],
  slide: ['slid'],
  shed: ['shed'],
  bid: ['bid'],
  put: ['put'],
  find: ['found'],
  think: ['thought'],
  know: ['knew', 'known'],
  get: ['got', 'gotten'],
  stand: ['stood'],
  keep: ['kept'],
};

export type VerbFormKind = 'base' | 'third' | 'past' | 'gerund';

export interface VerbForm {
  readonly lemma: string;
  readonly form: VerbFormKind;
}

const VOWELS = 'aeiou';

function inflect(base: string): [string, VerbFormKind][] {
  const last = base.charAt(base.length - 1);
  const beforeLast = base.charAt(base.length - 2);
  const third =
    base.endsWith('s') ||
    base.endsWith('x') ||
    base.endsWith('sh') ||
    base.endsWith('ch') ||
    base.endsWith('o')
      ? `${base}es`
      : last === 'y' && !VOWELS.includes(beforeLast)
        ? `${base.slice(0, -1)}ies`
        : `${base}s`;
  // Doubling a final consonant after one short vowel: stop -> stopped, ban -> banned (not visit, open).
  const doubles =
    base.length <= 4 &&
    !VOWELS.includes(last) &&
    !'wxy'.includes(last) &&
    VOWELS.includes(beforeLast) &&
    !VOWELS.includes(base.charAt(base.length - 3));
  const stem = doubles ? base + last : base;
  const past = base.endsWith('e')
    ? `${base}d`
    : last === 'y' && !VOWELS.includes(beforeLast)
      ? `${base.slice(0, -1)}ied`
      : `${stem}ed`;
  const gerund =
    base.endsWith('e') && !base.endsWith('ee') && base !== 'be' ? `${base.slice(0, -1)}ing` : `${stem}ing`;
  return [
    [base, 'base'],
    [third, 'third'],
    [past, 'past'],
    [gerund, 'gerund'],
  ];
}

const FORMS = new Map<string, VerbForm>();
for (const base of BASES.split(/\s+/)) {
  if (base === '') continue;
  for (const [word, form] of inflect(base)) if (!FORMS.has(word)) FORMS.set(word, { lemma: base, form });
}
for (const [lemma, forms] of Object.entries(IRREGULAR)) {
  if (!FORMS.has(lemma)) FORMS.set(lemma, { lemma, form: 'base' });
  for (const word of forms) {
    const form: VerbFormKind = word.endsWith('s') && word !== 'was' ? 'third' : 'past';
    FORMS.set(word, { lemma, form });
  }
}
FORMS.set('hit', { lemma: 'hit', form: 'past' });

/** Every known verb form, lower case, with its lemma. */
export const VERB_FORMS: ReadonlyMap<string, VerbForm> = FORMS;

/**
 * Most words asked about are no verb form: their shape tells so from a few small tables, before a lookup
 * in the large one, which claims and events ask word after word and which they find cold in the caches.
 */
const FORM_SHAPES = new WordShapes(FORMS.keys());

/** The lemma and form of a known verb form, lower case in; undefined for words not in the lexicon. */
export function verbForm(word: string): VerbForm | undefined {
  const w = lowerCase(word);
  return w.length > 0 && FORM_SHAPES.mayHoldText(w, 0, w.length) ? FORMS.get(w) : undefined;
}

/**
 * A verb's lemma for any regular form, even of verbs outside the lexicon: "shelled" -> "shell".
 * Only for words already known to stand in a verb position.
 */
export function guessLemma(word: string): string {
  const w = lowerCase(word);
  const known = FORMS.get(w);
  if (known) return known.lemma;
  if (w.endsWith('ied')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ed') && w.length > 4) {
    const stem = w.slice(0, -2);
    if (stem.charAt(stem.length - 1) === stem.charAt(stem.length - 2) && !stem.endsWith('ll'))
      return stem.slice(0, -1);
    return FORMS.has(`${stem}e`) || stem.endsWith('at') || stem.endsWith('iz') ? `${stem}e` : stem;
  }
  if (w.endsWith('ing') && w.length > 5) return w.slice(0, -3);
  return w;
}
