import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sharedPath, table } from '../../test/table.js';
import type { Analysis, Entity, MentionKind } from '../document/analysis.js';
import { createDocument } from '../document/document.js';
import { Pipeline } from '../pipeline/pipeline.js';
import type { Stage } from '../pipeline/stage.js';
import { type AttributedQuote, credible, findAttributions } from './find-attributions.js';

/** Entities as the entity stage would give them: [name, type, ...[mention text, kind, nth occurrence]]. */
type EntitySpec = [string, Entity['type'], ...[string, MentionKind, number?][]];

function analyse(text: string, entities: EntitySpec[] = [], source?: string): Analysis {
  const handMade: Stage = {
    name: 'test/entities',
    role: 'extract',
    writes: ['entities'],
    run(context) {
      context.layers.entities = entities.map(([name, type, ...mentions], i) => ({
        id: `e${i + 1}`,
        type,
        name,
        rule: 'test',
        mentions: mentions.map(([m, kind, nth = 0]) => {
          let at = -1;
          for (let k = 0; k <= nth; k++) at = text.indexOf(m, at + 1);
          assert.ok(at >= 0, `test entity mention "${m}" is not in the text`);
          return { start: at, end: at + m.length, text: m, kind };
        }),
      }));
    },
  };
  const document = createDocument({
    text,
    bodyOffset: 0,
    origin: { format: 'text' },
    meta: source ? { source } : {},
  });
  return new Pipeline([handMade, findAttributions]).analyze(document);
}

interface Expect {
  /** The quoted or reported words expected as a quote's text. */
  readonly quote: string;
  readonly kind?: AttributedQuote['kind'];
  readonly cue?: string;
  readonly source?: string;
  /** Name of the speaker entity; null: no speaker. */
  readonly speaker?: string | null;
  readonly via?: readonly string[];
}

type Row = [title: string, text: string, expect: Expect, entities?: EntitySpec[]];

function check([, text, expect, entities]: Row): void {
  const analysis = analyse(text, entities);
  const quotes = analysis.quotes as readonly AttributedQuote[];
  const names = new Map(analysis.entities.map((e) => [e.id, e.name]));
  const found = quotes.find((q) => q.text === expect.quote && (!expect.kind || q.kind === expect.kind));
  const seen = quotes
    .map((q) => `${q.kind} "${q.text}" cue=${q.cue?.text} source=${q.source?.text}`)
    .join('\n  ');
  assert.ok(found, `expected a ${expect.kind ?? ''} quote "${expect.quote}"; got:\n  ${seen || '(none)'}`);
  if (expect.cue !== undefined) assert.equal(found.cue?.text, expect.cue, `cue of "${expect.quote}"`);
  if (expect.source !== undefined)
    assert.equal(found.source?.text, expect.source, `source of "${expect.quote}"`);
  if (expect.speaker !== undefined)
    assert.equal(
      found.speaker ? names.get(found.speaker) : null,
      expect.speaker,
      `speaker of "${expect.quote}" (source span "${found.source?.text}")`,
    );
  if (expect.via !== undefined)
    assert.deepEqual(
      (found.via ?? []).map((id) => names.get(id)),
      expect.via,
      `relays of "${expect.quote}", nearest first`,
    );
}

const KIM: EntitySpec = ['Kim Jong-un', 'PERSON', ['Kim', 'alias']];
const TRUMP: EntitySpec = ['Donald Trump', 'PERSON', ['Trump', 'name']];

