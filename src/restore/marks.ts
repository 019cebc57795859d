/**
 * The mark channel of marked text (correct text, Vietnamese-model OCR): P(printed letter |
 * letter of the page) for letters of one base (`ô`/`ố`/`ổ`, `đ`/`d`), learned from the `vie`
 * engine's confusions on degraded renders (models/confusions.json.gz), mixed with the clean
 * channel by the text's estimated noise:
 *
 *   P(o | g) = (1 − λ) · P_clean(o | g) + λ · P_vie(o | g)
 *
 * P_vie of a letter pair seen often enough is its measured rate; rarer pairs borrow from the
 * pooled tone confusions and hat confusions (`ổ`→`ố` and `ể`→`ế` are both hỏi→sắc).
 */
import type { ConfusionModel } from './confusion-model.js';

/** 0 none, 1 breve, 2 circumflex, 3 horn, 4 stroke (đ). */
const SHAPES: Record<string, number> = { '\u0306': 1, '\u0302': 2, '\u031b': 3 };
/** 0 none, 1 huyền, 2 sắc, 3 ngã, 4 hỏi, 5 nặng. */
const TONES: Record<string, number> = { '\u0300': 1, '\u0301': 2, '\u0303': 3, '\u0309': 4, '\u0323': 5 };

export interface LetterParts {
  base: string;
  shape: number;
  tone: number;
}

/** A lower-case Vietnamese letter as base, hat and tone (null for anything else). */
export function letterParts(ch: string): LetterParts | null {
  if (ch === 'đ') return { base: 'd', shape: 4, tone: 0 };
  const d = ch.normalize('NFD');
  const base = d[0]!;
  if (!/^[a-z]$/.test(base)) return null;
  let shape = 0, tone = 0;
  for (const m of d.slice(1)) {
    if (SHAPES[m]) shape = SHAPES[m]!;
    else if (TONES[m]) tone = TONES[m]!;
    else return null;
  }
  return { base, shape, tone };
}

/** The hats a base takes (shape numbers), and every letter form of the bases that carry marks. */
const BASE_SHAPES: Record<string, number[]> = { a: [0, 1, 2], e: [0, 2], i: [0], o: [0, 2, 3], u: [0, 3], y: [0], d: [0, 4] };
const SHAPE_MARK = ['', '\u0306', '\u0302', '\u031b'];
const TONE_MARK = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];

function compose(base: string, shape: number, tone: number): string {
  if (shape === 4) return 'đ';
  return (base + SHAPE_MARK[shape]! + TONE_MARK[tone]!).normalize('NFC');
}

/** Every letter form of one base (`a`: 18 forms; `d`: d, đ). */
export function formsOf(base: string): string[] {
  const out: string[] = [];
  for (const shape of BASE_SHAPES[base] ?? [0]) for (let tone = 0; tone < (base === 'd' ? 1 : 6); tone++) out.push(compose(base, shape, tone));
  return out;
}

/** How strongly a rare letter pair leans on the pooled tone × hat estimate (pseudo-counts). */
const PRIOR_STRENGTH = 20;

/**
 * P_vie(o | g) for every pair of letter forms of one base, from the engine's counts:
 * (count(g→o) + PRIOR_STRENGTH · T(tone_o | tone_g) · H(hat_o | hat_g)) / (count(g) + PRIOR_STRENGTH).
 */
export function learnedMarkRates(engine: ConfusionModel['engines'][string]): Map<string, number> {
  const pair = new Map<string, number>();
  const gold = new Map<string, number>();
  for (const [g, n] of Object.entries(engine.goldCounts)) {
    const lg = g.toLowerCase();
    if ([...lg].length === 1 && letterParts(lg)) gold.set(lg, (gold.get(lg) ?? 0) + n);
  }
  for (const p of engine.pairs) {
    const g = p.gold.toLowerCase(), o = p.ocr.toLowerCase();
    if ([...g].length !== 1 || [...o].length !== 1) continue;
    const gp = letterParts(g), op = letterParts(o);
    if (!gp || !op || gp.base !== op.base) continue;
    pair.set(`${o}\u0000${g}`, (pair.get(`${o}\u0000${g}`) ?? 0) + p.count);
  }
  // pooled tone and hat confusions (add-half smoothing)
  const tone = Array.from({ length: 6 }, () => new Array<number>(6).fill(0.5));
  const hat = Array.from({ length: 5 }, () => new Array<number>(5).fill(0.5));
  for (const [g, n] of gold) {
    const gp = letterParts(g)!;
    let changed = 0;
    for (const o of formsOf(gp.base)) {
      const c = pair.get(`${o}\u0000${g}`) ?? 0;
      if (o === g || c === 0) continue;
      const op = letterParts(o)!;
      tone[gp.tone]![op.tone]! += c;
      hat[gp.shape]![op.shape]! += c;
      changed += c;
    }
    tone[gp.tone]![gp.tone]! += n - changed;
    hat[gp.shape]![gp.shape]! += n - changed;
  }
  const norm = (rows: number[][]) => rows.map((r) => {
    const s = r.reduce((a, b) => a + b, 0);
    return r.map((x) => x / s);
  });
  const T = norm(tone), H = norm(hat);
  const rates = new Map<string, number>();
  for (const base of Object.keys(BASE_SHAPES)) {
    const forms = formsOf(base);
    for (const g of forms) {
      const gp = letterParts(g)!;
      const n = gold.get(g) ?? 0;
      // the prior over the forms of this base, renormalised (a hat the base cannot take is not on offer)
      const prior = forms.map((o) => {
        const op = letterParts(o)!;
        return T[gp.tone]![op.tone]! * H[gp.shape]![op.shape]!;
      });
      const z = prior.reduce((a, b) => a + b, 0);
      forms.forEach((o, k) => {
        const c = pair.get(`${o}\u0000${g}`) ?? (o === g ? Math.max(0, n - [...forms].reduce((s, x) => s + (x === g ? 0 : pair.get(`${x}\u0000${g}`) ?? 0), 0)) : 0);
        rates.set(`${o}\u0000${g}`, (c + (PRIOR_STRENGTH * prior[k]!) / z) / (n + PRIOR_STRENGTH));
      });
    }
  }
  return rates;
}
