/**
 * Colour dropout, as production capture software does it: the red of seals and the blue of
 * stamps and pens are taken off a colour scan before OCR, so that tesseract sees only the
 * black print. A pixel whose hue is red or blue, whose saturation is high and which is not
 * dark is stamp ink: it takes the value of its brightest channel, scaled so that the ink's
 * own colour becomes the paper's shade (the scanner trick of reading red ink in red light).
 * Pure ink turns paper white; print under the ink stays dark (black under red is dark in
 * every channel); the soft edge of print under ink keeps its gray.
 *
 * Black and dark blue-black pens (handwritten numbers) are not saturated and bright enough
 * to be dropped; red or blue printed text would be (plans print neither).
 */
import type { GrayPage } from './prepare.js';

/** A decoded colour page: interleaved RGB, 3 bytes a pixel. */
export interface RgbPage {
  data: Uint8Array;
  width: number;
  height: number;
  dpi: number;
}

/** Saturation (max−min)/max at or above which a pixel is ink of a colour; light pixels (the soft edges of ink, blurred and JPEG-subsampled) need less. */
const MIN_SATURATION = 0.28;
const MIN_SATURATION_LIGHT = 0.12;
const LIGHT = 170;
/** Brightest channel at or above which a saturated pixel is coloured ink, not dark print. */
const MIN_VALUE = 90;
/** A page with fewer coloured pixels than this share is a gray page scanned in colour. */
export const MIN_COLOUR_SHARE = 0.0005;

type Hue = 'red' | 'blue' | null;

function hueOf(r: number, g: number, b: number, max: number, min: number): Hue {
  const d = max - min;
  if (d === 0) return null;
  let h: number;
  if (max === r) h = ((g - b) / d) % 6;
  else if (max === g) h = (b - r) / d + 2;
  else h = (r - g) / d + 4;
  h *= 60;
  if (h < 0) h += 360;
  if (h >= 320 || h <= 30) return 'red';
  if (h >= 190 && h <= 275) return 'blue';
  return null;
}

export interface DropoutResult {
  page: GrayPage;
  /** Share of the page's pixels taken as red ink and as blue ink. */
  red: number;
  blue: number;
}

/** The most frequent level among the lighter half of a luma histogram. */
function paperOf(hist: Uint32Array): number {
  let best = 255;
  for (let v = 128; v < 256; v++) if (hist[v]! > hist[best]!) best = v;
  return best;
}

function medianOf(hist: Uint32Array, total: number): number {
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen * 2 >= total) return v;
  }
  return 255;
}

/** Gray page from a colour page with red and blue ink dropped (see the module comment). */
export function dropStampInk(rgb: RgbPage): DropoutResult {
  const n = rgb.width * rgb.height;
  const src = rgb.data;
  const gray = new Uint8Array(n);
  const hue = new Uint8Array(n); // 0 none, 1 red, 2 blue
  const luma = new Uint32Array(256);
  const inkValue = [new Uint32Array(256), new Uint32Array(256)];
  let red = 0;
  let blue = 0;
  for (let i = 0, k = 0; i < n; i++, k += 3) {
    const r = src[k]!, g = src[k + 1]!, b = src[k + 2]!;
    const y = (r * 299 + g * 587 + b * 114 + 500) / 1000;
    gray[i] = y;
    luma[y | 0]!++;
    const max = r > g ? (r > b ? r : b) : g > b ? g : b;
    if (max < MIN_VALUE) continue;
    const min = r < g ? (r < b ? r : b) : g < b ? g : b;
    if ((max - min) / max < (max >= LIGHT ? MIN_SATURATION_LIGHT : MIN_SATURATION)) continue;
    const h = hueOf(r, g, b, max, min);
    if (h === null) continue;
    hue[i] = h === 'red' ? 1 : 2;
    inkValue[h === 'red' ? 0 : 1]![max]!++;
    if (h === 'red') red++;
    else blue++;
  }
  const paper = paperOf(luma);
  // The ink's own brightest channel: scaled to paper, so pure ink vanishes.
  const inkMax = [medianOf(inkValue[0]!, red) || 255, medianOf(inkValue[1]!, blue) || 255];
  for (let i = 0, k = 0; i < n; i++, k += 3) {
    const hh = hue[i]!;
    if (hh === 0) continue;
    const r = src[k]!, g = src[k + 1]!, b = src[k + 2]!;
    const max = r > g ? (r > b ? r : b) : g > b ? g : b;
    gray[i] = Math.min(paper, Math.round((max * paper) / inkMax[hh - 1]!));
  }
  return { page: { data: gray, width: rgb.width, height: rgb.height, dpi: rgb.dpi }, red: red / n, blue: blue / n };
}

/** Luma of a colour page, nothing dropped (a gray page scanned in colour). */
export function toGray(rgb: RgbPage): GrayPage {
  const n = rgb.width * rgb.height;
  const gray = new Uint8Array(n);
  for (let i = 0, k = 0; i < n; i++, k += 3) gray[i] = (rgb.data[k]! * 299 + rgb.data[k + 1]! * 587 + rgb.data[k + 2]! * 114 + 500) / 1000;
  return { data: gray, width: rgb.width, height: rgb.height, dpi: rgb.dpi };
}
