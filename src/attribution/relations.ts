import type { TextLayer } from '../text/text-layer.js';
import { isReportingWord } from './cue-lexicon.js';
import { type TagUnit, tokenForm } from './features.js';

/** Token range `[start, end)`. */
export type TokenRange = readonly [number, number];

/** An attribution as token ranges: who (source), by what words (cue), what (content). */
export interface TokenRelation {
  cue: TokenRange[];
  source?: TokenRange;
  content: TokenRange[];
  /** The source of an outer report ("X said ..., the KCNA said") this attribution came through. */
  relayedBy?: TokenRange;
}

/**
 * A relation with every field set, in one order: the rules after grouping read them all, and one shape
 * keeps those reads from going polymorphic.
 */
export const relationOf = (
  cue: TokenRange[],
  source: TokenRange | undefined,
  content: TokenRange[],
): TokenRelation => ({ cue, source, content, relayedBy: undefined });

interface Run {
  readonly part: 1 | 3 | 5;
  readonly range: TokenRange;
  readonly sentence: number;
  /** A cue's pieces when it is discontinuous ("said ... in a statement"), the first its own range. */
  fragments: TokenRange[] | undefined;
}

/** A cue and the runs that went to it: of its sources, only the nearest to the cue (the first of those as near). */
interface Grouping {
  readonly cue: TokenRange[];
  readonly content: TokenRange[];
  source: TokenRange | undefined;
  readonly sentence: number;
}

function runs(tags: Uint8Array, unit: TagUnit): Run[] {
  const out: Run[] = [];
  let k = 0;
  while (k < tags.length) {
    const t = tags[k] as number;
    if (t === 0) {
      k++;
      continue;
    }
    const part = (t % 2 === 1 ? t : t - 1) as 1 | 3 | 5;
    let e = k + 1;
    while (e < tags.length && tags[e] === part + 1) e++;
    out.push({
      part,
      range: [unit.first + k, unit.first + e],
      sentence: unit.sentenceOf[k] as number,
      fragments: undefined,
    });
    k = e;
  }
  return out;
}

const gap = (a: TokenRange, b: TokenRange) => Math.max(0, a[0] - b[1], b[0] - a[1]);

/** Whether a source or content run lies between token `from` and token `to`. */
function otherRunBetween(all: readonly Run[], from: number, to: number): boolean {
  for (const r of all) if (r.part !== 3 && r.range[0] >= from && r.range[1] <= to) return true;
  return false;
}

/** The cue nearest `run`, those of its own sentence first; -1 when there is none. */
function nearest(relations: readonly Grouping[], run: Run): number {
  let best = -1;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let i = 0; i < relations.length; i++) {
    const r = relations[i] as Grouping;
    let distance = Number.POSITIVE_INFINITY;
    for (const c of r.cue) distance = Math.min(distance, gap(c, run.range));
    const score = (r.sentence === run.sentence ? 0 : 10_000) + distance;
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}

/**
 * "she said, referencing ...", "he said, adding ...": after a comma, a reporting word or a participle
 * opens a report of its own rather than continuing the cue before it.
 */
function startsReport(text: TextLayer, before: TokenRange, next: TokenRange): boolean {
  let comma = false;
  for (let i = before[1]; i < next[0]; i++) if (tokenForm(text, i) === ',') comma = true;
  const form = tokenForm(text, next[0]);
  return comma && (isReportingWord(form) || form.endsWith('ing'));
}

/**
 * Joins the tagged spans of one unit into attributions. Each cue heads one; a source or content goes
 * to the nearest cue of its own sentence, else the nearest in the unit. Cue fragments with nothing
 * of their own between them ("said ... in a statement") are one discontinuous cue. A unit with
 * contents but no cue continues the previous unit's last attribution (a quotation running on into a
 * new paragraph); a cue left without content is dropped, since it attributes nothing.
 */
