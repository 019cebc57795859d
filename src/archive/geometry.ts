/**
 * Boxes of an OCRed page, from the frame OCR measured them in (the page image straightened
 * and brought to at most 300 dpi: `PageFrame`) back onto the page image itself, and from
 * there onto a PDF page. A box is axis-aligned in the frame; on a page image that was turned
 * (a skewed scan) it is a quadrilateral, kept as its four corners.
 */
import type { BBox, PageFrame } from '../input/source.js';

export interface Point {
  x: number;
  y: number;
}

/** Corners of a box: upper left, upper right, lower left, lower right (mupdf's order). */
export interface Quad {
  ul: Point;
  ur: Point;
  ll: Point;
  lr: Point;
}

/** An affine map [a b c d e f]: (x, y) → (a x + c y + e, b x + d y + f), as in PDF. */
export type Affine = [number, number, number, number, number, number];

export const applyAffine = (m: Affine, p: Point): Point => ({ x: m[0] * p.x + m[2] * p.y + m[4], y: m[1] * p.x + m[3] * p.y + m[5] });

export function invertAffine(m: Affine): Affine {
  const det = m[0] * m[3] - m[1] * m[2];
  if (det === 0) throw new Error('singular matrix');
  const a = m[3] / det, b = -m[1] / det, c = -m[2] / det, d = m[0] / det;
  return [a, b, c, d, -(a * m[4] + c * m[5]), -(b * m[4] + d * m[5])];
}

/** `first` then `second`. */
export const concatAffine = (first: Affine, second: Affine): Affine => [
  first[0] * second[0] + first[1] * second[2],
  first[0] * second[1] + first[1] * second[3],
  first[2] * second[0] + first[3] * second[2],
  first[2] * second[1] + first[3] * second[3],
  first[4] * second[0] + first[5] * second[2] + second[4],
  first[4] * second[1] + first[5] * second[3] + second[5],
];

/**
 * The map from a frame's pixels to the page image's pixels. The frame is the page image
 * scaled by `dpi / imageDpi` (sharp rounds the size), then turned `angle` degrees clockwise
 * about its centre on a canvas grown to hold it (`width` × `height`): undone here in reverse.
 */
export function frameToImage(frame: PageFrame): Affine {
  const scaledW = frame.dpi === frame.imageDpi ? frame.imageWidth : Math.round(frame.imageWidth * (frame.dpi / frame.imageDpi));
  const scaledH = frame.dpi === frame.imageDpi ? frame.imageHeight : Math.round(frame.imageHeight * (frame.dpi / frame.imageDpi));
  const t = (frame.angle * Math.PI) / 180;
  const cos = Math.cos(t), sin = Math.sin(t);
  // Rotated (X, Y) → scaled (x, y): x = (X − W/2) cos + (Y − H/2) sin + w/2, y = −(X − W/2) sin + (Y − H/2) cos + h/2.
  const cx = frame.width / 2, cy = frame.height / 2;
  const unrotate: Affine = [cos, -sin, sin, cos, -cx * cos - cy * sin + scaledW / 2, cx * sin - cy * cos + scaledH / 2];
  const unscale: Affine = [frame.imageWidth / scaledW, 0, 0, frame.imageHeight / scaledH, 0, 0];
  return concatAffine(unrotate, unscale);
}

export function quadOf(box: BBox, m: Affine): Quad {
  return {
    ul: applyAffine(m, { x: box.x0, y: box.y0 }),
    ur: applyAffine(m, { x: box.x1, y: box.y0 }),
    ll: applyAffine(m, { x: box.x0, y: box.y1 }),
    lr: applyAffine(m, { x: box.x1, y: box.y1 }),
  };
}

/** The axis-aligned box around a quad, in whole pixels, within `width` × `height`. */
export function boundsOf(q: Quad, width: number, height: number): BBox {
  const xs = [q.ul.x, q.ur.x, q.ll.x, q.lr.x], ys = [q.ul.y, q.ur.y, q.ll.y, q.lr.y];
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  return {
    x0: clamp(Math.floor(Math.min(...xs)), width),
    y0: clamp(Math.floor(Math.min(...ys)), height),
    x1: clamp(Math.ceil(Math.max(...xs)), width),
    y1: clamp(Math.ceil(Math.max(...ys)), height),
  };
}
