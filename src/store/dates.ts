/**
 * Dates of mixed precision as day bounds, so that "every deadline in 2023" is one range
 * comparison: `2022` is 2022-01-01…2022-12-31, `2023-10` is 2023-10-01…2023-10-31. A
 * recurring date (`--05-15` every year, `---20` every month, a full date marked `annual`) is
 * expanded over the plan's own period: one occurrence per year, half year, quarter or month.
 *
 * The plan's period is read from its title (`giai đoạn 2021 – 2025`, `năm 2023`, `đến năm
 * 2030`); without one, it runs from the issue date's year over the plan's own dated deadlines;
 * without those, it is the year of issue. Occurrences start no earlier than the issue date
 * (a plan sets no deadline before it exists).
 */
import type { Deadline, PlanDocument } from '../contract/plan.js';
import { searchFold } from './fold.js';

export interface Bounds {
  from: string;
  to: string;
}

/** The bound of an end left open (`từ năm 2027 trở đi`) when the plan's period does not close it. */
export const OPEN_FROM = '0001-01-01';
export const OPEN_TO = '9999-12-31';

/** Most occurrences one recurring deadline expands to. */
export const MAX_OCCURRENCES = 600;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const ymd = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(Math.min(d, lastDay(y, m)))}`;

/** Day bounds of a dated ISO value (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`); null for a yearless one. */
export function dayBounds(iso: string | null | undefined): Bounds | null {
  if (!iso) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[3]) return { from: iso, to: iso };
  if (m[2]) {
    const mo = Number(m[2]);
    return { from: ymd(y, mo, 1), to: ymd(y, mo, 31) };
  }
  return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
}

/** The plan's own period, and where it was read. */
export interface PlanPeriod extends Bounds {
  source: 'title' | 'deadlines' | 'issued';
}

export function planPeriod(plan: Pick<PlanDocument, 'header' | 'deadlines'>): PlanPeriod | null {
  const issued = dayBounds(plan.header.issuedDate);
  const title = searchFold(plan.header.title ?? '').replace(/\s+/g, ' ');
  const range = /(?:^|\D)((?:19|20)\d{2})\s*(?:-|–|—|den(?: nam)?)\s*((?:19|20)\d{2})(?!\d)/.exec(title);
  if (range && Number(range[2]) >= Number(range[1])) return { from: `${range[1]}-01-01`, to: `${range[2]}-12-31`, source: 'title' };
  const until = /den (?:het )?nam ((?:19|20)\d{2})(?!\d)/.exec(title);
  if (until) {
    const from = issued && issued.from.slice(0, 4) <= until[1]! ? `${issued.from.slice(0, 4)}-01-01` : `${until[1]}-01-01`;
    return { from, to: `${until[1]}-12-31`, source: 'title' };
  }
  const year = /(?:^|\s)nam ((?:19|20)\d{2})(?!\d)/.exec(title);
  if (year) return { from: `${year[1]}-01-01`, to: `${year[1]}-12-31`, source: 'title' };
  // Else: from the year of issue over the dated deadlines.
  const dated = plan.deadlines.flatMap((d) => (d.recurrence ? [] : [dayBounds(d.due), dayBounds(d.start), dayBounds(d.end)])).filter((b): b is Bounds => b !== null);
  if (dated.length) {
    const from = [...dated.map((b) => b.from), ...(issued ? [`${issued.from.slice(0, 4)}-01-01`] : [])].sort()[0]!;
    const to = dated.map((b) => b.to).sort().at(-1)!;
    return { from: from.slice(0, 4) + '-01-01', to: to.slice(0, 4) + '-12-31', source: 'deadlines' };
  }
  if (issued) return { from: `${issued.from.slice(0, 4)}-01-01`, to: `${issued.from.slice(0, 4)}-12-31`, source: 'issued' };
  return null;
}

const STEP_MONTHS = { annual: 12, semiannual: 6, quarterly: 3, monthly: 1 } as const;

function addMonths(iso: string, months: number, day?: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  return ymd(Math.floor(total / 12), (total % 12) + 1, day ?? d);
}

/** Where one deadline lies: its bounds, and every occurrence of a recurring one. */
export interface DeadlineDates extends Bounds {
  occurrences: Bounds[];
}

/**
 * Bounds and occurrences of one deadline. `window` is where recurrences are expanded: the
 * plan's period, starting no earlier than its issue date.
 */