export function groupRelations(
  text: TextLayer,
  unit: TagUnit,
  tags: Uint8Array,
  previous: TokenRelation | undefined,
): TokenRelation[] {
  const all = runs(tags, unit);
  const cues: Run[] = [];
  for (const run of all) {
    if (run.part !== 3) continue;
    const last = cues[cues.length - 1];
    if (
      last &&
      last.sentence === run.sentence &&
      !otherRunBetween(all, last.range[1], run.range[0]) &&
      gap(last.range, run.range) <= 4 &&
      !startsReport(text, last.range, run.range)
    ) {
      last.fragments ??= [last.range];
      last.fragments.push(run.range);
    } else cues.push(run);
  }
  const relations = cues.map(
    (cue): Grouping => ({
      cue: cue.fragments ?? [cue.range],
      content: [],
      source: undefined,
      sentence: cue.sentence,
    }),
  );
  const orphans: TokenRange[] = [];
  for (const run of all) {
    if (run.part === 3) continue;
    const i = nearest(relations, run);
    const relation = relations[i];
    if (!relation) {
      if (run.part === 5) orphans.push(run.range);
      continue;
    }
    if (run.part === 5) relation.content.push(run.range);
    else {
      const cueAt = relation.cue[0] as TokenRange;
      if (!relation.source || gap(run.range, cueAt) < gap(relation.source, cueAt))
        relation.source = run.range;
    }
  }
  if (orphans.length > 0 && previous && relations.length === 0) previous.content.push(...orphans);
  const out: TokenRelation[] = [];
  for (const r of relations) {
    const cueAt = r.cue[0] as TokenRange;
    const source = r.source;
    if (r.content.length === 0) {
      const according = accordingTo(text, cueAt);
      if (according) {
        out.push(relationOf(r.cue, according.source, [according.content]));
        continue;
      }
      const guess = source
        ? clauseContent(text, cueAt, source, all)
        : reportingCue(text, r.cue)
          ? clauseContent(text, cueAt, undefined, all)
          : undefined;
      if (guess === 'outer' && source) {
        // "X said ..., the KCNA said": the report before it in the same sentence (the nearest one) came
        // through this source; a report of an earlier sentence did not.
        const sentence = text.sentences[text.sentenceAt(text.tokens.start(cueAt[0]))];
        const inner = sentence
          ? out.findLast((o) => {
              const at = (o.cue[0] as TokenRange)[0];
              return at >= sentence.firstToken && o.cue.some((c) => c[1] <= source[0]);
            })
          : undefined;
        if (inner) inner.relayedBy = source;
        // The relay's own report covers the clause too.
        if (sentence && source[0] - 1 > sentence.firstToken)
          out.push(relationOf(r.cue, source, [[sentence.firstToken, source[0] - 1]]));
        continue;
      }
      if (!guess || guess === 'outer') continue;
      r.content.push(guess);
    }
    const content = withoutFrontedPhrases(text, r.content, source);
    // A report whose only content was a fronted phrase ("At the event, he encouraged ...") reports nothing.
    if (content.length === 0) continue;
    const clause = source && closingClause(text, cueAt, source, content, all);
    out.push(relationOf(r.cue, source, clause ? [clause] : content));
  }
  return out;
}

const PREPOSITIONS = new Set(
  'at in on during after before since from with for under over amid among across near following despite'.split(
    ' ',
  ),
);

/** `content` without its fronted phrases: the same array when there is none, as almost always. */
function withoutFrontedPhrases(
  text: TextLayer,
  content: TokenRange[],
  source: TokenRange | undefined,
): TokenRange[] {
  if (!source) return content;
  for (let k = 0; k < content.length; k++)
    if (frontedPhrase(text, content[k] as TokenRange, source))
      return content.filter((c) => !frontedPhrase(text, c, source));
  return content;
}

/**
 * "At the event, he ...", "In August, she ...": a short phrase opened by a preposition and set off by
 * a comma just before the source frames the clause; it is not what the source said.
 */
function frontedPhrase(text: TextLayer, content: TokenRange, source: TokenRange | undefined): boolean {
  if (!source || content[1] + 1 !== source[0] || tokenForm(text, content[1]) !== ',') return false;
  if (!PREPOSITIONS.has(tokenForm(text, content[0])) || content[1] - content[0] > 6) return false;
  // "At least 10 people died, police said": a quantifier, not a phrase of place or time.
  const next = tokenForm(text, content[0] + 1);
  if (next === 'least' || next === 'most') return false;
  for (let i = content[0]; i < content[1]; i++) if (isPunct(text, i)) return false;
  return true;
}

/**
 * "X ..., state media reported Friday.": content the tagger found only part of before a closing
 * ", source cue" is the whole clause before the comma, unless another report sits in that clause.
 */
