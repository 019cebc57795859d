import { describe, expect, it } from 'vitest';
import { alignChars, alignLine, baseLetter, charUnits, editBlocks, levenshtein } from '../scripts/lib/align.js';

const show = (units: Array<{ gold: string; ocr: string }>) =>
  units.filter((u) => u.gold !== u.ocr).map((u) => `${u.gold}→${u.ocr}`);

describe('alignLine', () => {
  it('lines up lost diacritics letter for letter and merges adjacent edits into blocks', () => {
    const a = alignLine('Tăng cường truyền thông', 'Ting cudng truyén théng');
    expect(show(a.units)).toEqual(['ă→i', 'ư→u', 'ờ→d', 'ề→é', 'ô→é']);
    expect(show(a.blocks)).toEqual(['ă→i', 'ườ→ud', 'ề→é', 'ô→é']);
    expect(a.distance).toBe(5);
  });

  it('gives a gold character the OCR characters inserted after it', () => {
    const a = alignLine('của', 'ctia');
    expect(a.units).toEqual([
      { gold: 'c', ocr: 'c' },
      { gold: 'ủ', ocr: 'ti' },
      { gold: 'a', ocr: 'a' },
    ]);
    expect(show(a.blocks)).toEqual(['ủ→ti']);
  });

  it('gives insertions between a correct and a misread character to the misread one', () => {
    expect(show(alignLine('tiệp', 'ti€ép').units)).toEqual(['ệ→€é']);
    expect(show(alignLine('tiệp', 'ti€ép').blocks)).toEqual(['ệ→€é']);
    expect(show(alignLine('ab', 'aXb').units)).toEqual(['a→aX']);
  });

  it('keeps case: an upper-case Đ read as P', () => {
    expect(show(alignLine('Đảng', 'Pang').units)).toEqual(['Đ→P', 'ả→a']);
    expect(show(alignLine('Chương', 'Chwong').blocks)).toEqual(['ươ→wo']);
  });

  it('handles pure insertions and deletions at the ends of a line', () => {
    expect(alignLine('abc', 'xabc').units[0]).toEqual({ gold: 'a', ocr: 'xa' });
    expect(show(alignLine('abc', 'xabc').blocks)).toEqual(['a→xa']);
    expect(show(alignLine('abc', 'abcd').blocks)).toEqual(['c→cd']);
    const gone = alignLine('ab cd', 'ab');
    expect(gone.units.map((u) => u.ocr).join('')).toBe('ab');
    expect(gone.cer).toBeCloseTo(3 / 5);
    expect(show(alignLine('ab cd', 'abcd').units)).toEqual([' →']);
  });

  it('does not make blocks longer than the unit limit', () => {
    const a = alignLine('x nghiêng y', 'x qwrtzpk y');
    expect(a.blocks).toEqual([]);
    expect(a.units.map((u) => u.gold).join('')).toBe('x nghiêng y');
  });

  it('works on NFC: decomposed input aligns like composed input', () => {
    const decomposed = 'cường'.normalize('NFD');
    expect(alignLine(decomposed, 'cudng').units).toEqual(alignLine('cường', 'cudng').units);
    expect(alignLine('cường', 'cường'.normalize('NFD')).distance).toBe(0);
  });

  it('measures garbage as garbage', () => {
    expect(alignLine('Ủy ban nhân dân tỉnh', '|||- ~~ ,,').cer).toBeGreaterThan(0.5);
    expect(alignLine('', '').cer).toBe(0);
  });
});

describe('pieces', () => {
  it('baseLetter folds marks, đ and case', () => {
    expect(['Ờ', 'đ', 'Đ', 'ệ', 'a'].map(baseLetter)).toEqual(['o', 'd', 'd', 'e', 'a']);
  });
  it('levenshtein is the plain unit-cost distance', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
  });
  it('every gold character is covered once and every OCR character once', () => {
    const ops = alignChars('Giao Ủy ban nhân dân các xã', 'Giao Uy ban nhan dan cac x4 ;');
    expect(ops.map((o) => o.gold).join('')).toBe('Giao Ủy ban nhân dân các xã');
    expect(ops.map((o) => o.ocr).join('')).toBe('Giao Uy ban nhan dan cac x4 ;');
    expect(charUnits(ops).map((u) => u.ocr).join('')).toBe('Giao Uy ban nhan dan cac x4 ;');
    expect(show(editBlocks(ops))).toEqual(['Ủ→U', 'â→a', 'â→a', 'á→a', 'ã→4 ;']);
  });
});
