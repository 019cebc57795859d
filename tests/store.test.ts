/**
 * The plan store: folding, agency keys and date bounds as units; then `vnplan ingest` of the
 * four seed plans into a real SQLite file in a temporary folder and `vnplan query` / `vnplan
 * export` against it as real processes (the built dist/cli.js).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { PlanDocument } from '../src/contract/plan.js';
import { agencyKey, splitAgencies } from '../src/store/agency.js';
import { dayBounds, deadlineDates, planPeriod } from '../src/store/dates.js';
import { matchRanges, searchFold } from '../src/store/fold.js';
import { parseText, queryRange } from '../src/store/query.js';
import { Store } from '../src/store/store.js';
import { mergeAfterRun, storeDocument } from '../src/store/write.js';

const cli = join(process.cwd(), 'dist/cli.js');
const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 120_000 });
const seedDir = 'fixtures/seeds';
const seeds = readdirSync(seedDir).filter((f) => /^\d{3}_.*\.txt$/.test(f)).sort();
/** The seed number (`001`) of a document's source file. */
const seedOf = (file: string) => /(\d{3})_[0-9a-f]+\.txt$/.exec(file)?.[1];

describe('folding', () => {
  it('folds marks, đ, case and the old and new tone placements to one form, keeping offsets', () => {
    expect(searchFold('Đắk Lắk')).toBe('dak lak');
    expect(searchFold('ĐẮK LẮK')).toBe(searchFold('dak lak'));
    expect(searchFold('hoá')).toBe(searchFold('hóa'));
    expect(searchFold('thuỷ lợi')).toBe(searchFold('thủy lợi'));
    expect(searchFold('Khoẻ')).toBe(searchFold('khỏe'));
    // Decomposed input (NFD) folds like composed.
    expect(searchFold('Giảm nghèo'.normalize('NFD'))).toBe('giam ngheo');
    const text = 'Công tác Giảm nghèo bền vững, giảm nghèo';
    expect(searchFold(text)).toHaveLength(text.length);
    const ranges = matchRanges(text, ['giam', 'ngheo']);
    expect(ranges.map(([s, e]) => searchFold(text.slice(s, e)))).toEqual(['giam', 'ngheo', 'giam', 'ngheo']);
    // Whole words only, a trailing * as a prefix.
    expect(matchRanges('giảm giảmx', ['giam'])).toEqual([[0, 4]]);
    expect(matchRanges('nghèo nghệ', ['ngh*'])).toHaveLength(2);
  });

  it('parses a query into an FTS5 expression over folded words, phrases and prefixes', () => {
    expect(parseText('Giảm  NGHÈO')).toEqual({ match: '"giam" AND "ngheo"', phrase: '"giam ngheo"', words: ['giam', 'ngheo'] });
    expect(parseText('"bền vững" giam*')?.match).toBe('"ben vung" AND "giam"*');
    // Quotes and FTS5 operators typed by a user are words, not syntax.
    expect(parseText('a" OR NEAR(b')?.match).toBe('"a" AND "or" AND "near b"');
    expect(parseText('  -- ; ')).toBeNull();
  });
});

