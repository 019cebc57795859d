/**
 * The ledger: a batch's state in an SQLite database in the output folder (`vnplan.db`,
 * better-sqlite3, WAL). One row per input ever ingested there, one per output it owns, one
 * per run. Each document costs two small transactions, whatever the batch's size: a claim
 * before its work (its output names, and that this run is doing it) and a record after (done
 * with its outputs, or failed with its error). `manifest.json` and `report.json` are exports
 * of it for people and older scripts (./manifest.ts).
 *
 * Several runs may work in one output folder at once, beside each other: a document is
 * claimed by one run, and another run leaves it alone while the claimer is alive (its
 * process exists and its heartbeat is fresh), then sees it done or takes it over.
 *
 * The schema is versioned (`schema_migrations`, and SQLite's `user_version`); migrations run
 * in order, each in its own transaction, when a run opens the database. The plan store
 * (documents, sections, search) lives beside the ledger as later migrations (docs/store.md), its
 * rows keyed by `inputs.id`, written in the same transaction as the record (`finish`'s
 * `extra`). docs/ingest.md, "The ledger", shows the tables.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Manifest } from './manifest.js';
import { ARCHIVE_KINDS, ARCHIVE_SUFFIX, OUTPUT_KINDS, OUTPUT_SUFFIX, RESERVED_TOP, allOutputPaths, alternativeStems, candidateStem, outputPaths, type ArchiveKind, type OutputKind } from './names.js';
import { STORE_MIGRATIONS } from '../store/schema.js';
import { removeDocument } from '../store/write.js';

export const LEDGER_FILE = 'vnplan.db';

/** A run is taken for dead when its heartbeat is this old (or its process is gone). */
export const HEARTBEAT_MS = 2_000;
export const STALE_MS = 30_000;

type Db = Database.Database;

export interface Migration {
  version: number;
  name: string;
  up: (db: Db) => void;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'ledger: runs, inputs, outputs',
    up: (db) =>
      db.exec(`
        CREATE TABLE runs (
          id             INTEGER PRIMARY KEY,
          pid            INTEGER NOT NULL,
          host           TEXT    NOT NULL,
          vnplan_version TEXT    NOT NULL,
          settings       TEXT    NOT NULL,
          started_at     TEXT    NOT NULL,
          heartbeat_ms   INTEGER NOT NULL,
          finished_at    TEXT,
          exit_code      INTEGER,
          report         TEXT
        );
        CREATE TABLE inputs (
          id              INTEGER PRIMARY KEY,
          path            BLOB    NOT NULL UNIQUE,
          display         TEXT    NOT NULL,
          stem            TEXT    UNIQUE,
          status          TEXT    NOT NULL CHECK (status IN ('running', 'done', 'failed')),
          run_id          INTEGER REFERENCES runs (id),
          sha256          TEXT,
          size            INTEGER,
          media_type      TEXT,
          vnplan_version  TEXT    NOT NULL,
          settings        TEXT    NOT NULL,
          pages           INTEGER,
          ocr_pages       INTEGER NOT NULL DEFAULT 0,
          mean_confidence REAL,
          error_code      TEXT,
          error_message   TEXT,
          seconds         REAL    NOT NULL DEFAULT 0,
          first_seen_at   TEXT    NOT NULL,
          finished_at     TEXT
        );
        CREATE INDEX inputs_status ON inputs (status);
        CREATE TABLE outputs (
          path     TEXT    PRIMARY KEY,
          input_id INTEGER NOT NULL REFERENCES inputs (id),
          kind     TEXT    NOT NULL CHECK (kind IN ('json', 'text', 'markdown', 'ocr')),
          bytes    INTEGER,
          UNIQUE (input_id, kind)
        ) WITHOUT ROWID;
      `),
  },
  {
    version: 2,
    name: 'ledger: outputs of each document of a file holding several (part 2, 3 …)',
    up: (db) =>
      db.exec(`
        CREATE TABLE outputs_new (
          path     TEXT    PRIMARY KEY,
          input_id INTEGER NOT NULL REFERENCES inputs (id),
          part     INTEGER NOT NULL DEFAULT 1 CHECK (part >= 1),
          kind     TEXT    NOT NULL CHECK (kind IN ('json', 'text', 'markdown', 'ocr')),
          bytes    INTEGER,
          UNIQUE (input_id, part, kind)
        ) WITHOUT ROWID;
        INSERT INTO outputs_new (path, input_id, part, kind, bytes) SELECT path, input_id, 1, kind, bytes FROM outputs;
        DROP TABLE outputs;
        ALTER TABLE outputs_new RENAME TO outputs;
      `),
  },
  {
    version: 3,
    name: 'ledger: archive formats of a scan (searchable PDF, ALTO, hOCR) as outputs, and which were asked for',
    up: (db) =>
      db.exec(`
        CREATE TABLE outputs_new (
          path     TEXT    PRIMARY KEY,
          input_id INTEGER NOT NULL REFERENCES inputs (id),
          part     INTEGER NOT NULL DEFAULT 1 CHECK (part >= 1),
          kind     TEXT    NOT NULL CHECK (kind IN ('json', 'text', 'markdown', 'ocr', 'pdf', 'alto', 'hocr')),
          bytes    INTEGER,
          UNIQUE (input_id, part, kind)
        ) WITHOUT ROWID;
        INSERT INTO outputs_new (path, input_id, part, kind, bytes) SELECT path, input_id, part, kind, bytes FROM outputs;
        DROP TABLE outputs;
        ALTER TABLE outputs_new RENAME TO outputs;
        -- The archive formats the run that made the outputs was asked for ('pdf,alto'): a scan
        -- that gives none (a PDF read from its text layer) is still done for them.
        ALTER TABLE inputs ADD COLUMN archive TEXT NOT NULL DEFAULT '';
      `),
  },
  // 4–6: the plan store, its search index and its indexes (src/store/schema.ts).
  ...STORE_MIGRATIONS,
];

