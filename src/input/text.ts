/**
 * Plain-text inputs, not empty: UTF-8 as it is, else UTF-16 or a Vietnamese encoding from
 * before Unicode (./encoding.ts), converted to Unicode; the encoding found is kept.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { decodeText } from './encoding.js';
import { InputError, type SourceDocument } from './source.js';

/** Decode bytes as a text document, or throw the InputError that says why not. */
export function textSourceFromBytes(file: string, bytes: Uint8Array, mediaType = 'text/plain'): SourceDocument {
  if (bytes.length === 0) throw new InputError(file, 'empty', 'the file is empty');
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new InputError(file, 'unknown-encoding', decoded.reason);
  const { text, encoding } = decoded;
  if (text.trim() === '') throw new InputError(file, 'empty', 'the file holds only white space');
  return { file, sha256: sha256(bytes), mediaType, pages: null, text, encoding };
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
