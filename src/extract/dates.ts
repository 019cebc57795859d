/**
 * The engine of the date grammar: the rules of `src/data/dates.ts` applied in order over folded
 * text (same offsets as the original), each match turned into a `due` date or a `period`, then
 * the chained dates, the subject in parentheses and the recurrence of the sentence around it.
 * Dates of cited documents (`Chỉ thị số 05-CT/TW ngày 23/6/2021`) and periods inside the names
 * of programmes (`giai đoạn I: từ năm 2021 đến năm 2025`) are not deadlines.
 */
import type { z } from 'zod';
import type { Recurrence } from '../contract/plan.js';
import { CHAINED_DATE, CITED_BEFORE, DATE_RULES, NAMED_DOCUMENT_BEFORE, NAME_CLOSED, PROGRAMME_BEFORE, QUARTERS, RECURRENCE_CUES, TIME_LABEL, type DateRule } from '../data/dates.js';
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
  /** The rule that read it. */
  rule?: string;
}

function quarterRange(q: number, y: number): [string, string] {
  const startMonth = (q - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(y, endMonth, 0)).getUTCDate();
  return [`${y}-${pad(startMonth)}-01`, `${y}-${pad(endMonth)}-${pad(lastDay)}`];
}

/** An ISO date as precise as the parts given: `2025-11-20`, `2025-11`, `2025`, `--11-20`, `--11`, `---20`. */
function isoOf(d?: string, m?: string, y?: string): string | undefined {
  const day = d === undefined ? undefined : Number(d);
  const mon = m === undefined ? undefined : Number(m);
  if (mon !== undefined && (mon < 1 || mon > 12)) return undefined;
  if (day !== undefined && (day < 1 || day > 31)) return undefined;
  if (y !== undefined && (Number(y) < 1900 || Number(y) > 2100)) return undefined;
  if (y !== undefined) return [y, mon === undefined ? undefined : pad(mon), mon === undefined || day === undefined ? undefined : pad(day)].filter(Boolean).join('-');
  if (mon !== undefined) return day === undefined ? `--${pad(mon)}` : `--${pad(mon)}-${pad(day)}`;
  return day === undefined ? undefined : `---${pad(day)}`;
}

const quarterOf = (q?: string) => (q === undefined ? undefined : QUARTERS[q.toUpperCase()]);

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
  const subject = m[1]!.replace(/^(?:đối với|với|cho|về)\s+/iu, '').trim();
  return { subject, end: at + m[0].length };
}

/** A day or month printed without a year (`--11-15`) takes `year`; dates with one stay. */
function giveYear<T extends Pick<FoundDeadline, 'due' | 'start' | 'end'>>(d: T, year: number): T {
  const withYear = (iso: string) => (iso.startsWith('--') ? `${year}${iso.slice(1)}` : iso);
  if (d.due) d.due = withYear(d.due);
  if (d.start) d.start = withYear(d.start);
  if (d.end) d.end = withYear(d.end);
  return d;
}

/** The dates a rule's match gives, or undefined when the match is no deadline. */
function readMatch(rule: DateRule, m: RegExpMatchArray): Pick<FoundDeadline, 'kind' | 'due' | 'start' | 'end'> | undefined {
  const g = m.groups ?? {};
  const y1 = g.y1 ?? g.y1b ?? g.y1c;
  const q1 = quarterOf(g.q1);
  const q2 = quarterOf(g.q2);
  if ((q1 !== undefined && g.qy1 === undefined && g.qy2 === undefined) || (q2 !== undefined && g.qy2 === undefined)) return undefined;
  let start = q1 !== undefined ? quarterRange(q1, Number(g.qy1 ?? g.qy2))[0] : g.d1b !== undefined ? isoOf(g.d1b, g.m2, g.y2) : isoOf(g.d1, g.m1, y1);
  let end = q2 !== undefined ? quarterRange(q2, Number(g.qy2))[1] : isoOf(g.d2, g.m2, g.y2 ?? g.y2b);
  if (rule.open !== 'start' && start === undefined) return undefined;
  const kind = rule.periodCues?.includes((g.cue ?? '').trim()) ? 'period' : rule.kind;
  if (kind === 'due') {
    // A month or a day with no year is read only where the rule says it recurs.
    if (!rule.recurrence && !/^\d{4}/.test(start!) && !/^--\d{2}-\d{2}$/.test(start!)) return undefined;
    return { kind, due: start! };
  }
  // `từ 01/10 đến 30/11/2023`: the end's year applies to a start printed without one.
  const endYear = end ? /^\d{4}/.exec(end)?.[0] : undefined;
  if (start?.startsWith('--') && endYear) start = `${endYear}${start.slice(1)}`;
  if (rule.open === 'end') return { kind, start: start! };
  if (rule.open === 'start') return end ? { kind, end } : undefined;
  if (end === undefined) end = q1 !== undefined ? quarterRange(q1, Number(g.qy1))[1] : start;
  if (!/^\d{4}/.test(start!) && !start!.startsWith('--')) return undefined;
  return { kind, start: start!, end: end! };
}

