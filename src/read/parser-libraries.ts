import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type Linkedom = typeof import('linkedom');
type ReadabilityModule = typeof import('@mozilla/readability');
type FastXmlParser = typeof import('fast-xml-parser');

let html: { parseHTML: Linkedom['parseHTML']; Readability: ReadabilityModule['Readability'] } | undefined;
let xml: FastXmlParser | undefined;

/*
 * The HTML and XML parsers are loaded when a reader first needs them, not with the module: loaded, they
 * hold about 6 MB of heap for the life of the process, which a run reading text or JSON never uses (and V8
 * lets its old space grow to a few times what is live). All three ship CommonJS builds, so `require`
 * loads them synchronously, as the readers are.
 */
export function htmlParsers(): NonNullable<typeof html> {
  html ??= {
    parseHTML: (require('linkedom') as Linkedom).parseHTML,
    Readability: (require('@mozilla/readability') as ReadabilityModule).Readability,
  };
  return html;
}

export function xmlParsers(): FastXmlParser {
  xml ??= require('fast-xml-parser') as FastXmlParser;
  return xml;
}
