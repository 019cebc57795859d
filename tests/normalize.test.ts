import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { hasInterleavedBlanks, normalizeLineText, normalizeTree } from '../src/stages/normalize.js';
import { parseLines } from '../src/stages/parse.js';

describe('normalizeLineText', () => {
  it('composes decomposed Vietnamese to NFC', () => {
    const nfd = 'Kế hoạch'.normalize('NFD');
    expect(nfd).not.toBe('Kế hoạch');
    expect(normalizeLineText(nfd)).toBe('Kế hoạch');
  });
  it('unifies dash and quote variants and odd spaces', () => {
    expect(normalizeLineText('2021\u20142025')).toBe('2021–2025');
    expect(normalizeLineText('chính trị \u2011 xã hội')).toBe('chính trị - xã hội');
    expect(normalizeLineText('\u201EVì người nghèo\u201D')).toBe('“Vì người nghèo”');
    expect(normalizeLineText('a\u00A0b\tc')).toBe('a b c');
  });
  it('removes Markdown emphasis around words but keeps bullets', () => {
    expect(normalizeLineText('giai đoạn 2021 - 2025 (*Chương trình*) nhằm')).toBe('giai đoạn 2021 - 2025 (Chương trình) nhằm');
    expect(normalizeLineText('thi đua "*Vì người nghèo*".')).toBe('thi đua "Vì người nghèo".');
    expect(normalizeLineText('* Đối với cấp xã')).toBe('* Đối với cấp xã');
    expect(normalizeLineText('_a) Tăng cường')).toBe('a) Tăng cường');
  });
});

describe('hasInterleavedBlanks', () => {
  const text = Array.from({ length: 12 }, (_, i) => `dòng ${i}`);
  it('sees a blank line after every line', () => {
    expect(hasInterleavedBlanks(text.flatMap((l) => [l, '']))).toBe(true);
  });
  it('does not see it in ordinary paragraphs', () => {
    expect(hasInterleavedBlanks([...text.slice(0, 6), '', ...text.slice(6)])).toBe(false);
  });
});

describe('normalizeTree', () => {
  it('drops page numbers and signing stamps with a message each, and blank-line artefacts', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `Nội dung dòng ${i + 1}`);
    const text = [...lines.slice(0, 5), '', '- 2 -', '', ...lines.slice(5), '', '2022-09-14T13:55:49+0700'].flatMap((l) => [l, '']).join('\n');
    const tree = parseLines(text, false);
    const file = new VFile();
    normalizeTree(tree, file);
    const values = tree.children.map((n) => (n as { value: string }).value);
    expect(values).not.toContain('- 2 -');
    expect(values.some((v) => v.includes('2022-09-14'))).toBe(false);
    expect(values.filter((v) => v.startsWith('Nội dung'))).toHaveLength(10);
    expect(file.messages.map((m) => m.ruleId).sort()).toEqual(['interleaved-blank-lines', 'page-number', 'signing-stamp']);
  });
  it('keeps a number that is part of the text', () => {
    const tree = parseLines('Tổng số hộ nghèo:\n125\nhộ', false);
    normalizeTree(tree, new VFile());
    expect(tree.children).toHaveLength(3);
  });
});

describe('parseLines', () => {
  it('turns form-feed lines into page numbers on the lines', () => {
    const tree = parseLines('trang một\n\f\ntrang hai\n\f\ntrang ba', true);
    expect(tree.children.map((l) => [(l as { value: string }).value, (l as { data: { page?: number } }).data.page])).toEqual([
      ['trang một', 1], ['trang hai', 2], ['trang ba', 3],
    ]);
  });
});

describe('pipeline on a document with no lines left', () => {
  it('restores nothing and still writes a valid, empty document', async () => {
    const { processSourceSync } = await import('../src/pipeline.js');
    const source = { file: 'blank-scan.pdf', sha256: '0'.repeat(64), mediaType: 'application/pdf', text: '- 1 -', pages: [
      { number: 1, text: '- 1 -', method: 'ocr' as const, confidence: 40 },
    ] };
    const { plan, restoredText } = processSourceSync(source);
    expect(restoredText).toBe('');
    expect(plan.sections).toEqual([]);
    expect(plan.source.pages).toBe(1);
  });
});
