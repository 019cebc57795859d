/**
 * Word 97–2003 documents (.doc) through Debian's `antiword`, run as a child process with a
 * time limit. antiword prints a table row as `|cell |cell |` lines, one per printed line of
 * the row; these become the ` | ` rows of the table agreement (./docx.ts). Without antiword
 * a .doc cannot be read, and the error says what to install.
 */
import { execFile, type ExecFileException } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOC_MEDIA_TYPE } from '../data/word.js';
import { InputError, type SourceDocument } from './source.js';
import { sha256 } from './text.js';

export const ANTIWORD = 'antiword';
/** A plan converts in well under a second; a file that takes this long is not one antiword can read. */
export const ANTIWORD_TIMEOUT_MS = 60_000;

/** antiword's text: paragraphs a line (`-w 0`), table lines as ` | ` rows, no blank lines. */
export function fromAntiword(output: string): string {
  const lines: string[] = [];
  for (const raw of output.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (/^\|.*\|$/u.test(line) && line.length > 1) {
      const cells = line.slice(1, -1).split('|').map((c) => c.trim());
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      if (cells.length) lines.push(cells.join(' | '));
    } else lines.push(line);
  }
  return lines.join('\n');
}

function runAntiword(path: string): Promise<{ stdout: string; stderr: string; error: ExecFileException | null }> {
  return new Promise((resolve) => {
    execFile(ANTIWORD, ['-w', '0', '-m', 'UTF-8.txt', path], { encoding: 'utf8', timeout: ANTIWORD_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, error });
    });
  });
}

export async function loadDoc(file: string, bytes: Uint8Array): Promise<SourceDocument> {
  const dir = await mkdtemp(join(tmpdir(), 'vnplan-doc-'));
  try {
    // antiword reads a file by name (it seeks in it): the bytes go to a private temporary file.
    const path = join(dir, 'input.doc');
    await writeFile(path, bytes);
    const { stdout, stderr, error } = await runAntiword(path);
    if (error?.code === 'ENOENT') {
      throw new InputError(file, 'tool-missing', `a Word 97 .doc file needs the "${ANTIWORD}" command to be read (apt-get install antiword), or save it as .docx`);
    }
    if (error?.killed) throw new InputError(file, 'corrupt', `antiword did not finish reading the .doc in ${ANTIWORD_TIMEOUT_MS / 1000} s`);
    if (error) {
      const why = stderr.replaceAll(path, '').replace(/\s+/g, ' ').trim() || error.message;
      if (/encrypt/i.test(why)) throw new InputError(file, 'encrypted', `the Word document is encrypted (antiword: ${why})`);
      if (/not a Word Document/i.test(why)) throw new InputError(file, 'unsupported-type', `an OLE2 file that is not a Word document (antiword: ${why})`);
      throw new InputError(file, 'corrupt', `antiword cannot read the .doc (${why})`);
    }
    const text = fromAntiword(stdout);
    if (text === '') throw new InputError(file, 'empty', 'the Word document holds no text');
    return { file, sha256: sha256(bytes), mediaType: DOC_MEDIA_TYPE, pages: null, text: `${text}\n` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
