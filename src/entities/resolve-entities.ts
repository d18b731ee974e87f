import type { Entity, EntityType, Mention, MentionKind } from '../document/analysis.js';
import type { Stage, StageContext } from '../pipeline/stage.js';
import { QuoteRole } from '../text/quote-marks.js';
import { defaultGazetteer, type Gazetteer, type Place } from './gazetteer.js';
import { TITLES } from './lexicon.js';
import { isOrgHead } from './organisation-names.js';
import { tokenWords } from './token-words.js';

/** A mention being resolved: token range, sentence, and the cluster it joins. */
interface Draft {
  first: number;
  end: number;
  kind: MentionKind;
  type: EntityType;
  rule: string;
  confidence: number;
  cluster?: Cluster;
  /** The name this mention stands for (an acronym's expansion, "the North" for "North Korea"). */
  aliasOf?: Draft;
}

interface Cluster {
  drafts: Draft[];
  type: EntityType;
  /** Same-referent key for places and exact names: "country:KP", "name:ORG:Reuters". */
  key?: string;
  title?: string;
  /** Lower-cased role words of the title ("leader", "ambassador") for descriptions like "the North's leader". */
  roles: Set<string>;
  place?: Place;
  gender?: 'm' | 'f';
}

// Heads of descriptions that name an organisation of a place: "South Korea's spy agency".
const ORG_HEADS = new Set(
  'agency ministry military government army navy police parliament service office embassy council committee court cabinet legislature regime administration'.split(
    ' ',
  ),
);
// Title words that name a role on their own ("the ambassador"), not those that only qualify one.
const ROLE_NOUNS = new Set(
  [...TITLES].filter(
    (t) =>
      !t.endsWith('.') &&
      !'vice prime foreign defense defence interior finance state chief head deputy crown supreme saint father sister brother officer official representative justice general lord lady sir dame'
        .split(' ')
        .includes(t),
  ),
);
const SPEECH_VERBS = new Set('said says told announced reported added stated'.split(' '));
const LOCATIVES = new Set('in at from to near across into outside inside via through around'.split(' '));
const MALE = new Set('he him his himself'.split(' '));
const FEMALE = new Set('she her hers herself'.split(' '));
const MALE_TITLES = new Set('mr. mr king prince sir lord father brother'.split(' '));
const FEMALE_TITLES = new Set('mrs. mrs ms. ms miss queen princess lady dame sister'.split(' '));
const PLURAL_PRONOUNS = new Set('they them their theirs themselves'.split(' '));
const PLURAL_NOUNS = new Set('people police men women children troops staff crowd residents'.split(' '));
const PLURAL_DETERMINERS = new Set(
  'the these those many some several few all both most other its their his her our two three four five ten dozens hundreds thousands'.split(
    ' ',
  ),
);
const CONNECTORS = new Set(['to', 'of', 'for', 'in']);

class Resolver {
  private readonly drafts: Draft[] = [];
  private readonly clusters: Cluster[] = [];
  private readonly words: readonly string[];
  private readonly lower: readonly string[];

  constructor(
    private readonly context: StageContext,
    private readonly gazetteer: Gazetteer,
  ) {
    this.words = tokenWords(context.text);
    this.lower = this.words.map((w) => w.toLowerCase());
  }

  private text(d: { first: number; end: number }): string {
    const { tokens, source } = this.context.text;
    return source.slice(tokens.start(d.first), tokens.end(d.end - 1));
  }

  private sentenceOf(token: number): number {
    return this.context.text.sentenceAt(this.context.text.tokens.start(token));
  }

  private join(d: Draft, c: Cluster): void {
    d.cluster = c;
    c.drafts.push(d);
  }

  private newCluster(d: Draft, key?: string): Cluster {
    const c: Cluster = { drafts: [], type: d.type, roles: new Set(), ...(key ? { key } : {}) };
    this.clusters.push(c);
    this.join(d, c);
    return c;
  }

  run(): Entity[] {
    this.readNames();
    this.trimTitles();
    this.shortForms();
    this.acronyms();
    this.clusterNames();
    this.titles();
    this.descriptions();
    this.pronouns();
    this.pluralPronouns();
    return this.entities();
  }