table<Row>(
  'direct quotes',
  [
    [
      'quote then cue',
      '"We will not back down," Smith said.',
      { quote: 'We will not back down', kind: 'direct', cue: 'said', source: 'Smith' },
    ],
    [
      'cue then quote',
      'Smith said: "We will not back down."',
      { quote: 'We will not back down', kind: 'direct', cue: 'said', source: 'Smith' },
    ],
    [
      'inverted cue',
      '"The talks are over," said Foreign Minister Lee Jae-ho.',
      { quote: 'The talks are over', kind: 'direct', cue: 'said' },
    ],
    [
      'curly marks',
      '\u201cThe economy is recovering,\u201d the minister told reporters.',
      { quote: 'The economy is recovering', kind: 'direct', cue: 'told', source: 'the minister' },
    ],
    [
      'question kept',
      '"Why should we pay for this?" Johnson asked.',
      { quote: 'Why should we pay for this?', kind: 'direct', cue: 'asked', source: 'Johnson' },
    ],
    [
      'exclamation kept',
      '"This is a great day for our city!" the mayor said at the ceremony.',
      { quote: 'This is a great day for our city!', source: 'the mayor' },
    ],
    [
      'speaker named first with title',
      'Defense Secretary Lloyd Austin said, "Our commitment to the alliance is ironclad."',
      { quote: 'Our commitment to the alliance is ironclad', kind: 'direct', cue: 'said' },
    ],
    [
      'split quote: first half',
      '"We are ready," he said, "but we need more time to prepare the troops."',
      { quote: 'We are ready', cue: 'said', source: 'he' },
    ],
    [
      'split quote: second half takes the same cue',
      '"We are ready," he said, "but we need more time to prepare the troops."',
      { quote: 'but we need more time to prepare the troops', cue: 'said', source: 'he' },
    ],
    [
      'omission inside',
      '"The last group left for Russia [...] They expected no reward," Kim was quoted as saying.',
      { quote: 'The last group left for Russia [...] They expected no reward', kind: 'direct' },
    ],
    [
      'nested single quotes stay inside',
      '"They told us, \'Leave now or you will be arrested,\' and so we left," one resident said.',
      { quote: "They told us, 'Leave now or you will be arrested,' and so we left", kind: 'direct' },
    ],
    [
      'multi-sentence quote',
      '"The fire started at midnight. Nobody was hurt. We were lucky," fire chief Tom Reyes said.',
      { quote: 'The fire started at midnight. Nobody was hurt. We were lucky', kind: 'direct', cue: 'said' },
    ],
    [
      'quote running over a paragraph break',
      'Brown said the plan was flawed.\n\n"It will cost billions.\n\n"And it will not work," she said.',
      { quote: 'It will cost billions', kind: 'direct' },
    ],
    [
      'he said resolves to the last person who spoke',
      'Kim attended the ceremony. "The years of fraternity will advance non-stop," he said.',
      { quote: 'The years of fraternity will advance non-stop', speaker: 'Kim Jong-un', source: 'he' },
      [KIM],
    ],
    [
      'speaker from the entity layer',
      '"Nobody builds walls better than me," Trump said at the rally.',
      { quote: 'Nobody builds walls better than me', speaker: 'Donald Trump', source: 'Trump' },
      [TRUMP],
    ],
    [
      'speaker with a role before the name',
      '"The vote will happen," Senate leader Mitch McConnell told reporters on Tuesday.',
      { quote: 'The vote will happen', speaker: 'Mitch McConnell' },
      [['Mitch McConnell', 'PERSON', ['Mitch McConnell', 'name']]],
    ],
    [
      'straight marks glued to the next sentence',
      'The North held the ceremony."Just one year ago the troops left for Russia," Kim was quoted as saying.',
      { quote: 'Just one year ago the troops left for Russia', kind: 'direct' },
    ],
    [
      'colon before a block quote',
      'The statement read: "The company regrets the error and will compensate all customers affected."',
      { quote: 'The company regrets the error and will compensate all customers affected', kind: 'direct' },
    ],
    [
      'tweet',
      '"Crooked Hillary is unfit to serve," Trump tweeted on Monday.',
      { quote: 'Crooked Hillary is unfit to serve', cue: 'tweeted', source: 'Trump' },
    ],
    [
      'added',
      '"We expect a decision next week," the spokeswoman added.',
      { quote: 'We expect a decision next week', cue: 'added', source: 'the spokeswoman' },
    ],
  ],
  check,
);

table<Row>(
  'partial quotes and scare quotes',
  [
    [
      'partial quote takes the sentence speaker',
      'The North\'s leader said, "Pyongyang will always be with Moscow," while highlighting the role of North Korea\'s "proud war heroes" during combat.',
      { quote: 'proud war heroes', kind: 'partial', speaker: 'Kim Jong-un' },
      [['Kim Jong-un', 'PERSON', ["The North's leader", 'nominal']]],
    ],
    [
      'partial quote in a report',
      'Kim called the troops "great heroes and patriots" at the event.',
      { quote: 'great heroes and patriots', kind: 'partial', speaker: 'Kim Jong-un' },
      [KIM],
    ],
    [
      'partial quote before the cue',
      'A monument for "immortal combat feats" will be erected as well, Kim noted.',
      { quote: 'immortal combat feats', kind: 'partial', speaker: 'Kim Jong-un' },
      [KIM],
    ],
    [
      'phrase the writer runs on from',
      'The North\'s leader said "hegemony-seeking" forces will fail, the KCNA said.',
      { quote: 'hegemony-seeking', kind: 'partial' },
    ],
    [
      'quoted words after a cue verb',
      'Clinton described the plan as "a recipe for disaster" in her speech.',
      { quote: 'a recipe for disaster', kind: 'partial' },
    ],
  ],
  check,
);

