/** Plain-text inputs: strict UTF-8, not empty. */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { InputError, type SourceDocument } from './source.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode bytes as a text document, or throw the InputError that says why not. */
export function textSourceFromBytes(file: string, bytes: Uint8Array, mediaType = 'text/plain'): SourceDocument {
  if (bytes.length === 0) throw new InputError(file, 'empty', 'the file is empty');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (cause) {
    throw new InputError(file, 'not-utf8', 'the file is not UTF-8 text', { cause });
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new InputError(file, 'empty', 'the file holds only white space');
  if (/\u0000/.test(text)) throw new InputError(file, 'not-utf8', 'the file holds NUL bytes: not a text file');
  return { file, sha256: sha256(bytes), mediaType, pages: null, text };
}

export async function readBytes(file: string): Promise<Uint8Array> {
  let info;
  try {
    info = await stat(file);
  } catch (cause) {
    throw new InputError(file, 'not-found', 'no such file', { cause });
  }
  if (!info.isFile()) throw new InputError(file, 'not-a-file', 'not a regular file');
  try {
    return new Uint8Array(await readFile(file));
  } catch (cause) {
    throw new InputError(file, 'unreadable', `cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { cause });
  }
}

export async function readTextSource(file: string): Promise<SourceDocument> {
  return textSourceFromBytes(file, await readBytes(file));
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
