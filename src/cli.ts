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

const EXTENSION: Record<OutputFormat, string> = { json: '.json', md: '.md', text: '.txt' };

/** Write through a temporary file and a rename, so no reader ever sees half a file. */
export async function writeAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

function fail(error: unknown): number {
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

async function extractCommand(files: string[], opts: { out?: string; format: OutputFormat }): Promise<number> {
  if (files.length > 1 && !opts.out) {
    process.stderr.write('vnplan: several inputs need --out DIR\n');
    return ExitCode.usage;
  }
  let failed = 0;
  if (opts.out) await mkdir(opts.out, { recursive: true });
  for (const file of files) {
    try {
      const result = await processSource(await loadSource(file), { format: opts.format });
      if (opts.out) {
        const name = basename(file, extname(file)) + EXTENSION[opts.format];
        await writeAtomic(join(opts.out, name), result.output);
      } else process.stdout.write(result.output);
    } catch (error) {
      fail(error);
      failed += 1;
      if (files.length === 1) return error instanceof ContractError ? ExitCode.contractError : ExitCode.inputError;
    }
  }
  return failed ? ExitCode.someFailed : ExitCode.ok;
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

  program
    .command('extract')
    .description('extract the contract JSON (or Markdown, or restored text) of each input')
    .argument('<file...>', 'plan files (text; scans where OCR is available)')
    .option('-o, --out <dir>', 'write one output per input into DIR instead of stdout')
    .addOption(new Option('-f, --format <format>', 'output format').choices(OutputFormat).default('json'))
    .action(async (files: string[], opts: { out?: string; format: OutputFormat }) => setExit(await extractCommand(files, opts)));

  program
    .command('restore')
    .description('restore diacritics and repair OCR damage; one output line per input line')
    .argument('[file]', 'UTF-8 text file, or - for stdin', '-')
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
