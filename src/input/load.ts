/**
 * Load any supported input into a SourceDocument. The media type is sniffed from the
 * bytes (a file's name can lie); text is the fallback for anything that decodes as UTF-8.
 */
import { InputError, type SourceDocument } from './source.js';
import { readBytes, textSourceFromBytes } from './text.js';

export interface LoadOptions {
  /** Set by the OCR layer; text inputs need none of it. */
  [key: string]: unknown;
}

export type Loader = (file: string, bytes: Uint8Array, options: LoadOptions) => Promise<SourceDocument>;

/** Names that promise binary page data; the bytes still decide which loader reads them. */
const BINARY_EXTENSIONS = /\.(pdf|png|jpe?g|tiff?)$/i;

/** Media types with a loader other than plain text; the OCR layer registers its own. */
const loaders = new Map<string, Loader>();

export function registerLoader(mediaType: string, loader: Loader): void {
  loaders.set(mediaType, loader);
}

/** The media type the bytes show, or null for text (and anything unknown). */
export function sniffMediaType(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff';
  return null;
}

// Paged inputs: mupdf and sharp are loaded only when such a file comes.
registerLoader('application/pdf', async (file, bytes, options) => (await import('./pdf.js')).loadPdf(file, bytes, options));
for (const mediaType of ['image/png', 'image/jpeg', 'image/tiff']) {
  registerLoader(mediaType, async (file, bytes, options) => (await import('./image.js')).loadImage(file, bytes, options, mediaType));
}

export async function loadSource(file: string, options: LoadOptions = {}): Promise<SourceDocument> {
  return loadSourceFromBytes(file, await readBytes(file), options);
}

/** As `loadSource`, for bytes already read (a batch hashes them before deciding to load). */
export async function loadSourceFromBytes(file: string, bytes: Uint8Array, options: LoadOptions = {}): Promise<SourceDocument> {
  if (bytes.length === 0) throw new InputError(file, 'empty', 'the file is empty');
  const mediaType = sniffMediaType(bytes);
  if (mediaType === null) {
    const claimed = BINARY_EXTENSIONS.exec(file)?.[1];
    // A ".pdf" holding text is a failed download or a renamed file, not a plan to read as text.
    if (claimed) throw new InputError(file, 'unsupported-type', `named .${claimed.toLowerCase()} but its bytes are not ${claimed.toUpperCase()} data`);
    return textSourceFromBytes(file, bytes);
  }
  const loader = loaders.get(mediaType);
  if (!loader) throw new InputError(file, 'unsupported-type', `${mediaType} input is not supported in this build`);
  return loader(file, bytes, options);
}
