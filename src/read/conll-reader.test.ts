import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { conllLines, conllReader, conllTokenOffsets } from './conll-reader.js';
import { isFailure } from './reader.js';

const SAMPLE = [
  '-DOCSTART- -X- -X- O',
  '',
  'EU NNP B-NP B-ORG',
  'rejects VBZ B-VP O',
  'German JJ B-NP B-MISC',
  '. . O O',
  '',
  'Peter NNP B-NP B-PER',
  'Blackburn NNP I-NP I-PER',
  '',
  '-DOCSTART- -X- -X- O',
  '',
  'LONDON NNP B-NP B-LOC',
  '1996-08-30 CD I-NP O',
  '',
].join('\n');

const read = (text: string) => [...conllReader.read({ name: 'x.conll', text })];

table(
  'CoNLL reader: one document per -DOCSTART-, tokens joined by spaces, one sentence per line',
  [
    [SAMPLE, ['EU rejects German .\nPeter Blackburn', 'LONDON 1996-08-30']],
    ['EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n', ['EU rejects']],
  ] as const,
  ([text, bodies]) => {
    const docs = read(text).flatMap((item) => (isFailure(item) ? [] : [item.document]));
    assert.deepEqual(
      docs.map((d) => d.text),
      bodies,
    );
    for (const d of docs) assert.equal(d.origin.format, 'conll');
  },
);

table(
  'CoNLL reader: the input lines are kept for the writer, in order',
  [[SAMPLE, 0, 10]] as const,
  ([text, index, lines]) => {
    const item = read(text)[index];
    assert.ok(item && !isFailure(item));
    const kept = conllLines(item.document.id);
    assert.equal(kept?.length, lines);
    assert.equal(kept?.[2], 'EU NNP B-NP B-ORG');
  },
);

table(
  'CoNLL reader: a document with no tokens is a failure, not an exception',
  [['-DOCSTART- -X- -X- O\n\n']] as const,
  ([text]) => {
    const items = read(text);
    assert.equal(items.length, 1);
    assert.ok(items[0] && isFailure(items[0]), 'expected a failure');
  },
);

table(
  'CoNLL token offsets follow from the text',
  [
    [
      'EU rejects\nGerman .',
      [
        [0, 2],
        [3, 10],
        [11, 17],
        [18, 19],
      ],
    ],
  ] as const,
  ([text, offsets]) => assert.deepEqual(conllTokenOffsets(text), offsets),
);
