/**
 * Reading the store: search (text, agency, issuer, dates, kinds), documents whole again as
 * contract documents, agencies, deadlines by date range, read-only SQL, exports. Opened
 * read-only: nothing here writes the database.
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PlanDocument, type Section, type Source } from '../contract/plan.js';
import { LEDGER_FILE, SCHEMA_VERSION } from '../batch/ledger.js';
import { agencyKey, keyWords } from './agency.js';
import { OPEN_FROM, OPEN_TO } from './dates.js';
import { matchRanges } from './fold.js';
import type { PassageKind } from './passages.js';
import { SearchQuery, parseText, queryRange, type ParsedText, type SearchQueryParsed } from './query.js';

type Db = Database.Database;
type Row = Record<string, unknown>;

/** How much of the store's file a reader maps at most. */
const MMAP_BYTES = 2 ** 31;

/** The store cannot be read (no ledger, one too old or too new, not a database). */
export class StoreError extends Error {
  override readonly name = 'StoreError';
}

/** A query the store cannot answer as asked (a bad date, an SQL statement that writes). */
export class QueryError extends Error {
  override readonly name = 'QueryError';
}

export interface DocumentSummary {
  id: number;
  source: Source;
  issuer: string | null;
  documentType: string | null;
  number: string | null;
  place: string | null;
  issuedDate: string | null;
  title: string | null;
  period: { from: string; to: string } | null;
  review: { needed: boolean; reasons: string[] };
}

export interface Hit {
  documentId: number;
  source: Source;
  issuer: string | null;
  number: string | null;
  issuedDate: string | null;
  title: string | null;
  kind: PassageKind;
  /** The passage as printed. */
  text: string;
  /** Where the query's words are in `text`: `[start, end)` code units. */
  matches: Array<[number, number]>;
  /** Where the passage is in the restored text (`.txt` output), page and section. */
  span: [number, number] | null;
  page: number | null;
  section: string | null;
  sectionHeading: string | null;
  /** Rank (bm25, lower is better) of a text search; null otherwise. */
  score: number | null;
  /** How many passages of this document matched (one hit per document). */
  passages: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface AgencyRow {
  id: number;
  key: string;
  name: string;
  spellings: Array<{ spelling: string; place: string | null }>;
  assignments: number;
  documents: number;
}

export interface DeadlineRow {
  documentId: number;
  source: Source;
  number: string | null;
  issuer: string | null;
  title: string | null;
  text: string;
  kind: 'due' | 'period';
  due: string | null;
  start: string | null;
  end: string | null;
  recurrence: string | null;
  subject: string | null;
  section: string | null;
  span: [number, number] | null;
  page: number | null;
  fromDate: string;
  toDate: string;
}

const spanOf = (r: Row, prefix = 'span'): [number, number] | null =>
  r[`${prefix}_start`] === null || r[`${prefix}_start`] === undefined ? null : [r[`${prefix}_start`] as number, r[`${prefix}_end`] as number];

/** Optional fields the contract leaves out when absent. */
function put<T extends object>(target: T, key: string, value: unknown): T {
  if (value !== null && value !== undefined) (target as Row)[key] = value;
  return target;
}

export class Store {
  readonly db: Db;

  private readonly statements = new Map<string, Database.Statement>();

  private constructor(db: Db) {
    this.db = db;
  }

  /** A prepared statement, prepared once per store. */
  private prepared(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  /** Open the store of an output folder (`vnplan ingest --out DIR`), read-only. */
  static open(outDir: string): Store {
    const file = join(outDir, LEDGER_FILE);
    if (!existsSync(file)) {
      throw new StoreError(existsSync(outDir) && statSync(outDir).isDirectory()
        ? `${outDir} holds no store (${LEDGER_FILE}): run vnplan ingest … --out ${outDir} first`
        : `${outDir} is not an output folder of vnplan ingest`);
    }
    let db: Db;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) throw new StoreError(`${file} has schema version ${version}, newer than this vnplan knows (${SCHEMA_VERSION}): use a newer vnplan`);
      if (version < SCHEMA_VERSION) throw new StoreError(`${file} is from an older vnplan (schema version ${version}): run vnplan ingest … --out ${outDir} once to bring its store up to date`);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(`${file} cannot be read as a vnplan store (${(error as { code?: string }).code ?? (error as Error).message})`);
    }
    db.pragma('query_only = ON');
    // Read through a memory map: a search on a large store touches more pages than the page
    // cache holds (16 MB), and each miss was a read() call copying the page in. SQLite caps
    // the size at its own limit (2 GB) and maps read-only.
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    return new Store(db);
  }

