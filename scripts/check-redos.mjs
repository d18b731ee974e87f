#!/usr/bin/env node
// Finds every regular expression in src/ (regex literals, and `RegExp(...)` / `new RegExp(...)` with a
// literal pattern) by walking the TypeScript syntax tree, and checks each with redos-detector. Exits 1
// listing each pattern that can backtrack catastrophically, as file:line:column.
//
//   node scripts/check-redos.mjs [--tests] [DIR ...]        (default: src)
//
// Tests (`*.test.ts`) are left out unless --tests is given: their patterns run on the project's own output.
// Verdicts are cached by pattern in node_modules/.cache, since proving a pattern safe can take seconds.
//
// A pattern that is only ever run on input of bounded length may be marked safe by a comment on its line or
// the line above that says why: `// redos-ok: only run on the first 160 characters`.
// Patterns built at run time (a template with substitutions, a variable) cannot be checked and are listed.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isSafePattern } from 'redos-detector';
import ts from 'typescript';

const args = process.argv.slice(2);
const withTests = args.includes('--tests');
const roots = args.filter((a) => a !== '--tests');
const MAX_STEPS = 50_000;
const TIMEOUT_MS = 10_000;

const detectorVersion = JSON.parse(readFileSync('node_modules/redos-detector/package.json', 'utf8')).version;
const CACHE = join('node_modules', '.cache', 'dateline-check-redos.json');
let cache = {};
try {
  const stored = JSON.parse(readFileSync(CACHE, 'utf8'));
  if (stored.key === `${detectorVersion}/${MAX_STEPS}`) cache = stored.verdicts;
} catch {
  // no cache yet
}

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.(?:[cm]?ts|[cm]?js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      if (withTests || !/\.test\.[cm]?[jt]s$/.test(entry.name)) yield path;
    }
  }
}

const literalText = (node) =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;

/** Every regex in one file: `{ line, column, pattern, flags }`, or `{ dynamic: true }` for built ones. */
function regexesOf(path) {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const at = (node) => {
    const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
    return { line: line + 1, column: character + 1 };
  };
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(file);
      const slash = literal.lastIndexOf('/');
      found.push({ ...at(node), pattern: literal.slice(1, slash), flags: literal.slice(slash + 1) });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp'
    ) {
      const [patternArg, flagsArg] = node.arguments ?? [];
      const pattern = literalText(patternArg);
      const flags = flagsArg === undefined ? '' : literalText(flagsArg);
      if (pattern === undefined || flags === undefined) found.push({ ...at(node), dynamic: true });
      else found.push({ ...at(node), pattern, flags });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  const lines = text.split('\n');
  const waived = (line) => /\bredos-ok:\s*\S/.test(`${lines[line - 1] ?? ''}\n${lines[line - 2] ?? ''}`);
  return found.map((r) => ({ ...r, waived: waived(r.line) }));
}

function check(regex) {
  const key = `/${regex.pattern}/${regex.flags}`;
  if (!(key in cache)) cache[key] = verdict(regex) ?? null;
  return cache[key] ?? undefined;
}

/** Why a pattern is unsafe, or undefined when it is safe. */
function verdict({ pattern, flags }) {
  try {
    const result = isSafePattern(pattern, {
      caseInsensitive: flags.includes('i'),
      unicode: flags.includes('u') || flags.includes('v'),
      dotAll: flags.includes('s'),
      multiLine: flags.includes('m'),
      maxSteps: MAX_STEPS,
      timeout: TIMEOUT_MS,
    });
    if (result.safe) return undefined;
    if (result.error === 'hitMaxSteps' || result.error === 'timedOut')
      return `too complex to prove safe (${result.error})`;
    const score = result.score.infinite ? 'unbounded' : String(result.score.value);
    const trail = result.trails[0]?.trail[0];
    const where = trail ? `; e.g. \`${trail.a.node.source}\` and \`${trail.b.node.source}\` overlap` : '';
    return `backtracking score ${score}${where}`;
  } catch (err) {
    return `could not be checked: ${err instanceof Error ? err.message : String(err)}`;
  }
}

const unsafe = [];
const dynamic = [];
let checked = 0;
let waived = 0;
for (const root of roots.length > 0 ? roots : ['src']) {
  for (const path of sourceFiles(root)) {
    for (const regex of regexesOf(path)) {
      const place = `${relative(process.cwd(), path)}:${regex.line}:${regex.column}`;
      if (regex.dynamic) {
        dynamic.push(place);
        continue;
      }
      checked++;
      const problem = check(regex);
      if (!problem) continue;
      if (regex.waived) {
        waived++;
        continue;
      }
      unsafe.push(`${place}  /${regex.pattern}/${regex.flags}\n    ${problem}`);
    }
  }
}

mkdirSync(dirname(CACHE), { recursive: true });
writeFileSync(CACHE, JSON.stringify({ key: `${detectorVersion}/${MAX_STEPS}`, verdicts: cache }));

for (const line of unsafe) console.log(line);
if (dynamic.length > 0)
  console.log(`built at run time, not checked (${dynamic.length}): ${dynamic.join(', ')}`);
console.log(
  `check-redos: ${checked} patterns checked, ${unsafe.length} unsafe${waived ? `, ${waived} marked redos-ok` : ''}`,
);
process.exit(unsafe.length > 0 ? 1 : 0);