describe('agency keys', () => {
  const key = (name: string) => agencyKey(name).key;

  it('gives one key to the spellings of one agency: abbreviations, conjunctions, punctuation, case, marks', () => {
    const spellings = [
      'Phòng Văn hóa và Thông tin', 'Phòng Văn hoá - Thông tin', 'Phòng Văn hóa – Thông tin', 'Phòng Văn hóa-Thông tin', 'Phòng Văn hóa & Thông tin',
      'Phòng VH&TT', 'Phòng VH-TT', 'Phòng VH - TT', 'Phòng VHTT', 'Phòng Văn hóa - TT', 'PHÒNG VĂN HÓA VÀ THÔNG TIN', 'phong van hoa thong tin',
      'Phòng Văn hóa, Thông tin', 'Phòng VH và TT',
    ];
    for (const s of spellings) expect(key(s), s).toBe('phong van hoa thong tin');
    for (const s of ['Sở LĐTBXH', 'Sở LĐ-TB&XH', 'Sở Lao động-TB&XH', 'Sở Lao động - Thương binh và Xã hội']) expect(key(s), s).toBe('so lao dong thuong binh xa hoi');
    for (const s of ['Sở TT&TT', 'Sở TTTT', 'Sở Thông tin và Truyền thông']) expect(key(s), s).toBe('so thong tin truyen thong');
    expect(key('UBND')).toBe(key('Ủy ban nhân dân'));
    expect(key('Đoàn TN')).toBe('doan thanh nien');
  });

  it('sets the trailing place apart, and keeps agencies with different names apart', () => {
    expect(agencyKey('Phòng Văn hóa - TT huyện')).toMatchObject({ key: 'phong van hoa thong tin', place: 'huyện', placeKey: 'huyen' });
    expect(agencyKey('Phòng VH&TT tỉnh')).toMatchObject({ key: 'phong van hoa thong tin', placeKey: 'tinh' });
    expect(agencyKey('UBND tỉnh Bắc Kạn')).toMatchObject({ key: 'uy ban nhan dan', place: 'tỉnh Bắc Kạn', placeKey: 'tinh bac kan' });
    expect(agencyKey('Phòng Văn hóa và Thông tin')).toMatchObject({ place: null, placeKey: null });
    // Units that are part of a name, and lists of units, are no place.
    for (const s of ['Bảo hiểm xã hội', 'Huyện đoàn', 'Tỉnh ủy', 'Phòng Lao động - Thương binh và Xã hội', 'UBND các xã, thị trấn']) expect(agencyKey(s).place, s).toBeNull();
    expect(agencyKey('Huyện đoàn').key).not.toBe(agencyKey('Huyện ủy').key);
    // TT read by its neighbours: Trung tâm when it opens, Truyền thông after Thông tin.
    expect(key('TT VH-TT&TT')).toBe(key('Trung tâm Văn hóa - Thông tin và Truyền thông'));
    expect(key('Trung tâm VH-TT&TT')).not.toBe(key('Phòng VH&TT'));
    expect(key('Sở Văn hóa, Thể thao và Du lịch')).toBe(key('Sở VHTTDL'));
    expect(key('Sở Văn hóa, Thể thao và Du lịch')).not.toBe(key('Sở Văn hóa và Thông tin'));
    // A capitalised word that is no abbreviation stays as it is.
    expect(key('Ban Chỉ đạo COVID-19')).toBe('ban chi dao covid 19');
  });

  it('splits a printed list into names at commas and "và" only where a new name opens', () => {
    expect(splitAgencies('Phòng Văn hóa và Thông tin, Phòng Tư pháp; UBND các xã, thị trấn')).toEqual(['Phòng Văn hóa và Thông tin', 'Phòng Tư pháp', 'UBND các xã, thị trấn']);
    expect(splitAgencies('Sở Văn hóa, Thể thao và Du lịch')).toEqual(['Sở Văn hóa, Thể thao và Du lịch']);
    expect(splitAgencies('các sở, ban, ngành và UBND các huyện')).toEqual(['các sở, ban, ngành', 'UBND các huyện']);
  });
});

