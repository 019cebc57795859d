/**
 * A Vietnamese date grammar over folded text (same offsets as the original): `ngày
 * dd/mm[/yyyy]`, `ngày d tháng m năm y`, `trước ngày …`, `Quý IV năm 2023`, `từ năm … đến
 * năm …`, `từ ngày 17/10-18/11 hằng năm`, with recurrence words. Dates of cited
 * documents (`Chỉ thị số 05-CT/TW ngày 23/6/2021`) and periods inside programme names
 * (`giai đoạn I: từ năm 2021 đến năm 2025`) are not deadlines.
 */
import type { z } from 'zod';
import type { Recurrence } from '../contract/plan.js';
import { QUARTERS, RECURRENCE_CUES, TIME_LABEL } from '../data/dates.js';
import { fold } from '../text/index.js';

type RecurrenceKind = z.infer<typeof Recurrence>;

const pad = (n: number) => String(n).padStart(2, '0');

export interface DateValue {
  /** ISO date as precise as the text: `2023-11-25`, `--05-15`, `2023-10`, `2025`. */
  iso: string;
  /** Offset of the match in the text. */
  index: number;
  end: number;
  hasYear: boolean;
}

function dayMonth(d: number, m: number, y?: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  if (y !== undefined && (y < 1900 || y > 2100)) return undefined;
  return y === undefined ? `--${pad(m)}-${pad(d)}` : `${y}-${pad(m)}-${pad(d)}`;
}

// All patterns run on folded text (lower case, no diacritics).
const D_SLASH = String.raw`(\d{1,2})\s*[/.]\s*(\d{1,2})(?:\s*[/.]\s*(\d{4}))?(?![\d/])`;
// `tháng` OCR-split (`th đáng`) or glued (`thdang11nam`) still reads.
const D_WORDS = String.raw`(\d{1,2})\s*th\S{0,3}?\s?\S{0,3}?ng\s*(\d{1,2})(?:\s*,?\s*n\S{0,2}m\s*(\d{4}))?`;
const DATE = String.raw`(?:${D_WORDS}|${D_SLASH})`;

/** A day-month(-year) date at `index` (folded text); groups of `DATE`. */
function dateFrom(m: RegExpExecArray, base: number): string | undefined {
  const g = m.slice(base, base + 6).map((x) => (x === undefined ? undefined : Number(x)));
  if (g[0] !== undefined) return dayMonth(g[0]!, g[1]!, g[2]);
  if (g[3] !== undefined) return dayMonth(g[3]!, g[4]!, g[5]);
  return undefined;
}

/** First `ngày d tháng m năm y` / `ngày dd/mm/yyyy` in folded text (for the header date). */
export function parseDayMonthYear(folded: string): DateValue | undefined {
  const re = new RegExp(String.raw`ngay\s*${DATE}`, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(folded))) {
    const iso = dateFrom(m, 1);
    if (iso && !iso.startsWith('--')) return { iso, index: m.index, end: m.index + m[0].length, hasYear: true };
  }
  // OCR-broken `tháng` (`22 thd ăn 11 năm 2022`): day, one or two stray tokens, month, year.
  const loose = /ngay\s*(\d{1,2})\s*(?:[^\s\d]{1,6}\s*){1,2}(\d{1,2})\s*,?\s*n\S{0,2}m\s*(\d{4})/.exec(folded);
  if (loose) {
    const iso = dayMonth(Number(loose[1]), Number(loose[2]), Number(loose[3]));
    if (iso) return { iso, index: loose.index, end: loose.index + loose[0].length, hasYear: true };
  }
  // A draft left unsigned: `ngày    tháng 11 năm 2023` → `2023-11`.
  const month = /ngay\s+th\S{0,3}ng\s*(\d{1,2})\s*,?\s*n\S{0,2}m\s*(\d{4})/.exec(folded);
  if (month && Number(month[1]) >= 1 && Number(month[1]) <= 12) {
    return { iso: `${month[2]}-${pad(Number(month[1]))}`, index: month.index, end: month.index + month[0].length, hasYear: true };
  }
  return undefined;
}

export interface FoundDeadline {
  kind: 'due' | 'period';
  due?: string;
  start?: string;
  end?: string;
  recurrence?: RecurrenceKind;
  subject?: string;
  /** Offsets of the deadline's text in the (original = folded) string. */
  from: number;
  to: number;
}