/** Scare quotes, titles and names in marks: nobody said them, so no quote of anyone. */
table<[string, string, string]>(
  'not quotes of anyone',
  [
    ['scare quotes', 'The so-called "experts" were wrong about the market this year.', 'experts'],
    ['film title', 'The film "Parasite" won four awards at the ceremony in Los Angeles.', 'Parasite'],
    ['nickname', 'The rapper "Lil Nas" performed at the festival on Saturday night.', 'Lil Nas'],
    ['song title', 'Protesters sang "We Shall Overcome" outside the court building.', 'We Shall Overcome'],
    ['operation name', 'The army began "Operation Dawn" before sunrise on Monday.', 'Operation Dawn'],
    ['term in marks', 'Analysts call the move a "pivot" toward Asia in their reports.', 'pivot'],
  ],
  ([, text, words]) => {
    const quotes = analyse(text).quotes;
    const bad = quotes.find((q) => q.kind !== 'indirect' && q.text === words);
    assert.equal(bad, undefined, `"${words}" is not anyone's words, but it became a ${bad?.kind} quote`);
    assert.ok(
      quotes.every((q) => q.text !== words || q.speaker === undefined),
      `no speaker may be invented for "${words}"`,
    );
  },
);

table<[string, string]>(
  'no attribution at all',
  [
    ['plain report', 'The river flooded three villages on Monday and killed two people.'],
    ['weather', 'Heavy snow closed the mountain roads for a second day.'],
    ['numbers', 'Exports rose 4.2 percent in October from a year earlier.'],
    ['schedule', 'The summit opens in Geneva next Tuesday and runs for three days.'],
    ['sports result', 'Spain beat Italy 2-1 in the final in Berlin on Sunday.'],
  ],
  ([, text]) => {
    const quotes = analyse(text).quotes;
    assert.equal(
      quotes.length,
      0,
      `no one is quoted, but got: ${quotes.map((q) => `"${q.text}"`).join(', ')}`,
    );
  },
);

table<Row>(
  'indirect speech',
  [
    [
      'said that',
      'The minister said that the government would raise taxes next year.',
      {
        quote: 'that the government would raise taxes next year',
        kind: 'indirect',
        cue: 'said',
        source: 'The minister',
      },
    ],
    [
      'said without that',
      'Police said the suspect fled the scene in a stolen car.',
      { quote: 'the suspect fled the scene in a stolen car', kind: 'indirect', source: 'Police' },
    ],
    [
      'content first, cue last',
      'The economy will grow by 3 percent next year, the central bank said on Thursday.',
      { quote: 'The economy will grow by 3 percent next year', kind: 'indirect', source: 'the central bank' },
    ],
    [
      'told',
      'Trump told reporters he would sign the bill on Friday.',
      { quote: 'he would sign the bill', kind: 'indirect', source: 'Trump' },
    ],
    [
      'according to',
      'Some 600 soldiers have been killed, according to the defense ministry.',
      { quote: 'Some 600 soldiers have been killed', kind: 'indirect', cue: 'according to' },
    ],
    [
      'reported',
      'North Korea has held a groundbreaking ceremony for a museum, state media reported Friday.',
      {
        quote: 'North Korea has held a groundbreaking ceremony for a museum',
        kind: 'indirect',
        source: 'state media',
      },
    ],
    [
      'unnamed organisation becomes an entity',
      "South Korea's spy agency earlier said some 600 North Korean soldiers were killed.",
      {
        quote: 'some 600 North Korean soldiers were killed',
        kind: 'indirect',
        speaker: "South Korea's spy agency",
      },
      [['South Korea', 'GPE', ['South Korea', 'name']]],
    ],
    [
      'disclosed',
      'He disclosed a plan to build a new street in the capital.',
      { quote: 'a plan to build a new street in the capital', kind: 'indirect', cue: 'disclosed' },
    ],
    [
      'noted at the end',
      'Their remains will be laid to rest in the arboretum, Kim noted.',
      {
        quote: 'Their remains will be laid to rest in the arboretum',
        kind: 'indirect',
        cue: 'noted',
        speaker: 'Kim Jong-un',
      },
      [KIM],
    ],
    [
      'denied',
      'The company denied that it had misled investors about the losses.',
      { quote: 'that it had misled investors about the losses', kind: 'indirect' },
    ],
    [
      'claimed',
      'The group claimed it had shot down two drones over the border.',
      { quote: 'it had shot down two drones over the border', kind: 'indirect', source: 'The group' },
    ],
    [
      'officials said',
      'The bridge will reopen in March, officials said.',
      { quote: 'The bridge will reopen in March', kind: 'indirect', source: 'officials' },
    ],
    [
      'a source said',
      'The deal could be signed as early as next week, a source said.',
      { quote: 'The deal could be signed as early as next week', kind: 'indirect', source: 'a source' },
    ],
    [
      'believes',
      'Clinton believes the trade deal would hurt American workers.',
      { quote: 'the trade deal would hurt American workers', kind: 'indirect' },
    ],
    [
      'in a statement',
      'In a statement, the ministry said the talks had been productive.',
      { quote: 'the talks had been productive', kind: 'indirect' },
    ],
    [
      'a participle after the cue opens a report of its own, spoken by the same subject',
      'Warren said the bank had failed its customers, referencing its drive to cross-sell accounts.',
      { quote: 'its drive to cross-sell accounts', kind: 'indirect', cue: 'referencing', source: 'Warren' },
    ],
    [
      'Y, according to X',
      'Mitt Romney had a ten-point lead among the high-earning group in 2012, according to exit polls.',
      {
        quote: 'Mitt Romney had a ten-point lead among the high-earning group in 2012',
        cue: 'according to',
        source: 'exit polls',
      },
    ],
    [
      'the sentence subject speaks a participle cue far from it',
      'Hillary Clinton spoke out Tuesday about the death of Terence Crutcher in Tulsa, arguing that the epidemic of police killings must end.',
      { quote: 'that the epidemic of police killings must end', kind: 'indirect', source: 'Hillary Clinton' },
    ],
    [
      'warned',
      'Economists warned that inflation could rise again next year.',
      { quote: 'that inflation could rise again next year', kind: 'indirect', source: 'Economists' },
    ],
    [
      'announced',
      'The White House announced that the president would visit Japan in May.',
      { quote: 'that the president would visit Japan in May', kind: 'indirect' },
    ],
    [
      'added',
      'The spokesman added that no decision had been made yet.',
      { quote: 'that no decision had been made yet', kind: 'indirect' },
    ],
    [
      'pronoun source resolves through the entity layer',
      'Trump spoke in Ohio. He said the plant would stay open.',
      { quote: 'the plant would stay open', kind: 'indirect', speaker: 'Donald Trump', source: 'He' },
      [['Donald Trump', 'PERSON', ['Trump', 'name'], ['He', 'pronoun']]],
    ],
    [
      'insisted',
      'Sanders insisted that the primary was not over.',
      { quote: 'that the primary was not over', kind: 'indirect', source: 'Sanders' },
    ],
  ],
  check,
);

