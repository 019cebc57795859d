/**
 * Writing a document into the store: every table of src/store/schema.ts, its passages and
 * their search index. `storeDocument` replaces what the store held for that input, and runs
 * inside the ledger's transaction for the document (`Ledger.finish`'s `extra`), so the store
 * and the outputs never disagree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { PlanDocument } from '../contract/plan.js';
import { agencyKey, splitAgencies } from './agency.js';
import { dayBounds, deadlineDates, expansionWindow, planPeriod } from './dates.js';
import { searchFold } from './fold.js';
import { buildPassages, flattenSections } from './passages.js';

type Db = Database.Database;

const bool = (b: boolean) => (b ? 1 : 0);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Statements = Record<string, Database.Statement<any[], any>>;

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (s) return s;
  const p = (sql: string) => db.prepare(sql);
  s = {
    spelling: p('SELECT agency_id, place_key FROM agency_spellings WHERE spelling = ?'),
    agencyByKey: p('SELECT id FROM agencies WHERE key = ?'),
    insertAgency: p('INSERT OR IGNORE INTO agencies (key, name) VALUES (?, ?)'),
    insertSpelling: p('INSERT OR IGNORE INTO agency_spellings (spelling, agency_id, place, place_key) VALUES (?, ?, ?, ?)'),
    deleteFts: p('DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE document_id = ?)'),
    deleteDocument: p('DELETE FROM documents WHERE id = ?'),
    deleteDocumentFts: p('DELETE FROM documents_fts WHERE rowid = ?'),
    documentFts: p('INSERT INTO documents_fts (rowid, folded) VALUES (?, ?)'),
    document: p(`INSERT INTO documents (id, schema_version, source_file, sha256, media_type, pages, part, issuer, issuer_agency_id, issuer_place, issuer_place_key,
      document_type, number, place, issued_date, issued_from, issued_to, title, period_from, period_to, period_source, signed, signature_authority,
      signature_position, signer, signature_start, signature_end, signature_page, review_needed, review_reasons, stored_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    section: p('INSERT INTO sections (document_id, seq, section, parent, depth, ord, label, heading, kind, span_start, span_end, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    objective: p('INSERT INTO objectives (document_id, seq, text, kind, section, span_start, span_end, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    assignment: p('INSERT INTO assignments (document_id, seq, agency, from_table, section, span_start, span_end, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    task: p('INSERT INTO assignment_tasks (assignment_id, seq, text) VALUES (?, ?, ?)'),
    partner: p('INSERT INTO assignment_partners (assignment_id, seq, partner) VALUES (?, ?, ?)'),
    assignmentAgency: p('INSERT INTO assignment_agencies (assignment_id, seq, role, agency_id, spelling, place_key, document_id, assignment_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    deadline: p(`INSERT INTO deadlines (document_id, seq, text, kind, due, period_start, period_end, recurrence, subject, section, span_start, span_end, page, from_date, to_date)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    deadlineDate: p('INSERT INTO deadline_dates (deadline_id, seq, document_id, from_date, to_date) VALUES (?, ?, ?, ?, ?)'),
    budget: p('INSERT INTO budget_sources (document_id, seq, text, kind, amount_vnd, section, span_start, span_end, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    legal: p('INSERT INTO legal_bases (document_id, seq, text, document_type, number, date, issuer, span_start, span_end, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    recipient: p('INSERT INTO recipients (document_id, seq, name) VALUES (?, ?, ?)'),
    message: p('INSERT INTO messages (document_id, seq, reason, rule_id, source, line, col, severity, span_start, span_end, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    passage: p('INSERT INTO passages (document_id, kind, item, text, span_start, span_end, page, section) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    fts: p('INSERT INTO passages_fts (rowid, folded) VALUES (?, ?)'),
  };
  cache.set(db, s);
  return s;
}

/** The agency of one printed name (created with its spelling when new). */
export function agencyOf(db: Db, spelling: string): { id: number; placeKey: string | null } {
  const s = statements(db);
  const known = s.spelling!.get(spelling) as { agency_id: number; place_key: string | null } | undefined;
  if (known) return { id: known.agency_id, placeKey: known.place_key };
  const k = agencyKey(spelling);
  const key = k.key || searchFold(spelling).trim() || spelling;
  s.insertAgency!.run(key, k.name || spelling);
  const id = (s.agencyByKey!.get(key) as { id: number }).id;
  s.insertSpelling!.run(spelling, id, k.place, k.placeKey);
  return { id, placeKey: k.placeKey };
}

