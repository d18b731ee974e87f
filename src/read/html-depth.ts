import { isSpaceCode } from '../document/span.js';
import { indexOfIgnoreCase } from './ascii-search.js';

/**
 * How deep the element tree of a page may be before it is refused unparsed. linkedom's parse grows faster
 * than the input past about 10,000 levels (100,000 nested `<div>`s take half a minute), while real pages
 * stay below a few hundred.
 */
export const DEFAULT_MAX_HTML_DEPTH = 10_000;

// The tree-building rules of htmlparser2, which linkedom parses with: elements that never hold children,
// elements whose text is not markup, and opening tags that close the open elements named.
const VOID = new Set(
  `area base basefont br col command embed frame hr img input isindex keygen link meta param source track
  wbr`.split(/\s+/),
);
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
const FOREIGN = new Set(['math', 'svg']);
const P = ['p'];
const FORM = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
const IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>(
  Object.entries({
    tr: ['tr', 'th', 'td'],
    th: ['th'],
    td: ['thead', 'th', 'td'],
    body: ['head', 'link', 'script'],
    li: ['li'],
    select: FORM,
    input: FORM,
    output: FORM,
    button: FORM,
    datalist: FORM,
    textarea: FORM,
    option: ['option'],
    optgroup: ['optgroup', 'option'],
    dd: ['dd', 'dt'],
    dt: ['dd', 'dt'],
    rt: ['rt', 'rp'],
    rp: ['rt', 'rp'],
    tbody: ['thead', 'tbody'],
    tfoot: ['thead', 'tbody'],
    ...Object.fromEntries(
      `p h1 h2 h3 h4 h5 h6 address article aside blockquote details div dl fieldset figcaption figure footer
      form header hr main nav ol pre section table ul`
        .split(/\s+/)
        .map((name) => [name, P]),
    ),
  }).map(([name, closes]) => [name, new Set(closes)]),
);

const INTEGRATION = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignobject',
  'desc',
  'title',
]);

const isNameCode = (c: number) => c !== 0x2f && c !== 0x3e && !Number.isNaN(c) && !isSpaceCode(c);
const isLetterCode = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** Just past the `>` that ends the tag whose name ends at `from`, skipping quoted attribute values. */
function tagEnd(html: string, from: number): number {
  let quote = 0;
  let previous = 0;
  for (let i = from; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x3e) return i + 1;
    else if ((c === 0x22 || c === 0x27) && previous === 0x3d) quote = c;
    if (!isSpaceCode(c)) previous = c;
  }
  return html.length;
}

function nameEnd(html: string, start: number): number {
  let end = start;
  while (isNameCode(html.charCodeAt(end))) end++;
  return end;
}

/**
 * The offset of the opening tag that takes the element tree past `limit` levels, or -1. One pass over the
 * markup that keeps the stack of open elements as htmlparser2 would (void elements, implied closes, end tags
 * of elements not open ignored, `/>` closing an element only in SVG or MathML content), skipping comments
 * and the text of scripts, styles and other raw-text elements.
 */
export function htmlTooDeepAt(html: string, limit: number): number {
  const stack: string[] = [];
  const open = new Map<string, number>();
  // Whether `/>` closes an element here: inside <svg> or <math>, but not inside their HTML islands.
  const foreign: boolean[] = [false];
  const push = (name: string) => {
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (FOREIGN.has(name)) foreign.push(true);
    else if (INTEGRATION.has(name)) foreign.push(false);
  };
  const pop = () => {
    const name = stack.pop() as string;
    open.set(name, (open.get(name) ?? 1) - 1);
    if (FOREIGN.has(name) || INTEGRATION.has(name)) foreign.pop();
  };
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i)) {
    const next = html.charCodeAt(i + 1);
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      i = close < 0 ? html.length : close + 3;
    } else if (next === 0x21 || next === 0x3f) {
      const close = html.indexOf('>', i + 2);
      i = close < 0 ? html.length : close + 1;
    } else if (next === 0x2f && isLetterCode(html.charCodeAt(i + 2))) {
      const end = nameEnd(html, i + 2);
      const name = html.slice(i + 2, end).toLowerCase();
      i = tagEnd(html, end);
      if ((open.get(name) ?? 0) === 0) continue;
      while (stack.length > 0 && stack[stack.length - 1] !== name) pop();
      pop();
    } else if (isLetterCode(next)) {
      const start = i;
      const end = nameEnd(html, i + 1);
      const name = html.slice(i + 1, end).toLowerCase();
      i = tagEnd(html, end);
      const closes = IMPLIES_CLOSE.get(name);
      if (closes) while (stack.length > 0 && closes.has(stack[stack.length - 1] as string)) pop();
      if (VOID.has(name)) continue;
      push(name);
      if (html.charCodeAt(i - 2) === 0x2f && html.charCodeAt(i - 1) === 0x3e && foreign.at(-1)) {
        pop();
        continue;
      }
      if (stack.length > limit) return start;
      if (RAW_TEXT.has(name)) {
        const close = indexOfIgnoreCase(html, `</${name}`, i);
        i = close < 0 ? html.length : close;
      }
    } else i++;
  }
  return -1;
}
