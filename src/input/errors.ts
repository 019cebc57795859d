/**
 * `InputError` and its codes without zod (source.ts builds its schema from the same list):
 * `vnplan restore` reads a file through this and nothing else of source.ts, and loading zod
 * would cost that process about 0.2 s of CPU.
 */
export const INPUT_ERROR_CODES = [
  'not-found', 'not-a-file', 'empty', 'unknown-encoding', 'unsupported-type', 'corrupt',
  'encrypted', 'too-large', 'ocr-failed', 'unreadable', 'tool-missing',
  // The file changed while it was read (a batch sees this; a rerun reads it again).
  'changed',
  // Written by vnplan before it read other encodings than UTF-8; still found in old manifests.
  'not-utf8',
] as const;
export type InputErrorCode = (typeof INPUT_ERROR_CODES)[number];

/** An input that cannot be read at all. Names the file and why. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly file: string,
    readonly code: InputErrorCode,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
  }
}
