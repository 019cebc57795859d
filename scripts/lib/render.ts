/**
 * Renders text to A4 page images laid out like a Vietnamese administrative document
 * (serif ~13pt, margins per Nghị định 30/2020: 20 mm top/bottom, 30 mm left, 15 mm right),
 * for training the OCR channel model and for making scan fixtures. Output is deterministic:
 * the same lines and options give the same PNG bytes.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import sharp from 'sharp';
import { z } from 'zod';

/** Serif faces with Vietnamese glyphs, best first: Liberation Serif 2 (Debian
 * `fonts-liberation2`) is metric-compatible with Times New Roman (what plans are typed in);
 * DejaVu Serif is the fallback found everywhere. Liberation 1.x (`fonts-liberation`) is
 * left out on purpose: it lacks the precomposed Vietnamese letters (U+1EA0–U+1EF9), and the
 * canvas would fill them in from another face in the middle of words. */
export const SERIF_FONTS = [
  {
    family: 'Liberation Serif',
    regular: '/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf',
    bold: '/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf',
    italic: '/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf',
    boldItalic: '/usr/share/fonts/truetype/liberation2/LiberationSerif-BoldItalic.ttf',
  },
  {
    family: 'DejaVu Serif',
    regular: '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf',
    bold: '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf',
    italic: '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf',
    boldItalic: '/usr/share/fonts/truetype/dejavu/DejaVuSerif-BoldItalic.ttf',
  },
] as const;

export const Paragraph = z.object({
  text: z.string(),
  bold: z.boolean().default(false),
  /** `justify` stretches every line but the last, as Word does for body text. */
  align: z.enum(['left', 'center', 'justify']).default('justify'),
  /** First-line indent; body paragraphs of plans use about 10–12.7 mm. */
  indentMm: z.number().min(0).default(10),
});
export type Paragraph = z.infer<typeof Paragraph>;
export type ParagraphInput = string | z.input<typeof Paragraph>;

export const RenderOptions = z.object({
  dpi: z.number().positive().default(300),
  fontSizePt: z.number().positive().default(13),
  /** Baseline-to-baseline distance as a multiple of the font size. */
  lineSpacing: z.number().positive().default(1.25),
  /** Extra space before each paragraph, in points. */
  paragraphSpacingPt: z.number().min(0).default(3),
  marginsMm: z
    .object({ top: z.number(), right: z.number(), bottom: z.number(), left: z.number() })
    .default({ top: 20, right: 15, bottom: 20, left: 30 }),
  pageMm: z.object({ width: z.number(), height: z.number() }).default({ width: 210, height: 297 }),
  /** Font files to use instead of the first installed entry of SERIF_FONTS. */
  font: z.object({ family: z.string(), regular: z.string(), bold: z.string() }).optional(),
});
export type RenderOptions = z.infer<typeof RenderOptions>;
export type RenderOptionsInput = z.input<typeof RenderOptions>;

export interface BBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One physical line placed on a page, in pixels. */
export interface PlacedLine {
  text: string;
  bold: boolean;
  /** Left edge of the first glyph and the baseline. */
  x: number;
  baseline: number;
  /** Space added between words when the line is justified (0 otherwise). */
  extraWordSpace: number;
  /** Index of the paragraph this line belongs to, in the input. */
  paragraph: number;
  /** The ink box of the line. */
  bbox: BBox;
}

export interface PageLayout {
  width: number;
  height: number;
  dpi: number;
  /** Font size in pixels the lines were measured with (so rendering needs no options). */
  fontPx: number;
  lines: PlacedLine[];
}

export interface DocumentLayout {
  font: { family: string; regular: string; bold: string };
  pages: PageLayout[];
}

export interface RenderedPage {
  png: Buffer;
  width: number;
  height: number;
  dpi: number;
  /** The font family actually used (Liberation Serif, or DejaVu Serif when it is missing). */
  font: string;
  lines: Array<{ text: string; bbox: BBox }>;
}

/**
 * Where font packages may be unpacked instead of installed (paths of SERIF_FONTS are looked
 * up under each, then as they are): `$VNPLAN_FONT_ROOT`, then `.cache/fonts/root` of the
 * repository (`apt-get download fonts-liberation2 && dpkg -x fonts-liberation2_*.deb
 * .cache/fonts/root` gives Liberation Serif 2 without installing anything system-wide).
 */
const FONT_ROOTS = [process.env.VNPLAN_FONT_ROOT, resolve(import.meta.dirname, '..', '..', '.cache', 'fonts', 'root'), ''].filter((r): r is string => r !== undefined);

