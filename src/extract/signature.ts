/**
 * The signature block: authority chain (`TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`), the
 * signer's title and name. Scans put the signature column to the right of `Nơi nhận`,
 * and OCR interleaves the two columns on one line, so each back line is split into its
 * left (recipients) and right (signature) parts first.
 */
import type { Signature } from '../contract/plan.js';
import type { LineNode } from '../tree.js';
import { splitColumns } from '../segment/footer.js';

export { isPersonName, isSignatureLine, splitColumns, type ColumnSplit } from '../segment/footer.js';

/** Read the signature from the back matter's lines. */
export function extractSignature(lines: readonly LineNode[]): Signature | null {
  const authority: string[] = [];
  let position: string | null = null;
  let signer: string | null = null;
  let first: { line: LineNode; at: number } | undefined;
  let last: { line: LineNode; end: number } | undefined;
  for (const line of lines) {
    const split = splitColumns(line.value);
    const r = split.right;
    if (!r) continue;
    if (r.kind === 'authority') {
      if (signer) continue;
      // `KT. CHỦ TỊCH` is part of the chain; a title after it is the signer's own.
      authority.push(r.text.replace(/\s+/g, ' '));
    } else if (r.kind === 'position') {
      if (signer || position) continue;
      position = r.text.replace(/\s+/g, ' ');
    } else if (r.kind === 'name') {
      if (signer || (authority.length === 0 && position === null)) continue;
      signer = r.text.replace(/\s+/g, ' ');
    }
    first ??= { line, at: r.at };
    last = { line, end: r.at + r.text.length };
  }
  if (authority.length === 0 && position === null && signer === null) return null;
  const sig: Signature = { authority: authority.length ? authority.join(' ') : null, position, signer };
  if (first && last) {
    const start = (first.line.position?.start.offset ?? 0) + first.at;
    const end = (last.line.position?.start.offset ?? 0) + last.end;
    if (end >= start) sig.span = [start, end];
    if (first.line.data.page !== undefined) sig.page = first.line.data.page;
  }
  return sig;
}

