/**
 * The page reading that follows OCR, on page structures as tesseract reports them (boxes in
 * pixels at 300 dpi): reading order of two-column header and footer tables, stamps and seals
 * kept out of the text, a number the engine was not sure of, colour dropout, blank pages, the
 * judgement of text layers, several documents in one file, and how all of it reaches the
 * document tree and the review. No OCR runs here; tests/input.office.test.ts runs it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import type { EngineLine, EngineRegion } from '../src/ocr/engine.js';
import { readingOrder } from '../src/ocr/layout.js';
import { dropStampInk } from '../src/ocr/colour.js';
import { judgeBlank } from '../src/ocr/blank.js';
import { checkDocumentNumber } from '../src/ocr/number.js';
import { ruledBoxes, separateStamps } from '../src/ocr/stamps.js';
import { parseTesseractTsv } from '../src/ocr/tsv.js';
import { looksLikeNonVietnameseOcr, vietnameseReading } from '../src/ocr/text-layer.js';
import { opensDocument, splitDocuments } from '../src/input/split.js';
import { joinPages, type OcrLine, type SourceDocument, type SourcePage } from '../src/input/source.js';
import { processSourceSync } from '../src/pipeline.js';

let block = 0;
/** An engine line from words laid out left to right: [text, x0, x1] at a baseline band y0..y0+h. */
function line(y0: number, words: Array<[string, number, number]>, opts: { h?: number; conf?: number; block?: number } = {}): EngineLine {
  const h = opts.h ?? 50;
  const ws = words.map(([text, x0, x1]) => ({ text, confidence: opts.conf ?? 96, bbox: { x0, y0, x1, y1: y0 + h } }));
  return { block: opts.block ?? ++block, paragraph: 1, line: 1, bbox: { x0: words[0]![1], y0, x1: words[words.length - 1]![2], y1: y0 + h }, words: ws };
}

/** Words spread over a span, about 25 px apart (a line of print). */
function printed(y0: number, text: string, x0: number, opts: { h?: number; conf?: number; block?: number } = {}): EngineLine {
  let x = x0;
  return line(y0, text.split(' ').map((w): [string, number, number] => {
    const start = x;
    x += w.length * 28 + 25;
    return [w, start, start + w.length * 28];
  }), opts);
}

/** One engine line holding both cells of a header row, as tesseract reads a table row. */
function row(y0: number, left: string, right: string): EngineLine {
  const a = printed(y0, left, 540);
  const b = printed(y0, right, 1260);
  return { ...a, bbox: { ...a.bbox, x1: b.bbox.x1 }, words: [...a.words, ...b.words] };
}

