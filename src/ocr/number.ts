/**
 * The document number in the header (`Số: 1026/KH-UBND`) is often written by hand into a
 * printed blank (`Số:      /KH-UBND`), after the plan was printed. OCR reads handwriting as
 * something, with low confidence: `1O26`, `5Ÿ`, `sá:Øổ`. A number the engine is not sure of
 * is not a number: its digits are taken out of the page text (the printed `Số:` and code
 * stay, so the header reads as a number left blank) and the page says why, so that
 * `header.number` is null with a review reason (rule `header-unreadable`) instead of a guess.
 */
import type { OcrLine, OcrWord, PageMessage } from '../input/source.js';

/**
 * Digits read with less confidence than this (0–100) are not trusted. Printed digits read at
 * 91–97; hand-written ones from 30 to 94, and a misread hand (`722` for `172`) is no surer
 * than a good one, so the bar is high: a number in doubt is left for a person.
 */
export const NUMBER_MIN_CONFIDENCE = 90;
/** The number line is among the first lines of a page. */
const HEADER_LINES = 14;

/**
 * `Số:` as OCR reads it: `Số:`, `S6:`, `Sé:`, `Sốc` (the colon read as a letter), `số:`. A
 * small `s` needs its colon: a body line that opens with `sửa đổi, … số 15/2021/QĐ-UBND`
 * is no number line.
 */
const PREFIX = /^(?:S\S{0,2}|s\S{0,1})[:.]$|^S\S{0,2}$/u;
const PREFIX_GLUED = /^([Ss]\S{0,1}[:.])(.+)$/u;
/**
 * What stands between the prefix and the code: a number, or what OCR made of a handwritten
 * one (`1O26`, `5Ÿ`, `1 0 2 6`); a run of words (`đổi, bổ sung … số 15/2021`) is a sentence.
 */
const MAX_NUMBER_WORDS = 3;
/** The document's code after its number: `/KH-UBND`, `/QĐ-UBND`, `/KH-MTTQ-BTT`. */
const CODE = /\/[\p{Lu}Đ\d]{1,8}(?:-[\p{Lu}Đ\d&.]{1,12})*\.?$/u;

export interface NumberCheck {
  lines: OcrLine[];
  message?: PageMessage;
  /** What OCR read where the number is, when it was taken out. */
  unreadable?: string;
}

/** Digits of the number part are readable: only digits (and dots), every word confident. */
function readable(words: readonly OcrWord[], digits: string): boolean {
  return /^\d[\d.]*$/.test(digits) && words.every((w) => w.confidence >= NUMBER_MIN_CONFIDENCE);
}

/** Check the number line of a page's header; take out a number OCR could not read. */
export function checkDocumentNumber(lines: readonly OcrLine[]): NumberCheck {
  const at = lines.slice(0, HEADER_LINES).findIndex((l) => {
    const first = l.words[0]?.text ?? '';
    if (!PREFIX.test(first) && !PREFIX_GLUED.test(first)) return false;
    const codeAt = l.words.findIndex((w) => CODE.test(w.text));
    return codeAt > 0 ? codeAt - 1 <= MAX_NUMBER_WORDS : codeAt === 0 && PREFIX_GLUED.test(first);
  });
  if (at < 0) return { lines: [...lines] };
  const line = lines[at]!;
  const words = line.words;
  const codeAt = words.findIndex((w) => CODE.test(w.text));
  // The number part: words between the prefix and the code, and what a glued word carries.
  const glued = PREFIX_GLUED.exec(words[0]!.text);
  const middle = words.slice(1, codeAt);
  const codeWord = words[codeAt]!;
  const codeMatch = CODE.exec(codeWord.text)!;
  const codeLead = codeWord.text.slice(0, codeMatch.index);
  const parts = [glued?.[2] ?? '', ...middle.map((w) => w.text), codeAt > 0 ? codeLead : ''];
  const digits = parts.join('');
  const numberWords = [...(glued ? [words[0]!] : []), ...middle, ...(codeLead ? [codeWord] : [])];
  if (digits === '' || readable(numberWords, digits)) return { lines: [...lines] };
  // The printed label is `Số:` whatever OCR made of it: the line reads as a number left blank.
  const prefix = 'Số:';
  const code = codeMatch[0];
  const rest = words.slice(codeAt + 1).map((w) => w.text);
  const text = [prefix, code, ...rest].join(' ');
  const out = [...lines];
  out[at] = { ...line, text };
  const confidence = Math.min(...numberWords.map((w) => w.confidence));
  return {
    lines: out,
    unreadable: digits,
    message: {
      ruleId: 'header-unreadable',
      reason: `The document number could not be read (OCR read \`${digits}\` with confidence ${Math.round(confidence)}: handwritten or covered); left out`,
      severity: 'warning',
      line: at,
    },
  };
}
