import assert from 'node:assert/strict';
import { table } from '../../../test/table.js';
import { ANALYSIS_SCHEMA, type Analysis, type Entity, type EntityType } from '../../document/analysis.js';
import { conllReader } from '../../read/conll-reader.js';
import { isFailure } from '../../read/reader.js';
import { conllFormat, conllTags, conllType } from './conll-format.js';

function analysisOf(text: string, entities: Entity[], id = 'doc'): Analysis {
  return {
    schema: ANALYSIS_SCHEMA,
    document: { id, text, bodyOffset: 0 },
    sentences: [],
    entities,
    times: [],
    quotes: [],
    claims: [],
    events: [],
    messages: [],
  };
}

function entity(
  text: string,
  type: EntityType,
  name: string,
  kind: Entity['mentions'][number]['kind'] = 'name',
): Entity {
  const start = text.indexOf(name);
  return {
    id: name,
    type,
    name,
    rule: 'test',
    mentions: [{ start, end: start + name.length, text: name, kind }],
  };
}

table(
  'CoNLL types from ours',
  [
    ['PERSON', 'name', 'PER'],
    ['ORG', 'name', 'ORG'],
    ['GPE', 'name', 'LOC'],
    ['FAC', 'name', 'LOC'],
    ['NORP', 'name', 'MISC'],
    ['EVENT', 'name', 'MISC'],
    ['GPE', 'demonym', 'MISC'],
  ] as const,
  ([type, kind, tag]) => {
    const e = entity('x', type, 'x', kind);
    assert.equal(conllType(e, e.mentions[0] as Entity['mentions'][number]), tag);
  },
);

table(
  'CoNLL tags: IOB2 over the tokens a mention covers; pronouns and descriptions left out',
  [
    ['Kim Jong-un met Matsegora .', [['PERSON', 'Kim Jong-un', 'name']], ['B-PER', 'I-PER', 'O', 'O', 'O']],
    ['he said .', [['PERSON', 'he', 'pronoun']], ['O', 'O', 'O']],
    ['North Korean troops', [['GPE', 'North Korean', 'demonym']], ['B-MISC', 'I-MISC', 'O']],
    // A short form's "the" is left out; a name's own "The" is not.
    ['into the North .', [['GPE', 'the North', 'alias']], ['O', 'O', 'B-LOC', 'O']],
    ['The Hague ruled .', [['GPE', 'The Hague', 'name']], ['B-LOC', 'I-LOC', 'O', 'O']],
  ] as const,
  ([text, mentions, tags]) => {
    const entities = mentions.map(([type, name, kind]) => entity(text, type, name, kind));
    assert.deepEqual(conllTags(analysisOf(text, entities)), tags);
  },
);

table(
  'CoNLL writer: each input line with the predicted tag appended',
  [
    [
      '-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n',
      [['ORG', 'EU']],
      '-DOCSTART- -X- -X- O O\n\nEU NNP B-NP B-ORG B-ORG\nrejects VBZ B-VP O O\n\n',
    ],
  ] as const,
  ([input, names, output]) => {
    const item = [...conllReader.read({ name: 'x', text: input })][0];
    assert.ok(item && !isFailure(item));
    const { document } = item;
    let written = '';
    const writer = conllFormat.createWriter((chunk) => (written += chunk), { color: false, brief: false });
    writer.add(
      analysisOf(
        document.text,
        names.map(([t, n]) => entity(document.text, t, n)),
        document.id,
      ),
    );
    writer.close();
    assert.equal(written, output);
  },
);

table(
  'CoNLL writer: a document from elsewhere is written as token and tag, a blank line between sentences',
  [['EU rejects\nLamb .', [['ORG', 'EU']], 'EU B-ORG\nrejects O\n\nLamb O\n. O\n']] as const,
  ([text, names, output]) => {
    let written = '';
    const writer = conllFormat.createWriter((chunk) => (written += chunk), { color: false, brief: false });
    writer.add(
      analysisOf(
        text,
        names.map(([t, n]) => entity(text, t, n)),
        'not-from-the-reader',
      ),
    );
    assert.equal(written, output);
  },
);
