/**
 * Place names from the `dvhcvn` gazetteer (provinces, districts, communes as of 03/2025,
 * the names plans before mid-2025 use): the names and short phrases `xã Chư Pơng`.
 */
import { createRequire } from 'node:module';

interface Unit {
  name: string;
  children?: Unit[];
}

const UNIT_PREFIX = /^(Thành phố|Tỉnh|Quận|Huyện|Thị xã|Phường|Xã|Thị trấn)\s+/u;

export interface Gazetteer {
  source: string;
  /** Bare names as written (`Chư Pơng`), sorted, unique. */
  names: string[];
  /** Unit type and name in lower case, as the LM sees them (`xã chư pơng`). */
  phrases: string[];
}

export function loadGazetteer(): Gazetteer {
  const require = createRequire(import.meta.url);
  const pkg = require('dvhcvn/package.json') as { version: string };
  const { level1s } = require('dvhcvn') as { level1s: Unit[] };
  const names = new Set<string>();
  const phrases = new Set<string>();
  const walk = (u: Unit) => {
    const full = u.name.normalize('NFC').trim();
    const bare = full.replace(UNIT_PREFIX, '');
    names.add(bare);
    phrases.add(full.toLowerCase());
    for (const c of u.children ?? []) walk(c);
  };
  for (const l1 of level1s) walk(l1);
  return { source: `dvhcvn ${pkg.version}`, names: [...names].sort(), phrases: [...phrases].sort() };
}
