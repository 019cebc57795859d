/**
 * Plans printed the way offices print them (Nghị định 30/2020/NĐ-CP, Phụ lục I): a two-column
 * header table (issuer and `Số:` left; national motto and `place, ngày …` right), the type
 * and title centred in bold, a justified body, a two-column footer (`Nơi nhận:` left, the
 * signature block right), page numbers centred at the top from page 2 on. Then what happens
 * to the sheet after printing: a handwritten number in the `Số:` blank, a signature, a red
 * round seal over it, a blue incoming stamp (`ĐẾN`) over the header, optionally the box of
 * a digital signature.
 *
 * `layoutOfficeDocument` places the text; `officePageTruth` gives each page's text in
 * reading order (header left column, right column, title, body, footer left, footer right;
 * no page numbers, stamps, seal or signature); `renderOfficePage` draws a page in colour.
 * Deterministic for a seed.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import type { OfficePlan } from './office-plan.js';
import { seededRandom } from './random.js';
import { fontAlias, pickFont, pickItalicFont } from './render.js';

export type Zone = 'header-left' | 'header-right' | 'title' | 'body' | 'footer-left' | 'footer-right';
export const ZONE_ORDER: readonly Zone[] = ['header-left', 'header-right', 'title', 'body', 'footer-left', 'footer-right'];
type Face = 'regular' | 'bold' | 'italic' | 'boldItalic';

export interface TextItem {
  text: string;
  zone: Zone;
  face: Face;
  px: number;
  x: number;
  baseline: number;
  /** Extra space per word gap (justified lines). */
  wordSpace: number;
  /** Printed as `Số:` + a blank + the code; the digits are written by hand into the blank. */
  handNumber?: { prefix: string; digits: string; code: string; gap: number };
  width: number;
}

export interface Rule {
  x0: number;
  x1: number;
  y: number;
}

export interface OfficePageLayout {
  width: number;
  height: number;
  dpi: number;
  number: number;
  items: TextItem[];
  /** Text that is on the page but not the document's (page numbers). */
  furniture: TextItem[];
  rules: Rule[];
  /** Where the signature goes (footer right column): centre x, the blank's top and bottom. */
  signatureBlank?: { cx: number; top: number; bottom: number };
  /** The header table's box. */
  header?: { x0: number; y0: number; x1: number; y1: number; numberLineBottom: number };
}

export interface OfficeLayoutOptions {
  dpi?: number;
  bodyPt?: number;
  /** Leave the `Số:` digits to be written by hand (the printed line has a blank). */
  handwrittenNumber?: boolean;
  /** Page size in mm (tests use short pages). */
  pageMm?: { width: number; height: number };
}

const MM = (dpi: number) => dpi / 25.4;
const PT = (dpi: number) => dpi / 72;

interface Fonts {
  regular: string;
  bold: string;
  italic: string;
  boldItalic: string;
}

function fonts(): Fonts {
  const f = pickFont();
  return { regular: f.regular, bold: f.bold, ...pickItalicFont() };
}

function setFont(ctx: SKRSContext2D, f: Fonts, face: Face, px: number): void {
  ctx.font = `${px.toFixed(2)}px ${fontAlias(f[face])}`;
}

function wrapWords(ctx: SKRSContext2D, text: string, first: number, rest: number): string[] {
  const words = text.split(/\s+/u).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    const cand = cur ? `${cur} ${w}` : w;
    if (ctx.measureText(cand).width <= (lines.length ? rest : first) || !cur) cur = cand;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur) lines.push(cur);
  return lines;
}

