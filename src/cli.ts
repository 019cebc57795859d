#!/usr/bin/env node
/**
 * The `vnplan` command. Exit codes: ./exit-codes.ts (and the README).
 */
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ExitCode } from './exit-codes.js';
import { loadSourceFromBytes, sniffMediaType } from './input/load.js';
import { InputError, type SourceDocument } from './input/source.js';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_TEXT_BYTES, formatBytes, readBytes } from './input/text.js';
import { textTooLarge } from './batch/document.js';
import { processSource } from './pipeline.js';
import { restoreCommand } from './cli-restore.js';
import { planJsonSchema } from './contract/plan.js';
import { ContractError } from './stages/validate.js';
import { OutputFormat } from './stages/compile.js';
import { VERSION } from './version.js';
import { OcrEngineName, OcrUnavailableError, createOcrEngine, type OcrEngine } from './ocr/index.js';
import { OcrMode } from './ocr/load-options.js';
import { ProgressMode } from './batch/progress.js';
import { GroupMode } from './batch/discover.js';
import { alternativeStems, candidateStem } from './batch/names.js';

const EXTENSION: Record<OutputFormat, string> = { json: '.json', md: '.md', text: '.txt' };

let tmpSeq = 0;

/**
 * Write through a temporary file and a rename, so no reader ever sees half a file. The
 * temporary has a short name of its own (a long output name plus a suffix could pass the
 * file system's 255 bytes).
 */