export function deadlineDates(d: Deadline, window: Bounds | null): DeadlineDates {
  const occurrences: Bounds[] = [];
  const yearless = (v: string | undefined) => v !== undefined && v.startsWith('--');
  const push = (b: Bounds) => {
    if (occurrences.length < MAX_OCCURRENCES) occurrences.push(b);
  };

  if (yearless(d.due) || yearless(d.start) || yearless(d.end)) {
    // Every year (or month) of the window: `--05-15`, `--05`, `---20`, `--05`…`--12`.
    if (window) {
      const monthly = d.due?.startsWith('---');
      const [y0, m0] = window.from.split('-').map(Number) as [number, number];
      const [y1, m1] = window.to.split('-').map(Number) as [number, number];
      for (let y = y0; y <= y1; y++) {
        for (let mo = 1; mo <= 12; mo++) {
          if ((y === y0 && mo < m0) || (y === y1 && mo > m1)) continue;
          let b: Bounds | null = null;
          if (monthly) b = { from: ymd(y, mo, Number(d.due!.slice(3))), to: ymd(y, mo, Number(d.due!.slice(3))) };
          else if (d.due && Number(d.due.slice(2, 4)) === mo) {
            b = d.due.length === 7 ? { from: ymd(y, mo, Number(d.due.slice(5))), to: ymd(y, mo, Number(d.due.slice(5))) } : { from: ymd(y, mo, 1), to: ymd(y, mo, 31) };
          } else if (!d.due && Number((d.start ?? d.end)!.slice(2, 4)) === mo) {
            const s = yearlessBounds(d.start, y, 'from') ?? ymd(y, mo, 1);
            let e = yearlessBounds(d.end, y, 'to') ?? ymd(y, 12, 31);
            if (e < s) e = yearlessBounds(d.end, y + 1, 'to')!;
            b = { from: s, to: e };
          }
          if (b && b.from >= window.from && b.from <= window.to) push(b);
        }
      }
    }
  } else if (d.recurrence && (d.due || d.start)) {
    // A full date (or period) that comes again: stepped by its recurrence over the window.
    const first = d.kind === 'due' ? dayBounds(d.due) : { from: dayBounds(d.start)?.from ?? window?.from ?? OPEN_FROM, to: dayBounds(d.end)?.to ?? dayBounds(d.start)!.to };
    if (first) {
      const step = STEP_MONTHS[d.recurrence];
      const day = Number(first.from.slice(8));
      const endDay = Number(first.to.slice(8));
      const last = window?.to ?? first.to;
      for (let i = 0; ; i++) {
        const b = { from: addMonths(first.from, i * step, day), to: addMonths(first.to, i * step, endDay) };
        if (b.from > last || occurrences.length >= MAX_OCCURRENCES) break;
        if (!window || b.from >= window.from || i === 0) push(b);
      }
    }
  }
  if (occurrences.length) return { from: occurrences[0]!.from, to: occurrences.at(-1)!.to, occurrences };
  if (yearless(d.due) || yearless(d.start) || yearless(d.end)) {
    // No period to expand over: the deadline's place in time is unknown.
    return { from: OPEN_FROM, to: OPEN_TO, occurrences: [] };
  }

  let bounds: Bounds;
  if (d.kind === 'due' || (!d.start && !d.end)) {
    bounds = dayBounds(d.due ?? d.end ?? d.start) ?? { from: OPEN_FROM, to: OPEN_TO };
  } else {
    const from = dayBounds(d.start)?.from ?? window?.from ?? OPEN_FROM;
    let to = dayBounds(d.end)?.to;
    if (!to) to = window && window.to >= from ? window.to : OPEN_TO;
    bounds = { from, to };
  }
  return { ...bounds, occurrences: [bounds] };
}

function yearlessBounds(v: string | undefined, year: number, side: 'from' | 'to'): string | null {
  if (!v || !v.startsWith('--') || v.startsWith('---')) return null;
  const mo = Number(v.slice(2, 4));
  if (v.length === 7) return ymd(year, mo, Number(v.slice(5)));
  return side === 'from' ? ymd(year, mo, 1) : ymd(year, mo, 31);
}

/** The window recurrences of `plan` expand over: its period, from its issue date on. */
export function expansionWindow(plan: Pick<PlanDocument, 'header' | 'deadlines'>, period = planPeriod(plan)): Bounds | null {
  if (!period) return null;
  const issued = dayBounds(plan.header.issuedDate);
  const from = issued && issued.from > period.from ? issued.from : period.from;
  return from <= period.to ? { from, to: period.to } : period;
}
