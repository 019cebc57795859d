/**
 * What a search asks: text, agency, issuer, a date range, kinds of passage. Shared by
 * `vnplan query` and `GET /v1/search`, validated by one zod schema.
 */
import { z } from 'zod';
import { foldedWords, searchFold } from './fold.js';
import { PASSAGE_KINDS } from './passages.js';

/** A date as an analyst types it: `2023`, `2023-10`, `2023-10-01`. */
export const QueryDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a date: YYYY, YYYY-MM or YYYY-MM-DD')
  .describe('YYYY, YYYY-MM or YYYY-MM-DD');

export const PassageKind = z.enum(PASSAGE_KINDS).describe('what a passage is: the document (its title), a section heading, an extracted item, or a paragraph of text no item covers');

export const SearchQuery = z.object({
  text: z.string().trim().min(1).max(1000).optional().describe('words to find, with or without marks; "a phrase" in quotes; a word ending in * as a prefix'),
  agency: z.string().trim().min(1).max(300).optional().describe('an agency given tasks (lead or partner), in any spelling: its canonical key is compared; a trailing place narrows'),
  issuer: z.string().trim().min(1).max(300).optional().describe('the issuing body, in any spelling (its key, and its place when given)'),
  from: QueryDate.optional().describe('deadlines on or after this date'),
  to: QueryDate.optional().describe('deadlines on or before this date'),
  kind: z.array(PassageKind).optional().describe('kinds of passage to return'),
  group: z.enum(['document', 'passage']).default('document').describe('one hit per document (its best passage, with the count of matching ones) or every passage'),
  limit: z.number().int().min(1).max(1000).default(50),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});
export type SearchQuery = z.input<typeof SearchQuery>;
export type SearchQueryParsed = z.output<typeof SearchQuery>;

export interface ParsedText {
  /** The FTS5 expression: every term must match. */
  match: string;
  /** All words in order as one phrase (ranked first), when the query is plain words. */
  phrase: string | null;
  /** Folded words (a trailing `*` for a prefix), to find in a hit's passage. */
  words: string[];
}

/** Parse the text of a query into an FTS5 expression over the folded index; null when it has no word. */
export function parseText(text: string): ParsedText | null {
  const terms: string[] = [];
  const words: string[] = [];
  let plain = true;
  const re = /"([^"]*)"|(\S+)/g;
  for (const m of text.normalize('NFC').matchAll(re)) {
    const raw = m[1] ?? m[2]!;
    const prefix = m[2] !== undefined && raw.endsWith('*');
    const ws = foldedWords(prefix ? raw.slice(0, -1) : raw);
    if (!ws.length) continue;
    if (m[1] !== undefined || prefix || ws.length > 1) plain = false;
    if (prefix) {
      terms.push(`${quote(ws.join(' '))}*`); // FTS5: the phrase's last word as a prefix
      words.push(...ws.slice(0, -1), `${ws.at(-1)}*`);
    } else {
      terms.push(quote(ws.join(' ')));
      words.push(...ws);
    }
  }
  if (!terms.length) return null;
  const match = terms.join(' AND ');
  const phrase = plain && words.length > 1 ? quote(words.join(' ')) : null;
  return { match, phrase, words };
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Day bounds of a query's range: `--from 2023 --to 2023` is 2023-01-01…2023-12-31. */
export function queryRange(from?: string, to?: string): { from: string; to: string } | null {
  if (!from && !to) return null;
  const start = from ? (from.length === 4 ? `${from}-01-01` : from.length === 7 ? `${from}-01` : from) : '0001-01-01';
  let end = '9999-12-31';
  if (to) {
    if (to.length === 4) end = `${to}-12-31`;
    else if (to.length === 7) {
      const [y, m] = to.split('-').map(Number) as [number, number];
      end = `${to}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
    } else end = to;
  }
  return { from: start, to: end };
}

export { searchFold };
