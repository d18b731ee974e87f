import { createDocument, type DocumentMeta } from '../document/document.js';
import { type Message, message } from '../document/message.js';
import { DEFAULT_MAX_HTML_DEPTH, htmlTooDeepAt } from './html-depth.js';
import { jsonParseReason } from './json-parse-reason.js';
import { htmlParsers } from './parser-libraries.js';
import { normalizePublished } from './published.js';
import type { RawInput, Reader, ReadItem, ReadOptions } from './reader.js';

// The project compiles without the DOM library, so the little of the DOM used here is typed by hand.
interface DomNode {
  readonly nodeType: number;
  readonly childNodes: ArrayLike<DomNode>;
  readonly textContent: string | null;
}

interface DomElement extends DomNode {
  readonly localName: string;
  innerHTML: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}

interface DomDocument extends DomNode {
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  createElement(name: string): DomElement;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}

interface ParsedPage {
  readonly document: DomDocument;
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const DOCUMENT = 9;

/** Elements that start and end a paragraph of their own. */
const BLOCKS = new Set(
  `address article aside blockquote caption center dd details div dl dt fieldset figcaption figure
  footer form h1 h2 h3 h4 h5 h6 header hr li main ol p pre section summary table tbody td th
  thead tr ul`.split(/\s+/),
);
/** Elements whose content is never article text: code, styles, embedded objects, form controls. */
const HIDDEN = new Set(
  `button canvas embed head iframe input math noscript object script select style svg template textarea
  title`.split(/\s+/),
);
/** Also skipped when Readability found no article and the page is read as a whole: page furniture. */
const FALLBACK_HIDDEN = new Set([...HIDDEN, 'aside', 'footer', 'form', 'menu', 'nav']);

// Readability recurses over the tree and overflows the stack on pathologically deep markup (about 20,000
// levels); real articles stay far below this, and deeper pages are read by the iterative fallback.
const MAX_READABLE_DEPTH = 400;

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

function attr(el: DomElement, name: string): string | undefined {
  // linkedom keeps attribute names as written, and old pages write them in capitals.
  const value = el.getAttribute(name) ?? el.getAttribute(name.toUpperCase());
  return value?.trim() ? value : undefined;
}

/**
 * The text of a tree with its paragraph structure: each block element's text is one paragraph, paragraphs
 * joined by a blank line, runs of white space collapsed inside a paragraph (except in `pre`), `<br>` kept
 * as a line break. Walks with an explicit stack so deep markup cannot overflow the call stack.
 */
function nodeText(root: DomNode, skip: ReadonlySet<string> = HIDDEN): string {
  const paragraphs: string[] = [];
  let run = '';
  let pre = 0;
  const flush = () => {
    const lines = run.split('\n');
    const text =
      pre > 0
        ? trimNewlines(lines.map((line) => line.trimEnd()).join('\n'))
        : lines
            .map((line) => line.replace(/ {2,}/g, ' ').trim())
            .filter((line) => line !== '')
            .join('\n');
    if (text.trim() !== '') paragraphs.push(text);
    run = '';
  };
  const stack: Array<[DomNode, boolean]> = [[root, false]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, leaving] = top;
    const name = node.nodeType === ELEMENT ? (node as DomElement).localName.toLowerCase() : '';
    if (leaving) {
      flush();
      if (name === 'pre') pre--;
      continue;
    }
    if (node.nodeType === TEXT || node.nodeType === CDATA) {
      const data = node.textContent ?? '';
      run += pre > 0 ? data : data.replace(/\s+/g, ' ');
      continue;
    }
    if (node.nodeType === ELEMENT) {
      if (skip.has(name)) continue;
      if (name === 'br') {
        run += '\n';
        continue;
      }
      if (BLOCKS.has(name)) {
        flush();
        if (name === 'pre') pre++;
        stack.push([node, true]);
      }
    } else if (node.nodeType !== DOCUMENT) {
      continue;
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i] as DomNode, false]);
  }
  flush();
  return paragraphs.join('\n\n');
}

/** Without the blank lines that open and close a `pre` block (a loop: `/^\n+|\n+$/` is quadratic). */
function trimNewlines(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 0x0a) start++;
  while (end > start && text.charCodeAt(end - 1) === 0x0a) end--;
  return text.slice(start, end);
}

let scratch: DomDocument | undefined;

/**
 * How deep a fragment may nest: linkedom's `innerHTML` recurses over the new tree and overflows the call
 * stack at about 3,000 levels. Whole pages are parsed without it and have their own limit.
 */
export const MAX_FRAGMENT_DEPTH = 1_000;

/**
 * Text of an HTML fragment (feed descriptions, HTML stored in JSON), paragraphs joined by a blank line;
 * empty for a fragment nested deeper than `MAX_FRAGMENT_DEPTH`, which callers may check first to say why.
 */