/** Why a match is the date of something else (a cited document, a programme's name), if it is. */
function excluded(rule: DateRule, text: string, f: string, m: RegExpMatchArray): boolean {
  const at = m.index!;
  for (const guard of rule.guards ?? []) {
    if (guard === 'programme-name' && PROGRAMME_BEFORE.test(f.slice(Math.max(0, at - 30), at))) return true;
    if (guard === 'named-document') {
      const clause = f.slice(Math.max(0, at - 400), at);
      const named = NAMED_DOCUMENT_BEFORE.exec(clause.slice(Math.max(0, clause.search(/[.;:]\s*[^.;:]*$/) + 1)));
      // A target named after the document (`…, mục tiêu tỷ lệ phủ sóng … đến năm 2030`) is the plan's own.
      if (named && !NAME_CLOSED.test(named[0])) return true;
    }
    if (guard === 'cited-document' && !(m.groups?.cue)) {
      const ngay = at + m[0].search(/ngay|\d/);
      // OCR spaces inside a document number (`2231/QĐ- -UBND`) are closed up first.
      const before = text.slice(Math.max(0, ngay - 40), ngay).replace(/\s*([/-])\s*(?=[\p{L}\d/-])/gu, '$1');
      if (CITED_BEFORE.test(before)) return true;
      const near = f.slice(Math.max(0, at - 25), at);
      if (!TIME_LABEL.test(f.slice(Math.max(0, at - 30), at)) && /\bcua\s*$|\bso\b[^,;]*$/.test(near)) return true;
    }
  }
  return false;
}

/**
 * Every deadline in a text (one paragraph or bullet). `text` is the document's wording;
 * matching runs on its folded copy. `year`: the one year the document is about (a plan for
 * `năm 2025`): a day and month without a year, in a sentence that does not say it recurs, take it.
 */