describe('reading order', () => {
  const header = [
    row(285, 'ỦY BAN NHÂN DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
    row(352, 'TỈNH NGHỆ AN', 'Độc lập - Tự do - Hạnh phúc'),
    row(439, 'Số: 1026/KH-UBND', 'Nghệ An, ngày 26 tháng 11 năm 2025'),
    printed(600, 'KẾ HOẠCH', 1210),
    printed(700, 'Thực hiện Chỉ thị số 32/CT-TTg ngày 21/10/2025 của Thủ tướng', 540),
    printed(770, 'Chính phủ về tăng cường công tác bảo vệ bí mật nhà nước trong', 420),
  ];

  it('reads a two-column header table left column first, then right, then the title and body', () => {
    const { lines, text } = readingOrder(header);
    expect(lines.map((l) => l.text)).toEqual([
      'ỦY BAN NHÂN DÂN', 'TỈNH NGHỆ AN', 'Số: 1026/KH-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Nghệ An, ngày 26 tháng 11 năm 2025',
      'KẾ HOẠCH',
      'Thực hiện Chỉ thị số 32/CT-TTg ngày 21/10/2025 của Thủ tướng',
      'Chính phủ về tăng cường công tác bảo vệ bí mật nhà nước trong',
    ]);
    expect(lines.slice(0, 3).map((l) => [l.block, l.column])).toEqual([[1, 'left'], [1, 'left'], [1, 'left']]);
    expect(lines.slice(3, 6).map((l) => [l.block, l.column])).toEqual([[2, 'right'], [2, 'right'], [2, 'right']]);
    expect(lines[6]!.column).toBeUndefined();
    expect(new Set(lines.slice(6).map((l) => l.block)).size).toBeGreaterThan(0);
    // Word boxes and confidences travel with every line; a blank line separates blocks.
    expect(lines[0]!.words.map((w) => w.text)).toEqual(['ỦY', 'BAN', 'NHÂN', 'DÂN']);
    expect(lines[0]!.confidence).toBe(96);
    expect(text.startsWith('ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 1026/KH-UBND\n\nCỘNG HÒA')).toBe(true);
  });

  it('keeps a footer row whose cells stand alone in their column (the signer after the signature blank)', () => {
    const footer = [
      printed(2000, 'tỉnh theo quy định./.', 390),
      { ...printed(2100, 'Nơi nhận:', 390), words: [...printed(2100, 'Nơi nhận:', 390).words, ...printed(2100, 'TM. ỦY BAN NHÂN DÂN', 1430).words], bbox: { x0: 390, y0: 2100, x1: 2000, y1: 2150 } },
      { ...printed(2170, '- Văn phòng Chính phủ', 390), words: [...printed(2170, '- Văn phòng Chính phủ', 390).words, ...printed(2170, 'KT. CHỦ TỊCH', 1580).words], bbox: { x0: 390, y0: 2170, x1: 1900, y1: 2220 } },
      printed(2240, '- Bộ Công an;', 390),
      printed(2310, '- Lưu: VT, NC.', 390),
      printed(2500, 'Bùi Thanh An', 1600),
    ];
    expect(readingOrder(footer).lines.map((l) => `${l.column ?? '-'} ${l.text}`)).toEqual([
      '- tỉnh theo quy định./.',
      'left Nơi nhận:', 'left - Văn phòng Chính phủ', 'left - Bộ Công an;', 'left - Lưu: VT, NC.',
      'right TM. ỦY BAN NHÂN DÂN', 'right KT. CHỦ TỊCH', 'right Bùi Thanh An',
    ]);
  });

  it('does not cut body lines at the word spaces of justified print, nor a single wide row', () => {
    const body = [
      printed(700, 'Thực hiện Chỉ thị số 32/CT-TTg ngày 21/10/2025 của Thủ tướng', 540),
      line(770, [['hình', 420, 520], ['mới,', 560, 660], ['UBND', 700, 820]]),
      line(840, [['I.', 420, 460], ['MỤC ĐÍCH', 600, 800]]),
    ];
    const { lines } = readingOrder(body);
    expect(lines.map((l) => l.text)).toEqual([
      'Thực hiện Chỉ thị số 32/CT-TTg ngày 21/10/2025 của Thủ tướng', 'hình mới, UBND', 'I. MỤC ĐÍCH',
    ]);
    expect(lines.every((l) => l.column === undefined)).toBe(true);
  });
});

describe('tesseract TSV with page structure', () => {
  it('gives lines with their words and the text-less blocks as rules and pictures', () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '2\t1\t1\t0\t0\t0\t10\t20\t200\t40\t-1\t',
      '5\t1\t1\t1\t1\t1\t10\t20\t30\t12\t96.5\tKế',
      '5\t1\t1\t1\t1\t2\t45\t20\t40\t12\t91.5\thoạch',
      '2\t1\t2\t0\t0\t0\t167\t513\t646\t29\t-1\t',
      '5\t1\t2\t1\t1\t1\t167\t513\t646\t29\t95\t ',
      '2\t1\t3\t0\t0\t0\t1400\t680\t660\t390\t-1\t',
    ].join('\n');
    const page = parseTesseractTsv(tsv);
    expect(page.lines).toHaveLength(1);
    expect(page.lines[0]).toMatchObject({ block: 1, paragraph: 1, line: 1, bbox: { x0: 10, y0: 20, x1: 85, y1: 32 } });
    expect(page.regions).toEqual([
      { kind: 'rule', bbox: { x0: 167, y0: 513, x1: 813, y1: 542 } },
      { kind: 'image', bbox: { x0: 1400, y0: 680, x1: 2060, y1: 1070 } },
    ]);
  });
});