const span = (x: { span?: [number, number] | undefined }) => [x.span?.[0] ?? null, x.span?.[1] ?? null] as const;

/** Remove what the store holds for input `id` (nothing when it holds nothing). */
export function removeDocument(db: Db, id: number): void {
  const s = statements(db);
  s.deleteFts!.run(id);
  s.deleteDocumentFts!.run(id);
  s.deleteDocument!.run(id);
}

/**
 * Write `plan` as the document of input `id`, replacing what was there. `restored` is the
 * restored text its spans point into (the `.txt` output). Call it inside a transaction.
 */
export function storeDocument(db: Db, id: number, plan: PlanDocument, restored: string): void {
  const s = statements(db);
  removeDocument(db, id);
  const h = plan.header;
  const issuer = h.issuer ? agencyOf(db, h.issuer) : null;
  const issuerKey = h.issuer ? agencyKey(h.issuer) : null;
  const issued = dayBounds(h.issuedDate);
  const period = planPeriod(plan);
  const window = expansionWindow(plan, period);
  const sig = plan.signature;
  s.document!.run(
    id, plan.schemaVersion, plan.source.file, plan.source.sha256, plan.source.mediaType, plan.source.pages, plan.source.part ?? null,
    h.issuer, issuer?.id ?? null, issuerKey?.place ?? null, issuerKey?.placeKey ?? null,
    h.documentType, h.number, h.place, h.issuedDate, issued?.from ?? null, issued?.to ?? null, h.title,
    period?.from ?? null, period?.to ?? null, period?.source ?? null,
    bool(sig !== null), sig?.authority ?? null, sig?.position ?? null, sig?.signer ?? null, sig?.span?.[0] ?? null, sig?.span?.[1] ?? null, sig?.page ?? null,
    bool(plan.review.needed), JSON.stringify(plan.review.reasons), new Date().toISOString(),
  );
  flattenSections(plan.sections).forEach(({ section, parent, depth, order }, seq) => {
    s.section!.run(id, seq, section.id, parent, depth, order, section.label, section.heading, section.kind ?? null, ...span(section), section.page ?? null);
  });
  plan.objectives.forEach((o, seq) => s.objective!.run(id, seq, o.text, o.kind, o.section, ...span(o), o.page ?? null));
  plan.assignments.forEach((a, seq) => {
    const assignmentId = Number(s.assignment!.run(id, seq, a.agency, bool(a.fromTable), a.section, ...span(a), a.page ?? null).lastInsertRowid);
    a.tasks.forEach((t, i) => s.task!.run(assignmentId, i, t));
    a.partners.forEach((p, i) => s.partner!.run(assignmentId, i, p));
    let n = 0;
    const link = (role: 'lead' | 'partner', printed: string) => {
      for (const name of splitAgencies(printed)) {
        const agency = agencyOf(db, name);
        s.assignmentAgency!.run(assignmentId, n++, role, agency.id, name, agency.placeKey, id, seq);
      }
    };
    link('lead', a.agency);
    for (const p of a.partners) link('partner', p);
  });
  plan.deadlines.forEach((d, seq) => {
    const dates = deadlineDates(d, window);
    const deadlineId = Number(
      s.deadline!.run(id, seq, d.text, d.kind, d.due ?? null, d.start ?? null, d.end ?? null, d.recurrence ?? null, d.subject ?? null, d.section, ...span(d), d.page ?? null, dates.from, dates.to).lastInsertRowid,
    );
    const occurrences = dates.occurrences.length ? dates.occurrences : [{ from: dates.from, to: dates.to }];
    occurrences.forEach((o, i) => s.deadlineDate!.run(deadlineId, i, id, o.from, o.to));
  });
  plan.budgetSources.forEach((b, seq) => s.budget!.run(id, seq, b.text, b.kind, b.amountVnd ?? null, b.section, ...span(b), b.page ?? null));
  plan.legalBases.forEach((l, seq) => s.legal!.run(id, seq, l.text, l.documentType, l.number, l.date, l.issuer, ...span(l), l.page ?? null));
  plan.recipients.forEach((r, seq) => s.recipient!.run(id, seq, r));
  plan.messages.forEach((m, seq) =>
    s.message!.run(id, seq, m.reason, m.ruleId, m.source, m.place?.line ?? null, m.place?.column ?? null, m.severity, ...span(m), m.page ?? null),
  );
  for (const p of buildPassages(plan, restored)) {
    const passageId = Number(s.passage!.run(id, p.kind, p.item, p.text, p.span?.[0] ?? null, p.span?.[1] ?? null, p.page, p.section).lastInsertRowid);
    s.fts!.run(passageId, searchFold(p.text));
  }
  s.documentFts!.run(id, searchFold([h.title ?? '', restored, ...plan.recipients].join('\n')));
}