  /** The recogniser's entities, one name mention each, as drafts. */
  private readNames(): void {
    const { tokens } = this.context.text;
    for (const e of this.context.layers.entities)
      for (const m of e.mentions) {
        const first = tokens.indexAt(m.start);
        const end = tokens.indexAt(m.end - 1) + 1;
        if (first < end)
          this.drafts.push({
            first,
            end,
            kind: m.kind,
            type: e.type,
            rule: e.rule,
            confidence: e.confidence ?? 0.5,
          });
      }
    this.drafts.sort((a, b) => a.first - b.first);
  }

  /** "Ambassador Alexandr Matsegora" as a name: the role is the title, not part of the name. */
  private trimTitles(): void {
    for (const d of this.drafts) {
      if (d.type !== 'PERSON') continue;
      while (d.end - d.first > 1 && TITLES.has(this.lower[d.first] as string)) d.first++;
    }
  }

  /**
   * "the North" for North Korea when the document names a North-something place: Korean news style.
   * The same for "the South".
   */
  private shortForms(): void {
    for (let i = 0; i + 1 < this.words.length; i++) {
      if (this.lower[i] !== 'the') continue;
      const w = this.words[i + 1] as string;
      if (w !== 'North' && w !== 'South') continue;
      if (/^\p{Lu}/u.test(this.words[i + 2] ?? '')) continue;
      const full = this.drafts.find(
        (d) => d.type === 'GPE' && d.end - d.first === 2 && this.words[d.first] === w && d.kind === 'name',
      );
      if (!full) continue;
      const overlapping = this.drafts.filter((d) => d.first <= i + 1 && d.end > i);
      for (const d of overlapping) this.drafts.splice(this.drafts.indexOf(d), 1);
      const draft: Draft = {
        first: i,
        end: i + 2,
        kind: 'alias',
        type: 'GPE',
        rule: 'entities/short-form',
        confidence: 0.8,
        aliasOf: full,
      };
      this.drafts.push(draft);
    }
    this.drafts.sort((a, b) => a.first - b.first);
  }

  /** "Korean Central News Agency (KCNA)": KCNA is that agency wherever it appears. */
  private acronyms(): void {
    const definitions = new Map<string, Draft>();
    for (const d of this.drafts) {
      if (d.kind !== 'name' || this.words[d.end] !== '(' || this.words[d.end + 2] !== ')') continue;
      const acronym = this.words[d.end + 1] as string;
      if (!/^[A-Z][A-Z0-9&.-]*[A-Z0-9.]$/.test(acronym)) continue;
      const initials = this.words
        .slice(d.first, d.end)
        .filter((w) => /^\p{Lu}/u.test(w))
        .map((w) => w[0])
        .join('');
      const letters = acronym.replace(/[^A-Z]/g, '');
      if (!initials.startsWith(letters[0] ?? '') || letters.length < 2) continue;
      definitions.set(acronym, d);
    }
    if (definitions.size === 0) return;
    const taken = new Set<number>();
    for (const d of this.drafts) for (let i = d.first; i < d.end; i++) taken.add(i);
    for (let i = 0; i < this.words.length; i++) {
      const def = definitions.get(this.words[i] as string);
      if (!def) continue;
      const existing = this.drafts.find((d) => d.first === i && d.end === i + 1);
      if (existing) {
        existing.kind = 'acronym';
        existing.type = def.type;
        existing.aliasOf = def;
      } else if (!taken.has(i)) {
        const draft: Draft = {
          first: i,
          end: i + 1,
          kind: 'acronym',
          type: def.type,
          rule: 'entities/acronym',
          confidence: 0.9,
          aliasOf: def,
        };
        this.drafts.push(draft);
      }
    }
    this.drafts.sort((a, b) => a.first - b.first);
  }

  private placeOf(d: Draft): Place | undefined {
    if (d.type !== 'GPE' && d.type !== 'LOC' && d.type !== 'NORP' && d.type !== 'FAC') return undefined;
    return this.gazetteer.lookup(this.text(d));
  }

