/**
 * Blank pages: the backs of single-sided sheets scanned duplex, separator sheets. Such a page
 * holds paper, print showing through from the other side (a faint mirror of the text, tens of
 * levels below the paper) and dust; no ink. Judged at about 100 dpi on the gray page: the
 * share of pixels clearly darker than the paper, away from the edges (scanner shadows),
 * counted only where a dark pixel has a dark neighbour (dust is single specks).
 */

/** A pixel this many levels below the paper's shade is ink (show-through stays within ~30). */
const INK_BELOW_PAPER = 80;
/** Margins left out on every side (scanner edge shadows, punch holes), as a share of the side. */
const EDGE = 0.04;
/**
 * Below this share of inked pixels (at 100 dpi) a page is blank. A page holding only a
 * signature block inks about 1.5 %, a page number alone about 0.01 %; a blank back's specks
 * do not count (isolated pixels).
 */
export const BLANK_INK_SHARE = 0.0004;

export interface BlankJudgement {
  blank: boolean;
  /** Share of the inner page's pixels that are ink with an inked neighbour. */
  ink: number;
}

/** `data` is an 8-bit gray page of `width`×`height`; `paper` its paper shade (see prepare.ts `paperLevel`). */
export function judgeBlank(data: Uint8Array, width: number, height: number, paper: number): BlankJudgement {
  const threshold = paper - INK_BELOW_PAPER;
  const x0 = Math.floor(width * EDGE), x1 = Math.ceil(width * (1 - EDGE));
  const y0 = Math.floor(height * EDGE), y1 = Math.ceil(height * (1 - EDGE));
  let ink = 0;
  for (let y = y0 + 1; y < y1 - 1; y++) {
    const row = y * width;
    for (let x = x0 + 1; x < x1 - 1; x++) {
      if (data[row + x]! > threshold) continue;
      if (data[row + x - 1]! <= threshold || data[row + x + 1]! <= threshold || data[row - width + x]! <= threshold || data[row + width + x]! <= threshold) ink++;
    }
  }
  const share = ink / Math.max(1, (x1 - x0) * (y1 - y0));
  return { blank: share < BLANK_INK_SHARE, ink: Math.round(share * 1e6) / 1e6 };
}