  close(): void {
    this.db.close();
  }

  // Agencies ---------------------------------------------------------------------------

  /**
   * The agencies a name means: those whose key is the name's key (and whose place starts
   * with the name's place, when it gives one). When no key is equal, those whose key and
   * place hold every word of the name (`van hoa thong tin` finds the Phòng and the Trung tâm).
   */
  resolveAgencies(name: string): Array<{ id: number; placeKey: string | null }> {
    const k = agencyKey(name);
    const exact = this.db.prepare<[string], { id: number }>('SELECT id FROM agencies WHERE key = ?').all(k.key);
    if (exact.length) return exact.map((r) => ({ id: r.id, placeKey: k.placeKey }));
    const words = keyWords(`${k.name} ${k.place ?? ''}`).split(' ').filter(Boolean);
    if (!words.length) return [];
    // Every spelling seen (a small table) gives an agency's key and the places it was printed with.
    const candidates = this.prepared('SELECT DISTINCT a.id, a.key, s.place_key FROM agencies a JOIN agency_spellings s ON s.agency_id = a.id').all() as Array<{
      id: number;
      key: string;
      place_key: string | null;
    }>;
    const out = new Map<string, { id: number; placeKey: string | null }>();
    for (const c of candidates) {
      const have = new Set(`${c.key} ${c.place_key ?? ''}`.split(' '));
      // A place among the words narrows to that place; else the agency in any place.
      const placeWords = (c.place_key ?? '').split(' ').filter((w) => w && words.includes(w));
      const placeKey = placeWords.length ? c.place_key : null;
      if (words.every((w) => have.has(w))) out.set(`${c.id} ${placeKey ?? ''}`, { id: c.id, placeKey });
    }
    return [...out.values()];
  }

  // Search -----------------------------------------------------------------------------

