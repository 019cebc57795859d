import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRestoreOptions } from '../src/restore/options.js';
import { RestoreOptions } from '../src/restore/types.js';

describe('restore options without zod', () => {
  it('accepts, defaults and rejects what the schema does', () => {
    const cases: unknown[] = [
      {}, { minConfidence: 0 }, { minConfidence: 1 }, { flagBelow: 0.3, tonePlacement: 'modern' }, { tonePlacement: 'keep', extra: 1 },
      { minConfidence: undefined }, { minConfidence: -0.1 }, { minConfidence: 1.5 }, { minConfidence: Number.NaN }, { flagBelow: Infinity },
      { minConfidence: '0.5' }, { flagBelow: null }, { tonePlacement: 'Classic' }, { tonePlacement: 3 }, null, [], 'keep',
      { details: false }, { details: true, minConfidence: 0.2 }, { details: 'no' }, { details: 0 }, { details: undefined },
    ];
    for (const c of cases) {
      const zod = RestoreOptions.safeParse(c);
      if (zod.success) expect(parseRestoreOptions(c), JSON.stringify(c)).toEqual(zod.data);
      else expect(() => parseRestoreOptions(c), JSON.stringify(c)).toThrow(TypeError);
    }
  });

  it('`vnplan restore` loads no module that imports zod', () => {
    // the bin's restore path, followed through its value imports (type imports are erased)
    const seen = new Set<string>();
    const zodFrom: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)) {
        const spec = m[1]!;
        if (spec === 'zod') zodFrom.push(file);
        else if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      }
      for (const m of src.matchAll(/await import\('([^']+)'\)/g)) if (m[1] === './cli-restore.js') visit(resolve(dirname(file), 'cli-restore.ts'));
    };
    visit(resolve(__dirname, '../src/cli-restore.ts'));
    expect(seen.size).toBeGreaterThan(10);
    expect(zodFrom).toEqual([]);
  });
});