/** What this build of vnplan writes; a newer database is refused, not downgraded. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

export interface InputRow {
  id: number;
  path: Buffer;
  display: string;
  stem: string | null;
  status: 'running' | 'done' | 'failed';
  run_id: number | null;
  sha256: string | null;
  size: number | null;
  media_type: string | null;
  vnplan_version: string;
  settings: string;
  pages: number | null;
  ocr_pages: number;
  mean_confidence: number | null;
  error_code: string | null;
  error_message: string | null;
  seconds: number;
  first_seen_at: string;
  finished_at: string | null;
  /** The archive formats asked for when it was done, comma-separated. */
  archive: string;
}

export interface DoneRecord {
  sha256: string;
  size: number;
  mediaType: string;
  pages: number | null;
  ocrPages: number;
  meanConfidence: number | null;
  seconds: number;
  /** Bytes written, per output path (every part's). */
  bytes: Map<string, number>;
  /** The archive formats asked for (those written are among the outputs). */
  archive?: readonly ArchiveKind[];
}

export interface FailedRecord {
  sha256: string | null;
  size: number | null;
  mediaType: string | null;
  code: string;
  message: string;
  seconds: number;
}

export type Claim =
  | { kind: 'claimed'; id: number; stem: string }
  /** Another live run holds it. */
  | { kind: 'busy'; runId: number }
  /** Done already, as this run would do it (another run finished it meanwhile). */
  | { kind: 'done'; row: InputRow };

/** An error of the database's storage (disk full, read-only, permissions), not of vnplan. */
export function isStorageError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^(SQLITE_(FULL|READONLY|CANTOPEN|IOERR|PERM|BUSY)|ENOSPC|EDQUOT|EROFS|EACCES|EPERM|EIO)/.test(code);
}