/** Lays a plan out on A4 pages as an office prints it. */
export function layoutOfficeDocument(plan: OfficePlan, options: OfficeLayoutOptions = {}): OfficePageLayout[] {
  const dpi = options.dpi ?? 300;
  const mm = MM(dpi);
  const pt = PT(dpi);
  const f = fonts();
  const ctx = createCanvas(8, 8).getContext('2d');
  const pageMm = options.pageMm ?? { width: 210, height: 297 };
  const width = Math.round(pageMm.width * mm);
  const height = Math.round(pageMm.height * mm);
  const left = Math.round(30 * mm);
  const right = width - Math.round(15 * mm);
  const top = Math.round(20 * mm);
  const bottom = height - Math.round(20 * mm);
  const bodyPx = (options.bodyPt ?? 13) * pt;
  const lineGap = bodyPx * 1.28;
  const pages: OfficePageLayout[] = [];
  let page: OfficePageLayout;
  let y: number;
  const newPage = () => {
    page = { width, height, dpi, number: pages.length + 1, items: [], furniture: [], rules: [] };
    pages.push(page);
    y = top;
    if (page.number > 1) {
      // Page numbers from page 2, centred in the top margin.
      setFont(ctx, f, 'regular', bodyPx);
      const t = String(page.number);
      const w = ctx.measureText(t).width;
      page.furniture.push({ text: t, zone: 'body', face: 'regular', px: bodyPx, x: (left + right) / 2 - w / 2, baseline: top - 5 * mm, wordSpace: 0, width: w });
    }
  };
  newPage();
  const place = (zone: Zone, text: string, face: Face, px: number, x0: number, x1: number, baseline: number, align: 'left' | 'center' = 'center'): TextItem => {
    setFont(ctx, f, face, px);
    let size = px;
    let w = ctx.measureText(text).width;
    // A header cell too narrow for its line: the line is set a little smaller, as typists do.
    while (w > x1 - x0 && size > px * 0.75) {
      size *= 0.97;
      setFont(ctx, f, face, size);
      w = ctx.measureText(text).width;
    }
    const x = align === 'center' ? (x0 + x1) / 2 - w / 2 : x0;
    const item: TextItem = { text, zone, face, px: size, x, baseline, wordSpace: 0, width: w };
    page.items.push(item);
    return item;
  };

  // Header table: left column about 40 % of the text width.
  const split = left + Math.round((right - left) * 0.4);
  const headPx = 12.5 * pt;
  const headGap = headPx * 1.3;
  let ly = y! + headPx;
  plan.issuer.forEach((line, i) => {
    place('header-left', line, i === plan.issuer.length - 1 ? 'bold' : 'regular', headPx, left, split, ly);
    ly += headGap;
  });
  const lastIssuer = page!.items[page!.items.length - 1]!;
  page!.rules.push({ x0: lastIssuer.x + lastIssuer.width * 0.3, x1: lastIssuer.x + lastIssuer.width * 0.7, y: ly - headGap + 0.35 * headPx });
  let ry = y! + headPx;
  place('header-right', plan.motto[0], 'bold', headPx * 0.96, split, right, ry);
  ry += headGap;
  const motto2 = place('header-right', plan.motto[1], 'bold', headPx * 1.04, split, right, ry);
  page!.rules.push({ x0: motto2.x, x1: motto2.x + motto2.width, y: ry + 0.3 * headPx });
  ry += headGap;
  const rowY = Math.max(ly, ry) + 0.45 * headPx;
  // `Số: 1026/KH-UBND`, the digits left blank for the hand when asked.
  setFont(ctx, f, 'regular', headPx);
  const numberText = `Số: ${plan.number.digits}${plan.number.code}`;
  if (options.handwrittenNumber && plan.number.digits) {
    const prefix = 'Số:';
    const gap = 16 * mm;
    const w = ctx.measureText(`${prefix} `).width + gap + ctx.measureText(plan.number.code).width;
    const x = (left + split) / 2 - w / 2;
    page!.items.push({ text: numberText, zone: 'header-left', face: 'regular', px: headPx, x, baseline: rowY, wordSpace: 0, width: w, handNumber: { prefix, digits: plan.number.digits, code: plan.number.code, gap } });
  } else place('header-left', numberText, 'regular', headPx, left, split, rowY);
  place('header-right', plan.placeDate, 'italic', headPx * 1.04, split, right, rowY);
  page!.header = { x0: left, y0: y!, x1: right, y1: rowY + 0.4 * headPx, numberLineBottom: rowY + 0.3 * headPx };
  y = rowY + 12 * mm;

  // Type and title, centred, bold.
  const titlePx = 13.5 * pt;
  place('title', plan.type, 'bold', titlePx * 1.05, left, right, y!);
  y! += titlePx * 1.3;
  setFont(ctx, f, 'bold', titlePx);
  const titleWidth = (right - left) * 0.8;
  for (const line of wrapWords(ctx, plan.title, titleWidth, titleWidth)) {
    place('title', line, 'bold', titlePx, left, right, y!);
    y! += titlePx * 1.3;
  }
  page!.rules.push({ x0: (left + right) / 2 - 18 * mm, x1: (left + right) / 2 + 18 * mm, y: y! - titlePx * 0.9 });
  y! += 5 * mm;

  // Body: justified, first-line indent, bold headings.
  const indent = 10 * mm;
  for (const para of plan.body) {
    const face: Face = para.bold ? 'bold' : 'regular';
    setFont(ctx, f, face, bodyPx);
    const full = right - left;
    const lines = wrapWords(ctx, para.text, full - indent, full);
    y! += 3 * pt;
    lines.forEach((text, i) => {
      if (y! + bodyPx > bottom) newPage();
      setFont(ctx, f, face, bodyPx);
      const w = ctx.measureText(text).width;
      const x = left + (i === 0 ? indent : 0);
      const avail = full - (i === 0 ? indent : 0);
      const gaps = text.split(' ').length - 1;
      const justify = i < lines.length - 1 && gaps > 0;
      page.items.push({
        text, zone: 'body', face, px: bodyPx, x, baseline: y! + bodyPx * 0.8,
        wordSpace: justify ? (avail - w) / gaps : 0, width: justify ? avail : w,
      });
      y! += lineGap;
    });
  }

  // Footer table: Nơi nhận left, signature right; kept together on one page.
  const footSplit = left + Math.round((right - left) * 0.45);
  const recPx = 11 * pt;
  const recHeadPx = 12 * pt;
  setFont(ctx, f, 'regular', recPx);
  const recLines: string[] = [];
  const hang = ctx.measureText('- ').width;
  for (const r of plan.recipients) {
    const wrapped = wrapWords(ctx, `- ${r}`, footSplit - left - 2 * mm, footSplit - left - 2 * mm - hang);
    recLines.push(...wrapped);
  }
  const leftHeight = recHeadPx * 1.4 + recLines.length * recPx * 1.25;
  const sigPx = 13 * pt;
  const sigLines = [...plan.signature.authority, ...(plan.signature.position ? [plan.signature.position] : [])];
  const blank = 30 * mm;
  const rightHeight = sigLines.length * sigPx * 1.3 + blank + sigPx * 1.3;
  const footHeight = Math.max(leftHeight, rightHeight);
  y! += 6 * mm;
  if (y! + footHeight > bottom) newPage();
  let fy = y! + recHeadPx;
  place('footer-left', 'Nơi nhận:', 'boldItalic', recHeadPx, left, footSplit, fy, 'left');
  fy += recHeadPx * 1.4;
  for (const line of recLines) {
    place('footer-left', line, 'regular', recPx, /^- /.test(line) ? left : left + hang, footSplit, fy, 'left');
    fy += recPx * 1.25;
  }
  let sy = y! + sigPx;
  for (const line of sigLines) {
    place('footer-right', line, 'bold', sigPx, footSplit, right, sy);
    sy += sigPx * 1.3;
  }
  page!.signatureBlank = { cx: (footSplit + right) / 2, top: sy - sigPx * 0.6, bottom: sy - sigPx * 0.6 + blank };
  sy += blank;
  place('footer-right', plan.signature.signer, 'bold', sigPx, footSplit, right, sy);
  return pages;
}

