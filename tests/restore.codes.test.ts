/**
 * Codes and identifiers pass through the restorer untouched: every code-like token of the
 * 35 development plans (fixtures/plans), and hand-written snippets where codes sit beside
 * words English-model OCR garbled into code-like shapes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { restore } from '../src/restore/index.js';
import { isCodeLike, isGarbleShape } from '../src/restore/codes.js';

const plansDir = new URL('../fixtures/plans/', import.meta.url);
/** Code-like, by a shape of its own: a digit and a letter, `&` between letters, a capital after a small letter. */
const CODE = /(?<![\p{L}\p{N}&])[\p{L}\p{M}\p{N}&]*(?:\p{N}\p{L}|\p{L}\p{M}*\p{N}|\p{L}&\p{L}|\p{Ll}\p{M}*\p{Lu}|\p{Lu}\p{Lu}\p{Ll})[\p{L}\p{M}\p{N}&]*/gu;

/** Document numbers and references: `94/KH-UBND`, `05-CT/TW`, `10/2022/TT-BLĐTBXH`, `IV/2026`. */
const DOC_NUMBER = /(?<![\p{L}\p{N}])[\p{L}\p{N}]+(?:[/-][\p{L}\p{N}&]+)*\/[\p{L}\p{N}&]+(?:[/-][\p{L}\p{N}&]+)*/gu;
const codesOf = (line: string) => [...(line.match(CODE) ?? []), ...(line.match(DOC_NUMBER) ?? [])];

function codeLines(): { lines: string[]; codes: string[][] } {
  const lines = new Set<string>();
  for (const f of readdirSync(plansDir).filter((f) => f.endsWith('.txt')).sort()) {
    for (const line of readFileSync(new URL(f, plansDir), 'utf8').split('\n')) if (codesOf(line).length) lines.add(line);
  }
  const list = [...lines];
  return { lines: list, codes: list.map(codesOf) };
}

describe('code-like tokens of the development plans', () => {
  const { lines, codes } = codeLines();

  it('finds the codes the plans use', () => {
    const all = new Set(codes.flat());
    for (const c of ['C04', '5G', 'KH&CN', 'R&D', 'TTg', 'N2O', 'IoT', '4G', 'GD&ĐT', '0h00', 'KH03', 'V01', '1A', '3B', '2I', '141/KH-UBND', '57-NQ/TW', '10/2022/TT-BLĐTBXH', '06/QĐ-TTg', 'IV/2026'])
      expect(all, c).toContain(c);
    expect(all.size).toBeGreaterThan(250);
  });

  it('keeps every one of them, in the lines where they stand', () => {
    const out = restore(lines.join('\n')).text.split('\n');
    expect(out.length).toBe(lines.length);
    const lost: string[] = [];
    out.forEach((line, i) => {
      const kept = codesOf(line);
      for (const c of codes[i]!) if (!kept.includes(c)) lost.push(`${c} in: ${lines[i]!.slice(0, 80)}`);
    });
    expect(lost).toEqual([]);
  });

  it('keeps them in the same lines stripped of their marks (an Đ given back to a code is fine: QD → QĐ)', () => {
    const strip = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
    const sample = lines.slice(0, 150);
    const out = restore(sample.map(strip).join('\n')).text.split('\n');
    sample.forEach((line, i) => {
      for (const c of codesOf(line).map(strip)) expect(codesOf(out[i]!).map(strip), `${c} in ${line}`).toContain(c);
    });
  });
});

describe('shapes', () => {
  it('tells codes from words', () => {
    for (const c of ['C04', 'P5', '5G', '4E', 'N2O', '0h00', 'KH&CN', 'R&D', 'TTg', 'IoT', 'd6i', 'X4']) expect(isCodeLike(c), c).toBe(true);
    for (const w of ['xã', 'Đảng', 'UBND', 'KH', 'thu¢c', 'x&']) expect(isCodeLike(w), w).toBe(false);
  });
  it('knows the shapes English-model OCR gives to words', () => {
    for (const g of ['d6i', '1a', '16p', 'X4', 'T6', 'P6i', 'K&', 'ngay22', 'thdang11nam', 'tAm', 'PiCH']) expect(isGarbleShape(g), g).toBe(true);
    for (const c of ['C04', 'P5', '5G', '1A', '3B', '4E', 'N2O', '19h00', 'KH&CN', 'KH03', 'V01']) expect(isGarbleShape(c), c).toBe(false);
  });
});

describe('codes beside garbled words in English-model OCR', () => {
  it('repairs the words and keeps the codes', () => {
    const ocr = [
      'tao dong luc cho phat trién bén viing cua toan X4, phat trién kinh té; d6i v6i ho nghéo va ho can nghéo;',
      'phat trién ha tang mang 5G va KH&CN, hop tac R&D, mau C04 va bang P5. trén Quéc 16 4E.',
    ].join('\n');
    const out = restore(ocr).text;
    expect(out).toMatch(/toàn x[aàáảãạ],/u);
    expect(out).toMatch(/đối với/u);
    for (const c of [' 5G ', 'KH&CN,', 'R&D,', 'C04', 'P5.', ' 4E.']) expect(out).toContain(c);
  });

  it('leaves the codes of correct text alone', () => {
    const text = 'Bộ KH&CN hướng dẫn biểu mẫu C04 và P5. Mạng 5G, 4G phủ Quốc lộ 4E; hợp tác R&D, N2O, Quyết định số 06/QĐ-TTg.';
    expect(restore(text).text).toBe(text);
  });

  it('never takes a printed Đ away, though the abbreviation table writes the segment with D', () => {
    // the table has `HD` (Hướng dẫn, `12/HD-UBND`); `HĐ` is Hợp đồng
    const text = 'Hợp đồng số 02/HĐ/2025 được ký ngày 14/3/2025 giữa hai bên; hai bên đã ký HĐ mới theo Hướng dẫn số 12/HD-UBND.';
    expect(restore(text).text).toBe(text);
  });
});