describe('stamps and seals', () => {
  // An incoming stamp's ruled box as tesseract reports it: top and bottom rules, a left side.
  const regions: EngineRegion[] = [
    { kind: 'rule', bbox: { x0: 167, y0: 513, x1: 813, y1: 542 } },
    { kind: 'rule', bbox: { x0: 170, y0: 537, x1: 186, y1: 898 } },
    { kind: 'rule', bbox: { x0: 179, y0: 869, x1: 824, y1: 896 } },
    { kind: 'image', bbox: { x0: 1424, y0: 1700, x1: 2094, y1: 2090 } },
  ];

  it('finds the ruled box of an incoming stamp', () => {
    expect(ruledBoxes(regions, 300)).toEqual([{ x0: 167, y0: 513, x1: 824, y1: 896 }]);
  });

  it('takes the stamp text out, keeps its registry number apart, and keeps print the stamp covers', () => {
    const lines = [
      row(285, 'ỦY BAN NHÂN DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
      line(546, [['UBND', 180, 300], ['XÃ', 320, 380], ['HƯNG', 400, 520], ['NGUYÊN', 540, 790]], { h: 40 }),
      line(600, [['ĐẾN', 400, 587], ['KẾ', 1213, 1300], ['HOẠCH', 1334, 1585]], { h: 80 }),
      // `TRIỂN` is print under the stamp, word-space close to the rest of the title line.
      line(660, [['Số:', 200, 260], ['4644', 280, 380], ['TRIỂN', 700, 800], ['KHAI', 830, 950], ['THỰC', 980, 1100]], { h: 50 }),
      line(760, [['Ngày:', 200, 300], ['27/11/2025', 320, 560]], { h: 40 }),
    ];
    const { lines: kept, stamps } = separateStamps(lines, regions, 300);
    const text = readingOrder(kept).lines.map((l) => l.text);
    expect(text).toContain('KẾ HOẠCH');
    expect(text).toContain('TRIỂN KHAI THỰC');
    expect(text.join('\n')).not.toMatch(/ĐẾN|HƯNG NGUYÊN|4644|27\/11/);
    expect(stamps).toHaveLength(1);
    expect(stamps[0]).toMatchObject({ kind: 'incoming', registryNumber: '4644', date: '2025-11-27' });
    expect(stamps[0]!.text).toContain('UBND XÃ HƯNG NGUYÊN');
  });

  it('keeps the words of a picture region that read as words (a name under a seal) and drops the seal text', () => {
    const seal = [
      line(1765, [['°', 1660, 1680], ['Ủy', 1690, 1758]], { conf: 52 }),
      line(1990, [['7T', 1597, 1650], ['NXỎ', 1660, 1779]], { conf: 1 }),
      { ...line(2082, [['Bùi', 1659, 1750], ['Thanh', 1780, 1930], ['An', 1950, 2058]]), block: 1001 },
    ];
    const { lines, stamps } = separateStamps([printed(1500, 'PHÓ CHỦ TỊCH', 1560)], regions, 300, seal);
    expect(lines.map((l) => l.words.map((w) => w.text).join(' '))).toEqual(['PHÓ CHỦ TỊCH', 'Bùi Thanh An']);
    expect(stamps.map((s) => s.kind)).toEqual(['seal']);
    expect(stamps[0]!.text).toContain('NXỎ');
  });

  it('recognises the lines of a digital-signature box wherever they stand', () => {
    const { lines, stamps } = separateStamps([
      printed(40, 'Ký bởi: Ủy ban nhân dân Thành phố Hồ Chí Minh', 1500, { h: 30 }),
      printed(80, 'Thời gian ký: 18.11.2025 16:22:31 +07:00', 1500, { h: 30 }),
      printed(285, 'ỦY BAN NHÂN DÂN', 540),
    ], [], 300);
    expect(lines.map((l) => l.words[0]!.text)).toEqual(['ỦY']);
    expect(stamps[0]).toMatchObject({ kind: 'signature-box' });
  });
});

describe('a number OCR could not read', () => {
  const numberLine = (words: Array<[string, number]>): OcrLine => ({
    text: words.map(([t]) => t).join(' '), confidence: 80, block: 1, column: 'left', bbox: { x0: 0, y0: 0, x1: 600, y1: 60 },
    words: words.map(([text, confidence], i) => ({ text, confidence, bbox: { x0: i * 150, y0: 0, x1: i * 150 + 120, y1: 60 } })),
  });
  const issuer: OcrLine = { ...numberLine([['ỦY', 96], ['BAN', 96]]), text: 'ỦY BAN' };

  it.each([
    ['handwritten digits read with little confidence', [['Số:', 96], ['1026', 57], ['/KH-UBND', 91]]],
    ['garbage in place of digits', [['Số:', 96], ['5Ÿ', 88], ['/KH-BCA-C04', 92]]],
    ['digits glued to the code', [['Số:', 96], ['1O26/KH-UBND', 70]]],
    ['digits glued to the prefix', [['Số:1Ô26', 83], ['/KH-UBND', 91]]],
  ] as Array<[string, Array<[string, number]>]>)('%s: the digits are left out and the page says why', (_, words) => {
    const { lines, message, unreadable } = checkDocumentNumber([issuer, numberLine(words)]);
    expect(lines[1]!.text).toMatch(/^Số: \/KH-/);
    expect(lines[1]!.words).toHaveLength(words.length); // the words read stay with the line
    expect(unreadable).toBeTruthy();
    expect(message).toMatchObject({ ruleId: 'header-unreadable', severity: 'warning', line: 1 });
  });

  it('keeps a number read with confidence, and a blank left for the number (a draft)', () => {
    const sure = numberLine([['Số:', 96], ['1026', 94], ['/KH-UBND', 91]]);
    expect(checkDocumentNumber([sure]).lines[0]!.text).toBe('Số: 1026 /KH-UBND');
    expect(checkDocumentNumber([sure]).message).toBeUndefined();
    const blank = numberLine([['Số:', 96], ['/KH-UBND', 91]]);
    expect(checkDocumentNumber([blank]).message).toBeUndefined();
  });

  it.each(['sửa đổi, bổ sung hoặc thay thế Quyết định số 15/2021/QĐ-UBND ngày', 'Sửa đổi Quyết định số 15/2021/QĐ-UBND'])(
    'leaves alone a body line that opens with s… and cites a decision: %s',
    (text) => {
      // Near the top of a later page, read with a word or two in doubt.
      const body = numberLine(text.split(' ').map((t, i): [string, number] => [t, i === 1 ? 62 : 93]));
      const { lines, message } = checkDocumentNumber([body]);
      expect(lines[0]!.text).toBe(text);
      expect(message).toBeUndefined();
    },
  );
});

describe('colour dropout', () => {
  it('turns red and blue stamp ink into paper, keeps black print, also where ink lies over it', () => {
    const pixels: Array<[number, number, number]> = [
      [250, 249, 245], // paper
      [17, 17, 17], // print
      [214, 38, 46], // seal red
      [38, 74, 188], // stamp blue
      [14, 3, 3], // print under the seal
      [28, 30, 48], // blue-black pen (a hand-written number)
      [232, 144, 146], // the soft edge of the seal
    ];
    const n = 400;
    const data = new Uint8Array(n * 3);
    for (let i = 0; i < n; i++) data.set(pixels[i < 300 ? 0 : 1 + ((i - 300) % 6)]!, i * 3);
    const { page, red, blue } = dropStampInk({ data, width: 20, height: 20, dpi: 300 });
    const at = (k: number) => page.data[300 + k]!;
    const paper = page.data[0]!;
    expect(at(0)).toBeLessThan(40); // print
    expect(at(1)).toBeGreaterThanOrEqual(paper - 15); // red ink gone
    expect(at(2)).toBeGreaterThanOrEqual(paper - 15); // blue ink gone
    expect(at(3)).toBeLessThan(40); // print under ink stays
    expect(at(4)).toBeLessThan(60); // the pen stays
    expect(at(5)).toBeGreaterThanOrEqual(paper - 15); // the ink's edge goes too
    expect(red).toBeGreaterThan(0);
    expect(blue).toBeGreaterThan(0);
  });
});

describe('blank pages', () => {
  const page = (w: number, h: number, fill: (x: number, y: number) => number) => {
    const d = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) d[y * w + x] = fill(x, y);
    return d;
  };
  it('tells a duplex back (paper, print showing through, dust) from a page with a few lines', () => {
    const w = 827, h = 600;
    const back = page(w, h, (x, y) => (y % 30 < 8 && x > 100 && x < 700 ? 226 : 246) - ((x * 7 + y * 13) % 5));
    for (const [x, y] of [[300, 200], [500, 400], [120, 80]]) back[y! * w + x!] = 40; // dust: single specks
    expect(judgeBlank(back, w, h, 246).blank).toBe(true);
    const signature = page(w, h, (x, y) => (y > 300 && y < 318 && x > 500 && x < 700 && x % 6 < 3 ? 30 : 246));
    expect(judgeBlank(signature, w, h, 246).blank).toBe(false);
  });
});

