/**
 * `vnplan restore [FILE|-]`: restore a text, one output line per input line. Its own module
 * with only what it needs, so that `vnplan restore` (src/vnplan.ts) starts without loading the
 * rest of the program: a restore process is dominated by start-up for short texts.
 */
import { readFile } from 'node:fs/promises';
import { ExitCode } from './exit-codes.js';
import { decodeText } from './input/encoding.js';
import { InputError } from './input/errors.js';
import { textSourceFromBytes } from './input/text.js';
import { restore } from './restore/index.js';

export async function restoreCommand(file: string | undefined): Promise<number> {
  const name = file && file !== '-' ? file : '<stdin>';
  let bytes: Uint8Array;
  try {
    bytes = file && file !== '-' ? new Uint8Array(await readFile(file)) : await readStdin();
  } catch (cause) {
    return inputFailure(new InputError(name, 'not-found', 'no such file', { cause }));
  }
  try {
    const source = textSourceFromBytes(name, bytes);
    process.stdout.write(restore(source.text, { details: false }).text);
    return ExitCode.ok;
  } catch (error) {
    // Empty lines in, as many empty lines out (nothing in, nothing out).
    if (error instanceof InputError && error.code === 'empty') {
      const decoded = decodeText(bytes);
      if (decoded.ok) process.stdout.write(decoded.text);
      return ExitCode.ok;
    }
    return inputFailure(error);
  }
}

/** An input that cannot be read: one line, exit 3 (anything else is a bug and is thrown). */
function inputFailure(error: unknown): number {
  if (!(error instanceof InputError)) throw error;
  process.stderr.write(`vnplan: ${error.message}\n`);
  return ExitCode.inputError;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
