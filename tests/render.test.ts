import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createOcrWorker, ocrLines } from '../scripts/lib/ocr-page.js';
import { layoutParagraphs, renderLayoutPage, renderPage } from '../scripts/lib/render.js';

const header = { text: 'KẾ HOẠCH', bold: true, align: 'center' as const };
const body =
  'Tăng cường truyền thông về công tác xây dựng Đảng và hệ thống chính trị của xã trong năm 2025, ' +
  'đối với các cơ quan, đơn vị trên địa bàn; đây là nhiệm vụ thường xuyên của Ủy ban nhân dân.';

/** Dark pixels of a grey image inside and outside a set of boxes. */
async function inkByBoxes(png: Buffer, boxes: Array<{ x0: number; y0: number; x1: number; y1: number }>) {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  let inside = 0;
  let outside = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x]! >= 128) continue;
      const hit = boxes.some((b) => x >= b.x0 - 2 && x <= b.x1 + 2 && y >= b.y0 - 2 && y <= b.y1 + 2);
      if (hit) inside++;
      else outside++;
    }
  }
  return { inside, outside };
}

describe('renderPage', () => {
  it('draws an A4 page at the requested resolution with ink only in the line boxes', async () => {
    const page = await renderPage([header, body], { dpi: 150 });
    const meta = await sharp(page.png).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([1240, 1754]);
    expect([page.width, page.height, page.dpi]).toEqual([1240, 1754, 150]);
    expect(Math.round(meta.density ?? 0)).toBe(150);
    expect(['Liberation Serif', 'DejaVu Serif']).toContain(page.font);
    // The long paragraph was wrapped: more lines than paragraphs, and their words make up the text.
    expect(page.lines.length).toBeGreaterThan(2);
    expect(page.lines.slice(1).map((l) => l.text).join(' ')).toBe(body);
    const { inside, outside } = await inkByBoxes(page.png, page.lines.map((l) => l.bbox));
    expect(inside).toBeGreaterThan(5000);
    expect(outside).toBe(0);
    // Lines stay inside the margins (30 mm left, 15 mm right at 150 dpi) and go down the page.
    for (const l of page.lines) {
      expect(l.bbox.x0).toBeGreaterThanOrEqual(Math.floor((30 / 25.4) * 150) - 2);
      expect(l.bbox.x1).toBeLessThanOrEqual(1240 - Math.floor((15 / 25.4) * 150) + 2);
    }
    const tops = page.lines.map((l) => l.bbox.y0);
    expect([...tops].sort((a, b) => a - b)).toEqual(tops);
    // The header is centred.
    const h = page.lines[0]!.bbox;
    const mid = (Math.round((30 / 25.4) * 150) + 1240 - Math.round((15 / 25.4) * 150)) / 2;
    expect(Math.abs((h.x0 + h.x1) / 2 - mid)).toBeLessThan(6);
  });

  it('renders a laid-out page at the size it was laid out with, without options', async () => {
    const layout = layoutParagraphs([header, body], { dpi: 100, fontSizePt: 16 });
    const page = await renderLayoutPage(layout.pages[0]!, layout.font);
    const { inside, outside } = await inkByBoxes(page.png, page.lines.map((l) => l.bbox));
    expect(inside).toBeGreaterThan(1000);
    expect(outside).toBe(0);
  });

  it('is deterministic', async () => {
    const a = await renderPage([header, body], { dpi: 100 });
    const b = await renderPage([header, body], { dpi: 100 });
    expect(a.png.equals(b.png)).toBe(true);
  });

  it('refuses text longer than a page, which layoutParagraphs splits into pages', async () => {
    const many = Array.from({ length: 60 }, () => body);
    await expect(renderPage(many, { dpi: 72 })).rejects.toThrow(/pages/);
    const layout = layoutParagraphs(many, { dpi: 72 });
    expect(layout.pages.length).toBeGreaterThan(1);
    const lines = layout.pages.flatMap((p) => p.lines);
    expect(new Set(lines.map((l) => l.paragraph)).size).toBe(60);
    for (const p of layout.pages) for (const l of p.lines) expect(l.bbox.y1).toBeLessThanOrEqual(p.height);
  });

  it('renders text that the real vie OCR model reads back', async () => {
    const line = 'Giao Ủy ban nhân dân các xã, phường tổ chức thực hiện kế hoạch này.';
    const page = await renderPage([{ text: line, align: 'left', indentMm: 0 }], { dpi: 300 });
    const b = page.lines[0]!.bbox;
    // Only the line's strip of the page, to keep the test quick.
    const strip = await sharp(page.png)
      .extract({ left: 0, top: b.y0 - 40, width: page.width, height: b.y1 - b.y0 + 80 })
      .withMetadata({ density: 300 })
      .png()
      .toBuffer();
    const worker = await createOcrWorker('vie');
    try {
      const lines = await ocrLines(worker, strip);
      expect(lines.map((l) => l.text).join(' ')).toBe(line);
    } finally {
      await worker.terminate();
    }
  }, 60_000);
});