  /**
   * One cluster per referent: the same place (by gazetteer), the same name, a person's surname or
   * given name after the full name, an organisation's leading words ("Northrop" for "Northrop Grumman").
   */
  private clusterNames(): void {
    const byKey = new Map<string, Cluster>();
    const persons: Cluster[] = [];
    const keyed = (d: Draft, key: string) => {
      const c = byKey.get(key);
      if (c) this.join(d, c);
      else byKey.set(key, this.newCluster(d, key));
    };
    // Full names first, so that a bare surname finds its person even before the full name appears.
    const order = [...this.drafts].sort(
      (a, b) => Number(a.end - a.first === 1) - Number(b.end - b.first === 1) || a.first - b.first,
    );
    for (const d of order) {
      const alias = d.aliasOf;
      if (alias) continue;
      const place = this.placeOf(d);
      // A word of a person's full name, alone, is that person: "Dole" after "Bob Dole" is no French town.
      // Not a country or region: a name the model ran into one ("Lebed Chechnya") must not take it over.
      if (
        d.end - d.first === 1 &&
        place?.kind !== 'demonym' &&
        place?.kind !== 'country' &&
        place?.kind !== 'region'
      ) {
        const person = this.personWith(this.text(d), d.first, persons);
        if (person) {
          d.kind = 'alias';
          this.join(d, person);
          continue;
        }
      }
      if (place?.kind === 'demonym' || (place?.kind === 'country' && d.type !== 'ORG')) {
        if (place.kind === 'demonym') {
          d.kind = 'demonym';
          d.type = 'NORP';
        } else d.type = 'GPE';
        const c = byKey.get(`country:${place.country}`);
        if (c) {
          this.join(d, c);
          if (d.kind !== 'demonym') c.type = 'GPE';
        } else {
          const created = this.newCluster(d, `country:${place.country}`);
          created.place = this.gazetteer.country(place.country ?? '') ?? place;
          byKey.set(`country:${place.country}`, created);
        }
        continue;
      }
      const text = this.text(d);
      // "Magna" after "Magna International Inc." is the company, whatever type the model gave it, and
      // even if some town is called so; never a country's or region's name.
      const byHead = (name: string) =>
        d.end - d.first === 1 &&
        place?.kind !== 'country' &&
        place?.kind !== 'region' &&
        name
          .slice(text.length + 1)
          .split(' ')
          .every((x) => isOrgHead(x.toLowerCase()));
      const longer = [...byKey.values()].find((c) => {
        if (c.type !== 'ORG') return false;
        const name = this.nameOf(c);
        if (!name.startsWith(`${text} `)) return false;
        return d.type === 'ORG' ? !this.gazetteer.lookup(text) : byHead(name);
      });
      if (longer) {
        d.kind = 'alias';
        d.type = 'ORG';
        this.join(d, longer);
        continue;
      }
      // One referent per name in a document, whatever type each occurrence was given: the types vote.
      if (d.type === 'PERSON') {
        const same = byKey.get(`name:${text}`);
        if (same) this.join(d, same);
        else byKey.set(`name:${text}`, this.newCluster(d, `name:${text}`));
        const c = d.cluster as Cluster;
        if (!persons.includes(c)) persons.push(c);
        continue;
      }
      keyed(d, `name:${text}`);
      if (place && d.cluster && !d.cluster.place) d.cluster.place = place;
    }
    for (const d of this.drafts) {
      const alias = d.aliasOf;
      if (alias?.cluster) this.join(d, alias.cluster);
      else if (alias) this.newCluster(d);
    }
  }

  private nameOf(c: Cluster): string {
    const names = c.drafts.filter((d) => d.kind === 'name');
    const best =
      names.sort((a, b) => b.end - b.first - (a.end - a.first) || a.first - b.first)[0] ?? c.drafts[0];
    return best ? this.text(best) : '';
  }