table<Row>(
  'relay chains',
  [
    [
      'quoted as saying by',
      '"They left expecting no reward," Kim was quoted as saying by the KCNA.',
      { quote: 'They left expecting no reward', speaker: 'Kim Jong-un', via: ['Korean Central News Agency'] },
      [KIM, ['Korean Central News Agency', 'ORG', ['KCNA', 'acronym']]],
    ],
    [
      'nested report: the outer source is the relay',
      'The North\'s leader said "hegemony-seeking" forces will fail, the KCNA said.',
      { quote: 'hegemony-seeking', speaker: 'Kim Jong-un', via: ['Korean Central News Agency'] },
      [
        ['Kim Jong-un', 'PERSON', ["The North's leader", 'nominal']],
        ['Korean Central News Agency', 'ORG', ['KCNA', 'acronym']],
      ],
    ],
    [
      'according to the agency covers what follows',
      'The ceremony was held on Thursday, according to the Korean Central News Agency (KCNA). During a speech, Kim said, "Pyongyang will always be with Moscow."',
      {
        quote: 'Pyongyang will always be with Moscow',
        speaker: 'Kim Jong-un',
        via: ['Korean Central News Agency'],
      },
      [
        KIM,
        ['Korean Central News Agency', 'ORG', ['Korean Central News Agency', 'name'], ['KCNA', 'acronym']],
      ],
    ],
    [
      'the publisher is never a relay',
      '"We will win," Kim said, the KCNA reported.',
      { quote: 'We will win', speaker: 'Kim Jong-un' },
      [KIM, ['Korean Central News Agency', 'ORG', ['KCNA', 'acronym']]],
    ],
    [
      'a person speaking directly has no relay',
      '"The plant will stay open," Trump said on Monday.',
      { quote: 'The plant will stay open', speaker: 'Donald Trump', via: [] },
      [TRUMP],
    ],
  ],
  check,
);

test('a quotation that never closes ends with its paragraph and is reported', () => {
  const text =
    'The mayor said: "We will rebuild the bridge by spring.\n\nThe council meets on Monday to approve the budget. Officials expect a vote.';
  const analysis = analyse(text);
  const recovered = analysis.quotes.find(
    (q) => q.kind !== 'indirect' && q.text.startsWith('We will rebuild'),
  );
  assert.ok(recovered, 'the open quotation should still be a quote');
  assert.equal(recovered.text, 'We will rebuild the bridge by spring', 'it must stop at the paragraph end');
  const m = analysis.messages.find((x) => x.rule === 'attribution/unbalanced-quote');
  assert.ok(m, 'an unbalanced mark is reported as a message');
  assert.equal(text.slice(m.start, m.end), '"', 'the message points at the mark');
});

test('a quotation reopened in the next paragraph is news style, not an error', () => {
  const text =
    '"We will rebuild the bridge by spring.\n\n"And we will pay for it ourselves," the mayor said.';
  const analysis = analyse(text);
  assert.equal(
    analysis.messages.filter((x) => x.rule === 'attribution/unbalanced-quote').length,
    0,
    'no unbalanced-quote message for a quotation continued across paragraphs',
  );
});