export async function writeAtomic(path: string, data: string): Promise<void> {
  const tmp = join(dirname(path), `.vnplan-${process.pid}-${++tmpSeq}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}

function fail(error: unknown): number {
  if (error instanceof OcrUnavailableError) {
    process.stderr.write(`vnplan: ${error.message}\n`);
    return ExitCode.ocrUnavailable;
  }
  if (error instanceof InputError) {
    process.stderr.write(`vnplan: ${error.message}\n`);
    return ExitCode.inputError;
  }
  if (error instanceof ContractError) {
    process.stderr.write(`vnplan: ${error.message}\n`);
    return ExitCode.contractError;
  }
  throw error;
}

/** OCR options shared by `extract` and `ingest`. */
interface OcrCliOptions {
  ocr: OcrMode;
  ocrLang: string;
  ocrEngine: OcrEngineName;
  jobs?: number;
}

function addOcrOptions(command: Command): Command {
  return command
    .addOption(new Option('--ocr <mode>', 'PDF pages with a text layer: skip (use it), redo (OCR again layers over scans), force (OCR every page)').choices(OcrMode.options).default('skip'))
    .option('--ocr-lang <lang>', 'tesseract language(s), e.g. vie or vie+eng', 'vie')
    .addOption(new Option('--ocr-engine <engine>', 'OCR engine').choices(OcrEngineName.options).default('tesseractjs'))
    .option('-j, --jobs <n>', `OCR workers, and with ingest text workers (default: one per core; at most ${MAX_JOBS})`, parsePositiveInt);
}

/** Most OCR and render workers a run may start. */
export const MAX_JOBS = 64;

function parseWhole(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive whole number');
  return n;
}

function parsePositiveInt(value: string): number {
  const n = parseWhole(value);
  if (n > MAX_JOBS) throw new InvalidArgumentError(`at most ${MAX_JOBS}`);
  return n;
}

/** `16MB`, `512KiB`, `1G`, `2000000`: a size in bytes (K, M, G are powers of 1024). */
export function parseSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(value);
  if (!m) throw new InvalidArgumentError('a size such as 16MB, 512KB or 1GB');
  const n = Math.floor(Number(m[1]) * 1024 ** ' kmgt'.indexOf((m[2] || ' ').toLowerCase()));
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('a size of at least one byte');
  return n;
}

interface LimitCliOptions {
  maxFileSize: number;
  maxTextSize: number;
}

function addLimitOptions(command: Command): Command {
  return command
    .addOption(new Option('--max-file-size <size>', 'refuse (too-large) an input file larger than this, unread (16MB, 2GB…)').argParser(parseSize).default(DEFAULT_MAX_FILE_BYTES, formatBytes(DEFAULT_MAX_FILE_BYTES)))
    .addOption(new Option('--max-text-size <size>', 'refuse (too-large) a document whose text (UTF-8) is larger than this').argParser(parseSize).default(DEFAULT_MAX_TEXT_BYTES, formatBytes(DEFAULT_MAX_TEXT_BYTES)));
}

/** An input within the limits, loaded (the same limits as `ingest`'s). */
async function loadLimited(file: string, limits: LimitCliOptions, options: Record<string, unknown>): Promise<SourceDocument> {
  const bytes = await readBytes(file, { maxBytes: limits.maxFileSize });
  if (sniffMediaType(bytes) === null && bytes.length > limits.maxTextSize) throw textTooLarge(file, bytes.length, limits.maxTextSize);
  const source = await loadSourceFromBytes(file, bytes, options);
  const size = Buffer.byteLength(source.text);
  if (size > limits.maxTextSize) throw textTooLarge(file, size, limits.maxTextSize);
  return source;
}

/** The output folder of `extract` cannot be written: one line, exit 6. */
function unwritable(dir: string, error: unknown): number {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string') throw error;
  process.stderr.write(`vnplan: cannot write in ${dir} (${(error as Error).message})\n`);
  return ExitCode.outputUnwritable;
}

async function extractCommand(files: string[], opts: { out?: string; format: OutputFormat } & OcrCliOptions & LimitCliOptions): Promise<number> {
  if (files.length > 1 && !opts.out) {
    process.stderr.write('vnplan: several inputs need --out DIR\n');
    return ExitCode.usage;
  }
  let failed = 0;
  if (opts.out) {
    try {
      await mkdir(opts.out, { recursive: true });
    } catch (error) {
      return unwritable(opts.out, error);
    }
  }
  // Two inputs of one name (a/plan.txt, b/plan.txt) never meet: the later gets a short hash of its content.
  const used = new Set<string>();
  // One engine for every input; its workers start only if a scan comes.
  let engine: OcrEngine;
  try {
    engine = createOcrEngine({ engine: opts.ocrEngine, lang: opts.ocrLang, jobs: opts.jobs });
  } catch (error) {
    return fail(error);
  }
  try {
    for (const file of files) {
      try {
        const result = await processSource(await loadLimited(file, opts, { ocr: engine, ocrMode: opts.ocr }), { format: opts.format });
        if (opts.out) {
          const wanted = candidateStem(basename(file, extname(file)));
          let stem = wanted;
          if (used.has(stem)) for (stem of alternativeStems(wanted, result.file.data.source?.sha256 ?? '00000000')) if (!used.has(stem)) break;
          used.add(stem);
          try {
            await writeAtomic(join(opts.out, stem + EXTENSION[opts.format]), result.output);
          } catch (error) {
            return unwritable(opts.out, error);
          }
        } else process.stdout.write(result.output);
      } catch (error) {
        const code = fail(error);
        failed += 1;
        if (files.length === 1 || code === ExitCode.ocrUnavailable) return code;
      }
    }
  } finally {
    await engine.close();
  }
  return failed ? ExitCode.someFailed : ExitCode.ok;
}

interface IngestCliOptions extends OcrCliOptions, LimitCliOptions {
  out: string;
  timeout?: number;
  force?: boolean;
  progress?: ProgressMode;
  pdf?: boolean;
  alto?: boolean;
  hocr?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  dryRun?: boolean;
  include: string[];
  exclude: string[];
  group: GroupMode;
}

/** A repeatable option: every value kept, in order. */
const collect = (value: string, previous: string[] = []) => [...previous, value];

const INGEST_EXAMPLES = `
Examples:
  $ vnplan ingest archive/2023 --out out
      every PDF, scan, Word and text file under archive/2023, into out/2023/…
  $ vnplan ingest scans --out out --dry-run
      what would be done (and what is done already, excluded or not supported); writes nothing
  $ vnplan ingest scans --out out --exclude '*.txt' --exclude 'drafts/**'
      leave out the text files and the drafts folder (a pattern without / matches names at any depth)
  $ vnplan ingest scans --out out --include '*.pdf'
      PDFs only
  $ vnplan ingest scans/kh-123 --out out --group folder
      every image of each folder is one document (pages in natural order: p2 before p10)
  $ vnplan ingest scans --out out -q && cat out/review.csv
      quiet; then the documents a person should look at, most urgent first
  $ vnplan ingest scans --out out --pdf --alto
      also a searchable PDF (restored text on the page images) and ALTO v4 of each scan

Page images named <name>-p1.jpg, <name>_page2.png, <name>-003.tif … in one folder are one
document by default (--group name); --group none keeps every image apart.
Outputs: out/<path>.<ext>.json, .txt, .md, .ocr.txt per document; manifest.json, report.json,
review.csv and vnplan.db at the top of out. Exit codes: 0 all done, 1 some failed, 2 usage,
5 OCR cannot run, 6 output not writable, 130 interrupted (run again to resume).
`;

async function ingestCommand(paths: string[], opts: IngestCliOptions): Promise<number> {
  if (opts.quiet && opts.verbose) {
    process.stderr.write('vnplan: --quiet and --verbose do not go together\n');
    return ExitCode.usage;
  }
  if (opts.dryRun) {
    const { dryRun, formatDryRun } = await import('./batch/dry-run.js');
    const plan = await dryRun({
      paths, outDir: opts.out, force: Boolean(opts.force), settings: `lang=${opts.ocrLang};ocr=${opts.ocr}`, maxFileBytes: opts.maxFileSize,
      include: opts.include, exclude: opts.exclude, group: opts.group,
    });
    process.stdout.write(formatDryRun(plan, opts.out));
    return ExitCode.ok;
  }
  const { runIngest, OutputUnwritableError } = await import('./batch/ingest.js');
  try {
    const { exitCode, report } = await runIngest(
      {
        paths, outDir: opts.out, jobs: opts.jobs, force: Boolean(opts.force), ocrMode: opts.ocr, lang: opts.ocrLang, engine: opts.ocrEngine,
        progress: opts.progress ?? (opts.quiet ? 'none' : undefined), maxFileBytes: opts.maxFileSize, maxTextBytes: opts.maxTextSize, timeoutSeconds: opts.timeout,
        archive: (['pdf', 'alto', 'hocr'] as const).filter((k) => opts[k]),
        include: opts.include, exclude: opts.exclude, group: opts.group, verbose: Boolean(opts.verbose),
      },
      { handleSignals: true },
    );
    const c = report.counts;
    if (opts.quiet) {
      // Quiet: only what went wrong.
      for (const f of report.failures) process.stderr.write(`vnplan: ${f.input}: ${f.error.code}: ${f.error.message.startsWith(`${f.input}: `) ? f.error.message.slice(f.input.length + 2) : f.error.message}\n`);
      if (report.stopped && report.stopped.code !== 'ocr-failed') process.stderr.write(`vnplan: the batch stopped: ${report.stopped.message}\n`);
      return exitCode;
    }
    const review = c.review ? `; ${c.review} need${c.review === 1 ? 's' : ''} review — ${join(opts.out, 'review.csv')}` : '';
    process.stderr.write(`vnplan: ${c.done} done, ${c.skipped} skipped, ${c.failed} failed${report.interrupted ? `, interrupted (${c.notStarted} not started; run again to resume)` : ''}${review} — ${join(opts.out, 'report.json')}\n`);
    for (const f of report.failures) process.stderr.write(`vnplan: ${f.input}: ${f.error.code}: ${f.error.message.startsWith(`${f.input}: `) ? f.error.message.slice(f.input.length + 2) : f.error.message}\n`);
    for (const n of report.notes ?? []) process.stderr.write(`vnplan: passed over ${n.path}: ${n.reason}\n`);
    if (opts.verbose) {
      for (const e of report.excluded ?? []) process.stderr.write(`vnplan: excluded ${e.path}: ${e.reason}\n`);
      for (const u of report.unsupported ?? []) process.stderr.write(`vnplan: ignored ${u}: not a type vnplan reads\n`);
    }
    if (report.stopped && report.stopped.code !== 'ocr-failed') {
      process.stderr.write(`vnplan: the batch stopped: ${report.stopped.message}${c.notStarted ? ` (${c.notStarted} not started)` : ''}\n`);
    }
    return exitCode;
  } catch (error) {
    if (error instanceof OutputUnwritableError) {
      process.stderr.write(`vnplan: ${error.message}\n`);
      return ExitCode.outputUnwritable;
    }
    return fail(error);
  }
}

interface QueryCliOptions {
  agency?: string;
  issuer?: string;
  from?: string;
  to?: string;
  kind?: string[];
  group: 'document' | 'passage';
  limit: number;
  offset: number;
  format: 'table' | 'json' | 'csv';
  sql?: string;
}

/** A store that cannot be read is exit 3; a query that cannot be asked is a usage error. */
async function storeFailure(error: unknown): Promise<number> {
  const { StoreError, QueryError } = await import('./store/store.js');
  const { ZodError, prettifyError } = await import('zod');
  if (error instanceof StoreError) {
    process.stderr.write(`vnplan: ${error.message}\n`);
    return ExitCode.inputError;
  }
  if (error instanceof QueryError) {
    process.stderr.write(`vnplan: ${error.message}\n`);
    return ExitCode.usage;
  }
  if (error instanceof ZodError) {
    process.stderr.write(`vnplan: ${prettifyError(error).replace(/\n/g, ' ')}\n`);
    return ExitCode.usage;
  }
  throw error;
}

async function queryCommand(out: string, words: string[], opts: QueryCliOptions): Promise<number> {
  const { Store } = await import('./store/store.js');
  const format = await import('./store/format.js');
  try {
    const store = Store.open(out);
    try {
      if (opts.sql !== undefined) {
        if (words.length || opts.agency || opts.issuer || opts.from || opts.to || opts.kind) {
          process.stderr.write('vnplan: --sql goes alone (no text, --agency, --issuer, --from, --to or --kind)\n');
          return ExitCode.usage;
        }
        const { columns, rows } = store.sql(opts.sql);
        if (opts.format === 'json') process.stdout.write(`${JSON.stringify(rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]]))), null, 2)}\n`);
        else if (opts.format === 'csv') process.stdout.write(format.csvLine(columns) + rows.map(format.csvLine).join(''));
        else process.stdout.write(format.table(columns, rows.map((r) => r.map((v) => (v === null ? '' : String(v).replace(/\s+/g, ' '))))));
        return ExitCode.ok;
      }
      const text = words.join(' ').trim() || undefined;
      const page = store.search({ text, agency: opts.agency, issuer: opts.issuer, from: opts.from, to: opts.to, kind: opts.kind as never, group: opts.group, limit: opts.limit, offset: opts.offset });
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(page.items, null, 2)}\n`);
      else if (opts.format === 'csv') process.stdout.write(format.csvLine([...format.HIT_COLUMNS]) + page.items.map((h) => format.csvLine(format.hitRow(h))).join(''));
      else {
        process.stdout.write(format.hitsTable(page.items));
        const shown = page.offset + page.items.length;
        process.stderr.write(`vnplan: ${page.items.length ? `${page.offset + 1}–${shown}` : 'no hits'} of ${page.total}${shown < page.total ? ` (more with --offset ${shown})` : ''}\n`);
      }
      return ExitCode.ok;
    } finally {
      store.close();
    }
  } catch (error) {
    return storeFailure(error);
  }
}