function closingClause(
  text: TextLayer,
  cue: TokenRange,
  source: TokenRange,
  content: readonly TokenRange[],
  spans: readonly Run[],
): TokenRange | undefined {
  const sentence = text.sentences[text.sentenceAt(text.tokens.start(cue[0]))];
  const comma = source[0] - 1;
  if (!sentence || source[1] > cue[0] || comma <= sentence.firstToken || tokenForm(text, comma) !== ',')
    return undefined;
  for (const c of content) if (c[1] > comma || c[0] < sentence.firstToken) return undefined;
  // The cue closes the sentence: at most a short time or place phrase follows it.
  let words = 0;
  for (let i = cue[1]; i < sentence.endToken; i++) if (!isPunct(text, i)) words++;
  if (words > 3) return undefined;
  for (const r of spans)
    if (r.part === 3 && r.range[0] < comma && sentence.firstToken < r.range[1]) return undefined;
  return [sentence.firstToken, comma];
}

/** A cue of reporting words ("said", "according to"): it attributes something even when its parts went untagged. */
const reportingCue = (text: TextLayer, cue: readonly TokenRange[]) =>
  cue.some((c) => {
    for (let i = c[0]; i < c[1]; i++) if (isReportingWord(tokenForm(text, i))) return true;
    return false;
  });

/** A token of these marks alone: `. , ; : ! ? — -`. Read from the source, so no string is made. */
function isPunct(text: TextLayer, i: number): boolean {
  const end = text.tokens.end(i);
  let j = text.tokens.start(i);
  if (j >= end) return false;
  for (; j < end; j++) {
    const c = text.source.charCodeAt(j);
    if (
      c !== 0x2e &&
      c !== 0x2c &&
      c !== 0x3b &&
      c !== 0x3a &&
      c !== 0x21 &&
      c !== 0x3f &&
      c !== 0x2014 &&
      c !== 0x2d
    )
      return false;
  }
  return true;
}

/**
 * The content of a cue the tagger gave a source but no content: the clause before ", officials
 * said" or the rest of the sentence after "X said", within the cue's sentence and clear of other spans.
 */
function clauseContent(
  text: TextLayer,
  cue: TokenRange,
  source: TokenRange | undefined,
  spans: readonly Run[],
): TokenRange | 'outer' | undefined {
  const sentence = text.sentences[text.sentenceAt(text.tokens.start(cue[0]))];
  if (!sentence) return undefined;
  const first = sentence.firstToken;
  const commaBefore = (i: number) => i - 1 > first && text.tokens.text(i - 1) === ',';
  let range: [number, number];
  if (!source) {
    if (commaBefore(cue[0])) range = [first, cue[0] - 1];
    else if (cue[0] > first && cue[1] < sentence.endToken) range = [cue[1], sentence.endToken];
    else return undefined;
  } else if (source[1] <= cue[0] && commaBefore(source[0])) range = [first, source[0] - 1];
  else if (source[0] >= cue[1] && commaBefore(cue[0])) range = [first, cue[0] - 1];
  else if (cue[1] < sentence.endToken && source[1] <= cue[0]) range = [cue[1], sentence.endToken];
  else return undefined;
  while (range[1] > range[0] && isPunct(text, range[1] - 1)) range[1]--;
  if (range[1] - range[0] < 2) return undefined;
  // Another source inside the clause is a tagging slip; a cue or content there is a report of its own.
  let inside = false;
  let cueInside = false;
  for (const r of spans)
    if (r.part !== 1 && r.range[0] < range[1] && range[0] < r.range[1]) {
      inside = true;
      cueInside ||= r.part === 3;
    }
  if (!inside) return range;
  return cueInside && range[0] === first ? 'outer' : undefined;
}

/**
 * "According to X, Y." and "Y, according to X.": the source is the phrase after "to" up to the comma
 * or the end of the sentence, the content the clause on the other side.
 */
function accordingTo(
  text: TextLayer,
  cue: TokenRange,
): { source: TokenRange; content: TokenRange } | undefined {
  const to = cue[1] - 1;
  if (tokenForm(text, to) !== 'to' || tokenForm(text, to - 1) !== 'according') return undefined;
  const sentence = text.sentences[text.sentenceAt(text.tokens.start(cue[0]))];
  if (!sentence) return undefined;
  let e = cue[1];
  while (e < sentence.endToken && tokenForm(text, e) !== ',' && !isPunct(text, e)) e++;
  if (e === cue[1]) return undefined;
  const source: TokenRange = [cue[1], e];
  let content: [number, number];
  if (cue[0] === sentence.firstToken && tokenForm(text, e) === ',') content = [e + 1, sentence.endToken];
  else if (cue[0] - 1 > sentence.firstToken && tokenForm(text, cue[0] - 1) === ',')
    content = [sentence.firstToken, cue[0] - 1];
  else return undefined;
  while (content[1] > content[0] && isPunct(text, content[1] - 1)) content[1]--;
  return content[1] - content[0] >= 2 ? { source, content } : undefined;
}