/** The ledger cannot be used by this vnplan (newer schema, damaged file). */
export class LedgerError extends Error {
  override readonly name = 'LedgerError';
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface ExportedFile {
  path: string;
  bytes: number;
}

export class Ledger {
  readonly db: Db;
  readonly outDir: string;
  runId = 0;
  private readonly host = hostname();
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly stmt: {
    byPath: Database.Statement<[Buffer], InputRow>;
    byId: Database.Statement<[number], InputRow>;
    outputsOf: Database.Statement<[number], { path: string; part: number; kind: OutputKind; bytes: number | null }>;
    ownerOf: Database.Statement<[string], { input_id: number }>;
    underDir: Database.Statement<[string, string], { path: string }>;
    stemTaken: Database.Statement<[string], { id: number }>;
    run: Database.Statement<[number], { pid: number; host: string; heartbeat_ms: number; finished_at: string | null }>;
  };

  private constructor(db: Db, outDir: string) {
    this.db = db;
    this.outDir = outDir;
    this.stmt = {
      byPath: db.prepare('SELECT * FROM inputs WHERE path = ?'),
      byId: db.prepare('SELECT * FROM inputs WHERE id = ?'),
      outputsOf: db.prepare('SELECT path, part, kind, bytes FROM outputs WHERE input_id = ? ORDER BY part, kind'),
      ownerOf: db.prepare('SELECT input_id FROM outputs WHERE path = ?'),
      underDir: db.prepare('SELECT path FROM outputs WHERE path > ? AND path < ? LIMIT 1'),
      stemTaken: db.prepare('SELECT id FROM inputs WHERE stem = ?'),
      run: db.prepare('SELECT pid, host, heartbeat_ms, finished_at FROM runs WHERE id = ?'),
    };
  }

