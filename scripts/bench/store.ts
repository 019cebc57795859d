/**
 * `npm run bench store`: the plan store at archive size. Prints:
 *
 * - the time the store adds to ingest per plan: the ledger's claim and record with the plan
 *   written into the store in the record's transaction (tables, passages, FTS5 index), as
 *   `vnplan ingest` does it, for 10,000 plans; the mean and p95 over the first and the last
 *   1,000, so that a store that slows as it grows shows; then the search indexes merged, as
 *   ingest does at the end of a run;
 * - the pipeline's own time per plan (renderDocument), measured once per dev plan, for
 *   comparison: ingest-to-store time per plan is the two added;
 * - the size of the database (after a WAL checkpoint) and its rows;
 * - latency p50/p95 of a text search, an agency query and a deadline range (both as
 *   `GET /v1/deadlines` asks it and as `vnplan query --from --to` does), on the store opened
 *   read-only as `vnplan query` and `vnplan serve` open it, first page (50) with its hits
 *   built, several different queries of each kind in turn.
 *
 * The 10,000 plans are copies of the 35 dev plans (fixtures/plans): each dev plan goes
 * through the pipeline once, and each copy is its JSON with its own number (`N/KH-…`),
 * source file and sha256, written through the ledger and the store's writer, so the store
 * holds 10,000 documents with their own ids. The pipeline's time is then counted once per dev
 * plan, not 10,000 times: that is what the benchmark `ingest` measures.
 *
 * Options: `--docs=N` (10000), `--queries=N` per kind (300), `--keep` (keep the folder).
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../lib/score-extract.js';

const option = (args: string[], name: string, fallback: number) => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : fallback;
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const stats = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return { mean: s.reduce((x, y) => x + y, 0) / s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s.at(-1)! };
};
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;

export async function run(args: string[]): Promise<void> {
  const { renderDocument } = await import('../../src/batch/document.js');
  const { Ledger, LEDGER_FILE } = await import('../../src/batch/ledger.js');
  const { mergeAfterRun, storeDocument } = await import('../../src/store/write.js');
  const { Store } = await import('../../src/store/store.js');

  const docs = option(args, 'docs', 10_000);
  const queries = option(args, 'queries', 300);
  const tmp = mkdtempSync(join(tmpdir(), 'vnplan-bench-store-'));
  try {
    // The dev plans through the pipeline, once each.
    const plansDir = join(ROOT, 'fixtures/plans');
    const files = readdirSync(plansDir).filter((f) => f.endsWith('.txt')).sort();
    const rendered: Array<{ file: string; json: string; text: string }> = [];
    const renderTimes: number[] = [];
    for (const f of files) {
      const bytes = readFileSync(join(plansDir, f));
      const t0 = performance.now();
      const r = await renderDocument({ file: `fixtures/plans/${f}`, bytes, maxTextBytes: 64 * 1024 * 1024 });
      renderTimes.push(performance.now() - t0);
      rendered.push({ file: f, json: r.json, text: r.text });
    }
    const render = stats(renderTimes);
    console.log(`${files.length} dev plans through the pipeline (renderDocument, in process): mean ${ms(render.mean)}, p50 ${ms(render.p50)}, p95 ${ms(render.p95)} per plan`);

    // 10,000 copies through the ledger and the store's writer, as ingest records a document.
    const out = join(tmp, 'out');
    mkdirSync(join(out, '.vnplan/tmp'), { recursive: true });
    const ledger = Ledger.open(out);
    ledger.startRun('bench', 'lang=vie;ocr=skip');
    const times: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < docs; i++) {
      const base = rendered[i % rendered.length]!;
      const plan = JSON.parse(base.json) as import('../../src/contract/plan.js').PlanDocument;
      const suffix = plan.header.number?.replace(/^[^/]*/, '') || '/KH-UBND';
      plan.header.number = `${1000 + i}${suffix}`;
      const relative = `box-${String(Math.floor(i / 500)).padStart(2, '0')}/kh-${String(i).padStart(5, '0')}-${base.file}`;
      plan.source.file = `/archive/${relative}`;
      plan.source.sha256 = (i + 1).toString(16).padStart(64, '0');
      const json = JSON.stringify(plan);
      const started = performance.now();
      const claim = ledger.claim({ key: Buffer.from(plan.source.file), display: plan.source.file, relative }, plan.source.sha256, 'bench', 'lang=vie;ocr=skip');
      if (claim.kind !== 'claimed') throw new Error(`unexpected claim ${claim.kind}`);
      ledger.finish(
        claim.id,
        { sha256: plan.source.sha256, size: base.text.length, mediaType: 'text/plain', pages: null, ocrPages: 0, meanConfidence: null, seconds: 0, bytes: new Map([[`${claim.stem}.json`, json.length], [`${claim.stem}.txt`, base.text.length]]) },
        (db) => storeDocument(db, claim.id, JSON.parse(json) as import('../../src/contract/plan.js').PlanDocument, base.text),
      );
      times.push(performance.now() - started);
    }
    const total = (performance.now() - t0) / 1000;
    // As ingest ends a run: the search indexes merged (the run stored every document).
    const m0 = performance.now();
    const merged = ledger.exclusive(() => mergeAfterRun(ledger.db, docs));
    const mergeSeconds = (performance.now() - m0) / 1000;
    ledger.db.pragma('wal_checkpoint(TRUNCATE)');
    const counts = ledger.db
      .prepare(`SELECT (SELECT COUNT(*) FROM documents) AS documents, (SELECT COUNT(*) FROM passages) AS passages, (SELECT COUNT(*) FROM assignments) AS assignments,
                       (SELECT COUNT(*) FROM deadline_dates) AS occurrences, (SELECT COUNT(*) FROM agencies) AS agencies`)
      .get() as Record<string, number>;
    ledger.close();
    const all = stats(times);
    const head = stats(times.slice(0, 1000));
    const tail = stats(times.slice(-1000));
    console.log(`\n${docs} plans written into the store (claim + record with the store rows, as ingest does), ${total.toFixed(1)} s in all`);
    console.log(`  store time per plan: mean ${ms(all.mean)}, p50 ${ms(all.p50)}, p95 ${ms(all.p95)}, max ${ms(all.max)}`);
    if (docs >= 2000) console.log(`  plans 1–1000: mean ${ms(head.mean)}, p95 ${ms(head.p95)}; plans ${docs - 999}–${docs}: mean ${ms(tail.mean)}, p95 ${ms(tail.p95)}`);
    console.log(`  end of the run: ${merged.length ? `${merged.join(' and ')} merged into one segment (mergeAfterRun, as ingest does), ${mergeSeconds.toFixed(1)} s` : 'no search index to merge'}`);
    console.log(`  ingest-to-store per plan (pipeline mean + store mean): ${ms(render.mean + all.mean)}, of which the store ${((100 * all.mean) / (render.mean + all.mean)).toFixed(1)} %`);
    const size = statSync(join(out, LEDGER_FILE)).size;
    console.log(`  size: ${(size / 1048576).toFixed(1)} MB (${((size / docs) / 1024).toFixed(1)} KB per plan); rows: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);

    // Queries, on the store opened read-only.
    const store = Store.open(out);
    const kinds: Array<{ name: string; cases: Array<() => unknown> }> = [
      {
        name: 'text search',
        cases: ['giam ngheo ben vung', 'chuyển đổi số', 'ma tuy', 'bầu cử', 'tin chi cac bon', 'ngân sách nhà nước', 'phong chay chua chay', '"kinh te so"'].map(
          (text) => () => store.search({ text, limit: 50 }),
        ),
      },
      {
        name: 'agency query',
        cases: ['phong van hoa thong tin', 'Sở Tài chính', 'Công an tỉnh', 'Sở Nội vụ', 'Sở TT&TT', 'UBND các xã, phường', 'Sở KH&CN', 'Đoàn TN'].map(
          (agency) => () => store.search({ agency, limit: 50 }),
        ),
      },
      {
        name: 'deadline range (GET /v1/deadlines)',
        cases: [['2025-01', '2025-03'], ['2025-12', '2025-12'], ['2026', '2026'], ['2026-06-01', '2026-06-30'], ['2027', '2030'], ['2024-10', '2025-02']].map(
          ([from, to]) => () => store.deadlines({ from, to, limit: 50, offset: 0 }),
        ),
      },
      {
        name: 'deadline range (query --from --to)',
        cases: [['2025-01', '2025-03'], ['2025-12', '2025-12'], ['2026', '2026'], ['2026-06-01', '2026-06-30'], ['2027', '2030'], ['2024-10', '2025-02']].map(
          ([from, to]) => () => store.search({ from, to, limit: 50 }),
        ),
      },
    ];
    console.log(`\nquery latency, ${queries} queries of each kind (first page of 50, hits built), read-only store of ${docs} plans (target p95 < 50 ms)`);
    for (const kind of kinds) {
      for (const c of kind.cases) c(); // warm: statements prepared, pages cached
      const lat: number[] = [];
      let found = 0;
      for (let i = 0; i < queries; i++) {
        const q0 = performance.now();
        const page = kind.cases[i % kind.cases.length]!() as { items: unknown[]; total: number };
        lat.push(performance.now() - q0);
        found += page.total;
      }
      const s = stats(lat);
      console.log(`  ${kind.name.padEnd(36)} p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  max ${ms(s.max).padStart(9)}  (${(found / queries).toFixed(0)} matches per query on average)${s.p95 < 50 ? '' : '  OVER TARGET'}`);
    }
    // One document whole again, as GET /v1/documents/{id} serves it.
    const docLat: number[] = [];
    for (let i = 0; i < queries; i++) {
      const q0 = performance.now();
      if (!store.document(1 + ((i * 7919) % docs))) throw new Error("missing document");
      docLat.push(performance.now() - q0);
    }
    const d = stats(docLat);
    console.log(`  ${'one document whole (GET /v1/documents/{id})'.padEnd(36)} p50 ${ms(d.p50).padStart(9)}  p95 ${ms(d.p95).padStart(9)}  max ${ms(d.max).padStart(9)}`);
    store.close();
  } finally {
    if (args.includes('--keep')) console.log(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}
