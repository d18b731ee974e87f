import assert from 'node:assert/strict';
import { test } from 'node:test';
import { table } from '../../test/table.js';
import type { SourceDocument } from '../document/document.js';
import { htmlReader, htmlToText } from './html-reader.js';
import { readText } from './read-input.js';
import { isFailure, type ReadItem } from './reader.js';

const TAG = /<\/?[a-z][^>]*>/i;
const SENTENCE =
  'The minister said on Tuesday that the talks would resume next week in Geneva, officials said. ';

const readOne = (text: string, published?: string): ReadItem => {
  const items = [...htmlReader.read({ name: 'page.html', text }, published ? { published } : undefined)];
  assert.equal(items.length, 1);
  return items[0] as ReadItem;
};
const documentOf = (text: string, published?: string): SourceDocument => {
  const item = readOne(text, published);
  assert.ok(!isFailure(item), `unexpected failure: ${JSON.stringify(item)}`);
  return item.document;
};

function assertClean(doc: SourceDocument): void {
  assert.ok(doc.text.trim() !== '', 'text is empty');
  for (const value of [doc.text, ...Object.values(doc.meta)]) assert.doesNotMatch(value, TAG);
}

const ARTICLE = `<!doctype html>
<html lang="en-GB">
<head>
  <title>Talks resume | Daily Wire</title>
  <meta property="og:title" content="Talks to resume in Geneva">
  <meta property="og:site_name" content="Daily Wire">
  <meta property="og:url" content="https://daily.example/world/talks">
  <link rel="canonical" href="/world/talks">
  <script type="application/ld+json">
    [{"@context": "https://schema.org", "@graph": [
      {"@type": "NewsArticle", "headline": "LD headline", "datePublished": "2025-10-24T08:00:00+09:00",
       "publisher": {"@id": "#org"}},
      {"@id": "#org", "@type": "Organization", "name": "Daily Wire Ltd"}]}]
  </script>
  <script>document.write("<p>injected by a script</p>")</script>
  <style>p { color: red }</style>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World</a></nav>
  <!-- <article> in a comment is not the article -->
  <article>
    <h1>Talks to resume</h1>
    <p>${SENTENCE.repeat(3)}</p>
    <p>Second <b>bold</b>
       paragraph   with   spaces.<br>After a line break.</p>
    <ul><li>First point.</li><li>Second point.</li></ul>
    <blockquote><p>A quoted passage.</p></blockquote>
  </article>
  <footer>Copyright Daily Wire</footer>
</body>
</html>`;

test('an article page: paragraphs kept, scripts and furniture left out', () => {
  const doc = documentOf(ARTICLE);
  assertClean(doc);
  const paragraphs = doc.text.split('\n\n');
  assert.equal(paragraphs[0], SENTENCE.repeat(3).trim());
  assert.deepEqual(paragraphs.slice(1), [
    'Second bold paragraph with spaces.\nAfter a line break.',
    'First point.',
    'Second point.',
    'A quoted passage.',
  ]);
  assert.doesNotMatch(doc.text, /injected|color|Home|Copyright/);
  assert.equal(ARTICLE.slice(doc.bodyOffset, doc.bodyOffset + 9), '<article>');
  assert.deepEqual(doc.origin, { format: 'html', file: 'page.html' });
  assert.deepEqual(doc.messages, []);
});

test('an article page: metadata from Open Graph, JSON-LD and the root element', () => {
  assert.deepEqual(documentOf(ARTICLE).meta, {
    title: 'Talks to resume in Geneva',
    published: '2025-10-24T08:00:00+09:00',
    source: 'Daily Wire',
    url: 'https://daily.example/world/talks',
    language: 'en-GB',
  });
});

const page = (head: string, body = `<article><p>${SENTENCE.repeat(6)}</p></article>`) =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