  /**
   * Open (or create) the ledger of `outDir` and bring its schema up to date. A manifest
   * left by a vnplan before the ledger is taken in, so its outputs stay claimed and done
   * documents stay skipped.
   */
  static open(outDir: string): Ledger {
    const file = join(outDir, LEDGER_FILE);
    const fresh = !existsSync(file);
    const db = new Database(file, { timeout: 60_000 });
    try {
      try {
        db.pragma('schema_version');
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (/SQLITE_(NOTADB|CORRUPT)/.test(code)) {
          throw new LedgerError(`${file} is not a readable vnplan ledger (${code}): move it away and run again (outputs already there are kept, and new ones named apart from them)`);
        }
        throw error;
      }
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      // Small checkpoints: the WAL stays small on a small disk.
      db.pragma('wal_autocheckpoint = 256');
      db.pragma('journal_size_limit = 1048576');
      migrate(db);
      const ledger = new Ledger(db, outDir);
      if (fresh) ledger.importManifest();
      return ledger;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * The ledger of `outDir` opened read-only, for a dry run: nothing is created, migrated or
   * written (not even the WAL's index, where SQLite can do without). Null when there is none, or
   * when it is of another schema version than this vnplan writes (the dry run then cannot tell
   * what is done, and says so).
   */
  static openReadOnly(outDir: string): Ledger | null {
    const file = join(outDir, LEDGER_FILE);
    if (!existsSync(file)) return null;
    // SQLite writes the WAL index (`-shm`) even for a read-only connection, and makes `-wal`
    // and `-shm` when they are missing: a copy in the system's temporary folder is read instead.
    const copy = mkdtempSync(join(tmpdir(), 'vnplan-dry-run-'));
    let db: Db | undefined;
    try {
      for (const suffix of ['', '-wal']) if (existsSync(file + suffix)) copyFileSync(file + suffix, join(copy, LEDGER_FILE + suffix));
      db = new Database(join(copy, LEDGER_FILE), { fileMustExist: true, timeout: 10_000 });
      if (Ledger.schemaVersion(db) !== SCHEMA_VERSION) {
        db.close();
        return null;
      }
      const ledger = new Ledger(db, outDir);
      ledger.afterClose = () => rmSync(copy, { recursive: true, force: true });
      return ledger;
    } catch {
      db?.close();
      rmSync(copy, { recursive: true, force: true });
      return null;
    }
  }

  static schemaVersion(db: Db): number {
    return db.pragma('user_version', { simple: true }) as number;
  }

  /** Register this run and keep its heartbeat going. */
  startRun(version: string, settings: string): number {
    const info = this.db
      .prepare('INSERT INTO runs (pid, host, vnplan_version, settings, started_at, heartbeat_ms) VALUES (?, ?, ?, ?, ?, ?)')
      .run(process.pid, this.host, version, settings, new Date().toISOString(), Date.now());
    this.runId = Number(info.lastInsertRowid);
    const beat = this.db.prepare('UPDATE runs SET heartbeat_ms = ? WHERE id = ?');
    this.heartbeat = setInterval(() => {
      try {
        beat.run(Date.now(), this.runId);
      } catch {
        // a full disk or a busy database: the next beat tries again
      }
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
    return this.runId;
  }

  finishRun(exitCode: number, report: string): void {
    clearInterval(this.heartbeat);
    this.db.prepare('UPDATE runs SET finished_at = ?, exit_code = ?, report = ?, heartbeat_ms = ? WHERE id = ?').run(new Date().toISOString(), exitCode, report, Date.now(), this.runId);
  }

  stopHeartbeat(): void {
    clearInterval(this.heartbeat);
  }

  /** True while the run `id` may still be working (this run included). */
  runAlive(id: number | null): boolean {
    if (id === null) return false;
    if (id === this.runId) return true;
    const run = this.stmt.run.get(id);
    if (!run || run.finished_at !== null) return false;
    if (run.host === this.host && !pidAlive(run.pid)) return false;
    return Date.now() - run.heartbeat_ms < STALE_MS;
  }

  get(key: Buffer): InputRow | undefined {
    return this.stmt.byPath.get(key);
  }

  /** Every output of an input, part 1 (the input's own names) first. */
  outputsOf(id: number): Array<{ path: string; part: number; kind: OutputKind; bytes: number | null }> {
    return this.stmt.outputsOf.all(id);
  }

  /**
   * Claim the output names of documents 2 … `count` + 1 of a file holding several
   * (`<stem>.part2.json` …), checked like every other name; names of parts the file no
   * longer holds are released, and returned so their files can go.
   */
  claimParts(id: number, stem: string, count: number): { stems: string[]; stale: string[] } {
    return this.db.transaction(() => {
      const old = this.outputsOf(id).filter((o) => o.part > 1);
      const stale = old.filter((o) => o.part > count + 1).map((o) => o.path);
      this.db.prepare('DELETE FROM outputs WHERE input_id = ? AND part > ?').run(id, count + 1);
      const stems: string[] = [];
      const insert = this.db.prepare('INSERT OR REPLACE INTO outputs (path, input_id, part, kind) VALUES (?, ?, ?, ?)');
      for (let part = 2; part <= count + 1; part++) {
        const have = old.filter((o) => o.part === part);
        let partStem: string | undefined;
        if (have.length === OUTPUT_KINDS.length) partStem = have.find((o) => o.kind === 'json')!.path.slice(0, -OUTPUT_SUFFIX.json.length);
        else {
          this.db.prepare('DELETE FROM outputs WHERE input_id = ? AND part = ?').run(id, part);
          const wanted = `${stem}.part${part}`;
          partStem = this.stemFree(wanted, id) ? wanted : undefined;
          for (let n = 2; partStem === undefined; n++) if (this.stemFree(`${wanted}-${n}`, id)) partStem = `${wanted}-${n}`;
          const paths = outputPaths(partStem);
          for (const kind of OUTPUT_KINDS) insert.run(paths[kind], id, part, kind);
        }
        stems.push(partStem);
      }
      return { stems, stale };
    }).immediate();
  }

  /**
   * True when `row` already holds this very input's outputs, as this run would write them:
   * the four, and every archive format asked for now that was asked for then (a format the
   * input cannot give, such as a searchable PDF of a born-digital PDF, is not looked for).
   */
  isDone(row: InputRow | undefined, sha256: string, version: string, settings: string, archive: readonly ArchiveKind[] = []): row is InputRow {
    if (!row || row.status !== 'done' || row.sha256 !== sha256 || row.vnplan_version !== version || row.settings !== settings) return false;
    const asked = new Set(row.archive ? row.archive.split(',') : []);
    if (!archive.every((k) => asked.has(k))) return false;
    const outputs = this.outputsOf(row.id);
    return outputs.filter((o) => o.part === 1 && (OUTPUT_KINDS as string[]).includes(o.kind)).length === OUTPUT_KINDS.length && outputs.every((o) => existsSync(join(this.outDir, o.path)));
  }

  /**
   * Claim the archive formats' names (`<stem>.searchable.pdf` …) for this run, and give up
   * those not asked for: their paths are returned, for their files to go once the document's
   * new outputs are in place (they belong to an earlier reading of the input).
   */
  claimArchive(id: number, stem: string, kinds: readonly ArchiveKind[]): { paths: Partial<Record<ArchiveKind, string>>; stale: string[] } {
    return this.db.transaction(() => {
      const have = this.outputsOf(id).filter((o) => o.part === 1 && (ARCHIVE_KINDS as string[]).includes(o.kind));
      const stale = have.filter((o) => !kinds.includes(o.kind as ArchiveKind)).map((o) => o.path);
      const paths: Partial<Record<ArchiveKind, string>> = {};
      const insert = this.db.prepare('INSERT OR REPLACE INTO outputs (path, input_id, part, kind) VALUES (?, ?, 1, ?)');
      for (const kind of kinds) {
        const path = stem + ARCHIVE_SUFFIX[kind];
        const mine = have.find((o) => o.kind === kind);
        if (mine && mine.path === path) {
          paths[kind] = path;
          continue;
        }
        if (!this.pathFree(path, id)) throw new LedgerError(`${path} is taken by a file vnplan did not write: move it away to have the ${kind} output written there`);
        if (mine) stale.push(mine.path);
        this.db.prepare('DELETE FROM outputs WHERE input_id = ? AND part = 1 AND kind = ?').run(id, kind);
        insert.run(path, id, kind);
        paths[kind] = path;
      }
      return { paths, stale };
    }).immediate();
  }

  /** Give up outputs that were claimed and not written (an archive format the input cannot give). */
  dropOutputs(id: number, paths: readonly string[]): void {
    const del = this.db.prepare('DELETE FROM outputs WHERE input_id = ? AND path = ?');
    this.db.transaction(() => paths.forEach((p) => del.run(id, p))).immediate();
  }

  /**
   * Claim an input for this run: its row marked running (so a crash leaves it not done),
   * its output names chosen and claimed if it has none yet. Busy when another live run
   * holds it; done when another run finished it meanwhile.
   */
  claim(input: { key: Buffer; display: string; relative: string }, sha256: string, version: string, settings: string, force = false, archive: readonly ArchiveKind[] = []): Claim {
    return this.db.transaction((): Claim => {
      let row = this.stmt.byPath.get(input.key);
      if (row?.status === 'running' && row.run_id !== this.runId && this.runAlive(row.run_id)) return { kind: 'busy', runId: row.run_id! };
      if (!force && this.isDone(row, sha256, version, settings, archive)) return { kind: 'done', row };
      const now = new Date().toISOString();
      if (!row) {
        const info = this.db
          .prepare(`INSERT INTO inputs (path, display, status, run_id, sha256, vnplan_version, settings, first_seen_at) VALUES (?, ?, 'running', ?, ?, ?, ?, ?)`)
          .run(input.key, input.display, this.runId, sha256, version, settings, now);
        row = this.stmt.byId.get(Number(info.lastInsertRowid))!;
      } else {
        this.db.prepare(`UPDATE inputs SET status = 'running', run_id = ?, display = ?, finished_at = NULL WHERE id = ?`).run(this.runId, input.display, row.id);
      }
      let stem = row.stem;
      if (stem === null || this.outputsOf(row.id).filter((o) => o.part === 1 && (OUTPUT_KINDS as string[]).includes(o.kind)).length !== OUTPUT_KINDS.length) {
        stem = stem !== null && this.stemFree(stem, row.id) ? stem : this.chooseStem(candidateStem(input.relative), sha256, row.id);
        this.db.prepare('UPDATE inputs SET stem = ? WHERE id = ?').run(stem, row.id);
        this.db.prepare(`DELETE FROM outputs WHERE input_id = ? AND part = 1 AND kind IN ('json', 'text', 'markdown', 'ocr')`).run(row.id);
        const insert = this.db.prepare('INSERT INTO outputs (path, input_id, kind) VALUES (?, ?, ?)');
        const paths = outputPaths(stem);
        for (const kind of OUTPUT_KINDS) insert.run(paths[kind], row.id, kind);
      }
      return { kind: 'claimed', id: row.id, stem };
    }).immediate();
  }

  /** Record a document done: its outputs are in place. `extra` writes more in the same transaction (the plan store). */
  finish(id: number, record: DoneRecord, extra?: (db: Db) => void): void {
    this.db.transaction(() => {
      this.db
        .prepare(`UPDATE inputs SET status = 'done', run_id = ?, sha256 = ?, size = ?, media_type = ?, pages = ?, ocr_pages = ?, mean_confidence = ?, error_code = NULL, error_message = NULL, seconds = ?, finished_at = ? WHERE id = ?`)
        .run(this.runId, record.sha256, record.size, record.mediaType, record.pages, record.ocrPages, record.meanConfidence, record.seconds, new Date().toISOString(), id);
      const bytes = this.db.prepare('UPDATE outputs SET bytes = ? WHERE input_id = ? AND path = ?');
      for (const [path, n] of record.bytes) bytes.run(n, id, path);
      this.db.prepare('UPDATE inputs SET archive = ? WHERE id = ?').run((record.archive ?? []).join(','), id);
      extra?.(this.db);
    }).immediate();
  }

  /**
   * Record a document failed. Outputs of an earlier good run of it stay (and stay claimed),
   * but it is no longer done, and no longer in the plan store. A row another live run is working on is left alone.
   */
  fail(input: { key: Buffer; display: string }, version: string, settings: string, record: FailedRecord): void {
    this.db.transaction(() => {
      const row = this.stmt.byPath.get(input.key);
      if (row?.status === 'running' && row.run_id !== this.runId && this.runAlive(row.run_id)) return;
      const now = new Date().toISOString();
      if (!row) {
        this.db
          .prepare(`INSERT INTO inputs (path, display, status, run_id, sha256, size, media_type, vnplan_version, settings, error_code, error_message, seconds, first_seen_at, finished_at) VALUES (?, ?, 'failed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(input.key, input.display, this.runId, record.sha256, record.size, record.mediaType, version, settings, record.code, record.message, record.seconds, now, now);
      } else {
        this.db
          .prepare(`UPDATE inputs SET status = 'failed', run_id = ?, display = ?, sha256 = ?, size = ?, media_type = ?, vnplan_version = ?, settings = ?, pages = NULL, ocr_pages = 0, mean_confidence = NULL, error_code = ?, error_message = ?, seconds = ?, finished_at = ? WHERE id = ?`)
          .run(this.runId, input.display, record.sha256, record.size, record.mediaType, version, settings, record.code, record.message, record.seconds, now, row.id);
        // The store holds done documents only: what an earlier good run stored goes.
        removeDocument(this.db, row.id);
      }
    }).immediate();
  }

  /** Give back a claim this run will not finish (interrupted): the next run redoes it. */
  release(id: number): void {
    this.db.prepare(`UPDATE inputs SET run_id = NULL WHERE id = ? AND run_id = ? AND status = 'running'`).run(id, this.runId);
  }

  /** Every input row, in stem order (for the manifest export). */
  *rows(): Generator<InputRow> {
    yield* this.db.prepare<[], InputRow>('SELECT * FROM inputs ORDER BY stem IS NULL, stem, display').iterate();
  }

  /** Run `fn` holding the database's write lock: exports are written one run at a time. */
  exclusive<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    clearInterval(this.heartbeat);
    try {
      this.db.close();
    } catch {
      // closing twice, or a database already gone with its disk
    }
    this.afterClose?.();
  }

  /** Set by openReadOnly: the temporary copy goes with the connection. */
  private afterClose: (() => void) | undefined;

  // Names ------------------------------------------------------------------------------

  private stemFree(stem: string, self: number): boolean {
    const taken = this.stmt.stemTaken.get(stem);
    if (taken && taken.id !== self) return false;
    // The archive formats' names too, asked for or not: a later --pdf finds its name free.
    return Object.values(allOutputPaths(stem)).every((p) => this.pathFree(p, self));
  }

  /** A path no other input owns, nothing foreign occupies, and no claimed path needs as a folder (or as a file). */
  pathFree(path: string, self: number): boolean {
    const parts = path.split('/');
    if (RESERVED_TOP.has(parts[0]!)) return false;
    const owner = this.stmt.ownerOf.get(path);
    if (owner && owner.input_id !== self) return false;
    if (this.stmt.underDir.get(`${path}/`, `${path}0`)) return false; // claimed as a folder
    for (let i = 1; i < parts.length; i++) {
      if (this.stmt.ownerOf.get(parts.slice(0, i).join('/'))) return false; // a folder on the way is a claimed file
    }
    if (!owner) {
      // Never write over a file (or folder) vnplan did not claim: an older run's outputs, the user's own.
      try {
        lstatSync(join(this.outDir, path));
        return false;
      } catch {
        // free
      }
      for (let i = 1; i < parts.length; i++) {
        try {
          if (!lstatSync(join(this.outDir, ...parts.slice(0, i))).isDirectory()) return false;
        } catch {
          break;
        }
      }
    }
    return true;
  }

  private chooseStem(candidate: string, sha256: string, self: number): string {
    if (this.stemFree(candidate, self)) return candidate;
    for (const stem of alternativeStems(candidate, sha256)) if (this.stemFree(stem, self)) return stem;
    throw new Error('unreachable');
  }

  /** Take in `manifest.json` of a vnplan from before the ledger. */
  private importManifest(): void {
    const path = join(this.outDir, 'manifest.json');
    if (!existsSync(path)) return;
    let manifest: Manifest;
    try {
      manifest = Manifest.parse(JSON.parse(readFileSync(path, 'utf8')));
    } catch {
      return;
    }
    this.db.transaction(() => {
      const insert = this.db.prepare(
        `INSERT OR IGNORE INTO inputs (path, display, stem, status, sha256, media_type, vnplan_version, settings, pages, ocr_pages, mean_confidence, error_code, error_message, seconds, first_seen_at, finished_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const output = this.db.prepare('INSERT OR IGNORE INTO outputs (path, input_id, kind) VALUES (?, ?, ?)');
      for (const e of manifest.documents) {
        const info = insert.run(
          Buffer.from(resolve(e.input)), e.input, e.outputs ? e.stem : null, e.status, e.sha256, e.mediaType, e.vnplanVersion, e.settings,
          e.pages, e.ocrPages, e.meanConfidence, e.error?.code ?? null, e.error?.message ?? null, e.seconds, e.finishedAt, e.finishedAt,
        );
        if (info.changes && e.outputs) for (const kind of OUTPUT_KINDS) output.run(e.outputs[kind], Number(info.lastInsertRowid), kind);
      }
    })();
  }
}

function migrate(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at TEXT    NOT NULL
  )`);
  const current = Ledger.schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new LedgerError(`the ledger ${db.name} has schema version ${current}, newer than this vnplan knows (${SCHEMA_VERSION}): use a newer vnplan`);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      // Another run may have migrated meanwhile.
      if (Ledger.schemaVersion(db) >= m.version) return;
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
