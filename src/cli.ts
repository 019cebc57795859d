#!/usr/bin/env node
/**
 * The `vnplan` command. Exit codes: ./exit-codes.ts (and the README).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ExitCode } from './exit-codes.js';
import { loadSource } from './input/load.js';
import { InputError } from './input/source.js';
import { textSourceFromBytes } from './input/text.js';
import { processSource } from './pipeline.js';
import { restore } from './restore/index.js';
import { planJsonSchema } from './contract/plan.js';
import { ContractError } from './stages/validate.js';
import { OutputFormat } from './stages/compile.js';
import { VERSION } from './version.js';
import { OcrEngineName, OcrUnavailableError, createOcrEngine, type OcrEngine } from './ocr/index.js';
import { OcrMode } from './ocr/load-options.js';
import { ProgressMode } from './batch/progress.js';

const EXTENSION: Record<OutputFormat, string> = { json: '.json', md: '.md', text: '.txt' };

/** Write through a temporary file and a rename, so no reader ever sees half a file. */
export async function writeAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
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
    .option('-j, --jobs <n>', 'OCR workers (default: one per core)', parsePositiveInt);
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive whole number');
  return n;
}

async function extractCommand(files: string[], opts: { out?: string; format: OutputFormat } & OcrCliOptions): Promise<number> {
  if (files.length > 1 && !opts.out) {
    process.stderr.write('vnplan: several inputs need --out DIR\n');
    return ExitCode.usage;
  }
  let failed = 0;
  if (opts.out) await mkdir(opts.out, { recursive: true });
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
        const result = await processSource(await loadSource(file, { ocr: engine, ocrMode: opts.ocr }), { format: opts.format });
        if (opts.out) {
          const name = basename(file, extname(file)) + EXTENSION[opts.format];
          await writeAtomic(join(opts.out, name), result.output);
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

async function ingestCommand(paths: string[], opts: { out: string; force?: boolean; progress?: ProgressMode } & OcrCliOptions): Promise<number> {
  const { runIngest } = await import('./batch/ingest.js');
  try {
    const { exitCode, report } = await runIngest(
      { paths, outDir: opts.out, jobs: opts.jobs, force: Boolean(opts.force), ocrMode: opts.ocr, lang: opts.ocrLang, engine: opts.ocrEngine, progress: opts.progress },
      { handleSignals: true },
    );
    const c = report.counts;
    process.stderr.write(`vnplan: ${c.done} done, ${c.skipped} skipped, ${c.failed} failed${report.interrupted ? `, interrupted (${c.notStarted} not started; run again to resume)` : ''} — ${join(opts.out, 'report.json')}\n`);
    for (const f of report.failures) process.stderr.write(`vnplan: ${f.input}: ${f.error.code}: ${f.error.message}\n`);
    return exitCode;
  } catch (error) {
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

  addOcrOptions(
    program
      .command('extract')
      .description('extract the contract JSON (or Markdown, or restored text) of each input')
      .argument('<file...>', 'plan files: text (UTF-8, UTF-16, TCVN3, VNI, VISCII, Windows-1258), Word (.docx, .doc), PDF, TIFF, PNG, JPEG')
      .option('-o, --out <dir>', 'write one output per input into DIR instead of stdout')
      .addOption(new Option('-f, --format <format>', 'output format').choices(OutputFormat).default('json')),
  ).action(async (files: string[], opts: { out?: string; format: OutputFormat } & OcrCliOptions) => setExit(await extractCommand(files, opts)));

  addOcrOptions(
    program
      .command('ingest')
      .description('ingest files and folders (recursively) of PDF, TIFF, PNG, JPEG, Word and text: per document its JSON, restored text, Markdown and raw OCR text, plus manifest.json and report.json; re-runs resume')
      .argument('<path...>', 'files and folders')
      .requiredOption('-o, --out <dir>', 'output folder')
      .option('--force', 'redo inputs already done')
      .addOption(new Option('--progress <mode>', 'progress display (default: bar on a terminal, JSON lines on stderr otherwise)').choices(ProgressMode.options)),
  ).action(async (paths: string[], opts: { out: string; force?: boolean; progress?: ProgressMode } & OcrCliOptions) => setExit(await ingestCommand(paths, opts)));

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
    process.exitCode = 70;
  },
);
