/**
 * `Run`s: strings read from the restored text that remember, for every character, where it
 * came from, so any slice of a value yields its span.
 */
import type { Span } from '../contract/plan.js';
import type { LineNode } from '../tree.js';

/** A string with, for each character, its offset in the restored text. */
export interface Run {
  text: string;
  /** `offsets[i]` = restored offset of `text[i]`. */
  offsets: number[];
  /** Page of the first line the run was read from. */
  page?: number | undefined;
}

export const emptyRun = (): Run => ({ text: '', offsets: [] });

/**
 * Join lines with single spaces (inner runs of spaces collapsed), keeping offsets. Built in
 * one pass over an array: appending a character at a time to a string and asking it
 * `endsWith` flattens it on every call, quadratic on long single-line texts.
 */
export function runOfLines(lines: readonly LineNode[]): Run {
  const chars: string[] = [];
  const offsets: number[] = [];
  let page: number | undefined;
  let last = ''; // the last character written
  for (const line of lines) {
    const base = line.position?.start.offset ?? 0;
    const value = line.value;
    if (value.trim() === '') continue;
    if (page === undefined) page = line.data.page;
    // `2021-` / `2030` wrapped inside a number range joins without a space.
    const glued = /[-–]/.test(last) && /\d/.test(chars[chars.length - 2] ?? '') && /^\s*\d/.test(value);
    if (chars.length && last !== ' ' && !glued) {
      chars.push(' ');
      offsets.push(base - 1 >= 0 ? base - 1 : base);
      last = ' ';
    }
    for (let i = 0; i < value.length; i++) {
      const ch = value[i]!;
      if (ch === ' ' || ch === '\t' || /\s/.test(ch)) {
        if (chars.length === 0 || last === ' ') continue;
        chars.push(' ');
        last = ' ';
      } else {
        chars.push(ch);
        last = ch;
      }
      offsets.push(base + i);
    }
  }
  return trimRun({ text: chars.join(''), offsets, page });
}

export function sliceRun(run: Run, start: number, end = run.text.length): Run {
  return { text: run.text.slice(start, end), offsets: run.offsets.slice(start, end), page: run.page };
}

/** Trim white space and the given extra characters from both ends. */
export function trimRun(run: Run, extra = ''): Run {
  const strip = (ch: string) => /\s/.test(ch) || extra.includes(ch);
  let a = 0;
  let b = run.text.length;
  while (a < b && strip(run.text[a]!)) a++;
  while (b > a && strip(run.text[b - 1]!)) b--;
  return sliceRun(run, a, b);
}

/** Trim only the end (trailing punctuation such as `:` `;` `.`). */
export function trimEnd(run: Run, chars: string): Run {
  let b = run.text.length;
  while (b > 0 && (/\s/.test(run.text[b - 1]!) || chars.includes(run.text[b - 1]!))) b--;
  return sliceRun(run, 0, b);
}

/** Span of the run in the restored text: first char to one past the last char. */
export function spanOf(run: Run): Span | undefined {
  if (run.offsets.length === 0) return undefined;
  return [run.offsets[0]!, run.offsets[run.offsets.length - 1]! + 1];
}

/** `span` and `page` of a run, for spreading into an extracted item. */
export function provenance(run: Run): { span?: Span; page?: number } {
  const out: { span?: Span; page?: number } = {};
  const span = spanOf(run);
  if (span) out.span = span;
  if (run.page !== undefined) out.page = run.page;
  return out;
}

/** Concatenate runs with a space between. */
export function concatRuns(runs: readonly Run[]): Run {
  const out: Run = emptyRun();
  for (const r of runs) {
    if (r.text === '') continue;
    if (out.text !== '') {
      out.text += ' ';
      out.offsets.push(r.offsets[0]!);
    } else out.page = r.page;
    out.text += r.text;
    out.offsets.push(...r.offsets);
  }
  return out;
}