describe('deadline bounds', () => {
  const base = { text: 'x', section: 'I' } as const;

  it('turns mixed precisions into day bounds and recurrences into occurrences over the plan period', () => {
    expect(dayBounds('2022')).toEqual({ from: '2022-01-01', to: '2022-12-31' });
    expect(dayBounds('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(dayBounds('2023-10-01')).toEqual({ from: '2023-10-01', to: '2023-10-01' });
    expect(dayBounds('--05-15')).toBeNull();
    expect(queryRange('2023', '2023')).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect(queryRange(undefined, '2023-02')).toEqual({ from: '0001-01-01', to: '2023-02-28' });

    const plan = { header: { title: 'Kế hoạch truyền thông giai đoạn 2021 – 2025', issuedDate: '2022-11-22' }, deadlines: [] } as unknown as PlanDocument;
    expect(planPeriod(plan)).toMatchObject({ from: '2021-01-01', to: '2025-12-31', source: 'title' });
    const window = { from: '2022-11-22', to: '2025-12-31' };
    const annual = deadlineDates({ ...base, kind: 'due', due: '--05-15', recurrence: 'annual' }, window);
    expect(annual.occurrences.map((o) => o.from)).toEqual(['2023-05-15', '2024-05-15', '2025-05-15']);
    expect(annual).toMatchObject({ from: '2023-05-15', to: '2025-05-15' });
    const quarterly = deadlineDates({ ...base, kind: 'due', due: '2023-03-31', recurrence: 'quarterly' }, window);
    expect(quarterly.occurrences.map((o) => o.from)).toEqual(['2023-03-31', '2023-06-30', '2023-09-30', '2023-12-31', '2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31', '2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31']);
    const year = deadlineDates({ ...base, kind: 'due', due: '2023' }, window);
    expect(year).toMatchObject({ from: '2023-01-01', to: '2023-12-31' });
    // A yearless date without a period to expand over is unknown in time, not "every day".
    expect(deadlineDates({ ...base, kind: 'due', due: '--05-15', recurrence: 'annual' }, null)).toMatchObject({ from: '0001-01-01', to: '9999-12-31', occurrences: [] });
  });
});

describe('the store of an ingest run, through vnplan query and export', () => {
  const root = mkdtempSync(join(tmpdir(), 'vnplan-store-'));
  const input = join(root, 'in');
  const out = join(root, 'out');

  const query = (args: string[]) => {
    const r = run(['query', out, ...args]);
    expect(r.status, r.stderr).toBe(0);
    return r;
  };
  const hits = (args: string[]) => JSON.parse(query([...args, '--format', 'json']).stdout) as Array<{ documentId: number; source: { file: string }; kind: string; text: string; matches: Array<[number, number]>; span: [number, number] | null }>;
  const sql = <T>(statement: string) => JSON.parse(query(['--sql', statement, '--format', 'json']).stdout) as T[];

  beforeAll(() => {
    mkdirSync(input);
    for (const f of seeds) copyFileSync(join(seedDir, f), join(input, f));
    const r = run(['ingest', input, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
  });

  it('finds the plans that give tasks to Phòng Văn hóa - Thông tin, typed without marks or abbreviated', () => {
    expect(seeds).toHaveLength(4);
    const found = hits(['--agency', 'phong van hoa thong tin']);
    const docs = [...new Set(found.map((h) => seedOf(h.source.file)))].sort();
    expect(docs).toEqual(expect.arrayContaining(['001', '002', '003']));
    // Every hit is an assignment passage naming the agency, by whatever spelling.
    for (const h of found) {
      expect(h.kind).toBe('assignment');
      expect(agencyKey(h.text.split('\n')[0]!).key).toContain('van hoa');
    }
    // The same agency asked by other spellings: the same documents.
    for (const spelling of ['Phòng VH&TT', 'Phòng Văn hóa và Thông tin', 'PHÒNG VĂN HOÁ - THÔNG TIN']) {
      expect([...new Set(hits(['--agency', spelling]).map((h) => seedOf(h.source.file)))].sort(), spelling).toEqual(docs);
    }
    // The documents are those whose assignments name the agency (checked by SQL over the tables).
    const bySql = sql<{ file: string }>(`SELECT DISTINCT d.source_file AS file FROM agency_assignments x JOIN documents d ON d.id = x.document_id WHERE x.agency_key = 'phong van hoa thong tin'`);
    expect(bySql.map((r) => seedOf(r.file)).sort()).toEqual(docs);
  });

  it('narrows an agency by its place, and keeps other agencies apart', () => {
    const all = new Set(hits(['--agency', 'phong van hoa thong tin']).map((h) => h.documentId));
    const inDistrict = hits(['--agency', 'Phòng Văn hóa và Thông tin huyện']);
    const placed = sql<{ id: number }>(`SELECT DISTINCT document_id AS id FROM agency_assignments WHERE agency_key = 'phong van hoa thong tin' AND place_key LIKE 'huyen%'`).map((r) => r.id).sort();
    expect([...new Set(inDistrict.map((h) => h.documentId))].sort()).toEqual(placed);
    for (const h of inDistrict) expect(all.has(h.documentId)).toBe(true);
    expect(hits(['--agency', 'Phòng Văn hóa và Thông tin tỉnh'])).toEqual([]);
    expect(hits(['--agency', 'Sở Giao thông vận tải Hà Nội'])).toEqual([]);
    // The agencies table keeps every spelling seen under one key.
    const spellings = sql<{ spelling: string }>(`SELECT s.spelling FROM agency_spellings s JOIN agencies a ON a.id = s.agency_id WHERE a.key = 'phong van hoa thong tin'`);
    expect(new Set(spellings.map((s) => s.spelling)).size).toBeGreaterThan(1);
  });

  it('finds all four plans for "giam ngheo ben vung", with or without marks, and each hit leads back to its place', () => {
    const plain = hits(['giam ngheo ben vung']);
    expect(plain.map((h) => seedOf(h.source.file)).sort()).toEqual(['000', '001', '002', '003']);
    // One hit per document, each a passage of its own document holding the words.
    expect(new Set(plain.map((h) => h.documentId)).size).toBe(plain.length);
    for (const h of plain) expect(h.matches.length, h.text).toBeGreaterThan(0);
    for (const typed of ['giảm nghèo bền vững', 'GIẢM NGHÈO BỀN VỮNG']) {
      expect(hits([typed]).map((h) => h.documentId).sort(), typed).toEqual(plain.map((h) => h.documentId).sort());
    }
    const outputs = sql<{ input_id: number; path: string }>(`SELECT input_id, path FROM outputs WHERE kind = 'text'`);
    for (const h of hits(['giam ngheo ben vung', '--group', 'passage', '--limit', '200'])) {
      // The matched words are in the passage, and a passage with a span is that slice of the restored text.
      expect(h.matches.length).toBeGreaterThan(0);
      for (const [s, e] of h.matches) expect(['giam', 'ngheo', 'ben', 'vung']).toContain(searchFold(h.text.slice(s, e)));
      if (h.kind === 'text' && h.span) {
        const restored = readFileSync(join(out, outputs.find((o) => o.input_id === h.documentId)!.path), 'utf8');
        expect(restored.slice(h.span[0], h.span[1])).toBe(h.text);
      }
    }
    // One word alone is a search too (bm25 in a query of its own).
    expect(hits(['nghèo']).length).toBeGreaterThan(0);
    // A word no plan holds finds nothing.
    expect(hits(['xyzzyq'])).toEqual([]);
  });

  it('finds deadlines in a date range, by their day bounds', () => {
    const found = hits(['--from', '2023', '--to', '2023', '--kind', 'deadline', '--group', 'passage', '--limit', '1000']);
    const expected = sql<{ n: number }>(`SELECT COUNT(DISTINCT d.id) AS n FROM deadlines d JOIN deadline_dates dd ON dd.deadline_id = d.id
      WHERE dd.from_date <= '2023-12-31' AND dd.to_date >= '2023-01-01' AND NOT (dd.from_date = '0001-01-01' AND dd.to_date = '9999-12-31')`)[0]!.n;
    expect(expected).toBeGreaterThan(0);
    expect(found).toHaveLength(expected);
    // Every deadline has its bounds.
    expect(sql<{ n: number }>(`SELECT COUNT(*) AS n FROM deadlines WHERE from_date IS NULL OR to_date IS NULL OR from_date > to_date`)[0]!.n).toBe(0);
    expect(run(['query', out, '--from', '2024', '--to', '2023']).status).toBe(2);
    expect(run(['query', out, '--from', '2023-13']).status).toBe(2);
  });

  it('pages the documents of a date range: the total, id order and every page, each hit its first deadline in the range', () => {
    const store = Store.open(out);
    try {
      const ranges: Array<[string | undefined, string | undefined]> = [['2023', '2023'], ['2022-01', '2022-03'], ['2024', '2025'], [undefined, '2022'], ['2026', '2030']];
      let seen = 0;
      for (const [from, to] of ranges) {
        const r = queryRange(from, to)!;
        const inRange = `dd.from_date <= @to AND dd.to_date >= @from AND NOT (dd.from_date = '0001-01-01' AND dd.to_date = '9999-12-31')`;
        const ids = store.db.prepare(`SELECT DISTINCT document_id FROM deadline_dates dd WHERE ${inRange} ORDER BY document_id`).pluck().all(r) as number[];
        seen += ids.length;
        const all = store.search({ from, to, limit: 1000 });
        expect(all.total, `${from}…${to}`).toBe(ids.length);
        expect(all.items.map((h) => h.documentId)).toEqual(ids);
        // Page by page, and past the end: the same documents, the same total.
        for (let offset = 0; offset <= ids.length + 1; offset++) {
          const one = store.search({ from, to, limit: 1, offset });
          expect(one.total).toBe(ids.length);
          expect(one.items).toEqual(all.items.slice(offset, offset + 1));
        }
        for (const h of all.items) {
          const seqs = store.db.prepare(`SELECT DISTINCT dl.seq FROM deadlines dl JOIN deadline_dates dd ON dd.deadline_id = dl.id WHERE dl.document_id = @doc AND ${inRange} ORDER BY dl.seq`).pluck().all({ ...r, doc: h.documentId }) as number[];
          expect(h.kind).toBe('deadline');
          expect(h.passages).toBe(seqs.length);
          expect(h.text).toBe(store.db.prepare(`SELECT text FROM passages WHERE document_id = ? AND kind = 'deadline' AND item = ?`).pluck().get(h.documentId, seqs[0]));
        }
      }
      expect(seen).toBeGreaterThan(4);
    } finally {
      store.close();
    }
  });

  it('ranks a text search by document, and picks each hit: the shortest passage with the phrase, else all the words, else any', () => {
    const store = Store.open(out);
    try {
      const db = store.db;
      // Independent of how search finds them: the document's passages by id, FTS5 per rowid.
      const inDoc = (match: string, doc: number) =>
        db.prepare(`SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? AND rowid IN (SELECT id FROM passages WHERE document_id = ?)`).pluck().all(match, doc) as number[];
      const shortest = (ids: number[]) =>
        db.prepare(`SELECT text, kind, span_start, span_end FROM passages WHERE id IN (SELECT value FROM json_each(?)) ORDER BY length(text), id LIMIT 1`).get(JSON.stringify(ids)) as { text: string; kind: string; span_start: number | null; span_end: number | null };
      const branches = new Set<string>();
      for (const text of ['giam ngheo ben vung', 'truyen thong giam ngheo', 'nguoi dan toc thieu so', 'uy ban nhan dan ngheo', 'ngheo thong*', 'xyzzyq ngheo']) {
        const parsed = parseText(text)!;
        const tier = parsed.phrase ? 'rowid NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH @phrase)' : '0';
        const ids = (db.prepare(`SELECT rowid AS id, ${tier} AS tier, bm25(documents_fts) AS score FROM documents_fts WHERE documents_fts MATCH @match ORDER BY tier, score, rowid`)
          .all(parsed.phrase ? { match: parsed.match, phrase: parsed.phrase } : { match: parsed.match }) as Array<{ id: number }>).map((r) => r.id);
        const all = store.search({ text, limit: 1000 });
        expect(all.total, text).toBe(ids.length);
        expect(all.items.map((h) => h.documentId)).toEqual(ids);
        for (let offset = 0; offset <= ids.length + 1; offset++) {
          const one = store.search({ text, limit: 1, offset });
          expect(one.total).toBe(ids.length);
          expect(one.items).toEqual(all.items.slice(offset, offset + 1));
        }
        for (const h of all.items) {
          const phrase = parsed.phrase ? inDoc(parsed.phrase, h.documentId) : [];
          const every = inDoc(parsed.match, h.documentId);
          const any = inDoc(parsed.words.map((w) => (w.endsWith('*') ? `"${w.slice(0, -1)}"*` : `"${w}"`)).join(' OR '), h.documentId);
          const [branch, pool, n] = phrase.length ? ['phrase', phrase, every.length] as const : every.length ? ['all', every, every.length] as const : ['any', any, any.length] as const;
          branches.add(branch);
          const best = shortest(pool);
          expect(h.passages, `${text} in ${h.documentId}`).toBe(n);
          expect({ text: h.text, kind: h.kind, span: h.span }).toEqual({ text: best.text, kind: best.kind, span: best.span_start === null ? null : [best.span_start, best.span_end] });
        }
      }
      expect([...branches].sort()).toEqual(['all', 'any', 'phrase']);
    } finally {
      store.close();
    }
  });

  it('merges the search indexes into one segment at the end of a run that stored a tenth of the store, and no search changes', () => {
    const copy = join(root, 'merged');
    mkdirSync(copy);
    copyFileSync(join(out, 'vnplan.db'), join(copy, 'vnplan.db'));
    const db = new Database(join(copy, 'vnplan.db'));
    const segments = (table: string) => db.prepare(`SELECT COUNT(DISTINCT segid) FROM ${table}_idx`).pluck().get() as number;
    try {
      // Copies of the documents under new ids, each in a transaction of its own as ingest
      // writes them: a segment each (FTS5's own merging off, which on a store this small folds
      // them at once; 12 in all, below its crisis merge at 16).
      for (const t of ['documents_fts', 'passages_fts']) db.prepare(`INSERT INTO ${t} (${t}, rank) VALUES ('automerge', 0)`).run();
      db.pragma('foreign_keys = OFF'); // the copies have no input row of their own
      const docs = db.prepare(`SELECT i.id, (SELECT path FROM outputs WHERE input_id = i.id AND kind = 'json') AS json, (SELECT path FROM outputs WHERE input_id = i.id AND kind = 'text') AS text FROM inputs i WHERE i.status = 'done'`).all() as Array<{ id: number; json: string; text: string }>;
      for (let round = 0; round < 2; round++) {
        for (const d of docs) db.transaction(() => storeDocument(db, 1000 * (round + 1) + d.id, PlanDocument.parse(JSON.parse(readFileSync(join(out, d.json), 'utf8'))), readFileSync(join(out, d.text), 'utf8')))();
      }
      const before = { documents: segments('documents_fts'), passages: segments('passages_fts') };
      expect(before).toEqual({ documents: 12, passages: 12 });
      const searches = ['giam ngheo ben vung', 'truyen thong giam ngheo', 'nguoi dan toc thieu so', 'ngheo thong*', 'xyzzyq ngheo', '"ban chi dao"'].flatMap((text) => [
        { text, limit: 1000 }, { text, group: 'passage' as const, limit: 1000 }, { text, agency: 'phong van hoa thong tin', limit: 1000 },
      ]);
      const ask = () => {
        const store = Store.open(copy);
        try {
          return searches.map((q) => store.search(q));
        } finally {
          store.close();
        }
      };
      const was = ask();
      expect(was.some((page) => page.total > 0)).toBe(true);
      // A run that stored less than a tenth of the store's 12 documents leaves it as it is.
      expect(mergeAfterRun(db, 1)).toEqual([]);
      expect(mergeAfterRun(db, 2)).toEqual(['documents_fts', 'passages_fts']);
      expect({ documents: segments('documents_fts'), passages: segments('passages_fts') }).toEqual({ documents: 1, passages: 1 });
      expect(ask()).toEqual(was);
    } finally {
      db.close();
    }
  });

  it('runs --sql read-only: a statement that writes or changes the connection is refused', () => {
    const before = sql<{ n: number }>('SELECT COUNT(*) AS n FROM documents')[0]!.n;
    expect(before).toBe(4);
    for (const statement of [
      'DELETE FROM documents', 'UPDATE documents SET title = NULL', 'DROP TABLE documents', 'SELECT 1; DELETE FROM documents', 'PRAGMA query_only = OFF',
      `ATTACH DATABASE '${join(root, 'other.db')}' AS other`, `VACUUM INTO '${join(root, 'copy.db')}'`, 'CREATE TEMP TABLE t (x)', 'PRAGMA user_version = 1',
    ]) {
      const r = run(['query', out, '--sql', statement]);
      expect(r.status, statement).toBe(2);
      expect(r.stderr).toMatch(/^vnplan: SQL: /);
    }
    expect(sql<{ n: number }>('SELECT COUNT(*) AS n FROM documents')[0]!.n).toBe(before);
    expect(readdirSync(root).filter((f) => f.endsWith('.db'))).toEqual([]);
    const csv = query(['--sql', 'SELECT id, number FROM documents ORDER BY id', '--format', 'csv']).stdout;
    expect(csv.split('\r\n')[0]).toBe('id,number');
  });

  it('exports every document whole again (jsonl equal to its JSON output) and tables as CSV', () => {
    const lines = run(['export', out, '--format', 'jsonl']).stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    const outputs = sql<{ input_id: number; path: string }>(`SELECT input_id, path FROM outputs WHERE kind = 'json' ORDER BY input_id`);
    lines.forEach((line, i) => {
      const doc = PlanDocument.parse(JSON.parse(line));
      expect(doc).toEqual(PlanDocument.parse(JSON.parse(readFileSync(join(out, outputs[i]!.path), 'utf8'))));
    });
    const csv = run(['export', out, '--format', 'csv', '--table', 'calendar']);
    expect(csv.status).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^from_date,to_date,text,/);
    expect(run(['export', out, '--format', 'csv', '--table', 'inputs; DROP TABLE x']).status).toBe(2);
  });

  it('fills the store from the outputs of documents done before it (a ledger without store rows)', () => {
    const copy = join(root, 'older');
    const r = run(['ingest', input, '--out', copy]);
    expect(r.status).toBe(0);
    const db = new Database(join(copy, 'vnplan.db'));
    db.exec(`DELETE FROM passages_fts; DELETE FROM passages; DELETE FROM documents;`);
    db.close();
    expect(run(['query', copy, 'giam ngheo ben vung', '--format', 'json']).stdout.trim()).toBe('[]');
    const again = run(['ingest', input, '--out', copy]);
    expect(again.status, again.stderr).toBe(0);
    const refilled = JSON.parse(run(['query', copy, 'giam ngheo ben vung', '--format', 'json']).stdout) as Array<{ source: { file: string } }>;
    expect(refilled.map((h) => seedOf(h.source.file)).sort()).toEqual(['000', '001', '002', '003']);
  });

  it('holds done documents only: a document that fails on a later run leaves the store', () => {
    const dir = join(root, 'changing');
    const file = join(dir, 'in', 'plan.txt');
    mkdirSync(join(dir, 'in'), { recursive: true });
    copyFileSync(join(seedDir, seeds[2]!), file);
    expect(run(['ingest', join(dir, 'in'), '--out', join(dir, 'out')]).status).toBe(0);
    const count = () => (JSON.parse(run(['query', join(dir, 'out'), '--sql', 'SELECT (SELECT COUNT(*) FROM documents) + (SELECT COUNT(*) FROM passages) AS n', '--format', 'json']).stdout) as Array<{ n: number }>)[0]!.n;
    expect(count()).toBeGreaterThan(1);
    writeFileSync(file, '');
    expect(run(['ingest', join(dir, 'in'), '--out', join(dir, 'out')]).status).toBe(1);
    expect(count()).toBe(0);
    expect(run(['query', join(dir, 'out'), 'giam ngheo', '--format', 'json']).stdout.trim()).toBe('[]');
  });

  it('says why a folder holds no store (exit 3)', () => {
    const r = run(['query', join(root, 'in'), 'x']);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/holds no store/);
    expect(run(['query', join(root, 'nowhere'), 'x']).status).toBe(3);
  });
});