  /** The person whose full name holds `word` as one of its words: the nearest before, else after. */
  private personWith(word: string, at: number, persons: Cluster[]): Cluster | undefined {
    let before: Cluster | undefined;
    let beforeAt = -1;
    let after: Cluster | undefined;
    let afterAt = Number.POSITIVE_INFINITY;
    for (const p of persons)
      for (const d of p.drafts) {
        if (d.end - d.first < 2) continue;
        if (!this.words.slice(d.first, d.end).includes(word)) continue;
        if (d.first < at && d.first > beforeAt) {
          before = p;
          beforeAt = d.first;
        } else if (d.first > at && d.first < afterAt) {
          after = p;
          afterAt = d.first;
        }
      }
    return before ?? after;
  }

  /**
   * The role stated before a person's name: "Russian Ambassador to North Korea Alexandr Matsegora",
   * "leader Kim Jong-un". Titles, places and demonyms, joined by "to" or "of".
   */
  private titles(): void {
    const covered = new Map<number, Draft>();
    for (const d of this.drafts) for (let i = d.first; i < d.end; i++) covered.set(i, d);
    for (const c of this.clusters) {
      if (c.type !== 'PERSON') continue;
      for (const d of c.drafts) {
        if (d.kind !== 'name') continue;
        let start = d.first;
        let hasTitle = false;
        for (let i = d.first - 1; i >= 0; i--) {
          const lw = this.lower[i] as string;
          const other = covered.get(i);
          if (TITLES.has(lw)) {
            hasTitle = true;
            start = i;
          } else if (
            other &&
            other.type !== 'PERSON' &&
            (other.type === 'GPE' || other.type === 'NORP' || other.type === 'ORG')
          ) {
            start = other.first;
            i = other.first;
          } else if (CONNECTORS.has(lw) && i > 0 && !CONNECTORS.has(this.lower[i - 1] as string)) continue;
          else break;
        }
        while (
          start < d.first &&
          (CONNECTORS.has(this.lower[start] as string) || this.lower[start] === 'the')
        )
          start++;
        if (!hasTitle || start >= d.first) continue;
        const title = this.text({ first: start, end: d.first });
        c.title ??= title;
        for (let i = start; i < d.first; i++) {
          const lw = this.lower[i] as string;
          if (TITLES.has(lw)) c.roles.add(lw);
          if (MALE_TITLES.has(lw)) c.gender ??= 'm';
          if (FEMALE_TITLES.has(lw)) c.gender ??= 'f';
        }
      }
    }
  }

  /**
   * "the North's leader" is the person titled leader; "South Korea's spy agency" is an organisation of
   * its own. The possessor must be a place or organisation named in the document.
   */
  private descriptions(): void {
    const covered = new Map<number, Draft>();
    for (const d of this.drafts) for (let i = d.first; i < d.end; i++) covered.set(i, d);
    const added: Draft[] = [];
    for (let i = 1; i < this.words.length; i++) {
      this.bareRole(i, covered, added);
      if (this.lower[i] !== "'s" && this.lower[i] !== '\u2019s') continue;
      const owner = covered.get(i - 1);
      if (!owner?.cluster || (owner.cluster.type !== 'GPE' && owner.cluster.type !== 'ORG')) continue;
      let head = i + 1;
      while (head < this.words.length && head < i + 4 && /^\p{Ll}+$/u.test(this.words[head] as string)) {
        const lw = this.lower[head] as string;
        if (ORG_HEADS.has(lw) || (TITLES.has(lw) && !CONNECTORS.has(lw))) break;
        head++;
      }
      const lw = this.lower[head];
      if (lw === undefined || covered.has(head)) continue;
      const start = owner.first > 0 && this.lower[owner.first - 1] === 'the' ? owner.first - 1 : owner.first;
      const draft: Draft = {
        first: start,
        end: head + 1,
        kind: 'nominal',
        type: 'PERSON',
        rule: 'entities/description',
        confidence: 0.6,
      };
      if (ORG_HEADS.has(lw)) {
        draft.type = 'ORG';
        const text = this.text(draft).replace(/^the /i, '');
        const same = this.clusters.find((c) => c.key === `description:${text}`);
        if (same) this.join(draft, same);
        else this.newCluster(draft, `description:${text}`);
        added.push(draft);
      } else if (TITLES.has(lw)) {
        const holder = this.roleHolder(lw, head);
        if (!holder) continue;
        this.join(draft, holder);
        added.push(draft);
      }
    }
    this.drafts.push(...added);
    this.drafts.sort((a, b) => a.first - b.first);
  }