  /** Search passages: see `SearchQuery`. */
  search(input: SearchQuery): Page<Hit> {
    const q: SearchQueryParsed = SearchQuery.parse(input);
    const params: Row = {};
    const where: string[] = [];
    const range = queryRange(q.from, q.to);
    if (range && range.from > range.to) throw new QueryError(`--from ${q.from} is after --to ${q.to}`);

    if (q.group === 'document' && !q.kind?.length) return this.searchDocuments(q, range);

    let kinds = q.kind;
    if (!q.text && !kinds?.length) kinds = q.agency ? ['assignment'] : range ? ['deadline'] : ['document'];
    if (kinds?.length) where.push(`p.kind IN (${kinds.map((k) => `'${k}'`).join(', ')})`);

    const agencyCondition = (alias: string, list: Array<{ id: number; placeKey: string | null }>) =>
      agencyMatch(list, params, 'ag', `${alias}.agency_id`, `${alias}.place_key`);
    if (q.agency) {
      const agencies = this.resolveAgencies(q.agency);
      if (!agencies.length) return { items: [], total: 0, limit: q.limit, offset: q.offset };
      const cond = agencyCondition('aa', agencies);
      where.push(`p.document_id IN (SELECT a.document_id FROM assignment_agencies aa JOIN assignments a ON a.id = aa.assignment_id WHERE ${cond})`);
      where.push(`(p.kind <> 'assignment' OR EXISTS (SELECT 1 FROM assignments a JOIN assignment_agencies aa ON aa.assignment_id = a.id WHERE a.document_id = p.document_id AND a.seq = p.item AND (${cond})))`);
    }
    if (q.issuer) {
      const issuers = this.resolveAgencies(q.issuer);
      if (!issuers.length) return { items: [], total: 0, limit: q.limit, offset: q.offset };
      const cond = agencyMatch(issuers, params, 'is', `d.issuer_agency_id`, `d.issuer_place_key`);
      where.push(`p.document_id IN (SELECT d.id FROM documents d WHERE ${cond})`);
    }
    if (range) {
      params.from = range.from;
      params.to = range.to;
      params.openFrom = OPEN_FROM;
      params.openTo = OPEN_TO;
      const inRange = `dd.from_date <= @to AND dd.to_date >= @from AND NOT (dd.from_date = @openFrom AND dd.to_date = @openTo)`;
      where.push(`p.document_id IN (SELECT dd.document_id FROM deadline_dates dd WHERE ${inRange})`);
      where.push(`(p.kind <> 'deadline' OR EXISTS (SELECT 1 FROM deadlines dl JOIN deadline_dates dd ON dd.deadline_id = dl.id WHERE dl.document_id = p.document_id AND dl.seq = p.item AND ${inRange}))`);
    }
    const filters = where.length ? `WHERE ${where.join(' AND ')}` : '';

    let words: string[] = [];
    let matched: string;
    if (q.text) {
      const parsed = parseText(q.text);
      if (!parsed) throw new QueryError(`"${q.text}" has no word to search for`);
      words = parsed.words;
      params.match = parsed.match;
      if (parsed.phrase) {
        params.phrase = parsed.phrase;
        params.rest = `(${parsed.match}) NOT ${parsed.phrase}`;
        matched = `SELECT rowid AS id, 0 AS tier, bm25(passages_fts) AS score FROM passages_fts WHERE passages_fts MATCH @phrase
                   UNION ALL
                   SELECT rowid AS id, 1 AS tier, bm25(passages_fts) AS score FROM passages_fts WHERE passages_fts MATCH @rest`;
      } else {
        matched = `SELECT rowid AS id, 0 AS tier, bm25(passages_fts) AS score FROM passages_fts WHERE passages_fts MATCH @match`;
      }
    } else {
      matched = `SELECT p.id, 0 AS tier, NULL AS score FROM passages p`;
    }
    // bm25() works only where the FTS5 table drives its own query: the text search is
    // materialized, so the planner cannot fold it into the join (a one-word search failed).
    const materialized = q.text ? 'MATERIALIZED ' : '';
    const order = q.text ? 'f.tier, f.score, f.id' : 'f.document_id, f.span_start IS NOT NULL, f.span_start, f.id';
    params.limit = q.limit;
    params.offset = q.offset;
    // One hit per document: its best passage (SQLite takes the other columns from the row of MIN()).
    const sql =
      q.group === 'document'
        ? `WITH m AS ${materialized}(${matched}),
                f AS (SELECT p.id, p.document_id, p.span_start, m.tier, m.score FROM m JOIN passages p ON p.id = m.id ${filters}),
                g AS (SELECT id, document_id, span_start, tier, score, MIN(${q.text ? 'tier * 1000000 + score' : 'coalesce(span_start, -1) * 1.0 + id * 1e-12'}) AS best, COUNT(*) AS n
                      FROM f GROUP BY document_id)
           SELECT f.id, f.score, f.n, COUNT(*) OVER () AS total FROM g AS f
           ORDER BY ${q.text ? 'f.best, f.id' : order} LIMIT @limit OFFSET @offset`
        : `WITH m AS ${materialized}(${matched}),
                f AS (SELECT p.id, p.document_id, p.span_start, m.tier, m.score FROM m JOIN passages p ON p.id = m.id ${filters})
           SELECT f.id, f.score, 1 AS n, COUNT(*) OVER () AS total FROM f ORDER BY ${order} LIMIT @limit OFFSET @offset`;
    const rows = this.db.prepare(sql).all(params) as Array<{ id: number; score: number | null; n: number; total: number }>;
    const items = rows.map((r) => this.hit(r.id, r.score, r.n, words));
    return { items, total: rows[0]?.total ?? (q.offset > 0 ? this.countOnly(sql, params) : 0), limit: q.limit, offset: q.offset };
  }

