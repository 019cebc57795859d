#!/usr/bin/env node
/**
 * The `vnplan` command's entry. `vnplan restore [FILE|-]` runs with the restorer alone
 * (cli-restore.ts): loading the whole program (OCR, PDF, store, server, Markdown) costs more
 * than restoring a page. Every other command line, `restore` with options or help included,
 * goes to the whole program (cli.ts), which parses it.
 */
import { ExitCode } from './exit-codes.js';

const args = process.argv.slice(2);
if (args[0] === 'restore' && args.length <= 2 && (args[1] === undefined || args[1] === '-' || !args[1].startsWith('-'))) {
  const { restoreCommand } = await import('./cli-restore.js');
  try {
    process.exitCode = await restoreCommand(args[1] ?? '-');
  } catch (error) {
    process.stderr.write(`vnplan: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = ExitCode.internal;
  }
} else await import('./cli.js');