export function findDeadlines(text: string, foldedText: string, year?: number): FoundDeadline[] {
  const f = foldedText;
  const out: FoundDeadline[] = [];
  const taken: Array<[number, number]> = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && b > x);
  const withRecurrence = (d: FoundDeadline, rule: DateRule) => {
    if (rule.recurrence) {
      d.recurrence = rule.recurrence;
      return d;
    }
    const date = d.due ?? d.start ?? '';
    const hasYear = /^\d{4}/.test(date);
    const [a, b] = sentenceAround(f, d.from, d.to);
    const r = recurrenceIn(f.slice(a, b));
    if (r && (!hasYear || r !== 'annual' || /hang nam|moi nam/.test(f.slice(a, b)))) d.recurrence = r;
    else if (!hasYear && year !== undefined) {
      giveYear(d, year);
    } else if (!hasYear) d.recurrence = 'annual';
    return d;
  };
  const push = (d: FoundDeadline, rule: DateRule) => {
    if (!free(d.from, d.to)) return false;
    taken.push([d.from, d.to]);
    out.push(withRecurrence(d, rule));
    return true;
  };
  for (const rule of DATE_RULES) {
    for (const m of f.matchAll(rule.pattern)) {
      const dates = readMatch(rule, m);
      if (!dates) continue;
      if (excluded(rule, text, f, m)) {
        // The span is a cited document's date or a programme's period: no later rule reads part of it.
        if (free(m.index!, m.index! + m[0].length)) taken.push([m.index!, m.index! + m[0].length]);
        continue;
      }
      const from = m.index!;
      let to = from + m[0].length;
      const d: FoundDeadline = { ...dates, from, to, rule: rule.id };
      if (dates.kind === 'due') {
        const subject = subjectAfter(text, to);
        if (subject) {
          d.subject = subject.subject;
          d.to = to = subject.end;
        }
      }
      if (!push(d, rule) || !rule.chains) continue;
      // `trước ngày 15/6 và 15/12 hằng năm`: a second date chained without its `ngày`.
      const next = CHAINED_DATE.exec(f.slice(to));
      if (!next) continue;
      const iso = isoOf(next[1], next[2], next[3]);
      if (!iso || !/-\d{2}-\d{2}$/.test(iso)) continue;
      const from2 = to + next[0].search(/\d/);
      const subject2 = subjectAfter(text, to + next[0].length);
      const d2: FoundDeadline = { kind: 'due', due: iso, from: from2, to: subject2?.end ?? to + next[0].length, rule: rule.id };
      if (subject2) d2.subject = subject2.subject;
      push(d2, rule);
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

/**
 * The time cell of a task table (`Quý IV/2025`, `Quý III, IV/2026`, `Tháng 8/2024`, `2024 -
 * 2030`, `Năm 2026`, `2026 trở đi`): a span when the row's work happens; other cells (`trước
 * ngày 30/6`) go through the grammar; `Thường xuyên` gives nothing. `year` is the year the
 * table's header gives (`Thời gian (Năm 2026)`) for dates printed without one.
 */
export function findTimeCell(text: string, year?: number): FoundDeadline[] {
  const f = fold(text).replace(/\s+/g, ' ');
  const whole = { from: 0, to: text.trimEnd().length };
  // `Quý III, IV/2026`, `Quý IV/2026, 2027` (on into the next year): one span.
  const quarters = /\bqu[yi] ((?:iv|iii|ii|i|[1-4])(?: ?, ?(?:iv|iii|ii|i|[1-4]))*) ?(?:\/|-|nam )? ?(\d{4})(?: ?, ?(\d{4}))?/.exec(f);
  if (quarters && (quarters[1]!.includes(',') || quarters[3])) {
    const list = quarters[1]!.split(/ ?, ?/).map((q) => QUARTERS[q.toUpperCase()]!);
    const [start] = quarterRange(Math.min(...list), Number(quarters[2]));
    const end = quarters[3] ?? quarterRange(Math.max(...list), Number(quarters[2]))[1];
    return [{ kind: 'period', start: start!, end: end!, ...whole }];
  }
  const years = /^(?:(?:nam|giai doan|xuyen suot) )?(\d{4}) ?[-–] ?(\d{4})\b/.exec(f);
  if (years) return [{ kind: 'period', start: years[1]!, end: years[2]!, ...whole }];
  const month = /^(?:trong )?thang (\d{1,2}) ?(?:\/|-|nam) ?(\d{4})$/.exec(f);
  if (month && Number(month[1]) >= 1 && Number(month[1]) <= 12) {
    const iso = `${month[2]}-${pad(Number(month[1]))}`;
    return [{ kind: 'period', start: iso, end: iso, ...whole }];
  }
  const single = /^(?:nam |trong nam )?(\d{4})\.?$/.exec(f);
  if (single) return [{ kind: 'period', start: single[1]!, end: single[1]!, ...whole }];
  const onward = /^(?:nam )?(\d{4}) tro di/.exec(f);
  if (onward) return [{ kind: 'period', start: onward[1]!, ...whole }];
  const found = findDeadlines(text, fold(text));
  if (year === undefined) return found;
  // A day and month under a column header that gives the year take that year.
  return found.map((d) => {
    const out: FoundDeadline = giveYear({ ...d }, year);
    if (out.recurrence === 'annual' && !/\bhang nam|moi nam/.test(f)) delete out.recurrence;
    return out;
  });
}
