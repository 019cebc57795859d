/**
 * Legal bases: documents the plan cites or implements (`Chỉ thị số 05-CT/TW ngày
 * 23/6/2021 của Ban Bí thư`), once per distinct document (by number).
 */
import type { LegalBasis } from '../contract/plan.js';
import { DOCUMENT_TYPES, ISSUER_STOP_WORDS } from '../data/documents.js';

const CANONICAL_TYPE = new Map(DOCUMENT_TYPES.map((t) => [fold(t).replace(/\s+/g, ' '), t]));
import { parseDayMonthYear } from './dates.js';
import { fold, provenance, sliceRun, type Run } from '../text/index.js';

const TYPES = [...DOCUMENT_TYPES].sort((a, b) => b.length - a.length).map((t) => fold(t));
const CITATION = new RegExp(
  String.raw`(?<![\p{L}])(${TYPES.map((t) => t.replace(/ /g, '\\s+')).join('|')})\s+(?:s[o0-9a-z]?\s*[:.]?\s*)?(\d{1,5}(?:\s*\/\s*\d{4})?\s*[-/]\s*[a-z0-9&.]+(?:\s*[-/]\s*[a-z0-9&.]+)*)`,
  'gu',
);
const STOP = ISSUER_STOP_WORDS.map((w) => fold(w));

/** Issuer after `của`: words up to a stop word (`về`, `phê duyệt` …) or punctuation. */
function issuerAfter(text: string, folded: string, at: number): { issuer: string; end: number } | undefined {
  // windows, not the rest of the text: a text with many citations on one line stays linear
  const m = /^[\s,]*cua\s+/.exec(folded.slice(at, at + 40));
  if (!m) return undefined;
  const start = at + m[0].length;
  const words = [...text.slice(start, start + 600).matchAll(/[^\s,;.()]+/gu)];
  let end = start;
  for (let i = 0; i < words.length && i < 14; i++) {
    const w = words[i]!;
    const abs = start + w.index;
    if (/[,;.()]/.test(text.slice(end, abs))) break;
    const stop = STOP.find((s) => folded.startsWith(`${s} `, abs) || (folded.length === abs + s.length && folded.endsWith(s)));
    const nextUpper = /^\p{Lu}/u.test(words[i + 1]?.[0] ?? '');
    if (stop && !(stop === 'va' && nextUpper) && i > 0) break;
    end = abs + w[0].length;
  }
  const issuer = text.slice(start, end).trim();
  return issuer ? { issuer, end } : undefined;
}

/** Laws are cited by name and date, without a number: `Luật Tổ chức chính quyền địa phương ngày 19/6/2015`. */
function lawsIn(run: Run, seen: Set<string>): LegalBasis[] {
  const out: LegalBasis[] = [];
  const text = run.text;
  const folded = fold(text);
  for (const m of folded.matchAll(/(?<![a-z])(bo luat|luat)\s+([^;.()]{3,90}?)\s*,?\s*ngay\s/g)) {
    if (!/^\p{Lu}/u.test(text.slice(m.index + m[1]!.length).trim())) continue; // `luật` in running text
    const dateAt = m.index + m[0].length - 'ngay '.length;
    const date = parseDayMonthYear(folded.slice(dateAt));
    if (!date || date.index !== 0) continue;
    const end = dateAt + date.end;
    const name = folded.slice(m.index, dateAt).replace(/[\s,]+$/, '');
    if (seen.has(name)) continue;
    seen.add(name);
    const part = sliceRun(run, m.index, end);
    const documentType = m[1] === 'bo luat' ? 'Bộ luật' : 'Luật';
    out.push({ text: part.text.trim(), documentType, number: null, date: date.iso, issuer: null, ...provenance(part) });
  }
  return out;
}

export function extractLegalBases(runs: readonly Run[], ownNumber: string | null): LegalBasis[] {
  const out: LegalBasis[] = [];
  const seen = new Set<string>();
  const own = ownNumber?.toUpperCase();
  for (const run of runs) {
    const text = run.text;
    const folded = fold(text);
    for (const m of folded.matchAll(CITATION)) {
      const typeText = text.slice(m.index, m.index + m[1]!.length);
      const numAt = m.index + m[0].length - m[2]!.length;
      const number = text.slice(numAt, m.index + m[0].length).replace(/\s+/g, '').replace(/[.]+$/, '');
      const key = number.toUpperCase();
      let end = m.index + m[0].length;
      let date: string | null = null;
      const dm = /^[\s,]*(?:ngay|ban hanh ngay)\s*/.exec(folded.slice(end));
      if (dm) {
        const d = parseDayMonthYear(folded.slice(end).replace(/^[\s,]*ban hanh /, ''));
        if (d && d.index <= dm[0].length) {
          date = d.iso;
          end += d.end + (folded.slice(end).length - folded.slice(end).replace(/^[\s,]*ban hanh /, '').length);
        }
      }
      const issuer = issuerAfter(text, folded, end);
      if (issuer) end = issuer.end;
      if (seen.has(key) || key === own) continue;
      seen.add(key);
      const part = sliceRun(run, m.index, end);
      out.push({
        text: part.text.trim(),
        documentType: CANONICAL_TYPE.get(fold(typeText).replace(/\s+/g, ' ')) ?? typeText,
        number,
        date,
        issuer: issuer?.issuer ?? null,
        ...provenance(part),
      });
    }
  }
  const laws = new Set<string>();
  for (const run of runs) out.push(...lawsIn(run, laws));
  return out.sort((a, b) => (a.span?.[0] ?? 0) - (b.span?.[0] ?? 0));
}
