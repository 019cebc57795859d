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
import { decodeText } from './input/encoding.js';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_TEXT_BYTES, formatBytes, readBytes, textSourceFromBytes } from './input/text.js';
import { textTooLarge } from './batch/document.js';
import { processSource } from './pipeline.js';
import { restore } from './restore/index.js';
import { planJsonSchema } from './contract/plan.js';
import { ContractError } from './stages/validate.js';
import { OutputFormat } from './stages/compile.js';
import { VERSION } from './version.js';
import { OcrEngineName, OcrUnavailableError, createOcrEngine, type OcrEngine } from './ocr/index.js';
import { OcrMode } from './ocr/load-options.js';
import { ProgressMode } from './batch/progress.js';
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
}

async function ingestCommand(paths: string[], opts: IngestCliOptions): Promise<number> {
  const { runIngest, OutputUnwritableError } = await import('./batch/ingest.js');
  try {
    const { exitCode, report } = await runIngest(
      {
        paths, outDir: opts.out, jobs: opts.jobs, force: Boolean(opts.force), ocrMode: opts.ocr, lang: opts.ocrLang, engine: opts.ocrEngine,
        progress: opts.progress, maxFileBytes: opts.maxFileSize, maxTextBytes: opts.maxTextSize, timeoutSeconds: opts.timeout,
      },
      { handleSignals: true },
    );
    const c = report.counts;
    process.stderr.write(`vnplan: ${c.done} done, ${c.skipped} skipped, ${c.failed} failed${report.interrupted ? `, interrupted (${c.notStarted} not started; run again to resume)` : ''} — ${join(opts.out, 'report.json')}\n`);
    for (const f of report.failures) process.stderr.write(`vnplan: ${f.input}: ${f.error.code}: ${f.error.message.startsWith(`${f.input}: `) ? f.error.message.slice(f.input.length + 2) : f.error.message}\n`);
    for (const n of report.notes ?? []) process.stderr.write(`vnplan: passed over ${n.path}: ${n.reason}\n`);
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

async function restoreCommand(file: string | undefined): Promise<number> {
  const name = file && file !== '-' ? file : '<stdin>';
  let bytes: Uint8Array;
  try {
    bytes = file && file !== '-' ? new Uint8Array(await readFile(file)) : await readStdin();
  } catch (cause) {
    return fail(new InputError(name, 'not-found', 'no such file', { cause }));
  }
  try {
    const source = textSourceFromBytes(name, bytes);
    process.stdout.write(restore(source.text).text);
    return ExitCode.ok;
  } catch (error) {
    // Empty lines in, as many empty lines out (nothing in, nothing out).
    if (error instanceof InputError && error.code === 'empty') {
      const decoded = decodeText(bytes);
      if (decoded.ok) process.stdout.write(decoded.text);
      return ExitCode.ok;
    }
    return fail(error);
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
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
      .addOption(new Option('--progress <mode>', 'progress display (default: bar on a terminal, JSON lines on stderr otherwise)').choices(ProgressMode.options))
      .option('--timeout <seconds>', 'stop the text work of one document after this many seconds (OCR not counted): it fails as timeout (default: 1200)', parseWhole),
  )).action(async (paths: string[], opts: IngestCliOptions) => setExit(await ingestCommand(paths, opts)));

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