table(
  'metadata sources',
  [
    ['<title> only', page('<title>Plain &amp; simple</title>'), { title: 'Plain & simple' }],
    [
      'JSON-LD headline, publisher, date',
      page(
        '<title>T</title><script type="application/ld+json">{"@type":["NewsArticle"],"headline":"From LD","datePublished":"2025-10-24","publisher":[{"name":"LD Wire"}]}</script>',
      ),
      { title: 'From LD', published: '2025-10-24', source: 'LD Wire' },
    ],
    [
      'article:published_time',
      page('<meta property="article:published_time" content="2025-10-24T10:00:00Z">'),
      { published: '2025-10-24T10:00:00Z' },
    ],
    [
      'og:published_time',
      page('<meta property="og:published_time" content="2025-10-23">'),
      { published: '2025-10-23' },
    ],
    [
      'meta date',
      page('<meta name="date" content="Fri, 24 Oct 2025 08:00:00 +0900">'),
      { published: '2025-10-24T08:00:00+09:00' },
    ],
    ['pubdate', page('<meta name="pubdate" content="2025-10-22">'), { published: '2025-10-22' }],
    [
      'DC.date.issued',
      page('<meta name="DC.date.issued" content="2025-10-21">'),
      { published: '2025-10-21' },
    ],
    [
      '<time datetime> inside the article',
      page(
        '',
        `<time datetime="2020-01-01">not this</time><article><time datetime="2025-10-20">Oct 20</time><p>${SENTENCE.repeat(6)}</p></article>`,
      ),
      { published: '2025-10-20' },
    ],
    ['application-name', page('<meta name="application-name" content="App Wire">'), { source: 'App Wire' }],
    [
      'og:url when no canonical',
      page('<meta property="og:url" content="https://o.example/a">'),
      { url: 'https://o.example/a' },
    ],
    [
      'canonical over og:url',
      page(
        '<link rel="canonical" href="https://c.example/a"><meta property="og:url" content="https://o.example/a">',
      ),
      { url: 'https://c.example/a' },
    ],
    [
      'markup in og:title',
      page('<meta property="og:title" content="A &lt;b&gt;bold&lt;/b&gt; claim">'),
      { title: 'A bold claim' },
    ],
    [
      'capitalised attributes',
      `<HTML LANG="fr"><HEAD><META PROPERTY="og:title" CONTENT="Titre"></HEAD><BODY><P>${SENTENCE}</P></BODY></HTML>`,
      { title: 'Titre', language: 'fr' },
    ],
  ] as const,
  ([, raw, meta]) => {
    const doc = documentOf(raw);
    assertClean(doc);
    assert.deepEqual(doc.meta, meta);
  },
);

test('no stated date: the caller default stands in; an unreadable one is a warning', () => {
  assert.equal(documentOf(page('')).meta.published, undefined);
  assert.equal(documentOf(page(''), '2025-01-02').meta.published, '2025-01-02');
  const doc = documentOf(page('<meta name="date" content="last Tuesday">'), '2025-01-02');
  assert.equal(doc.meta.published, '2025-01-02');
  assert.deepEqual(
    doc.messages.map((m) => m.rule),
    ['read/date-invalid'],
  );
});

test('broken JSON-LD is a read/html-jsonld warning and the page is still read', () => {
  const doc = documentOf(page('<script type="application/ld+json">{ "headline": </script>'));
  assert.deepEqual(
    doc.messages.map((m) => [m.rule, m.severity]),
    [['read/html-jsonld', 'warning']],
  );
  assertClean(doc);
});

table(
  'pages with no text are read/no-body',
  [
    [
      'only scripts',
      '<html><head><script>var p = "<p>text</p>";</script></head><body><script>go()</script><style>b{}</style></body></html>',
    ],
    ['empty body', '<html><head><title>Nothing</title></head><body>  </body></html>'],
  ] as const,
  ([, raw]) => {
    const item = readOne(raw);
    assert.ok(isFailure(item));
    assert.equal(item.failure.rule, 'read/no-body');
  },
);

table(
  'pages Readability does not take: read from <article> or <body>',
  [
    ['fragment without <html>', '<p>Just a short fragment of text.</p>', 'Just a short fragment of text.', 0],
    ['bare text', 'plain words', 'plain words', 0],
    [
      'nested past the depth limit',
      `<html><body><nav>Menu</nav>${'<div>'.repeat(2000)}<p>${SENTENCE}</p>${'</div>'.repeat(2000)}</body></html>`,
      SENTENCE.trim(),
      6,
    ],
  ] as const,
  ([, raw, text, bodyOffset]) => {
    const doc = documentOf(raw);
    assert.equal(doc.text, text);
    assert.equal(doc.bodyOffset, bodyOffset);
  },
);