type SerifFont = (typeof SERIF_FONTS)[number];

/** The first entry of SERIF_FONTS whose files exist (under a font root or as they are), with the paths found. */
function installedSerif(needsItalic = false): SerifFont | undefined {
  for (const f of SERIF_FONTS) {
    for (const root of FONT_ROOTS) {
      const at = (p: string) => (root ? join(root, p) : p);
      const files = [f.regular, f.bold, ...(needsItalic ? [f.italic, f.boldItalic] : [])];
      if (files.every((p) => existsSync(at(p)))) {
        return { ...f, regular: at(f.regular), bold: at(f.bold), italic: at(f.italic), boldItalic: at(f.boldItalic) } as SerifFont;
      }
    }
  }
  return undefined;
}

/** The first serif face whose files exist, or the one the options name. */
export function pickFont(options: Pick<RenderOptions, 'font'> = {}): DocumentLayout['font'] {
  if (options.font) return options.font;
  const found = installedSerif();
  if (!found) throw new Error(`No serif font with Vietnamese glyphs found (tried ${SERIF_FONTS.map((f) => f.regular).join(', ')})`);
  return { family: found.family, regular: found.regular, bold: found.bold };
}

const registered = new Map<string, string>();
/** The italic faces of the first installed entry of SERIF_FONTS (same family as `pickFont`'s). */
export function pickItalicFont(): { italic: string; boldItalic: string } {
  const found = installedSerif(true);
  if (!found) throw new Error('No serif font with italic faces found');
  return { italic: found.italic, boldItalic: found.boldItalic };
}

/** Registers a font file once under its own alias, so regular and bold never mix. */
export function fontAlias(path: string): string {
  let alias = registered.get(path);
  if (!alias) {
    alias = `vnplan-render-${registered.size}`;
    if (!GlobalFonts.registerFromPath(path, alias)) throw new Error(`Cannot load font ${path}`);
    registered.set(path, alias);
  }
  return alias;
}

interface Geometry {
  pxPerMm: number;
  fontPx: number;
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  lineHeight: number;
  paragraphGap: number;
}

function geometry(o: RenderOptions): Geometry {
  const pxPerMm = o.dpi / 25.4;
  const fontPx = (o.fontSizePt / 72) * o.dpi;
  const width = Math.round(o.pageMm.width * pxPerMm);
  const height = Math.round(o.pageMm.height * pxPerMm);
  return {
    pxPerMm,
    fontPx,
    width,
    height,
    left: Math.round(o.marginsMm.left * pxPerMm),
    right: width - Math.round(o.marginsMm.right * pxPerMm),
    top: Math.round(o.marginsMm.top * pxPerMm),
    bottom: height - Math.round(o.marginsMm.bottom * pxPerMm),
    lineHeight: fontPx * o.lineSpacing,
    paragraphGap: (o.paragraphSpacingPt / 72) * o.dpi,
  };
}

function cssFont(alias: string, px: number): string {
  return `${px.toFixed(2)}px ${alias}`;
}

/** Greedy word wrap; a word wider than a whole line is cut between characters. */
function wrap(ctx: SKRSContext2D, text: string, firstWidth: number, width: number): string[] {
  const words = text.split(/\s+/u).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  const limit = () => (lines.length === 0 ? firstWidth : width);
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (ctx.measureText(candidate).width <= limit()) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = '';
    let rest = word;
    while (ctx.measureText(rest).width > limit()) {
      const chars = Array.from(rest);
      let n = chars.length - 1;
      while (n > 1 && ctx.measureText(chars.slice(0, n).join('')).width > limit()) n--;
      lines.push(chars.slice(0, n).join(''));
      rest = chars.slice(n).join('');
    }
    current = rest;
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}

/**
 * Lays paragraphs out into physical lines on as many pages as they need. Strings are
 * justified body paragraphs; pass objects for bold or centred headers.
 */
