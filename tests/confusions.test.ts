import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CONFUSION_MODEL_URL, indexConfusions, loadConfusionModel } from '../src/restore/confusion-model.js';
import { ConfusionModel } from '../src/restore/confusion-schema.js';
import { ConfusionCounter, degrade, pairLines, pickPassages, topConfusions } from '../scripts/train/confusions.js';
import { DEFAULT_CORPUS, isHeldOut } from '../scripts/train/corpus.js';
import { renderPage } from '../scripts/lib/render.js';
import sharp from 'sharp';

const CORPUS = DEFAULT_CORPUS;
const bbox = (y0: number, y1: number, x0 = 100, x1 = 900) => ({ x0, y0, x1, y1 });

describe('ConfusionCounter', () => {
  const counter = new ConfusionCounter();
  counter.add({ gold: 'Tăng cường truyền thông', ocr: 'Ting cudng truyén théng' });
  counter.add({ gold: 'đường của xã', ocr: 'dudng ctia xa' });
  counter.add({ gold: 'cường của', ocr: 'cường cua' });
  const dropped = counter.add({ gold: 'Ủy ban nhân dân tỉnh', ocr: '|~ ,,' });
  const model = counter.toEngineModel(1);
  const count = (gold: string, ocr: string) => model.pairs.find((p) => p.gold === gold && p.ocr === ocr)?.count ?? 0;

  it('drops garbage lines and counts the rest', () => {
    expect(dropped).toBe(false);
    expect([counter.keptLines, counter.droppedLines]).toEqual([3, 1]);
  });

  it('counts single characters with their identities, and denominators that add up', () => {
    expect(count('ư', 'u')).toBe(2);
    expect(count('ư', 'ư')).toBe(1);
    expect(model.goldCounts['ư']).toBe(3);
    expect(count('ủ', 'ti')).toBe(1);
    expect(count('ủ', 'u')).toBe(1);
    expect(count('đ', 'd')).toBe(1);
    for (const [gold, total] of Object.entries(model.goldCounts)) {
      const sum = model.pairs.filter((p) => p.gold === gold).reduce((s, p) => s + p.count, 0);
      expect(sum).toBeLessThanOrEqual(total);
    }
  });

  it('counts multi-character units at every occurrence once OCR garbled them as a block', () => {
    expect(count('ườ', 'ud')).toBe(2);
    expect(count('ườ', 'ườ')).toBe(1);
    expect(model.goldCounts['ườ']).toBe(3);
    // A pair garbled only letter by letter, never as a block, gets no unit of its own.
    expect(model.goldCounts['ng']).toBeUndefined();
  });

  it('keeps no unit whose characters alone explain its misreadings', () => {
    const c = new ConfusionCounter();
    for (let i = 0; i < 3; i++) c.add({ gold: 'địa bàn đó', ocr: 'dia ban do' });
    const m = c.toEngineModel(2);
    expect(m.goldCounts['đị']).toBeUndefined();
    expect(m.pairs.find((p) => p.gold === 'đ')).toEqual({ gold: 'đ', ocr: 'd', count: 6 });
  });

  it('prunes rare pairs', () => {
    const pruned = counter.toEngineModel(2);
    expect(pruned.pairs.every((p) => p.count >= 2)).toBe(true);
    expect(pruned.pairs.find((p) => p.gold === 'ườ' && p.ocr === 'ud')?.count).toBe(2);
  });

  it('makes a model the loader accepts', () => {
    const full = ConfusionModel.parse({ version: 1, provenance: { pages: 0 }, engines: { eng: model } });
    expect(topConfusions(full, 'eng', 3)[0]).toMatchObject({ count: 2 });
  });
});

describe('pairLines', () => {
  it('pairs OCR lines with the rendered lines under them, joins split lines, skips specks', () => {
    const gold = [
      { text: 'một hai', bbox: bbox(100, 150) },
      { text: 'ba bốn năm', bbox: bbox(200, 250) },
      { text: 'sáu', bbox: bbox(300, 350) },
    ];
    const ocr = [
      { text: 'bon nam', bbox: bbox(102, 124, 300, 450), confidence: 80 },
      { text: 'ba', bbox: bbox(101, 125, 50, 120), confidence: 80 },
      { text: 'mot hai', bbox: bbox(51, 75, 50, 450), confidence: 80 },
      { text: '.', bbox: bbox(140, 142, 10, 12), confidence: 10 },
    ];
    // The OCR image was at half the rendered resolution.
    expect(pairLines(gold, ocr, 0.5)).toEqual([
      { gold: 'một hai', ocr: 'mot hai' },
      { gold: 'ba bốn năm', ocr: 'ba bon nam' },
    ]);
  });
});