  /**
   * "the ambassador" after "Ambassador Alexandr Matsegora": the person last introduced with that role.
   * Not before a name ("the ambassador Alexandr Matsegora" is a title) nor with no one so titled.
   */
  private bareRole(i: number, covered: Map<number, Draft>, added: Draft[]): void {
    const role = this.lower[i];
    if (this.lower[i - 1] !== 'the' || !role || !ROLE_NOUNS.has(role) || covered.has(i)) return;
    if (/^\p{Lu}/u.test(this.words[i + 1] ?? '') || this.lower[i + 1] === 'of') return;
    const holder = this.roleHolder(role, i);
    if (!holder) return;
    const draft: Draft = {
      first: i - 1,
      end: i + 1,
      kind: 'nominal',
      type: 'PERSON',
      rule: 'entities/description',
      confidence: 0.5,
    };
    this.join(draft, holder);
    added.push(draft);
  }

  /** The person last introduced with this role before `at`. */
  private roleHolder(role: string, at: number): Cluster | undefined {
    let best: Cluster | undefined;
    let bestAt = -1;
    for (const c of this.clusters) {
      if (c.type !== 'PERSON' || !c.roles.has(role)) continue;
      const first = Math.min(...c.drafts.map((d) => d.first));
      if (first < at && first > bestAt) {
        best = c;
        bestAt = first;
      }
    }
    return best;
  }

  /**
   * He/she and his/her by salience, not by the nearest name: each person's mentions so far, decayed by
   * sentence distance, those that open their sentence (the subject of the main clause) counting more.
   * Pronouns inside quotations speak from the speaker's side and are left alone.
   */
  private pronouns(): void {
    const { text } = this.context;
    const covered = new Set<number>();
    for (const d of this.drafts) for (let i = d.first; i < d.end; i++) covered.add(i);
    // Each person's mentions as (token, sentence, weight), pronouns added as they are resolved.
    const persons = this.clusters.filter((c) => c.type === 'PERSON');
    const marks = persons.map((c) =>
      c.drafts.map((d) => ({
        at: d.first,
        sentence: this.sentenceOf(d.first),
        weight: this.opensSentence(d) ? 1.5 : 1,
      })),
    );
    let inQuote = false;
    const added: Draft[] = [];
    for (let i = 0; i < this.words.length; i++) {
      const role = text.quoteRole(i);
      if (role === QuoteRole.Open) inQuote = true;
      else if (role === QuoteRole.Close) inQuote = false;
      const lw = this.lower[i] as string;
      const gender = MALE.has(lw) ? 'm' : FEMALE.has(lw) ? 'f' : undefined;
      if (!gender || inQuote || covered.has(i)) continue;
      const sentence = this.sentenceOf(i);
      let best = -1;
      let bestScore = 0;
      persons.forEach((c, k) => {
        if (c.gender && c.gender !== gender) return;
        let score = 0;
        for (const m of marks[k] as { at: number; sentence: number; weight: number }[])
          if (m.at < i) score += 0.7 ** (sentence - m.sentence) * m.weight;
        // A gender the text states ("Queen", "Mr.", an earlier "she") outweighs one left open.
        if (c.gender === gender) score *= 1.5;
        if (score > bestScore) {
          bestScore = score;
          best = k;
        }
      });
      const cluster = persons[best];
      if (!cluster) continue;
      cluster.gender ??= gender;
      const draft: Draft = {
        first: i,
        end: i + 1,
        kind: 'pronoun',
        type: 'PERSON',
        rule: 'entities/pronoun',
        confidence: 0.6,
        cluster,
      };
      added.push(draft);
      marks[best]?.push({ at: i, sentence, weight: this.opensSentence(draft) ? 1.5 : 1 });
    }
    for (const d of added) (d.cluster as Cluster).drafts.push(d);
    this.drafts.push(...added);
  }

