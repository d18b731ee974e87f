/**
 * Reporting words: the verbs and phrases that introduce what someone said, wrote or reported. The
 * learned tagger uses them as a feature (how far a token is from the nearest one); the relay and
 * speaker rules use them to read "X said" around a quotation.
 */
const REPORTING_VERBS = (
  'say says said saying tell tells told telling add adds added adding note notes noted noting ' +
  'claim claims claimed claiming deny denies denied denying report reports reported reporting ' +
  'disclose discloses disclosed disclosing announce announces announced announcing state states stated ' +
  'write writes wrote writing tweet tweets tweeted ask asks asked asking explain explains explained ' +
  'argue argues argued arguing insist insists insisted warn warns warned suggest suggests suggested ' +
  'acknowledge acknowledges acknowledged admit admits admitted declare declares declared confirm ' +
  'confirms confirmed reply replies replied respond responds responded continue continues continued ' +
  'recall recalls recalled stress stresses stressed emphasize emphasized vow vows vowed promise promised ' +
  'predict predicted estimate estimated allege alleges alleged accuse accused urge urged charge charged ' +
  'quipped joked boasted complained conceded countered testified observed remarked mentioned ' +
  'revealed indicated pointed believe believes believed think thinks thought calling called described ' +
  'describing labelled labeled dubbed branded'
).split(' ');

export const REPORTING_VERB_SET: ReadonlySet<string> = new Set(REPORTING_VERBS);

/** Verbs whose subject is the speaker of the clause or quotation next to them: the core of news style. */
export const SPEECH_VERB_SET: ReadonlySet<string> = new Set(
  (
    'say says said tell tells told add adds added note notes noted claim claims claimed deny denies denied ' +
    'report reports reported disclose discloses disclosed announce announces announced state states stated ' +
    'write writes wrote tweet tweeted ask asked explain explained argue argued insist insisted warn warned ' +
    'declare declared confirm confirmed reply replied respond responded continue continued recall recalled ' +
    'stress stressed vow vowed promise promised quipped joked boasted complained conceded countered ' +
    'testified observed remarked mentioned revealed indicated'
  ).split(' '),
);

/** A reporting word: one of the verbs, or "according" (to). */
export const isReportingWord = (lower: string) => REPORTING_VERB_SET.has(lower) || lower === 'according';