  /**
   * One hit per document (the default search): documents are found and ranked first — by
   * the whole-document index (`documents_fts`, bm25) for text, by the indexed tables for an
   * agency, issuer or date range — and only the documents of the page have their passage
   * chosen: for text, the document's passage that best holds the words (as a phrase first,
   * then all of them, then any); else its first assignment naming the agency, its first
   * deadline in the range, or its title. The work is bounded by the documents that match,
   * never by their passages, so a common word costs no more than a rare one per page.
   */
  private searchDocuments(q: SearchQueryParsed, range: { from: string; to: string } | null): Page<Hit> {
    const empty: Page<Hit> = { items: [], total: 0, limit: q.limit, offset: q.offset };
    const params: Row = {};
    const conditions: Array<(id: string) => string> = []; // on a document's id, all of which it must meet
    let agencyCond: string | null = null;
    if (q.agency) {
      const agencies = this.resolveAgencies(q.agency);
      if (!agencies.length) return empty;
      agencyCond = agencyMatch(agencies, params, 'ag', `agency_id`, `place_key`);
      const cond = agencyCond;
      conditions.push((id) => `${id} IN (SELECT document_id FROM assignment_agencies WHERE ${cond})`);
    }
    if (q.issuer) {
      const issuers = this.resolveAgencies(q.issuer);
      if (!issuers.length) return empty;
      const cond = agencyMatch(issuers, params, 'is', `issuer_agency_id`, `issuer_place_key`);
      conditions.push((id) => `${id} IN (SELECT id FROM documents WHERE ${cond})`);
    }
    const inRange = 'dd.from_date <= @to AND dd.to_date >= @from AND NOT (dd.from_date = @openFrom AND dd.to_date = @openTo)';
    if (range) {
      Object.assign(params, { from: range.from, to: range.to, openFrom: OPEN_FROM, openTo: OPEN_TO });
      // Asked of each document (deadline_dates_document): a seek each, and a page in id order
      // stops at its last document. The set of documents from deadline_dates_range was a scan
      // of every occurrence that starts before the range ends, for the total and the page.
      conditions.push((id) => `EXISTS (SELECT 1 FROM deadline_dates dd WHERE dd.document_id = ${id} AND ${inRange})`);
    }

    let parsed: ReturnType<typeof parseText> = null;
    let found: Array<{ id: number; score: number | null }>;
    let total: number;
    const page: Row = { ...params, limit: q.limit, offset: q.offset };
    if (q.text) {
      parsed = parseText(q.text);
      if (!parsed) throw new QueryError(`"${q.text}" has no word to search for`);
      params.match = parsed.match;
      page.match = parsed.match;
      const where = ['documents_fts MATCH @match', ...conditions.map((c) => c('documents_fts.rowid'))].join(' AND ');
      let tier = '0';
      if (parsed.phrase) {
        page.phrase = parsed.phrase;
        tier = `rowid NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH @phrase)`;
      }
      total = (this.prepared(`SELECT COUNT(*) AS n FROM documents_fts WHERE ${where}`).get(params) as { n: number }).n;
      found = this.prepared(
        `SELECT rowid AS id, bm25(documents_fts) AS score, ${tier} AS tier FROM documents_fts WHERE ${where} ORDER BY tier, score, rowid LIMIT @limit OFFSET @offset`,
      ).all(page) as Array<{ id: number; score: number }>;
    } else {
      const where = conditions.length ? `WHERE ${conditions.map((c) => c('documents.id')).join(' AND ')}` : '';
      total = (this.prepared(`SELECT COUNT(*) AS n FROM documents ${where}`).get(params) as { n: number }).n;
      found = (this.prepared(`SELECT id FROM documents ${where} ORDER BY id LIMIT @limit OFFSET @offset`).all(page) as Array<{ id: number }>).map((r) => ({ id: r.id, score: null }));
    }

    const items: Hit[] = [];
    for (const doc of found) {
      let passage: { id: number; n: number } | undefined;
      if (parsed) {
        passage = this.textPassage(doc.id, parsed);
      } else if (agencyCond) {
        const first = this.prepared(`SELECT MIN(assignment_seq) AS seq, COUNT(DISTINCT assignment_seq) AS n FROM assignment_agencies WHERE document_id = @doc AND (${agencyCond})`).get({ ...params, doc: doc.id }) as { seq: number | null; n: number };
        const row = first.seq === null ? undefined : (this.prepared(`SELECT id FROM passages WHERE document_id = ? AND kind = 'assignment' AND item = ?`).get(doc.id, first.seq) as { id: number } | undefined);
        if (row) passage = { id: row.id, n: first.n };
      } else if (range) {
        const first = this.prepared(
          `SELECT MIN(dl.seq) AS seq, COUNT(DISTINCT dl.seq) AS n FROM deadlines dl JOIN deadline_dates dd ON dd.deadline_id = dl.id WHERE dl.document_id = @doc AND ${inRange}`,
        ).get({ ...params, doc: doc.id }) as { seq: number | null; n: number };
        const row = first.seq === null ? undefined : (this.prepared(`SELECT id FROM passages WHERE document_id = ? AND kind = 'deadline' AND item = ?`).get(doc.id, first.seq) as { id: number } | undefined);
        if (row) passage = { id: row.id, n: first.n };
      }
      if (!passage) {
        // The title (a document passage), else the document's first passage.
        const row = this.prepared(`SELECT id FROM passages WHERE document_id = ? ORDER BY kind <> 'document', id LIMIT 1`).get(doc.id) as { id: number } | undefined;
        if (!row) continue;
        passage = { id: row.id, n: 1 };
      }
      items.push(this.hit(passage.id, doc.score, passage.n, parsed?.words ?? []));
    }
    return { items, total, limit: q.limit, offset: q.offset };
  }

