import { createDocument, type Origin } from '../document/document.js';
import { LineIndex } from '../document/line-index.js';
import { type Message, message } from '../document/message.js';
import { isSpaceCode } from '../document/span.js';
import { htmlToText, publishedOf } from './html-reader.js';
import { xmlParsers } from './parser-libraries.js';
import type { RawInput, Reader, ReadItem } from './reader.js';

type Node = Record<string, unknown>;

/** Fields whose content may be HTML, escaped HTML, CDATA or inline XHTML: kept raw and decoded here. */
const MARKUP_FIELDS = ['title', 'description', 'summary', 'content', 'content:encoded'];
/** Where an item's text is, best first. */
const BODY_FIELDS = ['content:encoded', 'content', 'description', 'summary'];
const DATE_FIELDS = ['pubDate', 'dc:date', 'published', 'updated'];

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of an element parsed without markup: a string, or `#text` beside attributes. */
function textOf(value: unknown): string | undefined {
  const text = isNode(value) ? value['#text'] : value;
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
}

// redos-ok: linear, a try ends at the first character that is not part of an entity (1 MB of `&#1`: 3 ms)
const XML_ENTITY = /&(?:#(\d+)|#x([\da-f]+)|(lt|gt|amp|quot|apos));/gi;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(XML_ENTITY, (whole, dec?: string, hex?: string, name?: string) => {
    if (name) return NAMED[name.toLowerCase()] ?? whole;
    const code = dec ? Number(dec) : Number.parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

/**
 * The raw content of a markup field to plain text. Escaped HTML (`&lt;p&gt;`) and CDATA are decoded
 * once into HTML; markup written inline (Atom `type="xhtml"`, or tags a feed forgot to escape) already
 * is HTML. Atom `type="text"` is plain text and is not read as HTML, so a `<` in it stays a `<`.
 */
function markupText(value: unknown): string {
  const raw = isNode(value) ? value['#text'] : value;
  if (typeof raw !== 'string') return '';
  let html = '';
  let last = 0;
  // By hand: a pattern for sections that may be unclosed retries from every opener to the end.
  for (let open = raw.indexOf(CDATA_OPEN); open >= 0; open = raw.indexOf(CDATA_OPEN, last)) {
    const close = raw.indexOf(CDATA_CLOSE, open + CDATA_OPEN.length);
    if (close < 0) break;
    html += escapedOrInline(raw.slice(last, open));
    html += raw.slice(open + CDATA_OPEN.length, close);
    last = close + CDATA_CLOSE.length;
  }
  html += escapedOrInline(raw.slice(last));
  const type = isNode(value) ? String(value['@_type'] ?? '').toLowerCase() : '';
  return type === 'text' ? html.trim() : htmlToText(html);
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const escapedOrInline = (part: string) => (part.includes('<') ? part : decodeXml(part));

/** An item's link: Atom's `rel="alternate"` (or unmarked) `href`, else RSS's link text. */
function linkOf(item: Node): string | undefined {
  const links = (Array.isArray(item.link) ? item.link : [item.link]).filter((link) => link !== undefined);
  const alternate = links.find((link) => {
    const rel = isNode(link) ? link['@_rel'] : undefined;
    return isNode(link) && textOf(link['@_href']) && (rel === undefined || rel === 'alternate');
  });
  if (isNode(alternate)) return textOf(alternate['@_href']);
  for (const link of links) {
    const url = textOf(link) ?? (isNode(link) ? textOf(link['@_href']) : undefined);
    if (url) return url;
  }
  // An RSS guid is the item's address unless it says otherwise.
  const guid = item.guid;
  const permalink = !isNode(guid) || guid['@_isPermaLink'] !== 'false';
  const id = textOf(guid);
  return permalink && id && /^https?:\/\//i.test(id) ? id : undefined;
}

interface Feed {
  readonly kind: 'item' | 'entry';
  readonly items: unknown[];
  readonly title?: string;
  readonly language?: string;
}

/** RSS 2.0 (`rss > channel > item`), RSS 1.0 (`rdf:RDF > item`) and Atom (`feed > entry`). */
function feedOf(parsed: Node): Feed | undefined {
  const items = (value: unknown) => (Array.isArray(value) ? value : []);
  const rss = isNode(parsed.rss) ? parsed.rss : undefined;
  const rdf = isNode(parsed['rdf:RDF']) ? parsed['rdf:RDF'] : undefined;
  const channel = rss?.channel ?? rdf?.channel;
  if (rss || rdf) {
    const head = isNode(channel) ? channel : {};
    return {
      kind: 'item',
      items: items(rss ? head.item : rdf?.item),
      title: oneLine(markupText(head.title)) || undefined,
      language: textOf(head.language) ?? textOf(head['dc:language']),
    };
  }
  if (isNode(parsed.feed)) {
    const feed = parsed.feed;
    return {
      kind: 'entry',
      items: items(feed.entry),
      title: oneLine(markupText(feed.title)) || undefined,
      language: textOf(feed['@_xml:lang']),
    };
  }
  return undefined;
}

/**
 * Offsets of the `<item>` or `<entry>` opening tags in the raw input, in order, outside CDATA and
 * comments: the n-th item parsed is the n-th tag found.
 */
function itemOffsets(raw: string, kind: Feed['kind']): number[] {
  const offsets: number[] = [];
  const tag = `<${kind}`;
  for (let i = raw.indexOf('<'); i >= 0; i = raw.indexOf('<', i + 1)) {
    const [opener, closer] = raw.startsWith(CDATA_OPEN, i)
      ? [CDATA_OPEN, CDATA_CLOSE]
      : raw.startsWith('<!--', i)
        ? ['<!--', '-->']
        : [];
    if (opener && closer) {
      // An unclosed section or comment runs to the end.
      const close = raw.indexOf(closer, i + opener.length);
      if (close < 0) break;
      i = close + closer.length - 1;
    } else if (raw.startsWith(tag, i) && isTagEnd(raw.charCodeAt(i + tag.length))) offsets.push(i);
  }
  return offsets;
}

/** What may follow a tag's name: white space, `/` or `>`. */
const isTagEnd = (code: number) => code === 0x2f || code === 0x3e || isSpaceCode(code);

function syntaxFailure(raw: string, text: string, line?: number, column?: number): ReadItem {
  const offset = line === undefined ? -1 : new LineIndex(raw).offset(line, column ?? 1);
  const place =
    offset < 0 ? undefined : { start: Math.min(offset, raw.length), end: Math.min(offset + 1, raw.length) };
  return { failure: message('read/feed-syntax', 'error', text, place) };
}

interface FeedContext {
  readonly feed: Feed;
  readonly input: RawInput;
  readonly published?: string;
}

function readItem(
  item: unknown,
  index: number,
  offset: number,
  { feed, input, published }: FeedContext,
): ReadItem {
  const node = isNode(item) ? item : {};
  const text = BODY_FIELDS.map((field) => markupText(node[field])).find((body) => body !== '');
  if (!text) {
    const close = offset < 0 ? -1 : input.text.indexOf(`</${feed.kind}>`, offset);
    const place =
      offset < 0 ? undefined : { start: offset, end: close < 0 ? offset : close + feed.kind.length + 3 };
    return { failure: message('read/no-body', 'error', `${feed.kind} ${index} has no text`, place), index };
  }
  const messages: Message[] = [];
  const id = textOf(node.guid) ?? textOf(node.id);
  const origin: Origin = {
    format: 'feed',
    file: input.name,
    index,
    ...(id === undefined ? {} : { sourceId: id }),
  };
  return {
    document: createDocument({
      text,
      bodyOffset: Math.max(offset, 0),
      meta: {
        title: oneLine(markupText(node.title)),
        published: publishedOf(
          DATE_FIELDS.map((field) => textOf(node[field])),
          published,
          messages,
        ),
        source: feed.title,
        url: linkOf(node),
        language: textOf(node['@_xml:lang']) ?? feed.language,
      },
      origin,
      messages,
    }),
  };
}

/**
 * RSS and Atom feeds: each item or entry is a document. `bodyOffset` is the offset of the item's opening
 * tag: its text is decoded (entities, CDATA, HTML) and cannot be mapped back character by character.
 */
export const feedReader: Reader = {
  format: 'feed',
  *read(input, options) {
    const raw = input.text;
    const { XMLParser, XMLValidator } = xmlParsers();
    const valid = XMLValidator.validate(raw);
    if (valid !== true) {
      yield syntaxFailure(
        raw,
        `the feed is not well-formed XML: ${valid.err.msg}`,
        valid.err.line,
        valid.err.col,
      );
      return;
    }
    let parsed: unknown;
    try {
      parsed = new XMLParser({
        ignoreAttributes: false,
        parseTagValue: false,
        // Entities declared in a DOCTYPE expand within the parser's default limits; HTML entities
        // inside markup fields are left to the HTML parser.
        processEntities: true,
        stopNodes: MARKUP_FIELDS.map((field) => `*.${field}`),
        isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
      }).parse(raw);
    } catch (err) {
      // Well-formed but refused, e.g. nested deeper than the parser allows.
      yield syntaxFailure(
        raw,
        `the feed could not be parsed: ${err instanceof Error ? err.message : String(err)}`,
      );
      return;
    }
    const feed = isNode(parsed) ? feedOf(parsed) : undefined;
    if (!feed) {
      yield { failure: message('read/feed-syntax', 'error', 'the XML is not an RSS or Atom feed') };
      return;
    }
    const offsets = itemOffsets(raw, feed.kind);
    const ctx = { feed, input, published: options?.published };
    for (const [index, item] of feed.items.entries()) yield readItem(item, index, offsets[index] ?? -1, ctx);
  },
};