/** A document number right before `ngày` (`số 05-CT/TW ngày`, `2231/QĐ-UBND, ngày`). */
const CITED_BEFORE = /(?:\d+\s*[/-]\s*[\p{L}\d&./-]*\p{L}[\p{L}\d&./-]*|ban hành|ký|kí|số\s*\d+)\s*,?\s*$/iu;
/** A programme's own period (`giai đoạn I:` / `giai đoạn 2021 - 2030,`), folded. */
const PROGRAMME_BEFORE = /(?:giai doan\s+[ivx0-9]+\s*[:,]?|giai doan\s*\d{4}\s*[-–]\s*\d{4}\s*,?)\s*$/;

function quarterRange(q: number, y: number): [string, string] {
  const startMonth = (q - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(y, endMonth, 0)).getUTCDate();
  return [`${y}-${pad(startMonth)}-01`, `${y}-${pad(endMonth)}-${pad(lastDay)}`];
}

/** Recurrence stated in the sentence around a date (parenthesised asides ignored). */
export function recurrenceIn(foldedSentence: string): RecurrenceKind | undefined {
  const bare = foldedSentence.replace(/\([^)]*\)/g, ' ');
  for (const [kind, re] of RECURRENCE_CUES) if (re.test(bare)) return kind;
  return undefined;
}

/** Sentence bounds (`.`/`;`) around an offset. */
function sentenceAround(text: string, at: number, to: number): [number, number] {
  let a = at;
  while (a > 0 && !/[.;]/.test(text[a - 1]!)) a--;
  let b = to;
  while (b < text.length && !/[.;]/.test(text[b]!)) b++;
  return [a, b];
}

/** `(đối với báo cáo 6 tháng)` right after a date: the subject, and where the text ends. */
function subjectAfter(text: string, at: number): { subject: string; end: number } | undefined {
  const m = /^\s*\(([^)]{2,120})\)/u.exec(text.slice(at));
  if (!m) return undefined;
  const subject = m[1]!.replace(/^(?:đối với|đối với|với|cho|về)\s+/iu, '').trim();
  return { subject, end: at + m[0].length };
}

/**
 * Every deadline in a text (one paragraph or bullet). `text` is the document's wording;
 * matching runs on its folded copy.
 */
