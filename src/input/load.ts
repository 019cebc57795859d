/**
 * Load any supported input into a SourceDocument. The media type is sniffed from the
 * bytes (a file's name can lie); text is the fallback for anything else (./encoding.ts says
 * which bytes are text).
 */
import { DOC_MEDIA_TYPE, DOCX_MEDIA_TYPE } from '../data/word.js';
import { InputError, type SourceDocument } from './source.js';
import { readBytes, textSourceFromBytes } from './text.js';

export interface LoadOptions {
  /** Set by the OCR layer; text inputs need none of it. */
  [key: string]: unknown;
}

export type Loader = (file: string, bytes: Uint8Array, options: LoadOptions) => Promise<SourceDocument>;

/** Names that promise binary data; the bytes still decide which loader reads them. */
const BINARY_EXTENSIONS = /\.(pdf|png|jpe?g|tiff?|docx|doc)$/i;

/** Media types with a loader other than plain text; the OCR layer registers its own. */
const loaders = new Map<string, Loader>();

export function registerLoader(mediaType: string, loader: Loader): void {
  loaders.set(mediaType, loader);
}

/** A ZIP archive holding a Word body; entry names are plain bytes in its headers. */
function isDocx(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('word/document.xml');
}

/** The media type the bytes show, or null for text (and anything unknown). */
export function sniffMediaType(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return isDocx(bytes) ? DOCX_MEDIA_TYPE : 'application/zip';
  // OLE2 compound file: Word 97–2003 (also Excel and PowerPoint: antiword tells them apart).
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return DOC_MEDIA_TYPE;
  return null;
}

// mupdf, sharp and the Word readers are loaded only when such a file comes.
registerLoader('application/pdf', async (file, bytes, options) => (await import('./pdf.js')).loadPdf(file, bytes, options));
for (const mediaType of ['image/png', 'image/jpeg', 'image/tiff']) {
  registerLoader(mediaType, async (file, bytes, options) => (await import('./image.js')).loadImage(file, bytes, options, mediaType));
}
registerLoader(DOCX_MEDIA_TYPE, async (file, bytes) => (await import('./docx.js')).loadDocx(file, bytes));
registerLoader(DOC_MEDIA_TYPE, async (file, bytes) => (await import('./doc.js')).loadDoc(file, bytes));
registerLoader('application/zip', async (file) => {
  throw new InputError(file, 'unsupported-type', 'a ZIP archive that is not a Word document (.docx): unpack it, or save it as .docx');
});

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