/**
 * Fill the store with the documents the ledger has done but the store does not hold (done
 * by a vnplan before the store, or before this database had its store tables), from their
 * JSON and text outputs. An output that is not a contract document (an older vnplan's, a
 * file changed by hand) is passed over. Returns how many were stored.
 */
export function backfillStore(db: Db, outDir: string): number {
  const missing = db
    .prepare<[], { id: number; json: string | null; text: string | null }>(
      `SELECT i.id,
              (SELECT path FROM outputs WHERE input_id = i.id AND kind = 'json') AS json,
              (SELECT path FROM outputs WHERE input_id = i.id AND kind = 'text') AS text
       FROM inputs i LEFT JOIN documents d ON d.id = i.id
       WHERE i.status = 'done' AND d.id IS NULL`,
    )
    .all();
  let stored = 0;
  for (const row of missing) {
    if (!row.json || !row.text) continue;
    const jsonPath = join(outDir, row.json);
    const textPath = join(outDir, row.text);
    if (!existsSync(jsonPath) || !existsSync(textPath)) continue;
    let plan: PlanDocument;
    try {
      plan = PlanDocument.parse(JSON.parse(readFileSync(jsonPath, 'utf8')));
    } catch {
      continue;
    }
    const restored = readFileSync(textPath, 'utf8');
    db.transaction(() => storeDocument(db, row.id, plan, restored)).immediate();
    stored++;
  }
  return stored;
}

/** Segments an index may have before `mergeSearchIndexes` merges it. */
export const SEARCH_SEGMENTS_MAX = 8;

/**
 * The share of the store's documents a run must have stored for its end to merge the search
 * indexes (`mergeAfterRun`). The merge writes each index anew (18 s at 10,000 plans), and
 * the segment count alone is no guide: storing a document deletes its old rows first, FTS5
 * merges those deletions away as it goes, and a store merged into one segment had more than 8
 * again after a dozen documents; a small run would pay for rewriting a large store each time.
 */
export const MERGE_SHARE = 0.1;

/**
 * Merge each search index that has more than `maxSegments` segments into one (FTS5
 * 'optimize'). Every document is written in its own transaction, so each adds a segment,
 * merged only by fours: at 10,000 plans passages_fts had 17 and documents_fts 14, and every
 * statement of a text search seeks each word in every segment (it asks one per hit). The
 * hits are the same (bm25 counts documents, not segments). Returns the indexes merged.
 */
export function mergeSearchIndexes(db: Db, maxSegments = SEARCH_SEGMENTS_MAX): string[] {
  const merged: string[] = [];
  for (const table of ['documents_fts', 'passages_fts']) {
    // One %_idx row per leaf page at least, each with its segment's id: a small table.
    const segments = db.prepare(`SELECT COUNT(DISTINCT segid) FROM ${table}_idx`).pluck().get() as number;
    if (segments <= maxSegments) continue;
    db.prepare(`INSERT INTO ${table} (${table}) VALUES ('optimize')`).run();
    merged.push(table);
  }
  return merged;
}

/** At the end of a run that stored `stored` documents: the search indexes merged when it stored a good share of the store (`MERGE_SHARE`). */
export function mergeAfterRun(db: Db, stored: number): string[] {
  const documents = db.prepare('SELECT COUNT(*) FROM documents').pluck().get() as number;
  if (stored === 0 || stored < MERGE_SHARE * documents) return [];
  return mergeSearchIndexes(db);
}
