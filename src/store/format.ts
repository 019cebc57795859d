/**
 * Printing query results: a plain table for people, CSV (RFC 4180) and JSON for programs.
 */
import type { Hit } from './store.js';

/** One CSV field: quoted when it holds a comma, a quote, or a line break. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (values: unknown[]) => `${values.map(csvField).join(',')}\r\n`;

export const HIT_COLUMNS = ['documentId', 'file', 'sha256', 'number', 'issuer', 'issuedDate', 'title', 'kind', 'section', 'sectionHeading', 'page', 'spanStart', 'spanEnd', 'passages', 'score', 'text'] as const;

export function hitRow(h: Hit): unknown[] {
  return [h.documentId, h.source.file, h.source.sha256, h.number, h.issuer, h.issuedDate, h.title, h.kind, h.section, h.sectionHeading, h.page, h.span?.[0] ?? null, h.span?.[1] ?? null, h.passages, h.score, h.text];
}

/** The passage around its first match, on one line, at most `width` characters. */
export function snippet(h: Hit, width = 100): string {
  const flat = h.text.replace(/\s+/g, ' ');
  if (flat.length <= width) return flat;
  const at = h.matches[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(at - Math.floor(width / 3), flat.length - width));
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + width - 2)}…`;
}

/** Columns padded to their widest cell (by code points). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: string[]) => `${cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - [...c].length))).join('  ')}\n`;
  return line(header) + line(widths.map((w) => '-'.repeat(w))) + rows.map(line).join('');
}

export function hitsTable(hits: Hit[]): string {
  return table(
    ['doc', 'number', 'kind', 'section', 'page', 'n', 'passage'],
    hits.map((h) => [String(h.documentId), h.number ?? '', h.kind, h.section ?? '', h.page === null ? '' : String(h.page), String(h.passages), snippet(h)]),
  );
}