describe('text layers', () => {
  const layerText = (file: string) => {
    const doc = mupdf.Document.openDocument(readFileSync(file), 'application/pdf');
    try {
      return doc.loadPage(0).toStructuredText('preserve-whitespace').asText();
    } finally {
      doc.destroy();
    }
  };

  it('an old eng-model OCR layer does not read as Vietnamese, even with some marks on it', () => {
    const eng = layerText('fixtures/scans/office/eng-layer.pdf');
    const r = vietnameseReading(eng);
    expect(r.judged).toBe(true);
    expect(r.vietnamese).toBe(false);
    expect(r.syllableShare).toBeLessThan(0.8);
    expect(looksLikeNonVietnameseOcr(eng)).toBe(true);
  });

  it('every dev plan reads as Vietnamese, and so does a real text layer', () => {
    for (const f of readdirSync('fixtures/plans').filter((x) => x.endsWith('.txt'))) {
      expect(vietnameseReading(readFileSync(`fixtures/plans/${f}`, 'utf8')).vietnamese, f).toBe(true);
    }
    expect(looksLikeNonVietnameseOcr(layerText('fixtures/scans/text-layer.pdf'))).toBe(false);
  });
});

const pageOf = (number: number, text: string, extra: Partial<SourcePage> = {}): SourcePage => ({ number, text, method: 'text-layer', confidence: null, ...extra });
const docOf = (pages: SourcePage[]): SourceDocument => ({ file: 'x.pdf', sha256: 'a'.repeat(64), mediaType: 'application/pdf', pages, text: joinPages(pages) });