export function layoutParagraphs(paragraphs: ParagraphInput[], optionsInput: RenderOptionsInput = {}): DocumentLayout {
  const options = RenderOptions.parse(optionsInput);
  const font = pickFont(options);
  const g = geometry(options);
  const ctx = createCanvas(8, 8).getContext('2d');
  const pages: PageLayout[] = [];
  let lines: PlacedLine[] = [];
  let baseline = g.top + g.fontPx; // first baseline sits one em below the top margin
  const newPage = () => {
    pages.push({ width: g.width, height: g.height, dpi: options.dpi, fontPx: g.fontPx, lines });
    lines = [];
    baseline = g.top + g.fontPx;
  };
  paragraphs.forEach((input, index) => {
    const p = Paragraph.parse(typeof input === 'string' ? { text: input } : input);
    ctx.font = cssFont(fontAlias(p.bold ? font.bold : font.regular), g.fontPx);
    const indent = p.align === 'center' ? 0 : p.indentMm * g.pxPerMm;
    const full = g.right - g.left;
    const wrapped = wrap(ctx, p.text.trim(), full - indent, full);
    if (lines.length > 0) baseline += g.paragraphGap;
    wrapped.forEach((text, i) => {
      if (baseline > g.bottom) newPage();
      const m = ctx.measureText(text);
      const available = i === 0 ? full - indent : full;
      let x = g.left + (i === 0 ? indent : 0);
      let extraWordSpace = 0;
      let inkWidth = m.width;
      if (p.align === 'center') x = g.left + (full - m.width) / 2;
      const gaps = text.split(' ').length - 1;
      if (p.align === 'justify' && i < wrapped.length - 1 && gaps > 0) {
        extraWordSpace = (available - m.width) / gaps;
        inkWidth = available;
      }
      const ascent = Math.max(m.actualBoundingBoxAscent, 0);
      const descent = Math.max(m.actualBoundingBoxDescent, 0);
      lines.push({
        text,
        bold: p.bold,
        x,
        baseline,
        extraWordSpace,
        paragraph: index,
        bbox: {
          x0: Math.floor(x - Math.max(m.actualBoundingBoxLeft, 0)),
          y0: Math.floor(baseline - ascent),
          x1: Math.ceil(x + Math.max(inkWidth, m.actualBoundingBoxRight)),
          y1: Math.ceil(baseline + descent),
        },
      });
      baseline += g.lineHeight;
    });
  });
  if (lines.length > 0 || pages.length === 0) newPage();
  return { font, pages };
}

/**
 * Draws one laid-out page: black text on white, PNG with its resolution recorded. The page
 * carries its resolution and font size; the options argument is kept for older callers.
 */
export async function renderLayoutPage(page: PageLayout, font: DocumentLayout['font'], _options: RenderOptionsInput = {}): Promise<RenderedPage> {
  const canvas = createCanvas(page.width, page.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, page.width, page.height);
  ctx.fillStyle = '#000000';
  ctx.textBaseline = 'alphabetic';
  for (const line of page.lines) {
    ctx.font = cssFont(fontAlias(line.bold ? font.bold : font.regular), page.fontPx);
    if (line.extraWordSpace === 0) {
      ctx.fillText(line.text, line.x, line.baseline);
      continue;
    }
    // Justified: place each word where the stretched line puts it.
    const space = ctx.measureText(' ').width + line.extraWordSpace;
    let x = line.x;
    for (const word of line.text.split(' ')) {
      ctx.fillText(word, x, line.baseline);
      x += ctx.measureText(word).width + space;
    }
  }
  // The resolution goes into the PNG (pHYs) through sharp: tesseract reads it, and the
  // canvas's own encoder does not write it in every version.
  const png = await sharp(await canvas.encode('png')).withMetadata({ density: page.dpi }).png().toBuffer();
  return {
    png,
    width: page.width,
    height: page.height,
    dpi: page.dpi,
    font: font.family,
    lines: page.lines.map((l) => ({ text: l.text, bbox: l.bbox })),
  };
}

/**
 * Renders paragraphs (wrapped into lines) onto one A4 page. Throws when they do not fit:
 * use `layoutParagraphs` + `renderLayoutPage` for multi-page documents.
 */
export async function renderPage(lines: ParagraphInput[], optionsInput: RenderOptionsInput = {}): Promise<RenderedPage> {
  const layout = layoutParagraphs(lines, optionsInput);
  if (layout.pages.length > 1) {
    throw new RangeError(`Text needs ${layout.pages.length} pages; use layoutParagraphs and renderLayoutPage`);
  }
  return renderLayoutPage(layout.pages[0]!, layout.font, optionsInput);
}

/** Renders every page of a document. */
export async function renderDocument(paragraphs: ParagraphInput[], optionsInput: RenderOptionsInput = {}): Promise<RenderedPage[]> {
  const layout = layoutParagraphs(paragraphs, optionsInput);
  const out: RenderedPage[] = [];
  for (const page of layout.pages) out.push(await renderLayoutPage(page, layout.font, optionsInput));
  return out;
}
