/**
 * The plan store's tables: later migrations of the ledger's database (`vnplan.db`), keyed
 * by the input's id (`inputs.id`), written in the same transaction as the document's ledger
 * record. docs/store.md draws them and shows example SQL.
 *
 * Conventions: `seq` is an item's position in its list of the contract document (0-based);
 * `section` is the contract's section id (`III.1`); `span_start`/`span_end` are UTF-16
 * offsets into the restored text (the `.txt` output); dates are ISO 8601 as printed, plus
 * `from_date`/`to_date` day bounds where the store computes them.
 */
import type Database from 'better-sqlite3';
import type { Migration } from '../batch/ledger.js';

type Db = Database.Database;

export const STORE_MIGRATIONS: Migration[] = [
  {
    version: 4,
    name: 'store: documents, sections, objectives, assignments, deadlines, budget sources, legal bases, recipients, messages, agencies',
    up: (db: Db) =>
      db.exec(`
        CREATE TABLE agencies (
          id   INTEGER PRIMARY KEY,
          key  TEXT    NOT NULL UNIQUE,  -- canonical: written out, folded, no conjunctions or punctuation, no place
          name TEXT    NOT NULL          -- the first spelling seen, written out, without its place
        );
        CREATE TABLE agency_spellings (
          spelling  TEXT    PRIMARY KEY, -- one name as printed
          agency_id INTEGER NOT NULL REFERENCES agencies (id),
          place     TEXT,                -- its trailing place as printed (huyện, tỉnh Bắc Kạn)
          place_key TEXT                 -- the place folded (huyen, tinh bac kan)
        ) WITHOUT ROWID;
        CREATE INDEX agency_spellings_agency ON agency_spellings (agency_id);

        CREATE TABLE documents (
          id                  INTEGER PRIMARY KEY REFERENCES inputs (id) ON DELETE CASCADE,
          schema_version      TEXT    NOT NULL,
          source_file         TEXT    NOT NULL,
          sha256              TEXT    NOT NULL,
          media_type          TEXT    NOT NULL,
          pages               INTEGER,
          part                INTEGER,
          issuer              TEXT,
          issuer_agency_id    INTEGER REFERENCES agencies (id),
          issuer_place        TEXT,
          issuer_place_key    TEXT,
          document_type       TEXT,
          number              TEXT,
          place               TEXT,
          issued_date         TEXT,    -- as precise as printed: 2023, 2023-10, 2023-10-26
          issued_from         TEXT,    -- its day bounds
          issued_to           TEXT,
          title               TEXT,
          period_from         TEXT,    -- the plan's own period (recurrences expand over it)
          period_to           TEXT,
          period_source       TEXT CHECK (period_source IN ('title', 'deadlines', 'issued')),
          signed              INTEGER NOT NULL,  -- 1 when the document has a signature block
          signature_authority TEXT,
          signature_position  TEXT,
          signer              TEXT,
          signature_start     INTEGER,
          signature_end       INTEGER,
          signature_page      INTEGER,
          review_needed       INTEGER NOT NULL,
          review_reasons      TEXT    NOT NULL,  -- JSON array of strings
          stored_at           TEXT    NOT NULL
        );
        CREATE INDEX documents_issuer ON documents (issuer_agency_id);
        CREATE INDEX documents_issued ON documents (issued_from);

        CREATE TABLE sections (
          document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
          seq         INTEGER NOT NULL,  -- pre-order position
          section     TEXT    NOT NULL,  -- the contract id: III, III.1, III.1.a
          parent      TEXT,
          depth       INTEGER NOT NULL,  -- 1 for a top-level section
          ord         INTEGER NOT NULL,  -- position among its siblings
          label       TEXT    NOT NULL,
          heading     TEXT    NOT NULL,
          kind        TEXT,
          span_start  INTEGER,
          span_end    INTEGER,
          page        INTEGER,
          PRIMARY KEY (document_id, seq)
        ) WITHOUT ROWID;

        CREATE TABLE objectives (
          document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
          seq         INTEGER NOT NULL,
          text        TEXT    NOT NULL,
          kind        TEXT    NOT NULL,
          section     TEXT    NOT NULL,
          span_start  INTEGER,
          span_end    INTEGER,
          page        INTEGER,
          PRIMARY KEY (document_id, seq)
        ) WITHOUT ROWID;

        CREATE TABLE assignments (
          id          INTEGER PRIMARY KEY,
          document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
          seq         INTEGER NOT NULL,
          agency      TEXT    NOT NULL,  -- as printed
          from_table  INTEGER NOT NULL,  -- 1: a row of a task table
          section     TEXT,
          span_start  INTEGER,
          span_end    INTEGER,
          page        INTEGER,
          UNIQUE (document_id, seq)
        );
        CREATE TABLE assignment_tasks (
          assignment_id INTEGER NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
          seq           INTEGER NOT NULL,
          text          TEXT    NOT NULL,
          PRIMARY KEY (assignment_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE assignment_partners (
          assignment_id INTEGER NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
          seq           INTEGER NOT NULL,
          partner       TEXT    NOT NULL,  -- as printed (may list several agencies)
          PRIMARY KEY (assignment_id, seq)
        ) WITHOUT ROWID;
        -- Every agency an assignment names, lead or partner, one row per name of a list.
        CREATE TABLE assignment_agencies (
          assignment_id INTEGER NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
          seq           INTEGER NOT NULL,
          role          TEXT    NOT NULL CHECK (role IN ('lead', 'partner')),
          agency_id     INTEGER NOT NULL REFERENCES agencies (id),
          spelling      TEXT    NOT NULL,
          place_key     TEXT,
          document_id   INTEGER NOT NULL,  -- the assignment's document (agency queries need no join)
          assignment_seq INTEGER NOT NULL, -- the assignment's seq in its document
          PRIMARY KEY (assignment_id, seq)
        ) WITHOUT ROWID;
        CREATE INDEX assignment_agencies_agency ON assignment_agencies (agency_id, document_id, place_key, assignment_seq);

        CREATE TABLE deadlines (
          id           INTEGER PRIMARY KEY,
          document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
          seq          INTEGER NOT NULL,
          text         TEXT    NOT NULL,
          kind         TEXT    NOT NULL CHECK (kind IN ('due', 'period')),
          due          TEXT,
          period_start TEXT,
          period_end   TEXT,
          recurrence   TEXT,
          subject      TEXT,
          section      TEXT,
          span_start   INTEGER,
          span_end     INTEGER,
          page         INTEGER,
          from_date    TEXT    NOT NULL,  -- day bounds of the whole deadline (all its occurrences)
          to_date      TEXT    NOT NULL,
          UNIQUE (document_id, seq)
        );
        -- One row per occurrence: one for a deadline that does not recur, one per year,
        -- half year, quarter or month of the plan's period for one that does.
        CREATE TABLE deadline_dates (
          deadline_id INTEGER NOT NULL REFERENCES deadlines (id) ON DELETE CASCADE,
          seq         INTEGER NOT NULL,
          document_id INTEGER NOT NULL,
          from_date   TEXT    NOT NULL,
          to_date     TEXT    NOT NULL,
          PRIMARY KEY (deadline_id, seq)
        ) WITHOUT ROWID;
        CREATE INDEX deadline_dates_range ON deadline_dates (from_date, to_date, document_id);

        CREATE TABLE budget_sources (
          document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
          seq         INTEGER NOT NULL,
          text        TEXT    NOT NULL,
          kind        TEXT    NOT NULL,
          amount_vnd  REAL,
          section     TEXT    NOT NULL,
          span_start  INTEGER,
          span_end    INTEGER,
          page        INTEGER,
          PRIMARY KEY (document_id, seq)
        ) WITHOUT ROWID;

        CREATE TABLE legal_bases (
          document_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
          seq           INTEGER NOT NULL,
          text          TEXT    NOT NULL,
          document_type TEXT,
          number        TEXT,
          date          TEXT,
          issuer        TEXT,
          span_start    INTEGER,
          span_end      INTEGER,
          page          INTEGER,
          PRIMARY KEY (document_id, seq)
        ) WITHOUT ROWID;
        CREATE INDEX legal_bases_number ON legal_bases (number);

        CREATE TABLE recipients (
          document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
          seq         INTEGER NOT NULL,
          name        TEXT    NOT NULL,
          PRIMARY KEY (document_id, seq)
        ) WITHOUT ROWID;

        CREATE TABLE messages (
          document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
          seq         INTEGER NOT NULL,
          reason      TEXT    NOT NULL,
          rule_id     TEXT    NOT NULL,
          source      TEXT    NOT NULL,
          line        INTEGER,
          col         INTEGER,
          severity    TEXT    NOT NULL,
          span_start  INTEGER,
          span_end    INTEGER,
          page        INTEGER,
          PRIMARY KEY (document_id, seq)
        ) WITHOUT ROWID;

        -- Every occurrence of every deadline with its document: "all deadlines in 2023".
        CREATE VIEW calendar AS
          SELECT dd.from_date, dd.to_date, d.text, d.kind, d.due, d.period_start, d.period_end, d.recurrence, d.subject,
                 d.section, d.document_id, doc.number, doc.issuer, doc.title
          FROM deadline_dates dd
          JOIN deadlines d ON d.id = dd.deadline_id
          JOIN documents doc ON doc.id = d.document_id;

        -- Every agency named by an assignment, with its task list and document.
        CREATE VIEW agency_assignments AS
          SELECT ag.key AS agency_key, ag.name AS agency_name, aa.spelling, aa.place_key, aa.role,
                 a.id AS assignment_id, a.document_id, a.section, doc.number, doc.issuer, doc.title,
                 (SELECT group_concat(t.text, char(10)) FROM assignment_tasks t WHERE t.assignment_id = a.id) AS tasks
          FROM assignment_agencies aa
          JOIN agencies ag ON ag.id = aa.agency_id
          JOIN assignments a ON a.id = aa.assignment_id
          JOIN documents doc ON doc.id = a.document_id;
      `),
  },
  {
    version: 5,
    name: 'search: passages and their FTS5 index over the folded text',
    up: (db: Db) =>
      db.exec(`
        CREATE TABLE passages (
          id          INTEGER PRIMARY KEY,
          document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
          kind        TEXT    NOT NULL,  -- document (the title), section, objective, assignment, deadline, budget, legal-basis, recipient, text
          item        INTEGER,           -- seq of the item in its table; null for text
          text        TEXT    NOT NULL,  -- as printed
          span_start  INTEGER,
          span_end    INTEGER,
          page        INTEGER,
          section     TEXT
        );
        CREATE INDEX passages_item ON passages (document_id, kind, item);
        CREATE INDEX passages_kind ON passages (kind, document_id);
        -- The folded text (no marks, đ → d, lower case), rowid = passages.id. Contentless: the
        -- text is in passages once.
        CREATE VIRTUAL TABLE passages_fts USING fts5 (
          folded, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
        );
        -- The whole document folded (title and restored text), rowid = documents.id: which
        -- documents hold the words, ranked, without going through every passage.
        CREATE VIRTUAL TABLE documents_fts USING fts5 (
          folded, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
        );
      `),
  },
  {
    version: 6,
    name: 'store: occurrences of deadlines by document, for a date range asked document by document',
    // deadline_dates_range answers "which occurrences overlap": a scan of every occurrence
    // starting before the range's end. "Does this document have one" is a seek per document.
    up: (db: Db) => db.exec(`CREATE INDEX deadline_dates_document ON deadline_dates (document_id, from_date, to_date);`),
  },
];