  /**
   * They/them/their for a group named just before: an organisation or a people ("the Palestinians"),
   * in the same or the previous sentence, with nothing plural between that it could mean instead (a
   * plural noun, people joined by "and"). Inside quotations they speak from the speaker's side.
   */
  private pluralPronouns(): void {
    const { text } = this.context;
    const starts = new Map<number, Draft>();
    for (const d of this.drafts) if (d.kind !== 'pronoun') starts.set(d.end - 1, d);
    let inQuote = false;
    const added: Draft[] = [];
    for (let i = 0; i < this.words.length; i++) {
      const role = text.quoteRole(i);
      if (role === QuoteRole.Open) inQuote = true;
      else if (role === QuoteRole.Close) inQuote = false;
      if (inQuote || !PLURAL_PRONOUNS.has(this.lower[i] as string)) continue;
      const from = this.context.text.sentences[Math.max(0, this.sentenceOf(i) - 1)]?.firstToken ?? 0;
      let j = i - 1;
      let found: Draft | undefined;
      while (j >= from) {
        const d = starts.get(j);
        if (d) {
          const c = d.cluster;
          if (!c || c.type === 'PERSON') {
            // "Kim and Moon ... they": people together.
            if (this.lower[d.first - 1] === 'and' || this.lower[d.first - 1] === ',') break;
            j = d.first - 1;
            continue;
          }
          if (c.type === 'ORG' || (c.type === 'NORP' && this.groupName(d))) found = d;
          // A place, a single national's word or a thing named: it is no "they", nor is what precedes.
          break;
        }
        if (this.pluralNoun(j) || PLURAL_PRONOUNS.has(this.lower[j] as string)) break;
        j--;
      }
      const cluster = found?.cluster;
      if (!cluster) continue;
      added.push({
        first: i,
        end: i + 1,
        kind: 'pronoun',
        type: cluster.type,
        rule: 'entities/plural-pronoun',
        confidence: 0.5,
        cluster,
      });
    }
    for (const d of added) (d.cluster as Cluster).drafts.push(d);
    this.drafts.push(...added);
  }

  /** A people as a group: "Palestinians", "the British", not "a British diplomat" nor "Palestinian". */
  private groupName(d: Draft): boolean {
    const last = this.words[d.end - 1] as string;
    if (/s$/.test(last)) return true;
    return this.lower[d.first - 1] === 'the' && !/^\p{L}/u.test(this.words[d.end] ?? '.');
  }