  /**
   * The passage of document `documentId` that best holds a text search's words: the
   * shortest that holds them as a phrase, else all of them, else any; with how many of its
   * passages hold them all (or any, when none holds all).
   */
  private textPassage(documentId: number, parsed: ParsedText): { id: number; n: number } | undefined {
    const bounds = this.prepared('SELECT MIN(id) AS lo, MAX(id) AS hi FROM passages WHERE document_id = ?').get(documentId) as { lo: number | null; hi: number | null };
    if (bounds.lo === null) return undefined;
    // No bm25 here: FTS5 computes bm25's statistics over the whole index on every statement,
    // which made this per-document pick cost as much as a full search. The bounds are cast:
    // better-sqlite3 binds a JS number as a REAL, and FTS5 uses only INTEGER rowid bounds
    // (with a REAL it scans every match and SQLite filters).
    const inDoc = 'SELECT rowid FROM passages_fts WHERE passages_fts MATCH @match AND rowid BETWEEN CAST(@lo AS INTEGER) AND CAST(@hi AS INTEGER)';
    // The densest: the shortest passage that holds the words.
    const shortest = `SELECT id FROM passages WHERE id IN (${inDoc}) ORDER BY length(text), id LIMIT 1`;
    if (parsed.phrase) {
      // The phrase first: its passages hold all the words too, so all the words need only be
      // counted, and no text but the phrase's passages' is read.
      const id = this.prepared(shortest).pluck().get({ ...bounds, match: parsed.phrase }) as number | undefined;
      if (id !== undefined) return { id, n: this.prepared(`SELECT COUNT(*) FROM (${inDoc})`).pluck().get({ ...bounds, match: parsed.match }) as number };
    }
    for (const match of [parsed.match, parsed.words.map((w) => (w.endsWith('*') ? `"${w.slice(0, -1)}"*` : `"${w}"`)).join(' OR ')]) {
      const ids = this.prepared(inDoc).pluck().all({ ...bounds, match }) as number[];
      if (ids.length) return { id: this.prepared(`SELECT id FROM passages WHERE id IN (SELECT value FROM json_each(?)) ORDER BY length(text), id LIMIT 1`).pluck().get(JSON.stringify(ids)) as number, n: ids.length };
    }
    return undefined;
  }

  /** The total of a query whose page came back empty (an offset past the end). */
  private countOnly(sql: string, params: Row): number {
    const row = this.db.prepare(sql.replace(/LIMIT @limit OFFSET @offset$/, 'LIMIT 1')).get(params) as { total: number } | undefined;
    return row?.total ?? 0;
  }