test('the seed: eight quotes of Kim, four through the KCNA, no quote that is not in the gold', () => {
  const raw = readFileSync(sharedPath('gold', '000_4e6a1e8230babff5.txt'), 'utf8');
  const body = raw.replace(/^\s*date \S+\s*/, '');
  const analysis = analyse(body, [
    [
      'Kim Jong-un',
      'PERSON',
      ['Kim Jong-un', 'name'],
      ["the North's leader", 'nominal'],
      ["The North's leader", 'nominal'],
      ['Kim', 'alias', 1],
      ['Kim', 'alias', 2],
      ['Kim', 'alias', 3],
      ['Kim', 'alias', 4],
    ],
    [
      'Korean Central News Agency',
      'ORG',
      ['Korean Central News Agency', 'name'],
      ['KCNA', 'acronym'],
      ['KCNA', 'acronym', 1],
      ['KCNA', 'acronym', 2],
    ],
  ]);
  const gold = JSON.parse(readFileSync(sharedPath('gold', '000_4e6a1e8230babff5.gold.json'), 'utf8')) as {
    quotes: { text: string; speaker: string; via?: string[] }[];
  };
  const names = new Map(analysis.entities.map((e) => [e.id, e.name]));
  const quoted = analysis.quotes.filter((q) => q.kind !== 'indirect');
  for (const g of gold.quotes) {
    const q = quoted.find((x) => x.text === g.text);
    assert.ok(q, `gold quote "${g.text}" not found`);
    assert.equal(names.get(q.speaker ?? ''), 'Kim Jong-un', `speaker of "${g.text}"`);
    if (g.via)
      assert.ok(
        q.via?.some((id) => names.get(id) === 'Korean Central News Agency'),
        `"${g.text}" via the KCNA`,
      );
  }
  const extra = quoted.filter((q) => !gold.quotes.some((g) => g.text === q.text));
  assert.deepEqual(
    extra.map((q) => q.text),
    [],
    'quotes that are not in the gold',
  );
});

/** A report expected by punctuation or by the sentence around it; `source: null` means none. */
type LabelRow = [
  title: string,
  text: string,
  expect: { quote?: string; cue: string; source?: string | null },
];

table<LabelRow>(
  'reports without a reporting verb, and sources the cue itself does not name',
  [
    [
      'transcript turn: a name in capitals and a colon',
      'Partial transcript as follows.\n\nWALLACE: Let us start with the debate story tonight.\n\nPENCE: Well, look, this is serious business for the country.',
      { quote: 'Well, look, this is serious business for the country.', cue: ':', source: 'PENCE' },
    ],
    [
      'labelled headline',
      'Poll: Clinton and Trump in dead heat heading into first debate.\n\nThe race is tied.',
      { quote: 'Clinton and Trump in dead heat heading into first debate.', cue: ':', source: 'Poll' },
    ],
    [
      'signed quotation after a horizontal bar',
      '\u201cHe represents our greatest shame in this country.\u201d \u2015 Sonya Herridge\n\u201cHe is ignorant of our culture and our lives.\u201d \u2015 Pamela Padilla',
      { quote: 'He is ignorant of our culture and our lives', cue: '\u2015', source: 'Pamela Padilla' },
    ],
    [
      'a participle after a comma reports for the subject before it',
      'Trump defended the plan on Monday, saying that it would create thousands of jobs.',
      { cue: 'saying', source: 'Trump' },
    ],
    [
      'a sentence adverb set off by a comma is not the subject a participle reports for',
      'Recently, Senator Warren spoke for an hour in Ohio, arguing that the plan would fail.',
      { quote: 'that the plan would fail', cue: 'arguing', source: 'Senator Warren' },
    ],
    [
      'a participle opening the sentence reports for the name after its phrase',
      'Citing an unfounded conspiracy theory, Trump attacked the senator and his father.',
      { quote: 'an unfounded conspiracy theory', cue: 'Citing', source: 'Trump' },
    ],
    [
      'a participle opening the sentence reports for the pronoun after its phrase',
      'Citing the budget deficit, she attacked the plan and its authors.',
      { quote: 'the budget deficit', cue: 'Citing', source: 'she' },
    ],
    [
      'a participle opening the sentence reports for a determined name after its phrase',
      'Lamenting their luck, many Mexicans often say that God is far away.',
      { quote: 'their luck', cue: 'Lamenting', source: 'many Mexicans' },
    ],
    [
      'negative: a passive cue without "by" names no source, and a report without one is dropped',
      'Mr. Quiros was accused of hiding the money from investors in the resort.',
      { cue: 'was accused of', source: null },
    ],
    [
      'negative: a label that is not a speaker',
      'Update: The story was corrected on Monday afternoon.',
      { cue: ':' },
    ],
    [
      'negative: a colon inside a sentence',
      'The board faces two questions: who pays and when the work will start.',
      { cue: ':' },
    ],
    [
      'negative: a dash followed by the writer\u2019s own clause',
      'The crowd chanted \u201cfour more years\u201d \u2014 and nobody on the stage seemed surprised.',
      { cue: '\u2014' },
    ],
  ],
  ([title, text, expect]) => {
    const quotes = analyse(text).quotes as readonly AttributedQuote[];
    const seen = quotes.map((q) => `${q.kind} "${q.text}" cue=${q.cue?.text} source=${q.source?.text}`);
    const found = quotes.find(
      (q) => q.cue?.text === expect.cue && (!expect.quote || q.text === expect.quote),
    );
    if (title.startsWith('negative')) {
      assert.equal(
        found,
        undefined,
        `no report should have the cue "${expect.cue}"; got:\n  ${seen.join('\n  ')}`,
      );
      return;
    }
    assert.ok(found, `expected a report with cue "${expect.cue}"; got:\n  ${seen.join('\n  ') || '(none)'}`);
    if (expect.source !== undefined)
      assert.equal(found.source?.text ?? null, expect.source, `source of the report cued by "${expect.cue}"`);
  },
);