export function htmlToText(html: string): string {
  if (htmlTooDeepAt(html, MAX_FRAGMENT_DEPTH) >= 0) return '';
  scratch ??= (
    htmlParsers().parseHTML('<!doctype html><html><head></head><body></body></html>') as unknown as ParsedPage
  ).document;
  const box = scratch.createElement('div');
  box.innerHTML = html;
  return nodeText(box);
}

/** A one-line field (a title) that may carry markup or entities, as plain text. */
function inlineText(value: string): string {
  return collapse(/[<&]/.test(value) ? htmlToText(value) : value);
}

/**
 * The first candidate that reads as a publication date, else the caller's default. A date the input
 * states but that cannot be read is reported rather than silently dropped.
 */
export function publishedOf(
  candidates: readonly (string | undefined)[],
  fallback: string | undefined,
  messages: Message[],
): string | undefined {
  for (const candidate of candidates) {
    const published = normalizePublished(candidate);
    if (published) return published;
  }
  const stated = candidates.find((candidate) => candidate?.trim());
  if (stated) {
    messages.push(
      message('read/date-invalid', 'warning', `unrecognised publication date "${stated.slice(0, 64)}"`),
    );
  }
  return fallback;
}

function parseDocument(raw: string): DomDocument {
  const { parseHTML } = htmlParsers();
  const { document } = parseHTML(raw) as unknown as ParsedPage;
  if (document.documentElement?.localName.toLowerCase() === 'html') return document;
  // A fragment (no <html>): linkedom would make its first element the root and have no <body>.
  return (parseHTML(`<!doctype html><html><head></head><body>${raw}</body></html>`) as unknown as ParsedPage)
    .document;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const stringOf = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);

interface LinkedData {
  headline?: string;
  datePublished?: string;
  publisher?: string;
}

const ARTICLE_TYPE = /article|posting|report/i;

/**
 * The article's schema.org facts from JSON-LD blocks. A block may hold one node, an array of nodes, or an
 * `@graph`; only those two levels are looked at, and the publisher may be a reference into the graph.
 */
function linkedData(document: DomDocument, messages: Message[]): LinkedData {
  const nodes: Record<string, unknown>[] = [];
  for (const script of document.querySelectorAll('script')) {
    if (attr(script, 'type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    let value: unknown;
    try {
      value = JSON.parse(script.textContent ?? '');
    } catch (err) {
      messages.push(
        message('read/html-jsonld', 'warning', `a JSON-LD block is not valid JSON: ${jsonParseReason(err)}`),
      );
      continue;
    }
    for (const node of Array.isArray(value) ? value : [value]) {
      if (!isObject(node)) continue;
      nodes.push(node);
      const graph = node['@graph'];
      if (Array.isArray(graph)) for (const item of graph) if (isObject(item)) nodes.push(item);
    }
  }
  const typeOf = (node: Record<string, unknown>) =>
    [node['@type']].flat().filter((t) => typeof t === 'string');
  const article =
    nodes.find((node) => typeOf(node).some((t) => ARTICLE_TYPE.test(t))) ??
    nodes.find((node) => 'headline' in node || 'datePublished' in node);
  if (!article) return {};
  const publisher = [article.publisher].flat()[0];
  let publisherName = typeof publisher === 'string' ? publisher : undefined;
  if (isObject(publisher)) {
    const ref = publisher['@id'];
    const named = stringOf(publisher.name) ? publisher : nodes.find((node) => ref && node['@id'] === ref);
    publisherName = stringOf(named?.name);
  }
  return {
    headline: stringOf(article.headline),
    datePublished: stringOf(article.datePublished),
    publisher: publisherName,
  };
}

/** `<meta>` contents by lower-cased `property`, `name` or `itemprop`; the first of each wins. */
function metaTags(document: DomDocument): Map<string, string> {
  const tags = new Map<string, string>();
  for (const el of document.querySelectorAll('meta')) {
    const key = (attr(el, 'property') ?? attr(el, 'name') ?? attr(el, 'itemprop'))?.trim().toLowerCase();
    const content = attr(el, 'content');
    if (key && content && !tags.has(key)) tags.set(key, content);
  }
  return tags;
}

function canonicalUrl(document: DomDocument): string | undefined {
  for (const link of document.querySelectorAll('link')) {
    const rel = attr(link, 'rel')?.toLowerCase().split(/\s+/) ?? [];
    if (rel.includes('canonical')) return attr(link, 'href');
  }
  return undefined;
}

function pageMeta(document: DomDocument, published: string | undefined, messages: Message[]): DocumentMeta {
  const tags = metaTags(document);
  const ld = linkedData(document, messages);
  const title =
    tags.get('og:title') ?? ld.headline ?? document.querySelector('title')?.textContent ?? undefined;
  const canonical = canonicalUrl(document);
  const ogUrl = tags.get('og:url');
  // A relative canonical link is less useful than an absolute og:url.
  const url = [canonical, ogUrl].find((u) => u && URL.canParse(u)) ?? canonical ?? ogUrl;
  const time = document.querySelector('article time[datetime]');
  return {
    title: title === undefined ? undefined : inlineText(title),
    published: publishedOf(
      [
        tags.get('article:published_time'),
        tags.get('og:published_time'),
        tags.get('date'),
        tags.get('pubdate'),
        tags.get('dc.date.issued'),
        tags.get('datepublished'),
        ld.datePublished,
        time ? attr(time, 'datetime') : undefined,
      ],
      published,
      messages,
    ),
    source: [tags.get('og:site_name'), ld.publisher, tags.get('application-name')].find(Boolean),
    url,
    language: document.documentElement ? attr(document.documentElement, 'lang') : undefined,
  };
}

function maxDepthExceeds(root: DomNode, limit: number): boolean {
  const stack: Array<[DomNode, number]> = [[root, 0]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [node, depth] = top;
    if (depth > limit) return true;
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as DomNode;
      if (child.nodeType === ELEMENT) stack.push([child, depth + 1]);
    }
  }
  return false;
}

function readabilityText(document: DomDocument): string {
  if (maxDepthExceeds(document, MAX_READABLE_DEPTH)) return '';
  try {
    // charThreshold: the default (500) discards short dispatches, which are exactly what news feeds hold.
    const article = new (htmlParsers().Readability)(document, { charThreshold: 100 }).parse();
    return typeof article?.content === 'string' ? htmlToText(article.content) : '';
  } catch {
    // Readability gives up on some markup; the caller then reads the page itself.
    return '';
  }
}

/** When Readability finds no article: the text of `<article>`, else `<body>`, without page furniture. */
function pageText(document: DomDocument): string {
  const root = document.querySelector('article') ?? document.body;
  return root ? nodeText(root, FALLBACK_HIDDEN) : '';
}

const CONTENT_TAG =
  // redos-ok: linear, each opener runs to its close or the end (1 MB of unclosed openers: 2-4 ms)
  /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)|<(article|main|body)(?=[\s/>])/gi;

