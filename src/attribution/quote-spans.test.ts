import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import type { Message } from '../document/message.js';
import { TextLayer } from '../text/text-layer.js';
import { findQuotedPassages } from './quote-spans.js';

/**
 * Text -> the passages' texts with their paragraphs, and how many unbalanced marks are reported.
 * Paragraphs count the breaks before the passage: the text before the first break is paragraph -1.
 */
table(
  'quoted passages',
  [
    ['"We will win," he said.', ['We will win@-1'], 0],
    ['He said: "We will win." Then he left.\n\nShe said "no."', ['We will win@-1', 'no@0'], 0],
    // A final "?" and an ellipsis stay; white space inside the marks goes.
    ['He asked: "Why?" and left.', ['Why?@-1'], 0],
    ['He said: "We will\u2026 we must... " and left.', ['We will\u2026 we must...@-1'], 0],
    // A mark of the other kind inside a passage is a nested quotation, part of it.
    ['He said: "They call it \u2018the deal\u2019 now."', ['They call it \u2018the deal\u2019 now@-1'], 0],
    // Running on into a paragraph that reopens: two passages, no error.
    ['"We will rebuild.\n\n"And pay for it," he said.', ['We will rebuild@-1', 'And pay for it@0'], 0],
    // Not reopened: the passage ends with its paragraph and the mark is reported.
    ['He said: "We will rebuild.\n\nThe council meets.', ['We will rebuild@-1'], 1],
    // An unclosed mark at the end of the text.
    ['The sign read "Closed', ['Closed@-1'], 1],
    // A break before the first token counts too.
    ['\n\n"Yes," he said.\n\n"No," she said.', ['Yes@0', 'No@1'], 0],
    // No marks, or only an apostrophe: no passage.
    ['The mayor spoke on Monday.\n\nThe council met.', [], 0],
    ["The troops' exploits were praised.", [], 0],
  ] as const,
  ([text, expected, unbalanced]) => {
    const layer = new TextLayer(text);
    const messages: Message[] = [];
    const passages = findQuotedPassages(layer, (m) => messages.push(m));
    assert.deepEqual(
      passages.map((p) => `${text.slice(p.start, p.end)}@${p.paragraph}`),
      expected,
      'the passages between the marks (without the trailing comma or period) and their paragraphs',
    );
    assert.equal(messages.length, unbalanced, 'one message per mark that never closes');
  },
);