const KCNA: EntitySpec = ['Korean Central News Agency', 'ORG', ['KCNA', 'acronym']];
const SPY: EntitySpec = ['National Intelligence Service', 'ORG', ['spy agency', 'nominal']];

table<Row>(
  'report boundaries: relays, fronted phrases and closing cues',
  [
    [
      'a nested report takes the outer source of its own sentence as relay',
      "The spy agency said some 600 soldiers were killed. The North's leader said the forces will fail, the KCNA said.",
      {
        quote: 'the forces will fail',
        kind: 'indirect',
        speaker: 'Kim Jong-un',
        via: ['Korean Central News Agency'],
      },
      [['Kim Jong-un', 'PERSON', ["The North's leader", 'nominal']], KCNA, SPY],
    ],
    [
      'a report of an earlier sentence is not relayed by a later outer source',
      "The spy agency said some 600 soldiers were killed. The North's leader said the forces will fail, the KCNA said.",
      {
        quote: 'some 600 soldiers were killed',
        kind: 'indirect',
        speaker: 'National Intelligence Service',
        via: [],
      },
      [['Kim Jong-un', 'PERSON', ["The North's leader", 'nominal']], KCNA, SPY],
    ],
    [
      'content before a closing cue is the whole clause',
      'Japan has held a ceremony for a new museum in Tokyo to honor its workers who died while building the dam in the mountains, local media reported Tuesday.',
      {
        quote:
          'Japan has held a ceremony for a new museum in Tokyo to honor its workers who died while building the dam in the mountains',
        kind: 'indirect',
        source: 'local media',
      },
    ],
    [
      'a quantifier opening the clause is content, not a fronted phrase',
      'At least 10 people died in the blast, police said.',
      { quote: 'At least 10 people died in the blast', kind: 'indirect', source: 'police' },
    ],
    [
      'the outer report of a nested one stands, its source the relay',
      "The North's leader said the forces will fail in the war, the KCNA said.",
      {
        quote: "The North's leader said the forces will fail in the war",
        kind: 'indirect',
        cue: 'said',
        source: 'the KCNA',
      },
    ],
    [
      'a fronted phrase gives way to the content after the cue',
      'In a statement, the ministry said the talks would resume next week.',
      { quote: 'the talks would resume next week', kind: 'indirect', cue: 'said' },
    ],
  ],
  check,
);

/** Text, and words no quote may have (a fronted phrase), or that exactly `count` quotes must have. */
table<[title: string, text: string, words: string, count: number]>(
  'one quote per report, none of a fronted phrase',
  [
    [
      'a nested report is one quote',
      "The North's leader said the forces will fail in the war, the KCNA said.",
      'the forces will fail in the war',
      1,
    ],
    [
      'two reports of the same words are two quotes',
      'Kim said the talks had failed. The KCNA said the talks had failed.',
      'the talks had failed',
      2,
    ],
    [
      'a fronted phrase of place is no report',
      'At the meeting, she also encouraged young workers who returned home after the strike and consoled their families.',
      'At the meeting',
      0,
    ],
    [
      'a fronted phrase of time is no report',
      'In August, she praised the workers who rebuilt the bridge.',
      'In August',
      0,
    ],
  ],
  ([, text, words, count]) => {
    const quotes = analyse(text).quotes.filter((q) => q.text === words);
    assert.equal(
      quotes.length,
      count,
      `expected ${count} quote(s) of "${words}", got: ${quotes.map((q) => `${q.kind} (${q.rule})`).join(', ') || 'none'}`,
    );
  },
);

