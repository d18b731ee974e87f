import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvReader } from '../src/read/csv-reader.js';
import { decodeInput } from '../src/read/decode.js';
import { seededRandom } from '../train/seeded-random.js';

export { seededRandom };

/** One article of the benchmark corpus, as read from the datasets. */
export interface Article {
  /** `source/file` or `source/file#n`: where it came from, for reports and reproducibility. */
  readonly id: string;
  readonly source: string;
  readonly text: string;
  /** Publication date (ISO) when the dataset gives one; peers and Dateline resolve times against it. */
  readonly published?: string;
}

export interface Corpus {
  readonly seed: number;
  readonly articles: readonly Article[];
}

/** Words as every contender's rate counts them: the same fixed regex, so tokens/s compare across tools. */
export const WORD = /[\p{L}\p{N}]+/gu;

export const countWords = (text: string): number => text.match(WORD)?.length ?? 0;

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * `n` items drawn from named pools in turn, each pool shuffled by the seed, so every source is
 * represented evenly (a small pool simply runs out); the result is shuffled again so any prefix of it
 * is itself a mixed sample. Pools are visited in name order: the draw does not depend on insertion order.
 */
export function drawEvenly<T>(pools: ReadonlyMap<string, readonly T[]>, n: number, seed: number): T[] {
  const random = seededRandom(seed);
  const names = [...pools.keys()].sort();
  const queues = names.map((name) => shuffled(pools.get(name) ?? [], random));
  const drawn: T[] = [];
  let progress = true;
  for (let round = 0; drawn.length < n && progress; round++) {
    progress = false;
    for (const queue of queues) {
      const item = queue[round];
      if (item === undefined || drawn.length >= n) continue;
      drawn.push(item);
      progress = true;
    }
  }
  return shuffled(drawn, random);
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * SGML character references to text. Numeric references below 32 are the wire's control codes
 * (start and end of text), not content, and are dropped; tab and line feed are kept.
 */
export function decodeSgmlEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code =
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    if (code < 32 && code !== 9 && code !== 10) return '';
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** `26-FEB-1987 15:01:01.79` to `1987-02-26`. */
function reutersDate(raw: string | undefined): string | undefined {
  const m = /^\s*(\d{1,2})-([A-Z]{3})-(\d{4})/i.exec(raw ?? '');
  if (!m) return undefined;
  const month = MONTHS.indexOf((m[2] as string).toUpperCase()) + 1;
  if (month === 0) return undefined;
  return `${m[3]}-${String(month).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`;
}

/**
 * The stories of one Reuters-21578 SGML file: the `<BODY>` text of each `<REUTERS>` record, entities
 * decoded, with its `<DATE>`. Records without a body (headline-only flashes) are skipped. This copy of
 * the collection marks paragraph indents as a literal `&\t`; it is read as the tab it stands for.
 */
export function reutersStories(sgml: string): { text: string; published?: string; newId: string }[] {
  const stories: { text: string; published?: string; newId: string }[] = [];
  for (const record of sgml.split('</REUTERS>')) {
    const body = /<BODY>([\s\S]*?)<\/BODY>/.exec(record)?.[1];
    if (body === undefined) continue;
    const text = decodeSgmlEntities(body.replaceAll('&\\t', '\t')).trim();
    if (text === '') continue;
    const newId = /NEWID="(\d+)"/.exec(record)?.[1] ?? String(stories.length);
    const published = reutersDate(/<DATE>([^<]*)<\/DATE>/.exec(record)?.[1]);
    stories.push({ text, newId, ...(published ? { published } : {}) });
  }
  return stories;
}

/** Files of `dir` matching `pattern`, sorted, so the draw is the same whatever order the disk lists. */
const filesOf = (dir: string, pattern: RegExp) =>
  readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => join(dir, f));

const subdirsOf = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

/** A lazily read article: only the drawn ones are read from disk. */
type Pending = () => Article | undefined;

function decodedFile(path: string): string | undefined {
  const decoded = decodeInput(readFileSync(path));
  return decoded.ok ? decoded.text.trim() : undefined;
}

function bbcPool(root: string): Pending[] {
  const dir = join(root, 'bbc');
  return subdirsOf(dir).flatMap((topic) =>
    filesOf(join(dir, topic), /\.txt$/).map((path) => () => {
      const text = decodedFile(path);
      return text ? { id: `bbc/${topic}/${path.split('/').pop()}`, source: 'bbc', text } : undefined;
    }),
  );
}

function reutersPool(root: string): Pending[] {
  return filesOf(join(root, 'reuters21578'), /\.sgm$/).flatMap((path) => {
    // The SGML files are ASCII but for one stray byte; the decoder reads that file as Latin-1.
    const decoded = decodeInput(readFileSync(path));
    if (!decoded.ok) return [];
    return reutersStories(decoded.text).map((story) => () => ({
      id: `reuters/${story.newId}`,
      source: 'reuters',
      text: story.text,
      ...(story.published ? { published: story.published } : {}),
    }));
  });
}

function polnearPool(root: string): Pending[] {
  const dir = join(root, 'polnear');
  const dates = new Map<string, string>();
  const [head, ...rows] = readFileSync(join(dir, 'metadata.tsv'), 'utf8').split('\n');
  const columns = (head ?? '').split('\t');
  const fileAt = columns.indexOf('filename');
  const dateAt = columns.indexOf('publication_date');
  for (const row of rows) {
    const cells = row.split('\t');
    const date = cells[dateAt];
    if (cells[fileAt] && date && /^\d{4}-\d{2}-\d{2}$/.test(date)) dates.set(cells[fileAt] as string, date);
  }
  return ['dev', 'train'].flatMap((split) =>
    filesOf(join(dir, split, 'text'), /\.txt$/).map((path) => () => {
      const file = path.split('/').pop() as string;
      const text = decodedFile(path);
      const published = dates.get(file.replace(/\.txt$/, ''));
      if (!text) return undefined;
      return { id: `polnear/${split}/${file}`, source: 'polnear', text, ...(published ? { published } : {}) };
    }),
  );
}

function wikinewsPool(root: string): Pending[] {
  return filesOf(join(root, 'wikinews'), /\.csv$/).flatMap((path) => {
    const name = path.split('/').pop() as string;
    const items = [...csvReader.read({ name, text: readFileSync(path, 'utf8') })];
    return items.flatMap((item) => {
      if (!('document' in item)) return [];
      const { text, meta, origin } = item.document;
      const article: Article = {
        id: `wikinews/${name}#${origin.index}`,
        source: 'wikinews',
        text,
        ...(meta.published ? { published: meta.published.slice(0, 10) } : {}),
      };
      return [() => article];
    });
  });
}

/**
 * `n` real articles from BBC, Reuters-21578, PolNeAR and Wikinews (read in place from `root`), drawn
 * evenly across the four by `seed`. Files that cannot be decoded are skipped, so a few more are drawn.
 */
export function loadCorpus(root: string, n: number, seed: number): Corpus {
  const pools = new Map<string, Pending[]>([
    ['bbc', bbcPool(root)],
    ['polnear', polnearPool(root)],
    ['reuters', reutersPool(root)],
    ['wikinews', wikinewsPool(root)],
  ]);
  const articles: Article[] = [];
  for (const pending of drawEvenly(pools, n + 16, seed)) {
    const article = pending();
    if (article && articles.length < n) articles.push(article);
  }
  return { seed, articles };
}
