/**
 * Word documents (.docx): the body's paragraphs and tables in order, as text.
 *
 * - A paragraph is a line, with its list number or bullet as Word prints it, rendered from
 *   numbering.xml (Word stores the text of a numbered heading without its `I.` / `1.` / `a)`).
 * - A table row is a line: cells joined by ` | `, the paragraphs of a cell by a space, a `|`
 *   in a cell's text written `/`; empty inner cells kept (`a |  | c`), trailing ones dropped;
 *   the positions a merged cell covers (gridSpan, vMerge continue) written as empty cells.
 *   This is the table agreement the extractor reads, and the form of the first-pass dev texts.
 * - Page headers and footers, footnotes, comments, deleted and hidden text, field codes and
 *   drawings (text boxes) are left out, as a printed page has them not in its body text.
 *
 * Read with fflate (unzip) and @xmldom/xmldom (a W3C DOM): two small packages without
 * dependencies. mammoth was not taken: it renders lists as HTML lists and loses the printed
 * numbers (`I.` vs `1.`), which the segmenter needs.
 */
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { DEFAULT_BULLET, DOCX_MEDIA_TYPE, SYMBOL_BULLETS, WORD_NAMESPACES } from '../data/word.js';
import { InputError, type SourceDocument } from './source.js';
import { sha256 } from './text.js';

const ELEMENT_NODE = 1;

// ── XML helpers ───────────────────────────────────────────────────────────────────────────

const isW = (n: Node, name?: string): n is Element =>
  n.nodeType === ELEMENT_NODE && WORD_NAMESPACES.includes((n as Element).namespaceURI ?? '') && (name === undefined || (n as Element).localName === name);

function children(e: Element | null | undefined, name?: string): Element[] {
  const out: Element[] = [];
  if (!e) return out;
  for (let n = e.firstChild; n; n = n.nextSibling) if (isW(n, name)) out.push(n);
  return out;
}

const child = (e: Element | null | undefined, name: string): Element | undefined => children(e, name)[0];

/** A w: attribute (`w:val`…), whatever prefix the document bound the namespace to. */
function attr(e: Element | null | undefined, name: string): string | undefined {
  if (!e) return undefined;
  for (const ns of WORD_NAMESPACES) {
    const v = e.getAttributeNS(ns, name);
    if (v !== null && v !== '') return v;
  }
  return undefined;
}