/** Function-word sources name no one, places relay nothing, and fragments of a clause are no report. */
table<Row>(
  'function-word sources, place relays and slight contents',
  [
    [
      'a relative pronoun source gets no speaker and no entity of its own',
      'The foundation ran a contest, which offered prizes for a better toilet design.',
      { quote: 'prizes for a better toilet design', kind: 'indirect', source: 'which', speaker: null },
    ],
    [
      'a lone determiner cut from the source gets no speaker',
      'Researchers presented the coating. The called it a liquid-entrenched smooth surface.',
      { quote: 'it a liquid-entrenched smooth surface', kind: 'indirect', speaker: null },
    ],
    [
      'a named unnamed source still becomes an entity',
      'The researchers said the coating repels bacteria and cuts water use.',
      {
        quote: 'the coating repels bacteria and cuts water use',
        kind: 'indirect',
        speaker: 'The researchers',
      },
    ],
    [
      'a country the report names is no relay',
      'According to Penn State in the United States, the coating lasts for 500 flushes. Wong said the team will sell it.',
      { quote: 'the team will sell it', kind: 'indirect', speaker: 'Tak-Sing Wong', via: [] },
      [
        ['Tak-Sing Wong', 'PERSON', ['Wong', 'name']],
        ['United States', 'GPE', ['United States', 'name']],
      ],
    ],
    [
      'a news agency cited before still relays',
      'The plant closed on Monday, the news agency reported. Wong said the team will sell it.',
      {
        quote: 'the team will sell it',
        kind: 'indirect',
        speaker: 'Tak-Sing Wong',
        via: ['the news agency'],
      },
      [['Tak-Sing Wong', 'PERSON', ['Wong', 'name']]],
    ],
  ],
  check,
);

/** Text, the clause an outer report covers and its source, and a word no source may be. */
table<[title: string, text: string, clause: string, source: string, notSource: string]>(
  'nested reports open with a speaker and a plain verb of saying',
  [
    [
      'negative: "State" after an article is a name, not a verb of saying',
      "The State Department's climate envoy sent a proposal to Beijing, the officials said.",
      "The State Department's climate envoy sent a proposal to Beijing",
      'the officials',
      'The',
    ],
    [
      'negative: "continue" is what is said, not a verb of saying',
      'We must continue to push policies that help working families, the senator said.',
      'We must continue to push policies that help working families',
      'the senator',
      'We must',
    ],
  ],
  ([, text, clause, source, notSource]) => {
    const quotes = analyse(text).quotes as readonly AttributedQuote[];
    const seen = quotes.map((q) => `${q.kind} "${q.text}" source=${q.source?.text} (${q.rule})`);
    assert.ok(
      quotes.some((q) => q.text === clause && q.source?.text === source),
      `expected the report of "${clause}" by "${source}"; got:\n  ${seen.join('\n  ')}`,
    );
    assert.ok(
      !quotes.some((q) => q.source?.text === notSource),
      `"${notSource}" is no source; got:\n  ${seen.join('\n  ')}`,
    );
  },
);

const cueSpan = (text: string) => ({ start: 0, end: text.length, text });

/** Cue words, source, learned cue words, and whether the tagger's report is kept. */
table<[title: string, cue: string, source: string | undefined, keep: boolean]>(
  'a tagged report is kept with a source and, when its cue has several words, a cue word',
  [
    ['a reporting verb with its source', 'said', 'Smith', true],
    ['a one-word cue outside the lexicons, with its source', 'backed', 'the newspaper', true],
    ['a cue phrase holding a reporting verb', 'has repeatedly claimed', 'Trump', true],
    ['a cue phrase holding a learned cue word', 'made the case', 'Stumpf', true],
    ['negative: a reporting verb without a source', 'said', undefined, false],
    ['negative: a passive cue without a source', 'was accused of', undefined, false],
    ['negative: a phrase with no cue word', 'the national debate about', 'The', false],
  ],
  ([title, cue, source, keep]) => {
    const report = { cue: [cueSpan(cue)], ...(source ? { source: cueSpan(source) } : {}) };
    assert.equal(credible(report, new Set(['case'])), keep, `${title}: "${cue}" by ${source ?? 'no one'}`);
  },
);

const analysedEntities = (text: string) => analyse(text).entities.map((e) => e.name.toLowerCase());

table<[title: string, text: string, forbidden: string]>(
  'function words become no entity',
  [
    ['which', 'The foundation ran a contest, which offered prizes for a better toilet design.', 'which'],
    ['both', 'Both presented the spray as suitable for ceramics and other materials.', 'both'],
  ],
  ([, text, forbidden]) => {
    const names = analysedEntities(text);
    assert.ok(!names.includes(forbidden), `"${forbidden}" became an entity: ${names.join(', ')}`);
  },
);

const HENSMAN =
  'Carl Hensman of the Bill and Melinda Gates Foundation noted the ingredients in the sprays are also found in toothpaste, and are unlikely to pollute nearby water supplies; though he also remarked that, because the spray wears off, it was unlikely to be used widely in developing countries as the researchers claim to hope.';

