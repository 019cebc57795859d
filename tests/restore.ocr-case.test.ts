import { describe, expect, it } from 'vitest';
import { restore } from '../src/restore/index.js';

// English-model OCR of a ministry's circular, written for this test in the shapes that OCR
// gives (marks lost, `é` for the e family, a capital Đ read as `b`, `Bộ` read as `BO`)
const ocr = [
  'BO TAI CHINH',
  'Can cu Nghi dinh s6 29/2025/ND-CP cua Chinh phu quy dinh chic nang, nhiém vu cua BO Tai chinh;',
  'Theo dé nghi cua Vu trudng Vu Phap ché, BO truong BO Tai chinh ban hanh Thong tu.',
  'biéu 1. Pham vi diéu chinh',
  'Thong tu nay quy dinh vé quan ly tai khoan cua UBND cac tinh va HO tro doanh nghiép.',
  'BIEU 2. HIEU LUC THI HANH',
  'Thong tu nay c6 hiéu luc tir ngay ky. UBND tinh, So Tai chinh chiu trach nhiém thi hanh.',
].join('\n');

describe('case of words English-model OCR got wrong', () => {
  const out = restore(ocr).text.split('\n');

  it('writes a capital Đ read as `b` as a capital', () => {
    expect(out[3]).toBe('Điều 1. Phạm vi điều chỉnh');
  });

  it('writes a short word read in capitals (its stacked marks) with one capital, away from words in capitals', () => {
    expect(out[1]).toContain('của Bộ Tài chính;');
    expect(out[2]).toContain('Bộ trưởng Bộ Tài chính');
    expect(out[4]).toContain('và Hỗ trợ doanh nghiệp');
  });

  it('leaves capitals alone in a line in capitals, and abbreviations', () => {
    expect(out[0]).toBe('BỘ TÀI CHÍNH');
    expect(out[5]).toBe('ĐIỀU 2. HIỆU LỰC THI HÀNH');
    expect(out[4]).toContain('của UBND các tỉnh');
    expect(out[6]).toContain('UBND tỉnh');
  });
});