function int(e: Element | null | undefined, name = 'val'): number | undefined {
  const v = attr(e, name);
  const n = v === undefined ? NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

function parseXml(file: string, part: string, xml: string): Document {
  try {
    return new DOMParser({ onError: (level, message) => { if (level !== 'warning') throw new Error(message); } })
      .parseFromString(xml, 'application/xml');
  } catch (cause) {
    throw new InputError(file, 'corrupt', `the Word document's ${part} is not well-formed XML (${(cause as Error).message.split('\n')[0]})`, { cause });
  }
}

// ── numbering ─────────────────────────────────────────────────────────────────────────────

interface Level {
  start: number;
  format: string;
  text: string;
  /** Restart after this (0-based) level or any above it; -1 never; undefined: after any above. */
  restartAfter?: number;
  legal: boolean;
  suffix: string;
}

interface NumberingDefinitions {
  /** numId → abstractNumId and per-level start overrides. */
  nums: Map<string, { abstract: string; starts: Map<number, number> }>;
  abstracts: Map<string, Map<number, Level>>;
}

function readLevel(lvl: Element): Level {
  const restart = int(child(lvl, 'lvlRestart'));
  const suff = attr(child(lvl, 'suff'), 'val') ?? 'tab';
  return {
    start: int(child(lvl, 'start')) ?? 1,
    format: attr(child(lvl, 'numFmt'), 'val') ?? 'decimal',
    text: attr(child(lvl, 'lvlText'), 'val') ?? '',
    restartAfter: restart === undefined ? undefined : restart === 0 ? -1 : restart - 1,
    legal: child(lvl, 'isLgl') !== undefined && attr(child(lvl, 'isLgl'), 'val') !== '0' && attr(child(lvl, 'isLgl'), 'val') !== 'false',
    // A tab after a list number prints as a gap; a space is the closest a line of text has.
    suffix: suff === 'nothing' ? '' : ' ',
  };
}

/**
 * `numbering.xml`. An abstract definition that only names a list style (`numStyleLink`, what
 * Word writes for lists made from a list style) stands for the definition that style's list
 * uses (`styleLink`); `styles` gives each numbering style's numId.
 */
function readNumbering(doc: Document | undefined, styles: Map<string, StyleNumbering>): NumberingDefinitions {
  const defs: NumberingDefinitions = { nums: new Map(), abstracts: new Map() };
  const root = doc?.documentElement;
  if (!root) return defs;
  const links = new Map<string, string>();
  for (const a of children(root, 'abstractNum')) {
    const levels = new Map<number, Level>();
    for (const lvl of children(a, 'lvl')) levels.set(int(lvl, 'ilvl') ?? 0, readLevel(lvl));
    const id = attr(a, 'abstractNumId') ?? '';
    defs.abstracts.set(id, levels);
    const link = attr(child(a, 'numStyleLink'), 'val');
    if (link) links.set(id, link);
  }
  const abstractOfNum = new Map(children(root, 'num').map((n) => [attr(n, 'numId') ?? '', attr(child(n, 'abstractNumId'), 'val') ?? '']));
  for (const [id, style] of links) {
    const target = abstractOfNum.get(styles.get(style)?.numId ?? '');
    // The list style's own definition, shared (its counters too) by every list made from it.
    if (target !== undefined && target !== id && defs.abstracts.has(target)) defs.abstracts.set(id, defs.abstracts.get(target)!);
    if (target !== undefined && target !== id) links.set(id, target);
    else links.delete(id);
  }
  for (const num of children(root, 'num')) {
    const starts = new Map<number, number>();
    for (const o of children(num, 'lvlOverride')) {
      const s = int(child(o, 'startOverride'));
      if (s !== undefined) starts.set(int(o, 'ilvl') ?? 0, s);
      // A whole level redefined in the override replaces the abstract one for this list.
      const lvl = child(o, 'lvl');
      if (lvl) {
        const id = `${attr(num, 'numId')}#override`;
        const base = defs.abstracts.get(attr(child(num, 'abstractNumId'), 'val') ?? '') ?? new Map<number, Level>();
        const levels = defs.abstracts.get(id) ?? new Map(base);
        levels.set(int(o, 'ilvl') ?? 0, readLevel(lvl));
        defs.abstracts.set(id, levels);
      }
    }
    const numId = attr(num, 'numId') ?? '';
    const named = attr(child(num, 'abstractNumId'), 'val') ?? '';
    const abstract = defs.abstracts.has(`${numId}#override`) ? `${numId}#override` : links.get(named) ?? named;
    defs.nums.set(numId, { abstract, starts });
  }
  return defs;
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const parts: Array<[number, string]> = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [value, digits] of parts) while (n >= value) { out += digits; n -= value; }
  return out;
}

/** Word's letters: a…z, then aa…zz, aaa… (the letter repeated, not base 26). */
function letters(n: number): string {
  if (n <= 0) return String(n);
  return String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
}

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'upperRoman': return roman(n).toUpperCase();
    case 'lowerRoman': return roman(n);
    case 'upperLetter': return letters(n).toUpperCase();
    case 'lowerLetter': return letters(n);
    case 'decimalZero': return n < 10 ? `0${n}` : String(n);
    case 'none': return '';
    default: return String(n); // decimal, and formats a plan does not use
  }
}

/** Word's list counters over one document: each list (abstract definition) keeps its own. */
class ListCounters {
  private readonly counters = new Map<string, Array<number | undefined>>();
  private readonly seenNums = new Set<string>();

  constructor(private readonly defs: NumberingDefinitions) {}