async function exportCommand(out: string, opts: { format: 'jsonl' | 'csv'; table: string }): Promise<number> {
  const { Store, EXPORT_TABLES } = await import('./store/store.js');
  const { csvLine } = await import('./store/format.js');
  if (opts.format === 'csv' && !(EXPORT_TABLES as readonly string[]).includes(opts.table)) {
    process.stderr.write(`vnplan: --table is one of ${EXPORT_TABLES.join(', ')}\n`);
    return ExitCode.usage;
  }
  try {
    const store = Store.open(out);
    try {
      let buffered = '';
      const put = (s: string) => {
        buffered += s;
        if (buffered.length > 1 << 16) {
          process.stdout.write(buffered);
          buffered = '';
        }
      };
      if (opts.format === 'jsonl') {
        for (const id of store.documentIds()) put(`${JSON.stringify(store.document(id))}\n`);
      } else {
        let columns: string[] | undefined;
        for (const row of store.tableRows(opts.table)) {
          if (!columns) put(csvLine((columns = Object.keys(row))));
          put(csvLine(columns.map((c) => row[c])));
        }
        if (!columns) put(csvLine(store.sql(`SELECT * FROM ${opts.table} LIMIT 0`).columns));
      }
      process.stdout.write(buffered);
      return ExitCode.ok;
    } finally {
      store.close();
    }
  } catch (error) {
    return storeFailure(error);
  }
}

