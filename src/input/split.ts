/**
 * Several documents in one file: a Tờ trình scanned with the draft Quyết định it asks for,
 * a plan with the decision of another body stapled behind it. A new document opens a page
 * with its own header: an issuer block and the national motto, with a number line (`Số:`)
 * or a document type (`QUYẾT ĐỊNH`) beside or below them. The file is cut before each such
 * page (never before the first), and each part is a document of its own (`part` 1, 2 …).
 *
 * A plan issued by a decision (`QUYẾT ĐỊNH … ban hành Kế hoạch`, then `KẾ HOẠCH (Kèm theo …)`
 * without a header of its own) stays one document: its plan pages carry no motto.
 */
import { MOTTO_PATTERNS, OWN_DOCUMENT_TYPES } from '../data/documents.js';
import { fold, foldWords, upperRatio } from '../text/index.js';
import { joinPages, type SourceDocument, type SourcePage } from './source.js';

/** The header is among a page's first lines. */
const HEADER_LINES = 14;
/** Types a document opening a page may have (upper case on the page). */
const TYPES = [...OWN_DOCUMENT_TYPES, 'Tờ trình', 'Công văn', 'Nghị quyết', 'Quy định', 'Quy chế', 'Chương trình'];
const NUMBER_LINE = /^\s*S\S{0,2}\s*[:.]/u;

export interface DocumentStart {
  opens: boolean;
  /** What was found, for the message. */
  found: string[];
}

/** Does a new document open this page? Its first lines hold an issuer block, the motto and a number or type line. */
export function opensDocument(page: Pick<SourcePage, 'text'>): DocumentStart {
  const lines = page.text.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, HEADER_LINES);
  const folded = fold(lines.join('\n'));
  const motto = MOTTO_PATTERNS.some((re) => new RegExp(re.source).test(folded));
  if (!motto) return { opens: false, found: [] };
  const isMotto = (l: string) => MOTTO_PATTERNS.some((re) => new RegExp(re.source).test(fold(l))) || /^c\S*ng h\S*a\b|^h\S*i ch\S* ngh/u.test(fold(l));
  const issuer = lines.some((l) => !isMotto(l) && upperRatio(l) >= 0.7 && (l.match(/\p{L}{2,}/gu) ?? []).length >= 2 && !TYPES.some((t) => foldWords(t) === foldWords(l)));
  const number = lines.some((l) => NUMBER_LINE.test(l));
  const type = lines.find((l) => upperRatio(l) >= 0.7 && TYPES.some((t) => foldWords(t) === foldWords(l)));
  const found = ['national motto', ...(issuer ? ['issuer block'] : []), ...(number ? ['number line'] : []), ...(type ? [`type ${type}`] : [])];
  return { opens: issuer && (number || type !== undefined), found };
}

/**
 * The documents of a paged source, in file order: the source itself when it holds one, else
 * one SourceDocument per part (`part` 1, 2 …; pages keep their numbers in the file).
 */
export function splitDocuments(source: SourceDocument): SourceDocument[] {
  const pages = source.pages;
  if (!pages || pages.length < 2) return [source];
  const starts: Array<{ at: number; found: string[] }> = [];
  pages.forEach((page, i) => {
    if (i === 0 || page.method === 'blank') return;
    const s = opensDocument(page);
    if (s.opens) starts.push({ at: i, found: s.found });
  });
  if (!starts.length) return [source];
  const bounds = [0, ...starts.map((s) => s.at), pages.length];
  const count = bounds.length - 1;
  return Array.from({ length: count }, (_, k) => {
    const partPages = pages.slice(bounds[k], bounds[k + 1]).map((p) => ({ ...p }));
    const first = partPages[0]!;
    const why = k === 0 ? 'the file holds further documents' : `a new document opens the page (${starts[k - 1]!.found.join(', ')})`;
    first.messages = [
      ...(first.messages ?? []),
      { ruleId: 'document-split', reason: `Part ${k + 1} of ${count} of the file (pages ${first.number}–${partPages[partPages.length - 1]!.number}): ${why}`, severity: 'info' as const },
    ];
    return { ...source, part: k + 1, pages: partPages, text: joinPages(partPages) };
  });
}
