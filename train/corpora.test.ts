import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { defaultGazetteer } from '../src/entities/gazetteer.js';
import { sharedPath, table } from '../test/table.js';
import { gumFiles, nameWithin, readGumDoc, readMeantimeDoc } from './corpora.js';
import { devFold } from './train-entities.js';

const words = (s: string) => s.split(' ');

table(
  'nameWithin: the name inside an annotated noun phrase',
  [
    ['American automobile manufacturer Chrysler LLC', 'ORG', [], 'Chrysler LLC'],
    ['JSA Research defence analyst Paul Nesbit', 'PERSON', ['Paul', 'Nesbit'], 'Paul Nesbit'],
    ['Presiding Judge Martin Mann', 'PERSON', [], 'Martin Mann'],
    ['the Bank of England', 'ORG', [], 'Bank of England'],
    // A person's name takes no organisation's words and no role.
    ['Joe Leonard , Chairman and Chief Operating Officer of AirTran Airways', 'PERSON', [], 'Joe Leonard'],
    // Negative: roles alone name nobody.
    ['the Prime Minister of Canada', 'PERSON', [], undefined],
    ['the NASA Administrator', 'PERSON', [], undefined],
  ] as const,
  ([phrase, type, hint, expected]) => {
    const w = words(phrase);
    const got = nameWithin(w, 0, w.length, type, defaultGazetteer(), hint);
    assert.equal(got && w.slice(got[0], got[1]).join(' '), expected, phrase);
  },
);

