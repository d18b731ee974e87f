import assert from 'node:assert/strict';
import { test } from 'node:test';
import { table } from '../../test/table.js';
import type { SourceDocument } from '../document/document.js';
import { feedReader } from './feed-reader.js';
import { isFailure, type ReadItem } from './reader.js';

const TAG = /<\/?[a-z][^>]*>/i;

const read = (text: string) => [...feedReader.read({ name: 'feed.xml', text })];
const documentsOf = (items: ReadItem[]) => items.flatMap((item) => (isFailure(item) ? [] : [item.document]));
const failuresOf = (items: ReadItem[]) => items.filter(isFailure);

function assertClean(doc: SourceDocument): void {
  assert.ok(doc.text.trim() !== '', 'text is empty');
  for (const value of [doc.text, ...Object.values(doc.meta)]) assert.doesNotMatch(value, TAG);
}

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example &amp; Wire</title><link>https://wire.example/</link><language>en-us</language>
  <!-- <item>commented out</item> -->
  <item>
    <title>Missile &lt;b&gt;launch&lt;/b&gt; reported</title>
    <link>https://wire.example/a</link>
    <guid isPermaLink="false">wire-1</guid>
    <pubDate>Fri, 24 Oct 2025 08:00:00 +0900</pubDate>
    <description>&lt;p&gt;Short summary.&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>SEOUL, Oct. 24 (Yonhap) -- North Korea fired a missile&nbsp;on Friday.</p>
<p>The launch was the <a href="/x">third</a> this month.</p><script>track()</script>]]></content:encoded>
  </item>
  <item>
    <title>No text at all</title>
    <guid>https://wire.example/b</guid>
    <description></description>
  </item>
  <item>
    <title>Description only</title>
    <guid>https://wire.example/c</guid>
    <dc:date>2025-10-25</dc:date>
    <description>AT&amp;T said 3 &lt; 4 &#8212; &lt;p&gt;escaped&lt;/p&gt;&lt;p&gt;paragraphs&lt;/p&gt;</description>
  </item>
</channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">
  <title type="text">Atom Desk</title>
  <entry>
    <id>urn:uuid:1</id>
    <title type="html">Talks &lt;em&gt;resume&lt;/em&gt;</title>
    <link rel="self" href="https://atom.example/self/1"/>
    <link rel="alternate" type="text/html" href="https://atom.example/1"/>
    <published>2025-10-24T08:00:00Z</published>
    <updated>2025-10-26T08:00:00Z</updated>
    <summary>Summary text.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>GENEVA -- Talks resumed &amp; went on.</p><p>They <b>ended</b> late.</p></div></content>
  </entry>
  <entry xml:lang="fr">
    <id>urn:uuid:2</id>
    <title>Plain</title>
    <link href="https://atom.example/2"/>
    <updated>2025-10-27</updated>
    <summary type="text">x &lt; y stays literal</summary>
  </entry>
</feed>`;

table(
  'RSS 2.0 items',
  [
    [
      0,
      'SEOUL, Oct. 24 (Yonhap) -- North Korea fired a missile on Friday.\n\nThe launch was the third this month.',
      {
        title: 'Missile launch reported',
        published: '2025-10-24T08:00:00+09:00',
        source: 'Example & Wire',
        url: 'https://wire.example/a',
        language: 'en-us',
      },
      'wire-1',
    ],
    [
      2,
      'AT&T said 3 < 4 \u2014\n\nescaped\n\nparagraphs',
      {
        title: 'Description only',
        published: '2025-10-25',
        source: 'Example & Wire',
        url: 'https://wire.example/c',
        language: 'en-us',
      },
      'https://wire.example/c',
    ],
  ] as const,
  ([index, text, meta, sourceId]) => {
    const doc = documentsOf(read(RSS)).find((d) => d.origin.index === index);
    assert.ok(doc);
    assertClean(doc);
    assert.equal(doc.text, text);
    assert.deepEqual(doc.meta, meta);
    assert.deepEqual(doc.origin, { format: 'feed', file: 'feed.xml', index, sourceId });
  },
);

test('RSS: an item without text is read/no-body, placed on the item; bodyOffset is the n-th <item>', () => {
  const items = read(RSS);
  const [failure, ...rest] = failuresOf(items);
  assert.equal(rest.length, 0);
  assert.equal(failure?.failure.rule, 'read/no-body');
  assert.equal(failure?.index, 1);
  const where = RSS.slice(failure?.failure.start, failure?.failure.end);
  assert.ok(where.startsWith('<item>') && where.endsWith('</item>') && where.includes('No text at all'));
  const starts = [...RSS.matchAll(/<item>/g)].map((m) => m.index).slice(1);
  assert.deepEqual(
    documentsOf(items).map((d) => d.bodyOffset),
    [starts[0], starts[2]],
  );
});

table(
  'Atom entries',
  [
    [
      0,
      'GENEVA -- Talks resumed & went on.\n\nThey ended late.',
      {
        title: 'Talks resume',
        published: '2025-10-24T08:00:00Z',
        source: 'Atom Desk',
        url: 'https://atom.example/1',
        language: 'en-GB',
      },
    ],
    [
      1,
      'x < y stays literal',
      {
        title: 'Plain',
        published: '2025-10-27',
        source: 'Atom Desk',
        url: 'https://atom.example/2',
        language: 'fr',
      },
    ],
  ] as const,
  ([index, text, meta]) => {
    const docs = documentsOf(read(ATOM));
    assert.equal(docs.length, 2);
    const doc = docs[index];
    assert.ok(doc);
    assert.equal(doc.text, text);
    assert.deepEqual(doc.meta, meta);
    assert.equal(ATOM.slice(doc.bodyOffset, doc.bodyOffset + 6), '<entry');
  },
);

test('RSS 1.0 (RDF) items are read too', () => {
  const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
    <channel><title>RDF Wire</title></channel>
    <item><title>One</title><link>https://rdf.example/1</link><description>Body one.</description></item>
  </rdf:RDF>`;
  const [doc] = documentsOf(read(rdf));
  assert.equal(doc?.text, 'Body one.');
  assert.equal(doc?.meta.source, 'RDF Wire');
});