/** Text, and a content that is (count 1) or is not (count 0) reported. */
table<[title: string, text: string, words: string, count: number]>(
  'slight contents are dropped, short reports stay',
  [
    ['a lone "that" is no content', HENSMAN, 'that', 0],
    ['a bare infinitive cut from a long sentence is no content', HENSMAN, 'to hope', 0],
    ['the report before them stays', HENSMAN, 'the ingredients in the sprays', 1],
    ['a bare infinitive is no content', 'The researchers claim to hope.', 'to hope', 0],
    ['a two-word content stays', 'Police said nobody died.', 'nobody died', 1],
    [
      'an infinitive with its object stays',
      'The minister promised to resign from the cabinet.',
      'to resign from the cabinet',
      1,
    ],
  ],
  ([, text, words, count]) => {
    const quotes = analyse(text).quotes.filter((q) => q.kind === 'indirect');
    assert.equal(
      quotes.filter((q) => q.text === words).length,
      count,
      `expected ${count} indirect quote(s) of "${words}", got: ${quotes.map((q) => `"${q.text}"`).join(', ') || 'none'}`,
    );
  },
);

/** Entities the entity stage gave, and every entity after attribution: its name and mentions, in order. */
table<[title: string, text: string, entities: EntitySpec[], expected: [string, string[]][]]>(
  'speakers grow the entities they resolve to, in place',
  [
    [
      'a pronoun no entity covers becomes a mention of the person named before it',
      'Kim Jong Un visited a factory in Ohio. He said the plant would stay open.',
      [
        ['Kim Jong Un', 'PERSON', ['Kim Jong Un', 'name']],
        ['Ohio', 'GPE', ['Ohio', 'name']],
      ],
      [
        ['Kim Jong Un', ['Kim Jong Un', 'He']],
        ['Ohio', ['Ohio']],
      ],
    ],
    [
      'an unnamed source named twice is one entity with two mentions',
      'Officials said the plant would stay open. Later, officials said the plant would close.',
      [],
      [['Officials', ['Officials', 'officials']]],
    ],
    [
      'negative: a pronoun with no person named before it grows nothing',
      'He said the plant would stay open in Ohio.',
      [['Ohio', 'GPE', ['Ohio', 'name']]],
      [['Ohio', ['Ohio']]],
    ],
  ],
  ([title, text, entities, expected]) => {
    const found = analyse(text, entities).entities.map((e): [string, string[]] => [
      e.name,
      e.mentions.map((m) => m.text),
    ]);
    assert.deepEqual(found, expected, `${title}: entities after attribution`);
  },
);

/** Cue pieces (each a span of its own), and whether a report with a source is kept. */
table<[title: string, cue: string[], keep: boolean]>(
  'a cue of several pieces counts the words of all of them',
  [
    ['a reporting verb in the second piece', ['the', 'said'], true],
    ['a reporting verb inside a piece of several words', ['made', 'clear he said'], true],
    ['a reporting verb after runs of white space', ['made  clear\n  said'], true],
    ['a learned cue word ending a piece', ['in  the case'], true],
    ['negative: two one-word pieces with no cue word', ['the', 'debate'], false],
    ['negative: a piece of several words with no cue word', ['over the national debate'], false],
    ['negative: runs of white space and no cue word', ['over \t the  debate'], false],
  ],
  ([title, cue, keep]) => {
    const report = { cue: cue.map(cueSpan), source: cueSpan('Smith') };
    assert.equal(credible(report, new Set(['case'])), keep, `${title}: ${cue.join(' + ')}`);
  },
);

/**
 * A quotation no reporting word attributes, and whether it stands as an unattributed quote: from five
 * words on. Words are runs between white space holding a letter, of any script.
 */
table<[title: string, text: string, quote: string, kept: boolean]>(
  'an unattributed quotation stands from five words on',
  [
    [
      'five plain words',
      'Banners read “stop the war right now” across town.',
      'stop the war right now',
      true,
    ],
    [
      'five words with accents',
      'Banners read “ça ne passera pas ici” across town.',
      'ça ne passera pas ici',
      true,
    ],
    [
      'five words, one astral',
      'Banners read “the 𝒜 team wins again” across town.',
      'the 𝒜 team wins again',
      true,
    ],
    [
      'five words split by a no-break space',
      'Banners read “stop the war right\u00a0now” across town.',
      'stop the war right\u00a0now',
      true,
    ],
    [
      'negative: four words with accents',
      'Banners read “à bas le régime” across town.',
      'à bas le régime',
      false,
    ],
    [
      'negative: numbers and dashes are no words',
      'Banners read “no — 42 — 7 — war” across town.',
      'no — 42 — 7 — war',
      false,
    ],
  ],
  ([title, text, quote, kept]) => {
    const quotes = analyse(text).quotes;
    assert.equal(
      quotes.some((q) => q.text === quote),
      kept,
      `${title}: quotes ${quotes.map((q) => `"${q.text}" (${q.kind})`).join(', ') || 'none'}`,
    );
  },
);