  private hit(passageId: number, score: number | null, n: number, words: string[]): Hit {
    const r = this.prepared(
      `SELECT p.*, d.source_file, d.sha256, d.media_type, d.pages, d.part, d.issuer, d.number, d.issued_date, d.title,
              (SELECT s.heading FROM sections s WHERE s.document_id = p.document_id AND s.section = p.section) AS section_heading
       FROM passages p JOIN documents d ON d.id = p.document_id WHERE p.id = ?`,
    ).get(passageId) as Row;
    const text = r.text as string;
    return {
      documentId: r.document_id as number,
      source: sourceOf(r),
      issuer: r.issuer as string | null,
      number: r.number as string | null,
      issuedDate: r.issued_date as string | null,
      title: r.title as string | null,
      kind: r.kind as PassageKind,
      text,
      matches: matchRanges(text, words),
      span: spanOf(r),
      page: r.page as number | null,
      section: r.section as string | null,
      sectionHeading: r.section_heading as string | null,
      score: score === null ? null : Math.round(score * 1000) / 1000,
      passages: n,
    };
  }

  // Documents --------------------------------------------------------------------------

  documents(options: { issuer?: string; limit: number; offset: number }): Page<DocumentSummary> {
    const params: Row = { limit: options.limit, offset: options.offset };
    let where = '';
    if (options.issuer) {
      const issuers = this.resolveAgencies(options.issuer);
      if (!issuers.length) return { items: [], total: 0, limit: options.limit, offset: options.offset };
      where = `WHERE ${agencyMatch(issuers, params, 'is', `issuer_agency_id`, `issuer_place_key`)}`;
    }
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM documents ${where}`).get(params) as { n: number }).n;
    const rows = this.db.prepare(`SELECT * FROM documents ${where} ORDER BY id LIMIT @limit OFFSET @offset`).all(params) as Row[];
    return { items: rows.map(summaryOf), total, limit: options.limit, offset: options.offset };
  }

  /** The ids of every stored document, in order. */
  *documentIds(): Generator<number> {
    for (const r of this.db.prepare<[], { id: number }>('SELECT id FROM documents ORDER BY id').iterate()) yield r.id;
  }

  /** One document, whole again as a contract document (what its JSON output holds); undefined when not stored. */
  document(id: number): PlanDocument | undefined {
    const d = this.db.prepare<[number], Row>('SELECT * FROM documents WHERE id = ?').get(id);
    if (!d) return undefined;
    const all = (sql: string) => this.db.prepare<[number], Row>(sql).all(id);

    const sectionRows = all('SELECT * FROM sections WHERE document_id = ? ORDER BY seq');
    const roots: Section[] = [];
    const stack: Array<{ depth: number; section: Section }> = [];
    for (const r of sectionRows) {
      const section = put(put(put({ id: r.section as string, label: r.label as string, heading: r.heading as string } as Section, 'kind', r.kind), 'children', []), 'span', spanOf(r));
      put(section, 'page', r.page);
      while (stack.length && stack.at(-1)!.depth >= (r.depth as number)) stack.pop();
      (stack.length ? stack.at(-1)!.section.children : roots).push(section);
      stack.push({ depth: r.depth as number, section });
    }
    const withPlace = <T extends object>(item: T, r: Row) => put(put(item, 'span', spanOf(r)), 'page', r.page);

    const assignments = all('SELECT * FROM assignments WHERE document_id = ? ORDER BY seq').map((r) => {
      const tasks = this.db.prepare<[unknown], { text: string }>('SELECT text FROM assignment_tasks WHERE assignment_id = ? ORDER BY seq').all(r.id).map((t) => t.text);
      const partners = this.db.prepare<[unknown], { partner: string }>('SELECT partner FROM assignment_partners WHERE assignment_id = ? ORDER BY seq').all(r.id).map((t) => t.partner);
      return withPlace({ agency: r.agency, tasks, partners, fromTable: r.from_table === 1, section: r.section }, r);
    });
    const deadlines = all('SELECT * FROM deadlines WHERE document_id = ? ORDER BY seq').map((r) => {
      const item = { text: r.text, kind: r.kind };
      for (const [key, column] of [['due', 'due'], ['start', 'period_start'], ['end', 'period_end'], ['recurrence', 'recurrence'], ['subject', 'subject']] as const) put(item, key, r[column]);
      return withPlace({ ...item, section: r.section }, r);
    });
    const doc = {
      schemaVersion: d.schema_version,
      source: sourceOf(d),
      header: { issuer: d.issuer, documentType: d.document_type, number: d.number, place: d.place, issuedDate: d.issued_date, title: d.title },
      sections: roots,
      objectives: all('SELECT * FROM objectives WHERE document_id = ? ORDER BY seq').map((r) => withPlace({ text: r.text, kind: r.kind, section: r.section }, r)),
      assignments,
      deadlines,
      budgetSources: all('SELECT * FROM budget_sources WHERE document_id = ? ORDER BY seq').map((r) =>
        withPlace({ ...put({ text: r.text, kind: r.kind }, 'amountVnd', r.amount_vnd), section: r.section }, r),
      ),
      signature: d.signed ? withPlace({ authority: d.signature_authority, position: d.signature_position, signer: d.signer }, { span_start: d.signature_start, span_end: d.signature_end, page: d.signature_page }) : null,
      recipients: all('SELECT name FROM recipients WHERE document_id = ? ORDER BY seq').map((r) => r.name),
      legalBases: all('SELECT * FROM legal_bases WHERE document_id = ? ORDER BY seq').map((r) =>
        withPlace({ text: r.text, documentType: r.document_type, number: r.number, date: r.date, issuer: r.issuer }, r),
      ),
      messages: all('SELECT * FROM messages WHERE document_id = ? ORDER BY seq').map((r) =>
        withPlace({ reason: r.reason, ruleId: r.rule_id, source: r.source, place: r.line === null ? null : { line: r.line, column: r.col }, severity: r.severity }, r),
      ),
      review: { needed: d.review_needed === 1, reasons: JSON.parse(d.review_reasons as string) as string[] },
    };
    return PlanDocument.parse(doc);
  }

  // Agencies and deadlines -------------------------------------------------------------

  agencies(options: { q?: string; limit: number; offset: number }): Page<AgencyRow> {
    const params: Row = { limit: options.limit, offset: options.offset };
    let where = '';
    if (options.q) {
      const all = [...new Set(this.resolveAgencies(options.q).map((a) => a.id))];
      if (!all.length) return { items: [], total: 0, limit: options.limit, offset: options.offset };
      where = `WHERE a.id IN (${all.join(', ')})`;
    }
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM agencies a ${where}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(
        `SELECT a.id, a.key, a.name,
                (SELECT COUNT(*) FROM assignment_agencies aa WHERE aa.agency_id = a.id) AS assignments,
                (SELECT COUNT(DISTINCT x.document_id) FROM (
                   SELECT s.document_id FROM assignment_agencies aa JOIN assignments s ON s.id = aa.assignment_id WHERE aa.agency_id = a.id
                   UNION ALL SELECT d.id FROM documents d WHERE d.issuer_agency_id = a.id) x) AS documents
         FROM agencies a ${where} ORDER BY assignments DESC, a.key LIMIT @limit OFFSET @offset`,
      )
      .all(params) as Array<{ id: number; key: string; name: string; assignments: number; documents: number }>;
    const spellings = this.db.prepare<[number], { spelling: string; place: string | null }>('SELECT spelling, place FROM agency_spellings WHERE agency_id = ? ORDER BY spelling');
    return { items: rows.map((r) => ({ ...r, spellings: spellings.all(r.id) })), total, limit: options.limit, offset: options.offset };
  }

  /** Every occurrence of every deadline that overlaps [from, to], in date order. */
  deadlines(options: { from?: string; to?: string; limit: number; offset: number }): Page<DeadlineRow> {
    const range = queryRange(options.from, options.to) ?? { from: OPEN_FROM, to: OPEN_TO };
    if (range.from > range.to) throw new QueryError(`from ${options.from} is after to ${options.to}`);
    const params = { from: range.from, to: range.to, openFrom: OPEN_FROM, openTo: OPEN_TO, limit: options.limit, offset: options.offset };
    const where = `dd.from_date <= @to AND dd.to_date >= @from AND NOT (dd.from_date = @openFrom AND dd.to_date = @openTo)`;
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM deadline_dates dd WHERE ${where}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(
        `SELECT dl.*, dd.from_date AS occurrence_from, dd.to_date AS occurrence_to, d.source_file, d.sha256, d.media_type, d.pages, d.part, d.number, d.issuer, d.title
         FROM deadline_dates dd JOIN deadlines dl ON dl.id = dd.deadline_id JOIN documents d ON d.id = dl.document_id
         WHERE ${where} ORDER BY dd.from_date, dd.to_date, dl.document_id, dl.seq LIMIT @limit OFFSET @offset`,
      )
      .all(params) as Row[];
    const items = rows.map((r) => ({
      documentId: r.document_id as number,
      source: sourceOf(r),
      number: r.number as string | null,
      issuer: r.issuer as string | null,
      title: r.title as string | null,
      text: r.text as string,
      kind: r.kind as 'due' | 'period',
      due: r.due as string | null,
      start: r.period_start as string | null,
      end: r.period_end as string | null,
      recurrence: r.recurrence as string | null,
      subject: r.subject as string | null,
      section: r.section as string | null,
      span: spanOf(r),
      page: r.page as number | null,
      fromDate: r.occurrence_from as string,
      toDate: r.occurrence_to as string,
    }));
    return { items, total, limit: options.limit, offset: options.offset };
  }

  // SQL --------------------------------------------------------------------------------

  /** Run one read-only SQL statement (a statement that would write is refused). */
  sql(text: string): { columns: string[]; rows: unknown[][] } {
    let stmt: Database.Statement;
    try {
      stmt = this.db.prepare(text);
    } catch (error) {
      throw new QueryError(`SQL: ${(error as Error).message}`);
    }
    // `readonly` alone lets ATTACH, DETACH and settings such as `PRAGMA query_only = OFF`
    // through (they change the connection, not the file): only statements that return rows run.
    if (!stmt.readonly || !stmt.reader) throw new QueryError('SQL: only statements that read and return rows are allowed (SELECT, WITH, VALUES, read-only PRAGMA)');
    stmt.raw(true);
    try {
      const columns = stmt.columns().map((c) => c.name);
      return { columns, rows: stmt.all() as unknown[][] };
    } catch (error) {
      throw new QueryError(`SQL: ${(error as Error).message}`);
    }
  }

  /** Rows of one table, for `vnplan export --format csv --table NAME`. */
  *tableRows(table: string): Generator<Row> {
    yield* this.db.prepare(`SELECT * FROM "${table.replace(/"/g, '')}"`).iterate() as Iterable<Row>;
  }
}