table(
  'malformed or foreign XML: one read/feed-syntax failure',
  [
    ['unclosed item', '<rss><channel><item><title>x</title></channel></rss>', true],
    ['unescaped ampersand', '<rss><channel><title>AT&T</title></channel></rss>', true],
    ['not XML', 'just words', true],
    ['not a feed', '<html><body><p>x</p></body></html>', false],
    ['too deep', `<rss><channel>${'<x>'.repeat(500)}${'</x>'.repeat(500)}</channel></rss>`, false],
  ] as const,
  ([, raw, placed]) => {
    const items = read(raw);
    assert.equal(items.length, 1);
    const [item] = items;
    assert.ok(item && isFailure(item));
    assert.equal(item.failure.rule, 'read/feed-syntax');
    assert.equal(item.failure.start !== undefined, placed);
  },
);

test('the syntax failure points at the line and column the validator names', () => {
  const raw = '<rss>\n<channel>\n<item><title>x</title>\n</channel></rss>';
  const [item] = read(raw);
  assert.ok(item && isFailure(item));
  assert.equal(raw.slice(item.failure.start, (item.failure.start ?? 0) + 10), '</channel>');
});

const OPENERS = '<![CDATA['.repeat(100_000);

table(
  'feeds with 100,000 CDATA openers that never close',
  [
    [
      'in a comment inside the description',
      `<rss><channel><item><description>Prices rose.<!-- ${OPENERS} --></description></item></channel></rss>`,
      'Prices rose.',
    ],
    // The section's content is HTML, where `<![CDATA[` opens a bogus comment that runs to the next `>`.
    [
      'inside a CDATA section',
      `<rss><channel><item><description><![CDATA[<p>Prices ${OPENERS} rose.</p>]]></description></item></channel></rss>`,
      'Prices',
    ],
    [
      'in a comment before the item',
      `<rss><channel><!-- ${OPENERS} <item> --><item><description>Prices rose.</description></item></channel></rss>`,
      'Prices rose.',
    ],
  ] as const,
  ([, raw, text]) => {
    const items = read(raw);
    assert.equal(items.length, 1);
    const [doc] = documentsOf(items);
    assert.ok(doc, `expected a document, got ${JSON.stringify(failuresOf(items))}`);
    assert.equal(doc.text, text);
    assert.equal(doc.bodyOffset, raw.lastIndexOf('<item>'), 'bodyOffset is the <item> outside comments');
  },
);

test('an item whose escaped HTML nests 5,000 levels is read/no-body, not an exception', () => {
  const deep = `${'&lt;div&gt;'.repeat(5_000)}Prices rose.${'&lt;/div&gt;'.repeat(5_000)}`;
  const items = read(`<rss><channel><item><description>${deep}</description></item></channel></rss>`);
  assert.deepEqual(
    items.map((item) => (isFailure(item) ? item.failure.rule : item.document.text)),
    ['read/no-body'],
  );
});