table(
  'htmlToText',
  [
    ['<p>One</p><p>Two</p>', 'One\n\nTwo'],
    ['<h2>Head</h2>Loose text<div>Block</div>', 'Head\n\nLoose text\n\nBlock'],
    ['<p>a &amp; b&nbsp;&nbsp;c</p>', 'a & b c'],
    ['<p>line<br>break</p>', 'line\nbreak'],
    ['<pre>  keep\n    indent  </pre>', '  keep\n    indent'],
    ['<ul><li><p>nested</p></li></ul>', 'nested'],
    ['<p>x</p><script>bad()</script><style>p{}</style><template><p>t</p></template>', 'x'],
    ['text only', 'text only'],
  ] as const,
  ([html, text]) => assert.equal(htmlToText(html), text),
);

table(
  'htmlToText: hostile fragments',
  [
    [
      '200,000 newlines around a pre',
      `<pre>${'\n'.repeat(200_000)}  keep\n\n  this${'\n'.repeat(200_000)}</pre>`,
      '  keep\n\n  this',
    ],
    ['a pre of newlines only', `<p>a</p><pre>${'\n'.repeat(200_000)}</pre><p>b</p>`, 'a\n\nb'],
    // linkedom's innerHTML overflows the stack at a few thousand levels: such a fragment has no text.
    ['nested 5,000 levels', `${'<div>'.repeat(5_000)}Deep.${'</div>'.repeat(5_000)}`, ''],
    ['nested 500 levels', `${'<div>'.repeat(500)}Deep.${'</div>'.repeat(500)}`, 'Deep.'],
  ] as const,
  ([, html, text]) => assert.equal(htmlToText(html), text),
);

table(
  'pages nested past the depth limit are refused before parsing, as read/html-depth on the tag',
  [
    [
      '100,000 nested <div>',
      `<html><body>${'<div>'.repeat(100_000)}Deep.</body></html>`,
      undefined,
      12 + 5 * 9_998,
    ],
    [
      'a limit of 50',
      `<html><body>${'<div>'.repeat(60)}Deep.${'</div>'.repeat(60)}</body></html>`,
      50,
      12 + 5 * 48,
    ],
    [
      'end tags of elements not open do not count',
      `${'</div>'.repeat(100)}${'<b>'.repeat(60)}x`,
      50,
      600 + 3 * 50,
    ],
  ] as const,
  ([, raw, maxHtmlDepth, offset]) => {
    const items = [
      ...readText('deep.html', raw, { format: 'html', ...(maxHtmlDepth ? { maxHtmlDepth } : {}) }),
    ];
    assert.equal(items.length, 1);
    const item = items[0] as ReadItem;
    assert.ok(isFailure(item), 'expected a read/html-depth failure');
    assert.equal(item.failure.rule, 'read/html-depth');
    assert.match(item.failure.message, new RegExp(`limit of ${maxHtmlDepth ?? 10_000} levels`));
    assert.equal(item.failure.start, offset, 'the failure is placed on the tag that goes too deep');
  },
);

table(
  'pages within the depth limit are read',
  [
    [
      '60 levels, limit 60',
      `<html><body>${'<div>'.repeat(57)}<p>${SENTENCE}</p>${'</div>'.repeat(57)}</body></html>`,
    ],
    [
      '2,000 unclosed <p>: each closes the one before',
      `<html><body>${`<p>${SENTENCE}`.repeat(2_000)}</body></html>`,
    ],
    [
      'tags inside a script and a comment',
      `<html><body><script>${'<div>'.repeat(200)}</script><!--${'<div>'.repeat(200)}--><p>${SENTENCE}</p></body></html>`,
    ],
    ['void elements', `<html><body>${'<br><img src=x>'.repeat(200)}<p>${SENTENCE}</p></body></html>`],
    [
      'self-closed paths inside <svg>',
      `<html><body><svg>${'<path d="M0"/>'.repeat(200)}</svg><p>${SENTENCE}</p></body></html>`,
    ],
  ] as const,
  ([, raw]) => {
    const items = [...readText('page.html', raw, { format: 'html', maxHtmlDepth: 60 })];
    const item = items[0] as ReadItem;
    assert.ok(!isFailure(item), `unexpected failure: ${JSON.stringify(isFailure(item) && item.failure)}`);
    assert.ok(item.document.text.startsWith(SENTENCE.trim()), 'the text is read');
  },
);