/** Tables `export --format csv` may write (the store's own, and the ledger's inputs). */
export const EXPORT_TABLES = [
  'documents', 'sections', 'objectives', 'assignments', 'assignment_tasks', 'assignment_partners', 'assignment_agencies', 'deadlines',
  'deadline_dates', 'budget_sources', 'legal_bases', 'recipients', 'messages', 'agencies', 'agency_spellings', 'calendar', 'agency_assignments',
] as const;

function sourceOf(r: Row): Source {
  const source: Source = { file: r.source_file as string, sha256: r.sha256 as string, mediaType: r.media_type as string, pages: (r.pages as number | null) ?? null };
  return put(source, 'part', r.part);
}

function summaryOf(r: Row): DocumentSummary {
  return {
    id: r.id as number,
    source: sourceOf(r),
    issuer: r.issuer as string | null,
    documentType: r.document_type as string | null,
    number: r.number as string | null,
    place: r.place as string | null,
    issuedDate: r.issued_date as string | null,
    title: r.title as string | null,
    period: r.period_from ? { from: r.period_from as string, to: r.period_to as string } : null,
    review: { needed: r.review_needed === 1, reasons: JSON.parse(r.review_reasons as string) as string[] },
  };
}

/**
 * An SQL condition matching any of `agencies` (bound as `@<prefix>0`, `@<prefix>p0` …): its
 * agency id, and where the name asked for a place (`… huyện X`), the place key too.
 */
function agencyMatch(agencies: ReadonlyArray<{ id: number; placeKey: string | null }>, params: Record<string, unknown>, prefix: string, idColumn: string, placeColumn: string): string {
  return agencies
    .map((a, i) => {
      params[`${prefix}${i}`] = a.id;
      if (!a.placeKey) return `${idColumn} = @${prefix}${i}`;
      params[`${prefix}p${i}`] = `${a.placeKey}%`;
      return `(${idColumn} = @${prefix}${i} AND ${placeColumn} LIKE @${prefix}p${i})`;
    })
    .join(' OR ');
}