describe('degrade', () => {
  it('carries the line boxes through scaling and skew onto the ink of the degraded image', async () => {
    const page = await renderPage(['Tăng cường truyền thông về công tác xây dựng Đảng', 'và hệ thống chính trị của xã, phường'], {
      dpi: 150,
      paragraphSpacingPt: 30,
    });
    for (const variant of ['jpeg-200', 'heavy-300'] as const) {
      const { image, lines } = await degrade(page, variant, 7);
      const { data, info } = await sharp(image).greyscale().raw().toBuffer({ resolveWithObject: true });
      // Ink sits inside the carried boxes: darker there than elsewhere (grain, specks and a grey
      // background included), and a box moved off its line by its own height is pale again.
      const mean = (box: { x0: number; y0: number; x1: number; y1: number }) => {
        let sum = 0;
        let n = 0;
        for (let y = Math.max(0, Math.round(box.y0)); y < Math.min(info.height, Math.round(box.y1)); y++) {
          for (let x = Math.max(0, Math.round(box.x0)); x < Math.min(info.width, Math.round(box.x1)); x++) {
            sum += 255 - data[y * info.width + x]!;
            n++;
          }
        }
        return sum / Math.max(1, n);
      };
      expect(lines).toHaveLength(page.lines.length);
      for (const { bbox } of lines) {
        const h = bbox.y1 - bbox.y0;
        const below = { ...bbox, y0: bbox.y1 + h * 0.3, y1: bbox.y1 + h * 1.3 };
        expect(mean(bbox)).toBeGreaterThan(mean(below) + 15);
      }
    }
    // The same seed gives the same page.
    expect((await degrade(page, 'heavy-300', 7)).image.equals((await degrade(page, 'heavy-300', 7)).image)).toBe(true);
  }, 30_000);
});

describe('held-out slice', () => {
  it('is the documents whose name hashes (sha1 hex) to 0 or 1', () => {
    // sha1('doc8.txt') = 17a8…, sha1('doc5.txt') = 27bf…, sha1('doc0.txt') = 4fcf…
    expect(isHeldOut('doc8.txt')).toBe(true);
    expect(isHeldOut('doc5.txt')).toBe(false);
    expect(isHeldOut('doc0.txt')).toBe(false);
  });

  it.skipIf(!existsSync(CORPUS))('keeps training and evaluation passages apart, deterministically', () => {
    const train = pickPassages(CORPUS, 12, { heldOut: false });
    const held = pickPassages(CORPUS, 6, { heldOut: true, salt: 'ocr-eval' });
    expect(train).toHaveLength(12);
    expect(train.every((p) => !isHeldOut(p.file))).toBe(true);
    expect(held.every((p) => isHeldOut(p.file))).toBe(true);
    expect(train.filter((p) => p.folder === 'tvpl-vanban').length).toBe(8);
    expect(pickPassages(CORPUS, 12, { heldOut: false })).toEqual(train);
  });
});

describe('models/confusions.json.gz', () => {
  it('validates against the schema and holds both engines', () => {
    const raw = JSON.parse(gunzipSync(readFileSync(CONFUSION_MODEL_URL)).toString('utf8'));
    const model = ConfusionModel.parse(raw);
    expect(loadConfusionModel(pathToFileURL(CONFUSION_MODEL_URL.pathname))).toEqual(model);
    expect(Object.keys(model.engines).sort()).toEqual(['eng', 'vie']);
    for (const e of Object.values(model.engines)) {
      for (const p of e.pairs) expect(e.goldCounts[p.gold]).toBeGreaterThanOrEqual(p.count);
      expect(e.pairs.some((p) => p.gold === 'a' && p.ocr === 'a')).toBe(true);
    }
    // The eng model strips Vietnamese marks: đ is mostly read as d.
    const eng = model.engines.eng!;
    const dd = eng.pairs.find((p) => p.gold === 'đ' && p.ocr === 'd')!;
    expect(dd.count / eng.goldCounts['đ']!).toBeGreaterThan(0.5);
  });

  it('indexes both directions of the channel', () => {
    const model = loadConfusionModel()!;
    const index = indexConfusions(model, 'eng');
    // What could a printed `d` have been? đ among the likeliest, with P(d | đ) near 1.
    const d = index.byOcr.get('d')!;
    expect(d.find((e) => e.gold === 'đ')!.p).toBeGreaterThan(0.9);
    const u = index.byGold.get('ư')!;
    expect(u.map((e) => e.p)).toEqual([...u.map((e) => e.p)].sort((a, b) => b - a));
    expect(u.reduce((s, e) => s + e.p, 0)).toBeLessThanOrEqual(1 + 1e-9);
    expect(indexConfusions(model, 'none').byGold.size).toBe(0);
  });

  it('loads as null when there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conf-'));
    expect(loadConfusionModel(pathToFileURL(join(dir, 'none.json.gz')))).toBeNull();
  });
});