describe('several documents in one file', () => {
  const truth = readFileSync('fixtures/scans/office/truth/two-documents.txt', 'utf8').split('\f\n');

  it('splits where a new issuer block and the national motto open a page', () => {
    expect(truth).toHaveLength(2);
    expect(opensDocument({ text: truth[1]! })).toMatchObject({ opens: true });
    const parts = splitDocuments(docOf(truth.map((t, i) => pageOf(i + 1, t))));
    expect(parts.map((p) => [p.part, p.pages!.map((x) => x.number)])).toEqual([[1, [1]], [2, [2]]]);
    expect(parts[1]!.text).toMatch(/^ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN/);
    expect(parts[1]!.pages![0]!.messages![0]).toMatchObject({ ruleId: 'document-split' });
    const plans = parts.map((p) => processSourceSync(p).plan);
    // Each part has its own header: the submission's number, the draft decision's blank one.
    expect(plans.map((p) => [p.source.part, p.header.number])).toEqual([[1, '215/TTr-SNV'], [2, null]]);
    expect(plans[1]!.header.documentType).toBe('Quyết định');
  });

  it('leaves one document alone: body pages, and a plan issued by a decision (no motto on its plan pages)', () => {
    const plan = readFileSync('fixtures/plans/nghean-kh1026-bao-ve-bi-mat-nha-nuoc-2025.txt', 'utf8').split('\n');
    const pages = [plan.slice(0, 25), plan.slice(25, 50), plan.slice(50)].map((l, i) => pageOf(i + 1, l.join('\n')));
    expect(splitDocuments(docOf(pages))).toHaveLength(1);
    const decision = readFileSync('fixtures/plans/quangngai-qd1627-kh-kiem-ke-tai-san-cong-2026.txt', 'utf8').split('\n');
    const half = Math.floor(decision.length / 2);
    expect(splitDocuments(docOf([pageOf(1, decision.slice(0, half).join('\n')), pageOf(2, decision.slice(half).join('\n'))]))).toHaveLength(1);
  });
});

