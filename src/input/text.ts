/**
 * Plain-text inputs, not empty: UTF-8 as it is, else UTF-16 or a Vietnamese encoding from
 * before Unicode (./encoding.ts), converted to Unicode; the encoding found is kept.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { decodeText } from './encoding.js';
import { InputError } from './errors.js';
import type { SourceDocument } from './source.js';

/** Decode bytes as a text document, or throw the InputError that says why not. */
export function textSourceFromBytes(file: string, bytes: Uint8Array, mediaType = 'text/plain'): SourceDocument {
  if (bytes.length === 0) throw new InputError(file, 'empty', 'the file is empty');
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new InputError(file, 'unknown-encoding', decoded.reason);
  const { text, encoding } = decoded;
  if (text.trim() === '') throw new InputError(file, 'empty', 'the file holds only white space');
  return { file, sha256: sha256(bytes), mediaType, pages: null, text, encoding };
}

/** Limits on one input, in bytes. */
export interface ReadLimits {
  /** Any input larger is refused (`too-large`) without being read. */
  maxBytes?: number;
}

/** The default limits of `ingest` and `extract` (docs/ingest.md, "Limits"). */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_MAX_TEXT_BYTES = 16 * 1024 * 1024;

/** `12 MB`-style size for messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / (1024 * 1024 * 1024)).toFixed(1).replace(/\.0$/, '')} GiB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${n} bytes`;
}

/**
 * Read a whole input. Opened without blocking and checked to be a regular file before a byte
 * is read (a FIFO named like a plan would otherwise hang the batch); refused as `too-large`
 * above `maxBytes` without reading it; refused as `changed` when its size or modification
 * time moved while it was read (a file still being copied in). `file` names it in errors;
 * `path` (bytes for names that are not UTF-8) is what is opened.
 */
export async function readBytes(file: string, limits: ReadLimits = {}, path: string | Buffer = file): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(file, 'not-found', 'no such file', { cause });
    if (code === 'ELOOP') throw new InputError(file, 'not-a-file', 'a loop of symbolic links', { cause });
    throw new InputError(file, 'unreadable', `cannot be opened (${code ?? 'error'})`, { cause });
  }
  try {
    const before = await handle.stat({ bigint: true });
    if (!before.isFile()) throw new InputError(file, 'not-a-file', before.isDirectory() ? 'a folder, not a file' : 'not a regular file');
    const size = Number(before.size);
    if (limits.maxBytes !== undefined && size > limits.maxBytes) {
      throw new InputError(file, 'too-large', `${formatBytes(size)}, above the limit of ${formatBytes(limits.maxBytes)} per input (--max-file-size)`);
    }
    let bytes: Buffer;
    try {
      bytes = await handle.readFile();
    } catch (cause) {
      throw new InputError(file, 'unreadable', `cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, { cause });
    }
    const after = await handle.stat({ bigint: true });
    if (after.size !== before.size || after.mtimeNs !== before.mtimeNs || bytes.length !== size) {
      throw new InputError(file, 'changed', 'the file changed while it was read (still being written?); run again once it is complete');
    }
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export async function readTextSource(file: string): Promise<SourceDocument> {
  return textSourceFromBytes(file, await readBytes(file));
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