/** A page's text in reading order: header left, header right, title, body, footer left, footer right. */
export function officePageTruth(page: OfficePageLayout): string {
  const lines: string[] = [];
  for (const zone of ZONE_ORDER) for (const item of page.items.filter((i) => i.zone === zone)) lines.push(item.text);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export interface OfficeMarks {
  /** Digits written by hand into the `Số:` blank (the layout must leave it). */
  handwriting?: boolean;
  signature?: boolean;
  /** A red round seal over the signature: the issuer's name around it. */
  seal?: { text: string };
  /** A blue incoming stamp over the header. */
  incomingStamp?: { org: string; number: string; date: string };
  /** The box a digital signature leaves on the printout (top right of page 1). */
  signatureBox?: { signer: string; time: string };
}

export const INK = {
  text: [17, 17, 17] as const,
  pen: [28, 30, 48] as const,
  signaturePen: [30, 55, 165] as const,
  seal: [214, 38, 46] as const,
  stamp: [38, 74, 188] as const,
};

const rgb = (c: readonly number[]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

/** Digit skeletons (unit box, y down) for handwriting. */
const DIGITS: Record<string, Array<[number, number]>> = {
  '0': [[0.5, 0], [0.15, 0.2], [0.1, 0.6], [0.4, 1], [0.8, 0.85], [0.9, 0.35], [0.65, 0.02], [0.45, 0.05]],
  '1': [[0.25, 0.25], [0.6, 0], [0.58, 1]],
  '2': [[0.1, 0.25], [0.35, 0.02], [0.75, 0.05], [0.85, 0.32], [0.55, 0.62], [0.08, 1], [0.95, 0.98]],
  '3': [[0.12, 0.12], [0.5, 0], [0.85, 0.2], [0.45, 0.47], [0.9, 0.7], [0.6, 1], [0.1, 0.9]],
  '4': [[0.7, 1], [0.68, 0], [0.05, 0.68], [0.95, 0.68]],
  '5': [[0.85, 0.02], [0.25, 0], [0.18, 0.45], [0.6, 0.38], [0.9, 0.65], [0.65, 0.97], [0.1, 0.9]],
  '6': [[0.8, 0.05], [0.35, 0.25], [0.12, 0.7], [0.4, 1], [0.82, 0.82], [0.75, 0.52], [0.4, 0.5], [0.15, 0.72]],
  '7': [[0.05, 0.03], [0.95, 0], [0.42, 1]],
  '8': [[0.5, 0.48], [0.15, 0.25], [0.5, 0], [0.85, 0.25], [0.5, 0.48], [0.1, 0.75], [0.5, 1], [0.9, 0.75], [0.5, 0.48]],
  '9': [[0.85, 0.3], [0.5, 0.5], [0.15, 0.3], [0.5, 0], [0.85, 0.25], [0.8, 0.62], [0.5, 1]],
};

function smoothStroke(ctx: SKRSContext2D, pts: Array<[number, number]>): void {
  ctx.beginPath();
  ctx.moveTo(pts[0]![0], pts[0]![1]);
  for (let i = 1; i < pts.length - 1; i++) {
    const mx = (pts[i]![0] + pts[i + 1]![0]) / 2;
    const my = (pts[i]![1] + pts[i + 1]![1]) / 2;
    ctx.quadraticCurveTo(pts[i]![0], pts[i]![1], mx, my);
  }
  const last = pts[pts.length - 1]!;
  ctx.lineTo(last[0], last[1]);
  ctx.stroke();
}

function handDigits(ctx: SKRSContext2D, digits: string, x: number, baseline: number, h: number, random: () => number): void {
  ctx.save();
  ctx.strokeStyle = rgb(INK.pen);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const slant = 0.18 + random() * 0.1;
  let cx = x;
  for (const d of digits) {
    const skeleton = DIGITS[d];
    const size = h * (0.92 + random() * 0.16);
    const w = size * 0.62;
    if (skeleton) {
      ctx.lineWidth = h * (0.055 + random() * 0.02);
      const dy = (random() - 0.5) * h * 0.12;
      const pts = skeleton.map(([u, v]): [number, number] => {
        const ju = u + (random() - 0.5) * 0.1;
        const jv = v + (random() - 0.5) * 0.08;
        return [cx + ju * w + (1 - jv) * size * slant, baseline - size + jv * size + dy];
      });
      smoothStroke(ctx, pts);
    }
    cx += w + h * (0.12 + random() * 0.12);
  }
  ctx.restore();
}

/** Smooth value noise in [0,1] on a coarse grid, for ink that takes unevenly. */
function inkNoise(random: () => number, cells: number): (u: number, v: number) => number {
  const grid = Array.from({ length: (cells + 1) * (cells + 1) }, () => random());
  return (u: number, v: number) => {
    const x = Math.min(cells - 1e-6, Math.max(0, u * cells));
    const y = Math.min(cells - 1e-6, Math.max(0, v * cells));
    const i = Math.floor(x), j = Math.floor(y);
    const fx = x - i, fy = y - j;
    const g = (a: number, b: number) => grid[b * (cells + 1) + a]!;
    return g(i, j) * (1 - fx) * (1 - fy) + g(i + 1, j) * fx * (1 - fy) + g(i, j + 1) * (1 - fx) * fy + g(i + 1, j + 1) * fx * fy;
  };
}

/**
 * Draw `draw` on a layer of its own, let the ink take unevenly, and multiply it onto the page.
 * Only `area` (the mark's box, in page pixels) is worked on.
 */
function inkLayer(page: SKRSContext2D, area: { x0: number; y0: number; x1: number; y1: number }, random: () => number, coverage: [number, number], draw: (ctx: SKRSContext2D) => void): void {
  const x0 = Math.max(0, Math.floor(area.x0)), y0 = Math.max(0, Math.floor(area.y0));
  const w = Math.max(1, Math.ceil(area.x1) - x0), h = Math.max(1, Math.ceil(area.y1) - y0);
  const layer = createCanvas(w, h);
  const lctx = layer.getContext('2d');
  lctx.translate(-x0, -y0);
  draw(lctx);
  const img = lctx.getImageData(0, 0, w, h);
  const noise = inkNoise(random, 9);
  const fine = seededRandom(Math.floor(random() * 1e9));
  for (let yy = 0; yy < h; yy++) {
    for (let xx = 0; xx < w; xx++) {
      const k = (yy * w + xx) * 4 + 3;
      if (img.data[k] === 0) continue;
      const take = coverage[0] + (coverage[1] - coverage[0]) * noise(xx / w, yy / h);
      const grain = 0.8 + 0.4 * fine();
      img.data[k] = Math.max(0, Math.min(255, Math.round(img.data[k]! * take * grain)));
    }
  }
  lctx.putImageData(img, 0, 0);
  page.save();
  page.globalCompositeOperation = 'multiply';
  page.drawImage(layer, x0, y0);
  page.restore();
}

function drawSeal(ctx: SKRSContext2D, f: Fonts, cx: number, cy: number, r: number, text: string): void {
  ctx.strokeStyle = rgb(INK.seal);
  ctx.fillStyle = rgb(INK.seal);
  ctx.lineWidth = r * 0.045;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.stroke();
  ctx.lineWidth = r * 0.02;
  ctx.beginPath();
  ctx.arc(cx, cy, r * 0.9, 0, Math.PI * 2);
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(cx, cy, r * 0.6, 0, Math.PI * 2);
  ctx.stroke();
  // The name around the ring, upright letters along the circle.
  const px = r * 0.17;
  setFont(ctx, f, 'bold', px);
  const chars = [...`${text} • `];
  const step = (Math.PI * 2) / chars.length;
  chars.forEach((ch, i) => {
    const a = -Math.PI / 2 + i * step;
    ctx.save();
    ctx.translate(cx + Math.cos(a) * r * 0.75, cy + Math.sin(a) * r * 0.75);
    ctx.rotate(a + Math.PI / 2);
    ctx.fillText(ch, -ctx.measureText(ch).width / 2, px * 0.35);
    ctx.restore();
  });
  // A five-pointed star in the middle.
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const rr = k % 2 === 0 ? r * 0.42 : r * 0.17;
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    const px2 = cx + Math.cos(a) * rr, py2 = cy + Math.sin(a) * rr;
    if (k === 0) ctx.moveTo(px2, py2);
    else ctx.lineTo(px2, py2);
  }
  ctx.closePath();
  ctx.fill();
}

function drawIncomingStamp(ctx: SKRSContext2D, f: Fonts, x: number, y: number, mm: number, angle: number, s: NonNullable<OfficeMarks['incomingStamp']>): void {
  const w = 54 * mm, h = 30 * mm;
  ctx.save();
  ctx.translate(x + w / 2, y + h / 2);
  ctx.rotate((angle * Math.PI) / 180);
  ctx.translate(-w / 2, -h / 2);
  ctx.strokeStyle = rgb(INK.stamp);
  ctx.fillStyle = rgb(INK.stamp);
  ctx.lineWidth = 0.7 * mm;
  ctx.strokeRect(0, 0, w, h);
  const line = (text: string, face: Face, px: number, yy: number, align: 'center' | 'left' = 'center') => {
    setFont(ctx, f, face, px);
    const tw = ctx.measureText(text).width;
    ctx.fillText(text, align === 'center' ? w / 2 - tw / 2 : 3 * mm, yy);
  };
  line(s.org, 'bold', 3.2 * mm, 5 * mm);
  line('ĐẾN', 'bold', 6.5 * mm, 12.5 * mm);
  line(`Số: ${s.number}`, 'regular', 3.4 * mm, 18 * mm, 'left');
  line(`Ngày: ${s.date}`, 'regular', 3.4 * mm, 22.5 * mm, 'left');
  line('Chuyển: ..........................', 'regular', 3.4 * mm, 27 * mm, 'left');
  ctx.restore();
}

function drawSignature(ctx: SKRSContext2D, cx: number, top: number, bottom: number, random: () => number): void {
  ctx.save();
  ctx.strokeStyle = rgb(INK.signaturePen);
  ctx.lineWidth = 3.2;
  ctx.lineCap = 'round';
  const w = (bottom - top) * 1.6;
  const pts: Array<[number, number]> = [];
  const n = 14;
  for (let i = 0; i < n; i++) {
    const u = i / (n - 1);
    pts.push([cx - w / 2 + u * w + (random() - 0.5) * 40, (top + bottom) / 2 + Math.sin(u * 9 + random()) * (bottom - top) * 0.3 + (random() - 0.5) * 30]);
  }
  smoothStroke(ctx, pts);
  ctx.restore();
}

/** Draws a page in colour (RGB PNG at the layout's resolution) with the marks asked for. */
export async function renderOfficePage(page: OfficePageLayout, marks: OfficeMarks, seed: number): Promise<Buffer> {
  const random = seededRandom(seed);
  const f = fonts();
  const mm = MM(page.dpi);
  const canvas = createCanvas(page.width, page.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'rgb(250, 249, 245)';
  ctx.fillRect(0, 0, page.width, page.height);
  ctx.fillStyle = rgb(INK.text);
  ctx.textBaseline = 'alphabetic';
  for (const item of [...page.items, ...page.furniture]) {
    setFont(ctx, f, item.face, item.px);
    if (item.handNumber) {
      const { prefix, code, gap, digits } = item.handNumber;
      ctx.fillText(prefix, item.x, item.baseline);
      const after = item.x + ctx.measureText(`${prefix} `).width;
      ctx.fillText(code, after + gap, item.baseline);
      if (marks.handwriting) {
        const h = item.px * 0.95;
        const est = digits.length * h * 0.8;
        handDigits(ctx, digits, after + Math.max(0, (gap - est) / 2), item.baseline - item.px * 0.05, h, random);
        ctx.fillStyle = rgb(INK.text);
      }
      continue;
    }
    if (item.wordSpace === 0) {
      ctx.fillText(item.text, item.x, item.baseline);
      continue;
    }
    const space = ctx.measureText(' ').width + item.wordSpace;
    let x = item.x;
    for (const word of item.text.split(' ')) {
      ctx.fillText(word, x, item.baseline);
      x += ctx.measureText(word).width + space;
    }
  }
  ctx.strokeStyle = rgb(INK.text);
  ctx.lineWidth = 0.3 * mm;
  for (const r of page.rules) {
    ctx.beginPath();
    ctx.moveTo(r.x0, r.y);
    ctx.lineTo(r.x1, r.y);
    ctx.stroke();
  }
  if (page.signatureBlank && marks.signature) {
    const { cx, top, bottom } = page.signatureBlank;
    const span = (bottom - top) * 1.2 + 30 * mm;
    inkLayer(ctx, { x0: cx - span, y0: top - 15 * mm, x1: cx + span, y1: bottom + 15 * mm }, random, [0.85, 1], (l) => drawSignature(l, cx + 4 * mm, top + 3 * mm, bottom - 3 * mm, random));
  }
  if (page.signatureBlank && marks.seal) {
    const { cx, top, bottom } = page.signatureBlank;
    // Over the left of the signature, within the blank: the printed name below stays legible.
    const r = 14 * mm;
    const sx = cx - 16 * mm + (random() - 0.5) * 6 * mm;
    const sy = (top + bottom) / 2 - 1 * mm + (random() - 0.5) * 2 * mm;
    const text = marks.seal.text;
    inkLayer(ctx, { x0: sx - r - 3 * mm, y0: sy - r - 3 * mm, x1: sx + r + 3 * mm, y1: sy + r + 3 * mm }, random, [0.55, 0.95], (l) => {
      l.save();
      l.translate(sx, sy);
      l.rotate((random() - 0.5) * 0.5);
      drawSeal(l, f, 0, 0, r, text);
      l.restore();
    });
  }
  if (page.header && marks.incomingStamp) {
    const stamp = marks.incomingStamp;
    // In the left margin and below the number, over the start of the title: where a clerk
    // finds room, not quite clear of the print.
    const x = 5 * mm + random() * 8 * mm;
    const y = page.header.numberLineBottom + random() * 4 * mm;
    const angle = (random() - 0.5) * 7;
    inkLayer(ctx, { x0: x - 6 * mm, y0: y - 6 * mm, x1: x + 60 * mm, y1: y + 36 * mm }, random, [0.6, 0.95], (l) => drawIncomingStamp(l, f, x, y, mm, angle, stamp));
  }
  if (page.header && marks.signatureBox) {
    const box = marks.signatureBox;
    const bx = page.header.x1 - 62 * mm;
    const by = 3 * mm;
    ctx.save();
    ctx.strokeStyle = rgb(INK.seal);
    ctx.lineWidth = 0.4 * mm;
    ctx.strokeRect(bx, by, 62 * mm, 14 * mm);
    ctx.fillStyle = rgb(INK.text);
    const lines = [`Ký bởi: ${box.signer}`, `Thời gian ký: ${box.time}`];
    setFont(ctx, f, 'regular', 2.6 * mm);
    lines.forEach((t, i) => ctx.fillText(t, bx + 2 * mm, by + 5.5 * mm + i * 4.5 * mm, 58 * mm));
    ctx.restore();
  }
  return sharp(await canvas.encode('png')).removeAlpha().withMetadata({ density: page.dpi }).png().toBuffer();
}