  /** A lower-case plural common noun after a determiner or number: "the officials", "two rebels", "police". */
  private pluralNoun(i: number): boolean {
    const w = this.words[i] as string;
    if (PLURAL_NOUNS.has(w)) return true;
    if (!/^\p{Ll}{3,}s$/u.test(w) || /(ss|us|is)$/.test(w)) return false;
    // "Palestinian officials": a nationality word before it makes it a noun, not a verb ("Hamas says").
    if (this.drafts.some((d) => d.end === i && d.kind === 'demonym')) return true;
    for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
      const p = this.lower[k] as string;
      if (PLURAL_DETERMINERS.has(p) || /^\d/.test(p)) return true;
      if (!/^\p{Ll}+$/u.test(p) || p === 'and' || p === 'of') return false;
    }
    return false;
  }

  /** A mention at its sentence's start, or after only an introductory phrase and its comma. */
  private opensSentence(d: Draft): boolean {
    const s = this.context.text.sentences[this.sentenceOf(d.first)];
    if (!s) return false;
    let first = s.firstToken;
    while (first < d.first && TITLES.has(this.lower[first] as string)) first++;
    if (d.first === first) return true;
    for (let i = s.firstToken; i < d.first; i++)
      if (this.words[i] === ',') return i === d.first - 1 || this.lower[d.first - 1] === 'the';
    return this.lower[s.firstToken] === 'the' && d.first === s.firstToken + 1;
  }

  private entities(): Entity[] {
    const { tokens, source } = this.context.text;
    const live = this.clusters.filter((c) => c.drafts.length > 0);
    live.sort(
      (a, b) => Math.min(...a.drafts.map((d) => d.first)) - Math.min(...b.drafts.map((d) => d.first)),
    );
    return live.map((c, k): Entity => {
      const drafts = [...c.drafts].sort((a, b) => a.first - b.first);
      const mentions: Mention[] = drafts.map((d) => {
        const start = tokens.start(d.first);
        const end = tokens.end(d.end - 1);
        return { start, end, text: source.slice(start, end), kind: d.kind };
      });
      const names = drafts.filter((d) => d.kind === 'name');
      const best = [...names].sort((a, b) => b.end - b.first - (a.end - a.first) || a.first - b.first)[0];
      let type: EntityType = c.key?.startsWith('country:')
        ? names.length
          ? 'GPE'
          : 'NORP'
        : this.majorityType(c, names);
      if (type === 'PERSON' && this.loneName(c, drafts)) type = 'ORG';
      else if ((type === 'LOC' || type === 'GPE') && !this.known(c, best) && this.speaks(drafts))
        type = 'ORG';
      const place = c.place ?? (best ? this.placeOf({ ...best, type }) : undefined);
      const lead = best ?? drafts[0];
      const geo =
        place &&
        place.lat !== undefined &&
        place.lon !== undefined &&
        (type === 'GPE' || type === 'LOC' || type === 'NORP')
          ? {
              lat: place.lat,
              lon: place.lon,
              ...(place.country ? { country: place.country } : {}),
              ref:
                place.ref ?? (place.kind === 'country' ? `iso3166:${place.country}` : `name:${place.name}`),
            }
          : undefined;
      // A country goes by its common name; a group known only by its demonym ("Italian") keeps it, its
      // country given by geo.
      const name = type === 'GPE' && place?.kind === 'country' ? place.name : lead ? this.text(lead) : '';
      return {
        id: `e${k + 1}`,
        type,
        name,
        mentions,
        rule: lead?.rule ?? 'entities/resolve-entities',
        confidence: Math.max(...drafts.map((d) => d.confidence)),
        ...(c.title ? { title: c.title } : {}),
        ...(geo ? { geo } : {}),
      };
    });
  }

  /**
   * News introduces a person by full name or title; a capitalised word that never gets either
   * ("Pirelli", "Tanjug") names a company or a club far more often than a person.
   */
  private loneName(c: Cluster, drafts: readonly Draft[]): boolean {
    if (c.title || drafts.some((d) => d.kind === 'pronoun')) return false;
    const names = drafts.filter((d) => d.kind === 'name' || d.kind === 'alias');
    if (names.length === 0 || names.length !== drafts.filter((d) => d.kind !== 'pronoun').length)
      return false;
    return names.every((d) => {
      const before = this.lower[d.first - 1] ?? '';
      return (
        d.end - d.first === 1 && /^\p{Lu}\p{Ll}/u.test(this.words[d.first] as string) && !TITLES.has(before)
      );
    });
  }

  private known(c: Cluster, best: Draft | undefined): boolean {
    return (
      c.place !== undefined || (best !== undefined && this.gazetteer.lookup(this.text(best)) !== undefined)
    );
  }

  /**
   * A name the gazetteer does not know as a place, that says things ("Magna said") and is never where
   * something happens ("in Magna"), names an organisation.
   */
  private speaks(drafts: readonly Draft[]): boolean {
    const named = drafts.filter((d) => d.kind === 'name' || d.kind === 'alias');
    return (
      named.some((d) => SPEECH_VERBS.has(this.lower[d.end] ?? '')) &&
      !named.some((d) => LOCATIVES.has(this.lower[d.first - 1] ?? ''))
    );
  }

  private majorityType(c: Cluster, names: Draft[]): EntityType {
    if (names.length === 0) return c.type;
    const votes = new Map<EntityType, number>();
    for (const d of names) votes.set(d.type, (votes.get(d.type) ?? 0) + d.end - d.first);
    return [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? c.type;
  }
}

/**
 * Refine stage: merges the recogniser's name mentions into one entity per referent and adds what
 * refers to them: acronyms, short forms, demonyms, descriptions with roles, and pronouns.
 */
export const resolveEntities: Stage = {
  name: 'entities/resolve-entities',
  role: 'refine',
  writes: ['entities'],
  run(context) {
    context.layers.entities = new Resolver(context, defaultGazetteer()).run();
  },
};
