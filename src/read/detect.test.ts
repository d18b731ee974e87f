import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { detectFormat } from './detect.js';

table(
  'format detection',
  [
    ['a.txt', 'date 2025-10-24 North Korea has held', 'text'],
    ['a.txt', '{"title": "x", "text": "y"}', 'json'],
    ['a', '{"text": "a"}\n{"text": "b"}\n', 'jsonl'],
    ['a.jsonl', '{"text": "a"}', 'json'],
    ['feed.xml', '<?xml version="1.0"?>\n<rss version="2.0"><channel>', 'feed'],
    ['feed', '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', 'feed'],
    ['page', '<!DOCTYPE html><html><body>', 'html'],
    ['x.tml', '<?xml version="1.0" ?>\n<TimeML xmlns:xsi="x">', 'timeml'],
    ['wikinews.csv', 'url,date,title,text\n"https://x",2019-01-01,"T","B"', 'csv'],
    ['export', 'url,date,title,text\n', 'csv'],
    ['notes.md', 'Just words, nothing else.', 'text'],
    ['valid.txt', '-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG', 'conll'],
  ] as const,
  ([name, text, expected]) => assert.equal(detectFormat(name, text), expected),
  ([name, text]) => `${name}: ${JSON.stringify(text.slice(0, 30))}`,
);