  /** The label a paragraph of list `numId` at level `ilvl` prints, with its separator; '' for none. */
  label(numId: string, ilvl: number): string {
    const num = this.defs.nums.get(numId);
    const levels = num && this.defs.abstracts.get(num.abstract);
    const level = levels?.get(ilvl);
    if (!num || !levels || !level) return '';
    let counts = this.counters.get(num.abstract);
    if (!counts) this.counters.set(num.abstract, (counts = []));
    // A list instance with a start override begins again where it is first used.
    if (!this.seenNums.has(numId)) {
      this.seenNums.add(numId);
      for (const [l, start] of num.starts) {
        counts[l] = start - 1;
        counts.length = Math.min(counts.length, l + 1);
      }
    }
    counts[ilvl] = (counts[ilvl] ?? level.start - 1) + 1;
    for (let d = ilvl + 1; d < counts.length; d++) {
      const after = levels.get(d)?.restartAfter;
      if (after === undefined || (after >= 0 && ilvl <= after)) counts[d] = undefined;
    }
    if (level.format === 'bullet') {
      const bullet = [...level.text].map((c) => SYMBOL_BULLETS[c] ?? c).join('').trim();
      return `${bullet !== '' && !/[\uE000-\uF8FF]/u.test(bullet) ? bullet : DEFAULT_BULLET}${level.suffix}`;
    }
    const text = level.text.replace(/%([1-9])/g, (_, k: string) => {
      const l = Number(k) - 1;
      const value = counts[l] ?? levels.get(l)?.start ?? 1;
      const format = level.legal && l !== ilvl ? 'decimal' : (levels.get(l)?.format ?? 'decimal');
      return formatNumber(value, format);
    });
    return text.trim() === '' ? '' : text + level.suffix;
  }
}

// ── styles: numbering given by a paragraph style ──────────────────────────────────────────

interface StyleNumbering { numId?: string; ilvl?: number; basedOn?: string }

function readStyles(doc: Document | undefined): Map<string, StyleNumbering> {
  const styles = new Map<string, StyleNumbering>();
  const root = doc?.documentElement;
  if (!root) return styles;
  for (const s of children(root, 'style')) {
    if (attr(s, 'type') !== 'paragraph' && attr(s, 'type') !== 'numbering') continue;
    const numPr = child(child(s, 'pPr'), 'numPr');
    styles.set(attr(s, 'styleId') ?? '', {
      numId: attr(child(numPr, 'numId'), 'val'),
      ilvl: int(child(numPr, 'ilvl')),
      basedOn: attr(child(s, 'basedOn'), 'val'),
    });
  }
  return styles;
}

function styleNumbering(styles: Map<string, StyleNumbering>, styleId: string | undefined): { numId?: string; ilvl?: number } {
  const found: { numId?: string; ilvl?: number } = {};
  const seen = new Set<string>();
  for (let id = styleId; id && !seen.has(id); id = styles.get(id)?.basedOn) {
    seen.add(id);
    const s = styles.get(id);
    found.numId ??= s?.numId;
    found.ilvl ??= s?.ilvl;
  }
  return found;
}

// ── the body ──────────────────────────────────────────────────────────────────────────────

/** Elements whose text is not part of what the page prints as body text. */
const SKIPPED = new Set(['del', 'delText', 'instrText', 'drawing', 'pict', 'object', 'footnoteReference', 'endnoteReference', 'commentReference', 'rPr', 'pPr']);

class BodyReader {
  private readonly counters: ListCounters;

  constructor(private readonly styles: Map<string, StyleNumbering>, numbering: NumberingDefinitions) {
    this.counters = new ListCounters(numbering);
  }

  /** Lines of a body-level container (the body, a content control). */
  blocks(container: Element, out: string[]): string[] {
    for (let n = container.firstChild; n; n = n.nextSibling) {
      if (isW(n, 'p')) out.push(...this.paragraph(n).split('\n').map((l) => l.trim()).filter((l) => l !== ''));
      else if (isW(n, 'tbl')) out.push(...this.table(n));
      else if (isW(n, 'sdt')) this.blocks(child(n, 'sdtContent') ?? n, out);
      else if (isW(n, 'customXml')) this.blocks(n, out);
    }
    return out;
  }

  /** A paragraph's text with its list label; a line break inside it is a newline. */
  paragraph(p: Element): string {
    const pPr = child(p, 'pPr');
    const numPr = child(pPr, 'numPr');
    const fromStyle = styleNumbering(this.styles, attr(child(pPr, 'pStyle'), 'val'));
    const numId = attr(child(numPr, 'numId'), 'val') ?? fromStyle.numId;
    const ilvl = int(child(numPr, 'ilvl')) ?? fromStyle.ilvl ?? 0;
    const text = this.runs(p);
    // A numbered paragraph with no text prints its number alone; Word skips none, so neither do we.
    const label = numId && numId !== '0' ? this.counters.label(numId, ilvl) : '';
    return label + text.replace(/^[ \t]+/, '');
  }