export function findDeadlines(text: string, foldedText: string): FoundDeadline[] {
  const f = foldedText;
  const out: FoundDeadline[] = [];
  const taken: Array<[number, number]> = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && b > x);
  const push = (d: FoundDeadline) => {
    if (!free(d.from, d.to)) return;
    taken.push([d.from, d.to]);
    out.push(d);
  };
  const withRecurrence = (d: FoundDeadline, hasYear: boolean) => {
    const [a, b] = sentenceAround(f, d.from, d.to);
    const r = recurrenceIn(f.slice(a, b));
    if (r && (!hasYear || r !== 'annual' || /hang nam|moi nam/.test(f.slice(a, b)))) d.recurrence = r;
    else if (!hasYear) d.recurrence = 'annual';
    return d;
  };

  // Periods: `từ năm 2022 đến năm 2025`.
  // (`T năm 2022 đến năm 2025`: OCR lost letters of `Từ`; `năm … đến năm …` still reads.)
  for (const m of f.matchAll(/(?:\bt\S{0,2}\s+(?:nam\s+)?(\d{4})|\bnam\s+(\d{4}))\s*(?:den|[-–])\s*(?:het\s+)?(?:nam\s+)?(\d{4})\b/g)) {
    if (m[2] && !/\bden\s+(?:het\s+)?nam\s+\d{4}$/.test(m[0])) continue; // bare `năm 2021 - 2025`: a name's period
    if (PROGRAMME_BEFORE.test(f.slice(Math.max(0, m.index - 30), m.index))) continue;
    const start = m[1] ?? m[2]!;
    push({ kind: 'period', start, end: m[3]!, from: m.index, to: m.index + m[0].length });
  }
  // Periods between two dates: `từ ngày 17/10-18/11 hằng năm`, `từ ngày … đến ngày …`.
  const range = new RegExp(String.raw`\btu\s+(?:ngay\s*)?${DATE}\s*(?:den|[-–])\s*(?:het\s+)?(?:ngay\s*)?${DATE}`, 'g');
  for (const m of f.matchAll(range)) {
    let start = dateFrom(m, 1);
    const end = dateFrom(m, 7);
    if (!start || !end) continue;
    // `từ 01/10 đến 30/11/2023`: the year of the end applies to the start.
    const endYear = /^\d{4}/.exec(end)?.[0];
    if (start.startsWith('--') && endYear) start = `${endYear}${start.slice(1)}`;
    push(withRecurrence({ kind: 'period', start, end, from: m.index, to: m.index + m[0].length }, !end.startsWith('--')));
  }
  // Quarters: `Quý IV năm 2023`, `quý 4/2023`.
  for (const m of f.matchAll(/\bquy\s+(iv|iii|ii|i|[1-4])\b\s*(?:(?:nam|\/)\s*(\d{4}))?/g)) {
    const q = QUARTERS[m[1]!.toUpperCase()];
    if (!q || !m[2]) continue;
    const [start, end] = quarterRange(q, Number(m[2]));
    push({ kind: 'period', start, end, from: m.index, to: m.index + m[0].length });
  }
  // A time label with a year, a month or a period: `Thời gian thực hiện: năm 2023`.
  for (const m of f.matchAll(/(?:thoi gian(?: thuc hien| trien khai| to chuc)?|thoi han)\s*:?\s*(?:trong\s+)?(?:(?:thang\s+(\d{1,2})\s*(?:nam|\/)\s*(\d{4}))|(?:nam\s+(\d{4}))|(?:giai doan\s+(\d{4})\s*[-–]\s*(\d{4})))/g)) {
    const head = m[0].search(/(?:trong\s+)?(?:thang|nam|giai doan)\s/);
    const from = m.index + head;
    if (m[1]) push({ kind: 'period', start: `${m[2]}-${pad(Number(m[1]))}`, end: `${m[2]}-${pad(Number(m[1]))}`, from, to: m.index + m[0].length });
    else if (m[3]) push({ kind: 'period', start: m[3], end: m[3], from, to: m.index + m[0].length });
    else if (m[4]) push({ kind: 'period', start: m[4], end: m[5]!, from, to: m.index + m[0].length });
  }
  // Month ranges: `từ tháng 5/2024 đến tháng 12/2024` (the end's year applies to a bare start).
  for (const m of f.matchAll(/\btu\s+thang\s+(\d{1,2})(?:\s*(?:nam|\/)\s*(\d{4}))?\s*(?:den|[-–])\s*(?:het\s+)?thang\s+(\d{1,2})\s*(?:nam|\/)\s*(\d{4})\b/g)) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    if (a < 1 || a > 12 || b < 1 || b > 12) continue;
    push({ kind: 'period', start: `${m[2] ?? m[4]}-${pad(a)}`, end: `${m[4]}-${pad(b)}`, from: m.index, to: m.index + m[0].length });
  }
  // Months: `trong tháng 11/2023` (period), `trước tháng 12/2023` (due, month precision).
  for (const m of f.matchAll(/\b(trong|truoc|den het|cham nhat (?:trong |vao )?|cuoi)\s*thang\s+(\d{1,2})\s*(?:nam|\/)\s*(\d{4})\b/g)) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) continue;
    const iso = `${m[3]}-${pad(month)}`;
    const d: FoundDeadline = m[1] === 'trong' ? { kind: 'period', start: iso, end: iso, from: m.index, to: m.index + m[0].length } : { kind: 'due', due: iso, from: m.index, to: m.index + m[0].length };
    push(withRecurrence(d, true));
  }
  // Due dates: `trước ngày 15/5`, `chậm nhất ngày …`, and dates chained after them with `và`.
  const due = new RegExp(String.raw`(?:\b(truoc|cham nhat(?: la| vao)?|han chot|den het|trong|vao)\s+)?ngay\s*${DATE}`, 'g');
  let chain = false;
  let lastEnd = -1;
  for (const m of f.matchAll(due)) {
    const iso = dateFrom(m, 2);
    if (!iso) continue;
    const ngay = m.index + m[0].indexOf('ngay');
    // OCR spaces inside a document number (`2231/QĐ- -UBND`) are closed up first.
    const before = text.slice(Math.max(0, ngay - 40), ngay).replace(/\s*([/-])\s*(?=[\p{L}\d/-])/gu, '$1');
    if (!m[1] && CITED_BEFORE.test(before)) continue;
    const between = f.slice(lastEnd, m.index);
    const chained = chain && lastEnd >= 0 && /^[\s,]*(?:\([^)]*\)\s*)?(?:,|va|hoac)\s*$/.test(between);
    if (!m[1] && !chained && !TIME_LABEL.test(f.slice(Math.max(0, m.index - 30), m.index))) {
      // A bare date: an event day, kept as due unless it reads as a citation.
      if (/\bcua\s*$|\bso\b[^,;]*$/.test(f.slice(Math.max(0, m.index - 25), m.index))) continue;
    }
    const subject = subjectAfter(text, m.index + m[0].length);
    const d: FoundDeadline = { kind: 'due', due: iso, from: m.index, to: subject?.end ?? m.index + m[0].length };
    if (subject) d.subject = subject.subject;
    push(withRecurrence(d, !iso.startsWith('--')));
    chain = true;
    lastEnd = d.to;
    // `trước ngày 15/6 và 15/12 hằng năm`: a second date chained without its `ngày`.
    const next = /^\s*(?:,|va|hoac)\s*(\d{1,2})\s*\/\s*(\d{1,2})(?:\s*\/\s*(\d{4}))?(?![\d/])/.exec(f.slice(d.to));
    if (next) {
      const iso2 = dayMonth(Number(next[1]), Number(next[2]), next[3] === undefined ? undefined : Number(next[3]));
      const from = d.to + next[0].search(/\d/);
      if (iso2) {
        const subject2 = subjectAfter(text, d.to + next[0].length);
        const d2: FoundDeadline = { kind: 'due', due: iso2, from, to: subject2?.end ?? d.to + next[0].length };
        if (subject2) d2.subject = subject2.subject;
        push(withRecurrence(d2, !iso2.startsWith('--')));
        lastEnd = d2.to;
      }
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

/**
 * The time cell of a task table (`Quý IV/2025`, `Quý III, IV/2026`, `Quý IV/2025- Quý II/2026`,
 * `Tháng 8/2024`, `2024 - 2030`, `Năm 2026`, `2026 trở đi`): a span when the row's work happens.
 * Other cells (`trước ngày 30/6`) go through the date grammar; `Thường xuyên` gives nothing.
 * `year` is the year the table's header gives (`Thời gian (Năm 2026)`) for dates without one.
 */
export function findTimeCell(text: string, year?: number): FoundDeadline[] {
  const f = fold(text).replace(/\s+/g, ' ');
  const whole = { from: 0, to: text.trimEnd().length };
  const quarters = /\bqu[yi] ((?:iv|iii|ii|i|[1-4])(?: ?, ?(?:iv|iii|ii|i|[1-4]))*) ?(?:\/|-|nam )? ?(\d{4})(?:(?: ?[-–] ?| den )qu[yi] (iv|iii|ii|i|[1-4]) ?(?:\/|-|nam )? ?(\d{4})| ?, ?(\d{4}))?/.exec(f);
  if (quarters) {
    const list = quarters[1]!.split(/ ?, ?/).map((q) => QUARTERS[q.toUpperCase()]!);
    let [start] = quarterRange(Math.min(...list), Number(quarters[2]));
    let [, end] = quarterRange(Math.max(...list), Number(quarters[2]));
    if (quarters[3]) end = quarterRange(QUARTERS[quarters[3].toUpperCase()]!, Number(quarters[4]))[1];
    if (quarters[5]) end = quarters[5];
    return [{ kind: 'period', start: start!, end: end!, ...whole }];
  }
  const onward = /^(?:nam )?(\d{4})(?: tro di| va (?:cac|nhung) nam tiep theo)/.exec(f);
  if (onward) return [{ kind: 'period', start: onward[1]!, ...whole }];
  const years = /^(?:(?:nam|giai doan|xuyen suot) )?(\d{4}) ?[-–] ?(\d{4})\b/.exec(f);
  if (years) return [{ kind: 'period', start: years[1]!, end: years[2]!, ...whole }];
  const month = /^(?:trong )?thang (\d{1,2}) ?(?:\/|-|nam) ?(\d{4})$/.exec(f);
  if (month && Number(month[1]) >= 1 && Number(month[1]) <= 12) {
    const iso = `${month[2]}-${pad(Number(month[1]))}`;
    return [{ kind: 'period', start: iso, end: iso, ...whole }];
  }
  const single = /^(?:nam |trong nam )?(\d{4})\.?$/.exec(f);
  if (single) return [{ kind: 'period', start: single[1]!, end: single[1]!, ...whole }];
  const found = findDeadlines(text, fold(text));
  if (year === undefined) return found;
  // A day and month under a column header that gives the year take that year.
  return found.map((d) => {
    const withYear = (iso: string | undefined) => (iso?.startsWith('--') ? `${year}${iso.slice(1)}` : iso);
    const out: FoundDeadline = { ...d };
    if (d.due) out.due = withYear(d.due)!;
    if (d.start) out.start = withYear(d.start)!;
    if (d.end) out.end = withYear(d.end)!;
    if (out.recurrence === 'annual' && !/\bhang nam|moi nam/.test(f)) delete out.recurrence;
    return out;
  });
}