describe('the OCR layout and page messages in the document tree', () => {
  it('lines know their block and column; an unreadable number is null with a review reason', () => {
    const header: OcrLine[] = ['ỦY BAN NHÂN DÂN', 'TỈNH NGHỆ AN', 'Số: /KH-UBND'].map((text) => ({
      text, confidence: 95, block: 1, column: 'left' as const, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 }, words: [],
    }));
    const right: OcrLine[] = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Nghệ An, ngày 26 tháng 11 năm 2025'].map((text) => ({
      text, confidence: 95, block: 2, column: 'right' as const, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 }, words: [],
    }));
    const body = ['KẾ HOẠCH', 'Triển khai công tác bảo vệ bí mật nhà nước', 'I. MỤC ĐÍCH, YÊU CẦU', 'Bảo đảm bí mật nhà nước.'];
    const text = [...header.map((l) => l.text), '', ...right.map((l) => l.text), '', ...body].join('\n');
    const lines = [...header, ...right, ...body.map((t) => ({ text: t, confidence: 95, block: 3, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 }, words: [] }))];
    const page = pageOf(3, text, {
      method: 'ocr', confidence: 95, lines,
      messages: [{ ruleId: 'header-unreadable', reason: 'The document number could not be read', severity: 'warning', line: 2 }],
    });
    const result = processSourceSync(docOf([page]));
    const treeLines: Array<{ value: string; data: { page?: number; block?: number; column?: string } }> = [];
    const visit = (n: { type: string; value?: string; data?: object; children?: unknown[] }) => {
      if (n.type === 'line') treeLines.push(n as never);
      for (const c of n.children ?? []) visit(c as typeof n);
    };
    visit(result.tree as never);
    const tỉnh = treeLines.find((l) => l.value.includes('TỈNH NGHỆ AN'))!;
    expect(tỉnh.data).toMatchObject({ page: 3, block: 1, column: 'left' });
    expect(treeLines.find((l) => l.value.startsWith('Độc lập'))!.data).toMatchObject({ block: 2, column: 'right' });
    expect(result.plan.header.number).toBeNull();
    expect(result.plan.header.issuer).toMatch(/Nghệ An/);
    expect(result.plan.messages.find((m) => m.ruleId === 'header-unreadable')).toMatchObject({ severity: 'warning', source: 'vnplan:ocr', place: { line: 3 } });
    expect(result.plan.review.needed).toBe(true);
    expect(result.plan.review.reasons[0]).toMatch(/header could not be read/);
  });
});

