/** The progress line's rate and ETA: counted from the first page or document finished, not while the models load. */
import { describe, expect, it } from 'vitest';
import { Estimator, cutPath, formatDuration } from '../src/batch/progress.js';

describe('progress estimate', () => {
  it('says nothing while the models load, then counts from the first finished page', () => {
    let now = 0;
    const e = new Estimator(5, () => now);
    now = 40_000; // 40 s of model loading
    expect(e.rate()).toBeNull();
    expect(e.eta()).toBeNull();
    e.page(); // first page at 40 s: the clock starts here
    now = 70_000;
    e.page();
    e.document('done');
    expect(e.rate()).toBeCloseTo(2); // one page in the 30 s since, not two in 70 s
    expect(e.eta()).toBeCloseTo(30 * 4); // four documents left at 30 s each
    e.document('skipped'); // takes no time: finished, not work
    expect(e.eta()).toBeCloseTo(30 * 3);
  });

  it('formats durations and cuts long paths from the left', () => {
    expect(formatDuration(12.4)).toBe('12s');
    expect(formatDuration(245)).toBe('4m 05s');
    expect(formatDuration(3720)).toBe('1h 02m');
    expect(cutPath('archive/2023/kh-123/plan-p1.jpg', 20)).toBe('…23/kh-123/plan-p1.jpg'.slice(-20).replace(/^./, '…'));
    expect(cutPath('short.pdf', 20)).toBe('short.pdf');
  });
});
