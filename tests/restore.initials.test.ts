/**
 * Initials that lost their Đ (src/restore/initials.ts): in stripped text the D's of
 * abbreviations and of codes' segments are given their Đ where the corpus's initials make it
 * likely; in correct text every code stays as printed, even one the model would write otherwise.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRestorerModels, restore } from '../src/restore/index.js';
import { Initials, strokeContexts, type InitialsData } from '../src/restore/initials.js';
import { CandidateGenerator } from '../src/restore/candidates.js';
import { Channel } from '../src/restore/channel.js';
import { slashInitials } from '../src/restore/words.js';
import { tokenizeLine } from '../src/restore/tokenize.js';
import { isHeldOut } from '../scripts/train/corpus.js';
import { trainInitials } from '../scripts/train/initials.js';
import type { RestorerModel } from '../src/restore/model.js';

const strip = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');

let model: RestorerModel;
let initials: Initials;
beforeAll(() => {
  const loaded = loadRestorerModels();
  if (!loaded.model) throw new Error('models/restorer.bin missing: run npm run train');
  if (!loaded.initials) throw new Error('models/initials.json.gz missing: run npx tsx scripts/train/initials.ts');
  model = loaded.model;
  initials = loaded.initials;
});

describe('the letter model of initials', () => {
  it('reads each D by the letters around it', () => {
    expect(strokeContexts('QLDD', 2)).toEqual(['QL_D$', 'QL_D', 'L_D$', 'L_D', 'L_', '_D', '_']);
    expect(strokeContexts('DT', 0)).toEqual(['^^_T$', '^^_T', '^_T$', '^_T', '^_', '_T', '_']);
  });

  it('follows its counts, backed off where a context is rare', () => {
    // invented counts: after H a D is Đ (HĐ), before N$ it is D (…ND)
    const data: InitialsData = { version: 1, provenance: {}, slashInitials: { 'd/k': 'đ/k' }, contexts: { 'H_': [1, 30], 'H_N': [0, 20], '_N': [40, 2], '_$': [5, 5], '_': [60, 60], 'N_$': [50, 0] } };
    const m = new Initials(data);
    expect(m.strokes('XHDN')).toBe('XHĐN');
    expect(m.strokes('XND')).toBe('XND');
    expect(m.strokes('ĐND')).toBe('ĐND'); // a Đ already there stays
    expect(m.strokes('Hd')).toBe('Hd'); // not an all-caps segment of Latin letters
    expect(m.slashForm('d/k')).toBe('đ/k');
    expect(m.slashForm('d/x')).toBeUndefined();
  });

  it('learned from the corpus: Đ in the initials of đầu tư, đô thị, đất đai, Đảng ủy; D in those of nhân dân, dollars, files', () => {
    for (const [seg, form] of [['GSDT', 'GSĐT'], ['QLDT', 'QLĐT'], ['QLDD', 'QLĐĐ'], ['DU', 'ĐU'], ['THDT', 'THĐT'], ['UBND', 'UBND'], ['USD', 'USD'], ['PDF', 'PDF'], ['DN', 'DN']] as const)
      expect(initials.strokes(seg), seg).toBe(form);
    expect(initials.slashForm('d/c')).toBe('đ/c');
  });
});

describe('single-letter initials joined by a slash', () => {
  const at = (line: string, text: string) => slashInitials(tokenizeLine(line).find((t) => t.text === text)!, line);
  it('are found whole, nothing joined beyond', () => {
    expect(at('UBND tỉnh (d/c Tú);', 'd')).toEqual({ compound: 'd/c', index: 0 });
    expect(at('UBND tỉnh (d/c Tú);', 'c')).toEqual({ compound: 'd/c', index: 1 });
    expect(at('Các D/c Phó chủ tịch', 'D')).toEqual({ compound: 'D/c', index: 0 });
    expect(at('số ab/d của', 'd')).toBeUndefined();
    expect(at('mục d/c2 của', 'd')).toBeUndefined();
    expect(at('mục d) của', 'd')).toBeUndefined();
  });
});

describe('stripped text: abbreviations and codes get their Đ', () => {
  it('in codes, in & compounds, alone, and in đ/c', () => {
    const truth = 'Gửi Phòng KT&ĐT để biết; công văn số 215/SXD-QLĐT của Sở Xây dựng; Tờ trình số 12-TTr/ĐU của Đảng ủy xã; mời (đ/c Hoa) dự họp về THĐT.';
    const out = restore(strip(truth)).text;
    for (const code of ['KT&ĐT', '215/SXD-QLĐT', '12-TTr/ĐU', '(đ/c', 'THĐT']) expect(out, code).toContain(code);
  });

  it('keeps the D of abbreviations that have one', () => {
    const out = restore('Von 20 trieu USD cua cac DN, tep PDF cua UBND tinh va HSDT cua nha thau.').text;
    for (const code of ['USD', 'DN,', 'PDF', 'UBND', 'HSDT']) expect(out, code).toContain(code);
  });

  it('only in stripped text: the code candidates of other text keep the letters printed', () => {
    const stripped = new CandidateGenerator(model, new Channel({ pKeep: 0.02 }), { maxCandidates: 8, ocr: false, initials });
    const ocr = new CandidateGenerator(model, new Channel({ pKeep: 0.2 }), { maxCandidates: 12, ocr: true, initials });
    const correct = new CandidateGenerator(model, new Channel({ pKeep: 0.995 }), { maxCandidates: 8, ocr: false, initials });
    expect(stripped.codeCandidates('QLDD').map((c) => c.text)).toEqual(['qlđđ']);
    expect(stripped.ampersandCandidates('KT&DT')?.map((c) => c.text)).toEqual(['kt&đt']);
    for (const gen of [ocr, correct]) {
      expect(gen.codeCandidates('QLDD').map((c) => c.text)).toEqual(['QLDD']);
      expect(gen.ampersandCandidates('KT&DT')).toBeUndefined();
      expect(gen.slashInitialCandidates('d/c', 0)).toBeUndefined();
    }
  });
});

describe('correct text keeps its codes as printed', () => {
  // (and a printed Đ is never taken away: the abbreviation table writes `HD`, of Hướng dẫn)
  it('even the D the model would make Đ', () => {
    // printed with D where the letter model would write Đ: correct text must not be touched
    const text = 'Công văn số 215/SXD-QLDT gửi Phòng KT&DT và Ban QLDD (d/c Hòa) để biết; Tờ trình 12-TTr/DU về THDT.\nHợp đồng số 02/HĐ/2025 và số 03/HD/2025 của Ban QLĐĐ; hai bên đã ký HĐ mới.';
    expect(restore(text).text).toBe(text);
  });
});

describe('training', () => {
  it('counts each segment once per document, weighted by register, and never reads held-out documents', () => {
    const root = mkdtempSync(join(tmpdir(), 'vnplan-initials-'));
    try {
      const dir = join(root, 'tvpl-vanban', 'docs');
      mkdirSync(dir, { recursive: true });
      // file names by their held-out status (sha1 of the name)
      const names = Array.from({ length: 40 }, (_, i) => `doc${i}.txt`);
      const train = names.filter((n) => !isHeldOut(n)).slice(0, 2);
      const held = names.find((n) => isHeldOut(n))!;
      writeFileSync(join(dir, train[0]!), 'Ủy ban nhân dân giao Phòng QLĐĐ và Phòng QLĐĐ chủ trì; Đ/c Hòa.\n');
      writeFileSync(join(dir, train[1]!), 'Số 12/SXD-QLĐĐ của Sở; đ/c Nam; UBND tỉnh.\n');
      writeFileSync(join(dir, held), 'Phòng QLDD, QLDD, QLDD; d/c Tú.\n');
      const data = trainInitials({ corpus: root });
      // two documents of weight 4 (tvpl-vanban), each writing QLĐĐ: each D counted once per document
      expect(data.contexts['QL_D$']).toEqual([0, 8]);
      expect(data.contexts['LD_$$']).toEqual([0, 8]);
      expect(data.contexts['BN_$$']).toEqual([4, 0]);
      expect(data.slashInitials).toEqual({ 'd/c': 'đ/c' });
      expect(data.provenance.documents).toBe(2);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
