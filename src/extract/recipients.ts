/**
 * `Nơi nhận`: one string per bullet, trailing `;`/`.` removed, `Lưu: …` included. The
 * signature column printed to the right of the list is cut off each line first.
 */
import { RECIPIENTS_CUE } from '../data/sections.js';
import type { LineNode } from '../tree.js';
import { splitColumns } from './signature.js';
import { fold, startsWithCue, upperRatio } from '../text/index.js';

/** A bullet, also as OCR reads a dash (`~ Các đoàn thể`, `»` normalised to `”`). */
const BULLET = /^(?:[-+•*–—]|[~”=](?=\s))\s*/u;
const TRAILING = /[\s;:.,\-–]+$/u;
/**
 * A recipient that lists units after a colon (`- Các Phòng: Nội vụ; Y tế;`) may wrap after
 * one of its own `;`: such a bullet stays open for a wrapped line.
 */
const INNER_LIST = /:[^;]*;.*;\s*$/u;

export function extractRecipients(lines: readonly LineNode[]): string[] {
  let start = lines.findIndex((l) => startsWithCue(l.value.trim(), RECIPIENTS_CUE));
  // OCR may garble `Nơi nhận`: the list then starts at the first bullet after the line
  // that carries the signature column's authority mark (`Ng;; nhận … TM. ỦY BAN NHÂN DÂN`).
  if (start < 0) {
    const mark = lines.findIndex((l) => splitColumns(l.value).right?.kind === 'authority');
    const bullet = lines.findIndex((l, i) => i > mark && BULLET.test(l.value.trim()));
    if (mark < 0 || bullet !== mark + 1) return [];
    start = mark;
  }
  const items: string[] = [];
  const firstLine = startsWithCue(lines[start]!.value.trim(), RECIPIENTS_CUE) ? lines[start]!.value : '';
  // Text after `Nơi nhận:` on its own line (`Nơi nhận: - Sở …;`).
  const afterCue = firstLine.slice(firstLine.indexOf(':') + 1);
  const candidates = [firstLine.includes(':') ? afterCue : '', ...lines.slice(start + 1).map((l) => l.value)];
  let open = false;
  /** The last bullet lists units after a colon: a wrapped line may be all abbreviations. */
  let listing = false;
  /** The line above ended with the next bullet's dash (`- V01, C04 - Bộ Công an; -`). */
  let dashCarried = false;
  for (const value of candidates) {
    const { left, right } = splitColumns(value);
    let text = left.trim();
    if (text === '') continue;
    if (dashCarried && !BULLET.test(text)) text = `- ${text}`;
    const carried = /;\s*[-–]$/u.exec(text);
    dashCarried = carried !== null;
    if (carried) text = text.slice(0, carried.index + 1);
    if (BULLET.test(text)) {
      const item = text.replace(BULLET, '');
      if (clean(item)) items.push(item);
      listing = INNER_LIST.test(text);
      open = !/[;.]\s*$/.test(text) || listing;
    } else if (/^l\S{0,2}u\s*:/.test(fold(text))) {
      items.push(text); // `Lưu: VT.` printed without its bullet
      open = false;
    } else if (open && items.length && (/^\p{Ll}/u.test(text) || upperRatio(text) < 0.6 || /,\s*$/.test(items[items.length - 1]!) || (listing && !right && /;\s*$/.test(text)))) {
      // (a line after a comma goes on the list however it is cased: `- Sở: NN&MT, TC,` / `GD&ĐT;`)
      // A recipient wrapped onto the next line (its bullet not closed by `;` or `.`).
      items[items.length - 1] = `${items[items.length - 1]} ${text}`;
      open = !/[;.]\s*$/.test(text) || listing;
    }
  }
  return items.map(clean);
}

function clean(s: string): string {
  return s.replace(/\.\/\.?\s*$/u, '').replace(/\s+/g, ' ').replace(TRAILING, '').trim();
}