/**
 * Where the main content starts in the raw input, best effort: the first `<article>`, else `<main>`, else
 * `<body>` opening tag, outside comments and scripts; 0 when the page has none of them. Readability's
 * output cannot be mapped back to the raw input, so this is the element the body was most likely taken from.
 */
function contentOffset(raw: string): number {
  const found = new Map<string, number>();
  for (const match of raw.matchAll(CONTENT_TAG)) {
    const tag = match[2]?.toLowerCase();
    if (tag && !found.has(tag)) found.set(tag, match.index);
    if (found.has('article')) break;
  }
  return found.get('article') ?? found.get('main') ?? found.get('body') ?? 0;
}

export interface HtmlReadOptions extends ReadOptions {
  /** Refuse pages whose elements nest deeper than this. */
  readonly maxHtmlDepth?: number;
}

function readHtml(input: RawInput, options?: HtmlReadOptions): ReadItem {
  // Checked before parsing: the parse itself is what deep nesting makes slow.
  const limit = options?.maxHtmlDepth ?? DEFAULT_MAX_HTML_DEPTH;
  const deep = htmlTooDeepAt(input.text, limit);
  if (deep >= 0) {
    return {
      failure: message(
        'read/html-depth',
        'error',
        `the page nests elements deeper than the limit of ${limit} levels`,
        { start: deep, end: deep + 1 },
      ),
    };
  }
  const messages: Message[] = [];
  let meta: DocumentMeta;
  let text: string;
  try {
    const document = parseDocument(input.text);
    // Metadata first: Readability removes scripts (JSON-LD) and rewrites the tree it is given.
    meta = pageMeta(document, options?.published, messages);
    text = readabilityText(document) || pageText(parseDocument(input.text));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { failure: message('read/html-parse', 'error', `the page could not be parsed: ${reason}`) };
  }
  if (text === '') {
    return {
      failure: message('read/no-body', 'error', 'the page has no text to read', {
        start: 0,
        end: input.text.length,
      }),
    };
  }
  return {
    document: createDocument({
      text,
      bodyOffset: contentOffset(input.text),
      meta,
      origin: { format: 'html', file: input.name },
      messages,
    }),
  };
}

export const htmlReader: Reader = {
  format: 'html',
  read: (input, options?: HtmlReadOptions) => [readHtml(input, options)],
};