describe('specks at the ends of a line', () => {
  const word = (text: string, confidence: number, x: number) => ({ text, confidence, bbox: { x0: x, y0: 0, x1: x + 40, y1: 30 } });
  const line = (...words: ReturnType<typeof word>[]) => ({ text: words.map((w) => w.text).join(' '), bbox: { x0: 0, y0: 0, x1: 900, y1: 30 }, confidence: 80, block: 1, words });
  it('trims faint one-letter specks but keeps a faint label that opens the line', async () => {
    const { trimSpecks } = await import('../src/ocr/read-page.js');
    expect(trimSpecks(line(word('I.', 30, 0), word('NỘI', 96, 60), word('DUNG', 90, 160))).text).toBe('I. NỘI DUNG');
    expect(trimSpecks(line(word('-', 20, 0), word('Tăng', 96, 60), word('cường', 90, 160))).text).toBe('- Tăng cường');
    expect(trimSpecks(line(word('KẾ', 96, 0), word('HOẠCH', 96, 60), word('S', 20, 300))).text).toBe('KẾ HOẠCH');
    expect(trimSpecks(line(word("'", 20, 0), word('Tăng', 96, 60), word('cường', 90, 160))).text).toBe('Tăng cường');
  });
});

describe('weak lines read again', () => {
  it('reads again a line OCR made one word of, with no confidence (`- Lưu: VT, CT.` read `-.UVUCUT`)', async () => {
    const { renderPage } = await import('../scripts/lib/render.js');
    const { readOcrPage } = await import('../src/ocr/read-page.js');
    const sharp = (await import('sharp')).default;
    const { png } = await renderPage(['- Cổng Thông tin điện tử thành phố;', '- Lưu: VT, CT.'], { dpi: 200, pageMm: { width: 150, height: 60 }, marginsMm: { top: 10, right: 10, bottom: 10, left: 10 } });
    const { data, info } = await sharp(png).grayscale().extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    const word = (text: string, confidence: number, x0: number, x1: number, y0: number) => ({ text, confidence, bbox: { x0, y0, x1, y1: y0 + 30 } });
    const asLine = (block: number, words: ReturnType<typeof word>[]) => ({ block, paragraph: 1, line: 1, bbox: { x0: words[0]!.bbox.x0, y0: words[0]!.bbox.y0, x1: words.at(-1)!.bbox.x1, y1: words[0]!.bbox.y1 }, words });
    const first = [asLine(1, [word('-', 93, 80, 90, 80), word('Cổng', 96, 100, 180, 80), word('Thông', 96, 190, 290, 80)]), asLine(2, [word('-.UVUCUT', 0, 80, 300, 125)])];
    const asked: string[] = [];
    const recognize = async (_image: unknown, o?: { segmentation?: string }) => {
      asked.push(o?.segmentation ?? 'auto');
      const lines = o?.segmentation === 'line' ? [asLine(1, [word('-', 93, 10, 20, 10), word('Lưu:', 97, 30, 90, 10), word('VT,', 80, 100, 150, 10), word('CT.', 88, 160, 210, 10)])] : first;
      const words = lines.flatMap((l) => l.words);
      return { text: '', confidence: 80, words, lines, regions: [] };
    };
    const read = await readOcrPage({} as never, { data: new Uint8Array(data), width: info.width, height: info.height, dpi: 200 }, recognize as never);
    expect(asked).toContain('line');
    expect(read.text).toContain('- Lưu: VT, CT.');
    expect(read.text).not.toContain('UVUCUT');
  });
});