const dir = mkdtempSync(join(tmpdir(), 'dateline-corpora-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A CoNLL-U sentence from "word/XPOS/head/deprel/Entity" rows, heads 1-based within the sentence. */
function conllu(id: string, rows: string[]): string {
  const lines = rows.map((r, i) => {
    const [form, xpos, head, rel, entity] = r.split('/');
    const misc = entity ? `Entity=${entity}` : '_';
    return [i + 1, form, '_', '_', xpos, '_', head, rel, '_', misc].join('\t');
  });
  return [`# sent_id = ${id}`, ...lines, ''].join('\n');
}

table(
  'readGumDoc: names from GUM mentions, their types in our scheme',
  [
    [
      'a nested place is no part of a person name',
      [
        'Afghan/JJ/2/amod/(1-person-new-nnnnn-cf1-2-coref-Hamdullah_Mohib',
        'Ambassador/NNP/7/nmod:desc',
        'to/IN/6/case',
        'the/DT/6/det/(2-place-new-nnnnn-cf1-2-sgl-United_States',
        'United/NNP/6/compound',
        'States/NNP/2/nmod/2)',
        'Hamdullah/NNP/9/nsubj',
        'Mohib/NNP/7/flat/1)',
        'spoke/VBD/0/root',
      ],
      ['United States/GPE', 'Hamdullah Mohib/PERSON'],
    ],
    [
      'a name in flat relation to a common-noun head',
      [
        'team/NN/2/compound/(1-person-new-nnnnn-cf1-2-sgl',
        'member/NN/5/nsubj',
        'Rodaba/NNP/2/flat',
        'Noori/NNP/2/flat/1)',
        'told/VBD/0/root',
      ],
      ['Rodaba Noori/PERSON'],
    ],
    [
      'a group of people is no person',
      [
        'the/DT/2/det/(1-person-new-nnnnn-cf1-2-sgl-Taliban',
        'Taliban/NNP/3/nsubj/1)',
        'fought/VBD/0/root',
        'Muslims/NNPS/3/obj/(2-person-new-nnnnn-cf1-1-sgl-Muslims)',
      ],
      ['Taliban/ORG', 'Muslims/NORP'],
    ],
    [
      'an organisation runs through "of the"',
      [
        'the/DT/2/det/(1-organization-new-nnnnn-cf1-2-sgl',
        'Daughters/NNP/7/nsubj',
        'of/IN/5/case',
        'the/DT/5/det',
        'American/NNP/5/compound',
        'Revolution/NNP/2/nmod/1)',
        'met/VBD/0/root',
      ],
      ['Daughters of the American Revolution/ORG'],
    ],
    [
      'a title or description before a person name is no part of it',
      [
        'Emeritus/NNP/0/root/(1-person-new-nnnnn-cf1-4-sgl-John_Burrows',
        'Professor/NNP/1/flat',
        'John/NNP/1/flat',
        'Burrows/NNP/1/flat/1)',
        'Scientologist/NNP/6/nmod:desc/(2-person-new-nnnnn-cf1-3-sgl-Tom_Cruise',
        'Tom/NNP/1/dep',
        'Cruise/NNP/6/flat/2)',
      ],
      ['John Burrows/PERSON', 'Tom Cruise/PERSON'],
    ],
    [
      '"the" before a name but outside its mention makes no group',
      ['the/DT/3/det', 'Cruise/NNP/3/compound/(1-person-new-nnnnn-cf1-1-sgl-Tom_Cruise)', 'video/NN/0/root'],
      ['Cruise/PERSON'],
    ],
    [
      'a later bare surname that is also a city stays the person by the name of its entity',
      [
        'Valeska/NNP/3/nsubj/(1-person-new-nnnnn-cf1-2-coref',
        'Paris/NNP/1/flat/1)',
        'left/VBD/0/root',
        'and/CC/5/cc',
        'Paris/NNP/6/nsubj/(1-person-giv-nnnnn-cf1-1-coref)',
        'sued/VBD/3/conj',
      ],
      ['Valeska Paris/PERSON', 'Paris/PERSON'],
    ],
    [
      'a surname that is also a city stays the person by its percent-encoded identity',
      ['Paris/NNP/2/nsubj/(1-person-new-nnnnn-cf1-1-sgl-Paris%2C_Valeska)', 'sued/VBD/0/root'],
      ['Paris/PERSON'],
    ],
    [
      'a country GUM types as an organization by its role is a GPE in ours',
      [
        'North/NNP/2/compound/(1-organization-new-nnnnn-cf1-2-coref-North_Korea',
        'Korea/NNP/3/nsubj/1)',
        'stated/VBD/0/root',
      ],
      ['North Korea/GPE'],
    ],
    [
      "a country's name for its national side is a GPE in ours",
      [
        'Afghanistan/NNP/2/nsubj/(1-organization-new-nnnnn-cf1-1-sgl-Afghanistan_national_football_team)',
        'won/VBD/0/root',
      ],
      ['Afghanistan/GPE'],
    ],
    [
      'a place before a comma is the one its mention names, though UD heads it on the country',
      [
        'coast/NN/0/root',
        'of/IN/5/case',
        'Aceh/NNP/5/compound/(1-place-new-nnnnn-cf1-3-sgl-Aceh',
        ',/,/3/punct',
        'Indonesia/NNP/1/nmod/(2-place-new-nnnnn-cf1-1-coref-Indonesia)1)',
      ],
      ['Aceh/LOC', 'Indonesia/GPE'],
    ],
    // Negative: a mention whose head's name is its identity keeps it.
    [
      'a city named as its identity keeps its name',
      [
        'from/IN/2/case',
        'Irving/NNP/0/root/(1-place-new-nnnnn-cf1-3-sgl-Irving%2C_Texas',
        ',/,/4/punct',
        'Texas/NNP/2/appos/(2-place-new-nnnnn-cf1-1-coref-Texas)1)',
      ],
      ['Irving/GPE', 'Texas/GPE'],
    ],
    // Negative: a club named for its city, or an organisation named for its country, stays an organisation.
    [
      'a club or a body named for a place stays an organisation',
      [
        'Barcelona/NNP/2/nsubj/(1-organization-new-nnnnn-cf1-1-sgl-FC_Barcelona)',
        'beat/VBD/0/root',
        'Environment/NNP/4/compound/(2-organization-new-nnnnn-cf1-2-sgl-Environment_Canada',
        'Canada/NNP/2/obj/2)',
      ],
      ['Barcelona/ORG', 'Environment Canada/ORG'],
    ],
    // Negative: a mention headed by a common noun with no name in it gives nothing.
    [
      'a description is no name',
      ['the/DT/2/det/(1-person-new-nnnnn-cf1-2-sgl', 'girls/NNS/3/nsubj/1)', 'won/VBD/0/root'],
      [],
    ],
  ] as const,
  ([title, rows, expected]) => {
    const path = join(dir, `${title.replace(/\W+/g, '_')}.conllu`);
    writeFileSync(path, conllu('s-1', [...rows]));
    const doc = readGumDoc(path, defaultGazetteer());
    const got = doc.spans.map((s) => `${doc.words.slice(s.start, s.end).join(' ')}/${s.type}`);
    assert.deepEqual(got, expected, `${title}: ${JSON.stringify(got)}`);
  },
);

table(
  'readMeantimeDoc: named mentions typed by their entity; coordinations and untyped names apart',
  [
    [
      'Boeing and Lockheed Martin bid . The US agreed .',
      [
        [[0], 'ORG', 'Boeing'],
        [[2, 3], 'ORG', 'Lockheed Martin'],
        [[0, 1, 2, 3], 'ORG', 'Boeing and Martin'],
        [[7], undefined, undefined],
      ],
      ['Boeing/ORG', 'Lockheed Martin/ORG'],
      ['US'],
    ],
  ] as const,
  ([text, mentions, expected, untyped]) => {
    const w = words(text);
    const tokens = w.map((t, i) => `<token t_id="${i + 1}" sentence="0" number="${i}">${t}</token>`);
    const markables: string[] = [];
    const links: string[] = [];
    mentions.forEach(([ids, type, label], k) => {
      const anchors = ids.map((i) => `<token_anchor t_id="${i + 1}"/>`).join('');
      markables.push(`<ENTITY_MENTION m_id="${k + 1}" syntactic_type="NAM">${anchors}</ENTITY_MENTION>`);
      if (type) {
        markables.push(`<ENTITY m_id="${k + 100}" ent_type="${type}" TAG_DESCRIPTOR="${label}"/>`);
        links.push(`<REFERS_TO r_id="${k}"><source m_id="${k + 1}"/><target m_id="${k + 100}"/></REFERS_TO>`);
      }
    });
    const path = join(dir, 'meantime.xml');
    writeFileSync(
      path,
      `<Document>${tokens.join('')}<Markables>${markables.join('')}</Markables><Relations>${links.join('')}</Relations></Document>`,
    );
    const doc = readMeantimeDoc(path, defaultGazetteer());
    const show = (spans: typeof doc.spans, typed: boolean) =>
      spans.map((s) => doc.words.slice(s.start, s.end).join(' ') + (typed ? `/${s.type}` : ''));
    assert.deepEqual(show(doc.spans, true), expected, 'typed names');
    assert.deepEqual(show(doc.untyped, false), untyped, 'untyped names');
  },
);

table(
  'gumFiles: a dev fold comes out of the news training files only, the held-out news untouched',
  [[[0, 2]], [[1, 2]], [[2, 4]]] as const,
  ([fold]) => {
    const root = sharedPath('datasets', 'gum_wikinews');
    const all = gumFiles(root);
    const split = gumFiles(root, fold);
    assert.deepEqual(split.heldOut, all.heldOut, 'held-out files unchanged');
    assert.ok(split.dev.length > 0, `fold ${fold.join('/')} is empty`);
    assert.ok(
      split.dev.every((f) => f.includes('GUM_news_') && all.train.includes(f) && !split.train.includes(f)),
      `dev files are news training files left out of training: ${split.dev.join(', ')}`,
    );
    assert.equal(
      split.train.length + split.dev.length,
      all.train.length,
      'every training file is in one part',
    );
  },
);

table(
  'devFold: "K/N" with K below N',
  [
    ['0/2', [0, 2]],
    ['3/4', [3, 4]],
    // Negative: a fold past the count, or no fold at all, is a usage error.
    ['2/2', undefined],
    ['x', undefined],
  ] as const,
  ([spec, expected]) => {
    if (expected) assert.deepEqual(devFold(spec), expected, spec);
    else assert.throws(() => devFold(spec), /OPTION_INVALID/, spec);
  },
);