interface ServeCliOptions {
  port: number;
  host: string;
  allowUpload?: boolean;
  maxUploadSize: number;
  uploadTimeout: number;
}

async function serveCommand(out: string, opts: ServeCliOptions): Promise<number> {
  const { serve } = await import('./server/app.js');
  const token = process.env.VNPLAN_UPLOAD_TOKEN;
  if (opts.allowUpload && !token) {
    process.stderr.write('vnplan: --allow-upload needs a token in the environment variable VNPLAN_UPLOAD_TOKEN\n');
    return ExitCode.usage;
  }
  let running;
  try {
    running = await serve(out, { port: opts.port, host: opts.host, allowUpload: opts.allowUpload, token, maxUploadBytes: opts.maxUploadSize, uploadTimeoutSeconds: opts.uploadTimeout });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      process.stderr.write(`vnplan: cannot listen on ${opts.host}:${opts.port} (${code})\n`);
      return ExitCode.usage;
    }
    return storeFailure(error);
  }
  process.stderr.write(`vnplan: serving ${out} at ${running.url} (${opts.allowUpload ? 'uploads allowed with the token' : 'read-only'}); OpenAPI at ${running.url}/openapi.json; Ctrl-C stops\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.close();
  return ExitCode.ok;
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('vnplan')
    .description('Scanned Vietnamese government plans to clean text and typed JSON.')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError();

  addLimitOptions(addOcrOptions(
    program
      .command('extract')
      .description('extract the contract JSON (or Markdown, or restored text) of each input')
      .argument('<file...>', 'plan files: text (UTF-8, UTF-16, TCVN3, VNI, VISCII, Windows-1258), Word (.docx, .doc), PDF, TIFF, PNG, JPEG')
      .option('-o, --out <dir>', 'write one output per input into DIR instead of stdout')
      .addOption(new Option('-f, --format <format>', 'output format').choices(OutputFormat).default('json')),
  )).action(async (files: string[], opts: { out?: string; format: OutputFormat } & OcrCliOptions & LimitCliOptions) => setExit(await extractCommand(files, opts)));

  addLimitOptions(addOcrOptions(
    program
      .command('ingest')
      .description('ingest files and folders (recursively) of PDF, TIFF, PNG, JPEG, Word and text: per document its JSON, restored text, Markdown and raw OCR text, plus manifest.json and report.json; re-runs resume')
      .argument('<path...>', 'files and folders')
      .requiredOption('-o, --out <dir>', 'output folder')
      .option('--force', 'redo inputs already done')
      .option('--pdf', 'also write a searchable PDF of each scan: its pages as they are, the restored text as an invisible layer (<name>.searchable.pdf)')
      .option('--alto', 'also write ALTO v4 of each scan: every word with its box, confidence and restored form (<name>.alto.xml)')
      .option('--hocr', 'also write hOCR of each scan (<name>.hocr)')
      .option('-n, --dry-run', 'list what would be done, and why not the rest (done already, excluded, not supported); write nothing')
      .option('--include <glob>', 'only files matching this glob (repeatable; a pattern without / matches names at any depth)', collect, [])
      .option('--exclude <glob>', 'leave out files and folders matching this glob (repeatable)', collect, [])
      .addOption(new Option('--group <mode>', 'page images into one document: name (plan-p1.jpg, plan-p2.jpg …), folder (every image of a folder), none').choices(GroupMode.options).default('name'))
      .option('-q, --quiet', 'no progress and no summary; only failures')
      .option('-v, --verbose', 'a line per document (with its review reasons), and what was excluded or not supported')
      .addOption(new Option('--progress <mode>', 'progress display (default: bar on a terminal, JSON lines on stderr otherwise; none with --quiet)').choices(ProgressMode.options))
      .option('--timeout <seconds>', 'stop the text work of one document after this many seconds (OCR not counted): it fails as timeout (default: 1200)', parseWhole)
      .addHelpText('after', INGEST_EXAMPLES),
  )).action(async (paths: string[], opts: IngestCliOptions) => setExit(await ingestCommand(paths, opts)));

  program
    .command('query')
    .description('search the store of an ingest output folder: words with or without marks, an agency or issuer in any spelling, deadlines in a date range; or one read-only SQL statement')
    .argument('<out>', 'output folder of vnplan ingest (holding vnplan.db)')
    .argument('[text...]', 'words to find (giam ngheo finds giảm nghèo); "a phrase"; a word ending in * as a prefix')
    .option('--agency <name>', 'documents that give tasks to this agency, in any spelling (Phòng VH&TT, phong van hoa thong tin)')
    .option('--issuer <name>', 'documents issued by this body, in any spelling')
    .option('--from <date>', 'documents with a deadline on or after this date (YYYY, YYYY-MM, YYYY-MM-DD)')
    .option('--to <date>', 'documents with a deadline on or before this date')
    .option('--kind <kinds>', 'kinds of passage, comma-separated: document, section, objective, assignment, deadline, budget, legal-basis, recipient, text', (v: string) => v.split(',').map((k) => k.trim()).filter(Boolean))
    .addOption(new Option('--group <by>', 'one hit per document (its best passage) or every passage').choices(['document', 'passage']).default('document'))
    .option('--limit <n>', 'hits at most (at most 1000)', parseWhole, 50)
    .option('--offset <n>', 'hits to skip', (v: string) => (v === '0' ? 0 : parseWhole(v)), 0)
    .addOption(new Option('--format <format>', 'output format (json: an array of hits, each with its document\'s source)').choices(['table', 'json', 'csv']).default('table'))
    .option('--sql <statement>', 'run one read-only SQL statement against the store instead (docs/store.md)')
    .action(async (out: string, words: string[], opts: QueryCliOptions) => setExit(await queryCommand(out, words, opts)));

  program
    .command('export')
    .description('export the store of an ingest output folder: every document as its contract JSON, one a line (jsonl), or one table as CSV')
    .argument('<out>', 'output folder of vnplan ingest')
    .addOption(new Option('--format <format>', 'jsonl (contract documents) or csv (one table)').choices(['jsonl', 'csv']).default('jsonl'))
    .option('--table <name>', 'the table for csv (documents, assignments, deadlines, calendar, agencies, …)', 'documents')
    .action(async (out: string, opts: { format: 'jsonl' | 'csv'; table: string }) => setExit(await exportCommand(out, opts)));

  program
    .command('serve')
    .description('serve the store of an ingest output folder over HTTP (JSON; OpenAPI at /openapi.json); loopback only unless --host says otherwise')
    .argument('<out>', 'output folder of vnplan ingest')
    .option('--port <n>', 'port (0: any free one)', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port, 0–65535');
      return n;
    }, 8470)
    .option('--host <address>', 'address to listen on (0.0.0.0 or :: for every interface)', '127.0.0.1')
    .option('--allow-upload', 'accept POST /v1/documents, with the bearer token in VNPLAN_UPLOAD_TOKEN')
    .addOption(new Option('--max-upload-size <size>', 'largest upload').argParser(parseSize).default(32 * 1024 * 1024, '32MB'))
    .option('--upload-timeout <seconds>', 'seconds an upload may take to arrive and be read', parseWhole, 300)
    .action(async (out: string, opts: ServeCliOptions) => setExit(await serveCommand(out, opts)));

  program
    .command('restore')
    .description('restore diacritics and repair OCR damage; one output line per input line')
    .argument('[file]', 'text file (UTF-8, UTF-16 or a Vietnamese legacy encoding), or - for stdin', '-')
    .action(async (file: string) => setExit(await restoreCommand(file)));

  program
    .command('schema')
    .description('print the JSON Schema of the output contract')
    .action(() => {
      process.stdout.write(`${JSON.stringify(planJsonSchema(), null, 2)}\n`);
      setExit(ExitCode.ok);
    });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let code: number = ExitCode.ok;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return ExitCode.ok;
      return ExitCode.usage;
    }
    if (error instanceof InvalidArgumentError) return ExitCode.usage;
    throw error;
  }
  return code;
}

main(process.argv).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`vnplan: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = ExitCode.internal;
  },
);