  private runs(e: Element): string {
    let out = '';
    for (let n = e.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== ELEMENT_NODE) continue;
      const el = n as Element;
      if (!WORD_NAMESPACES.includes(el.namespaceURI ?? '')) {
        // mc:AlternateContent and the like: drawings and their fallbacks, left out.
        continue;
      }
      const name = el.localName ?? '';
      if (SKIPPED.has(name)) continue;
      // Hidden text (w:vanish) is not printed.
      if (name === 'r' && child(child(el, 'rPr'), 'vanish') && attr(child(child(el, 'rPr'), 'vanish'), 'val') !== '0') continue;
      if (name === 't') out += el.textContent ?? '';
      else if (name === 'tab' || name === 'ptab') out += '\t';
      else if (name === 'br' || name === 'cr') out += '\n';
      else if (name === 'noBreakHyphen') out += '-';
      else if (name === 'softHyphen') continue;
      else if (name === 'sym') out += SYMBOL_BULLETS[String.fromCharCode(Number.parseInt(attr(el, 'char') ?? '0', 16))] ?? '';
      else if (name === 'p') out += `\n${this.paragraph(el)}`; // a paragraph nested in a content control
      else out += this.runs(el); // r, hyperlink, ins, smartTag, sdt, sdtContent, fldSimple…
    }
    return out.replace(/\t/g, ' ');
  }

  /** One line per row (see the file comment for the agreement). */
  table(tbl: Element): string[] {
    const lines: string[] = [];
    for (const tr of children(tbl, 'tr')) {
      const cells: string[] = [];
      const before = int(child(child(tr, 'trPr'), 'gridBefore')) ?? 0;
      for (let i = 0; i < before; i++) cells.push('');
      for (const tc of this.rowCells(tr)) {
        const tcPr = child(tc, 'tcPr');
        const span = Math.max(1, int(child(tcPr, 'gridSpan')) ?? 1);
        const vMerge = child(tcPr, 'vMerge');
        const continued = vMerge !== undefined && (attr(vMerge, 'val') ?? 'continue') === 'continue';
        cells.push(continued ? '' : this.cell(tc));
        for (let i = 1; i < span; i++) cells.push('');
      }
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      if (cells.length) lines.push(cells.join(' | '));
    }
    return lines;
  }

  private rowCells(tr: Element): Element[] {
    const cells: Element[] = [];
    for (let n = tr.firstChild; n; n = n.nextSibling) {
      if (isW(n, 'tc')) cells.push(n);
      else if (isW(n, 'sdt') || isW(n, 'customXml')) cells.push(...children(child(n, 'sdtContent') ?? n, 'tc'));
    }
    return cells;
  }

  /** A cell's paragraphs (and nested tables' rows) joined by a space; `|` written `/`. */
  private cell(tc: Element): string {
    return this.blocks(tc, [])
      .map((l) => l.replace(/\|/g, '/').replace(/\s+/g, ' ').trim())
      .filter((l) => l !== '')
      .join(' ');
  }
}

// ── loading ───────────────────────────────────────────────────────────────────────────────

const PARTS = { document: 'word/document.xml', numbering: 'word/numbering.xml', styles: 'word/styles.xml' } as const;

/** The text of a .docx, one line per paragraph or table row. */
export function docxText(file: string, bytes: Uint8Array): string {
  let entries: Record<string, Uint8Array>;
  try {
    const wanted = new Set<string>(Object.values(PARTS));
    entries = unzipSync(bytes, { filter: (f) => wanted.has(f.name) });
  } catch (cause) {
    throw new InputError(file, 'corrupt', `not a readable Word document: the ZIP archive is damaged (${(cause as Error).message})`, { cause });
  }
  const utf8 = new TextDecoder('utf-8');
  const part = (name: string) => (entries[name] ? parseXml(file, name, utf8.decode(entries[name])) : undefined);
  const document = part(PARTS.document);
  const body = document && child(document.documentElement, 'body');
  if (!body) throw new InputError(file, 'corrupt', `not a readable Word document: ${PARTS.document} has no body`);
  const styles = readStyles(part(PARTS.styles));
  const reader = new BodyReader(styles, readNumbering(part(PARTS.numbering), styles));
  return reader.blocks(body, []).join('\n');
}

export async function loadDocx(file: string, bytes: Uint8Array): Promise<SourceDocument> {
  const text = docxText(file, bytes);
  if (text.trim() === '') throw new InputError(file, 'empty', 'the Word document holds no text');
  return { file, sha256: sha256(bytes), mediaType: DOCX_MEDIA_TYPE, pages: null, text: `${text}\n` };
}
