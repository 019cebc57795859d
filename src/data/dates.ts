/**
 * The Vietnamese date grammar of plans, as one table of rules over folded text (lower case, no
 * diacritics, same offsets as the document). The engine (`src/extract/dates.ts`) tries the rules
 * in order; a match that overlaps an earlier one is dropped. Editing a cue here changes what is
 * read.
 *
 * Named groups of a rule's pattern and what they become:
 * - `d1 m1 y1`: a date (day, month, year; any may be missing) — the `due` date, or the `start`;
 * - `d2 m2 y2`: the `end` of a period;
 * - `q1 qy1` / `q2 qy2`: a quarter and its year (`Quý IV năm 2025` → 2025-10-01 … 2025-12-31);
 * - `cue`: a word the rule looks at (`trong` tháng → period, `trước` tháng → due).
 */
import type { z } from 'zod';
import type { Recurrence } from '../contract/plan.js';

type RecurrenceKind = z.infer<typeof Recurrence>;

// Fragments. `tháng` and `năm` are OCR-tolerant (`th đáng`, `thdang11nam`).
const THANG = String.raw`th\S{0,3}?\s?\S{0,3}?ng`;
const NAM = String.raw`n\S{0,2}m`;
/** `dd/mm[/yyyy]`, `dd.mm.yyyy`, `dd tháng mm [năm yyyy]` with groups d<n> m<n> y<n>. */
const date = (n: number) =>
  String.raw`(?:(?<d${n}>\d{1,2})\s*(?:[/.]|${THANG})\s*(?<m${n}>\d{1,2})(?:\s*(?:[/.]|,?\s*${NAM})\s*(?<y${n}>\d{4}))?(?![\d/]))`;
/** `tháng mm/yyyy`, `tháng mm năm yyyy`, `tháng mm` with groups m<n> y<n>. */
const month = (n: number) => String.raw`(?:thang\s+(?<m${n}>\d{1,2})(?:\s*(?:\/|-|nam)\s*(?<y${n}>\d{4}))?)`;
/** `Quý IV năm 2025`, `quý 4/2025` with groups q<n> qy<n>. */
const quarter = (n: number) => String.raw`(?:qu[yi]\s+(?<q${n}>iv|iii|ii|i|[1-4])\b\s*(?:(?:nam|\/|-)\s*(?<qy${n}>\d{4}))?)`;
/** Labels of a task's time (`Thời gian hoàn thành:`), folded. */
const TIME_LABEL_WORDS = String.raw`(?:thoi gian(?: thuc hien| trien khai| to chuc| hoan thanh)?|thoi han)`;
const TO = String.raw`\s*(?:den|[-–])\s*(?:het\s+)?`;
/** An hour before a day (`17 giờ 00, ngày 01/02/2026`, `13h30`). */
const HOUR = String.raw`(?:\d{1,2}\s*(?:h|gio)\s*\d{0,2}\s*(?:phut\s*)?,?\s*)`;
const ONWARD = String.raw`\s*(?:,\s*)?(?:va\s+(?:cac|nhung)\s+nam\s+tiep\s+theo|tro\s+di)`;

export interface DateRule {
  /** What the rule reads, for messages and tests. */
  id: string;
  kind: 'due' | 'period';
  pattern: RegExp;
  /** Checks against the text around the match; a match failing one is no deadline. */
  guards?: ReadonlyArray<'programme-name' | 'cited-document' | 'named-document' | 'reference-moment'>;
  /** A period open at one end (`từ ngày 01/01/2026`, `từ nay đến hết năm 2025`). */
  open?: 'end' | 'start';
  /** `trong` before a month is a period, other cues make it a due month. */
  periodCues?: readonly string[];
  /** Dates may follow the first with `và` (`trước ngày 15/6 và 15/12`). */
  chains?: boolean;
  /** A recurrence the rule itself states (`hằng tháng`). */
  recurrence?: RecurrenceKind;
}

export const DATE_RULES: readonly DateRule[] = [
  // `từ ngày 17/12/2025 đến 17 giờ 00, ngày 01/02/2026`: the end may be an hour of its day.
  { id: 'from-date-to-date', kind: 'period', pattern: new RegExp(String.raw`\b(?:tu|trong)\s+(?:ngay\s*)?${date(1)}${TO}${HOUR}?(?:ngay\s*)?${date(2)}`, 'g') },
  // `từ ngày 08 đến ngày 10 tháng 12 năm 2025`: the start's month and year are the end's.
  { id: 'from-day-to-date', kind: 'period', pattern: new RegExp(String.raw`\btu\s+(?:ngay\s*)?(?<d1b>\d{1,2})${TO}(?:ngay\s*)?${date(2)}`, 'g') },
  { id: 'from-month-to-month', kind: 'period', pattern: new RegExp(String.raw`\btu\s+${month(1)}${TO}${month(2)}`, 'g') },
  { id: 'from-quarter-to-quarter', kind: 'period', pattern: new RegExp(String.raw`\b(?:tu\s+)?${quarter(1)}${TO}${quarter(2)}`, 'g') },
  // `Tháng 11 - 12/2025`, `tháng 11-12 năm 2025`: two months of one year.
  { id: 'month-range', kind: 'period', pattern: new RegExp(String.raw`\b(?:tu\s+)?thang\s+(?<m1>\d{1,2})\s*[-–]\s*(?:thang\s+)?(?<m2>\d{1,2})\s*(?:\/|-|nam)\s*(?<y2>\d{4})\b`, 'g') },
  // `Thời gian hoàn thành: tháng 11/2025 đến tháng 4/2026`: after a time label `từ` may be left out.
  { id: 'label-month-to-month', kind: 'period', pattern: new RegExp(String.raw`(?<=${TIME_LABEL_WORDS}\s*:?\s*(?:du kien\s+)?)${month(1)}${TO}${month(2)}`, 'g') },
  { id: 'from-month-to-quarter', kind: 'period', pattern: new RegExp(String.raw`\btu\s+${month(1)}${TO}${quarter(2)}`, 'g') },
  // `Giai đoạn 2026-2030 và những năm tiếp theo`: from the stage's start on.
  { id: 'stage-onward', kind: 'period', open: 'end', pattern: new RegExp(String.raw`\b(?:trong\s+)?giai\s+doan\s+(?<y1>\d{4})${TO}\d{4}${ONWARD}`, 'g') },
  { id: 'onward', kind: 'period', open: 'end', pattern: new RegExp(String.raw`(?:\btu\s+)?(?:nam\s+(?<y1>\d{4})|${quarter(1)})${ONWARD}`, 'g') },
  {
    id: 'from-year-to-year', kind: 'period', guards: ['programme-name'],
    pattern: new RegExp(String.raw`(?:\bt\S{0,2}\s+(?:nam\s+)?(?<y1>\d{4})|\bnam\s+(?<y1b>\d{4})(?=\s*den\s))${TO}(?:nam\s+)?(?<y2>\d{4})\b`, 'g'),
  },
  // `Thời gian thực hiện: năm 2026 - 2027`: not `kế hoạch tài chính 03 năm 2026 - 2028` (a count of years, a plan's name).
  {
    id: 'years-dash', kind: 'period', guards: ['programme-name', 'named-document'],
    pattern: /(?<!\d\s*)\bnam\s+(?<y1>\d{4})\s*[-–]\s*(?<y2>\d{4})\b/g,
  },
  // `Trong giai đoạn 2026 - 2030, bảo đảm …`: the plan's own stage (a programme's name has no `trong`).
  { id: 'in-stage', kind: 'period', pattern: new RegExp(String.raw`\btrong\s+giai\s+doan\s+(?<y1>\d{4})${TO}(?<y2>\d{4})\b`, 'g') },
  // `Thu thập, số hóa … (2025 - 2030).`, `(xuyên suốt 2025 - 2035)`, `(2026 trở đi)`: the time of the
  // task it closes (a bracket that ends the item; a programme's name has `giai đoạn`).
  { id: 'closing-bracket-years', kind: 'period', guards: ['programme-name'], pattern: /(?<!giai doan\s*)\((?:xuyen suot\s+|tu\s+|nam\s+)?(?<y1>\d{4})\s*[-–]\s*(?<y2>\d{4})\)(?=\s*[.;]?\s*$)/gm },
  { id: 'closing-bracket-onward', kind: 'period', open: 'end', pattern: /\((?:tu\s+)?(?:nam\s+)?(?<y1>\d{4})\s+tro\s+di\)(?=\s*[.;]?\s*$)/gm },
  { id: 'from-now-to', kind: 'period', open: 'start', pattern: new RegExp(String.raw`\btu\s+nay\s+den\s+(?:het\s+)?(?:nam\s+(?<y2b>\d{4})|ngay\s*${date(2)})`, 'g') },
  { id: 'quarter', kind: 'period', pattern: new RegExp(String.raw`\b${quarter(1)}`, 'g') },
  // `từ ngày 01/7/2024`, `bắt đầu từ 13h30 thứ Hai ngày 06/7/2026`: an hour and a weekday may come first.
  { id: 'from-date-open', kind: 'period', open: 'end', pattern: new RegExp(String.raw`\btu\s+${HOUR}?(?:(?:thu\s+\S+|chu nhat)\s*,?\s*)?(?:ngay\s*)?${date(1)}`, 'g'), guards: ['cited-document'] },
  { id: 'from-month-open', kind: 'period', open: 'end', pattern: new RegExp(String.raw`\btu\s+${month(1)}(?=\s*(?:den\s+khi|tro\s+di|,|\.|;|$))`, 'g') },
  {
    id: 'time-label', kind: 'period',
    pattern: new RegExp(String.raw`${TIME_LABEL_WORDS}\s*:?\s*(?:du kien\s+|ngay\s+(?=thang))?(?:trong\s+)?(?:${month(1)}|nam\s+(?<y1b>\d{4})(?!\s*-)|giai doan\s+(?<y1c>\d{4})\s*[-–]\s*(?<y2>\d{4}))`, 'g'),
  },
  {
    id: 'month', kind: 'due', periodCues: ['trong'],
    pattern: new RegExp(String.raw`\b(?<cue>hoan thanh trong|xong trong|trong|truoc|den het|cham nhat (?:trong |vao )?|cuoi)\s*${month(1)}`, 'g'),
  },
  // `trong năm 2026 và tính đến hết ngày 31/12/2026`: one span, its end the date counted up to.
  { id: 'in-year-counted-to', kind: 'period', pattern: new RegExp(String.raw`\btrong\s+nam\s+(?<y1>\d{4})\s+va\s+tinh\s+den\s+(?:het\s+)?(?:ngay\s*)?${date(2)}`, 'g') },
  { id: 'in-year', kind: 'period', pattern: new RegExp(String.raw`\btrong\s+nam\s+(?<y1>\d{4})\b`, 'g') },
  {
    id: 'target-year', kind: 'due', guards: ['named-document'],
    // (`giai đoạn 2021 - 2030, có xét đến năm 2050`: the horizon a study considers, no due year)
    pattern: new RegExp(String.raw`\b(?<!xet\s)(?:den\s+(?:het\s+)?nam|vao\s+nam|truoc\s+nam)\s+(?<y1>\d{4})\b`, 'g'),
  },
  // `phấn đấu đạt 20% xã, phường “không ma túy” năm 2025`: the year a share is to be reached (not
  // `Phấn đấu … Chỉ số CCHC năm 2026 …`, the year of what is named).
  // `phấn đấu đạt 20% xã, phường “không ma túy” năm 2025`, `Phấn đấu năm 2025 đạt 60% …`, `Chỉ tiêu 1:
  // Năm 2025 đạt 60% …`: the year a share is to be reached (not `Phấn đấu … Chỉ số CCHC năm 2026 …`,
  // the year of what is named).
  {
    id: 'striving-year', kind: 'due', guards: ['named-document', 'programme-name'],
    pattern: /(?:(?<=\bphan dau\b[^.;%]{0,40}?\d+(?:[.,]\d+)?\s*%[^.;]{0,80}?)(?<!\b(?:den|tu|giai doan)\s+))\bnam\s+(?<y1>\d{4})\b(?!\s*[-–]\s*\d)|\bnam\s+(?<y1b>\d{4})(?=\s+dat\s+(?:[^\s.;]+\s+){0,3}\d+(?:[.,]\d+)?\s*%)/g,
  },
  { id: 'every-year-month', kind: 'due', recurrence: 'annual', pattern: /(?<!\d\s*)\b(?:truoc\s+|trong\s+)?thang\s+(?<m1>\d{1,2})\s+(?:hang|moi)\s+nam\b/g },
  { id: 'every-month-day', kind: 'due', recurrence: 'monthly', pattern: /\b(?:truoc\s+)?ngay\s+(?<d1>\d{1,2})\s+(?:hang|moi)\s+thang\b/g },
  {
    id: 'day', kind: 'due', guards: ['cited-document', 'reference-moment'], chains: true,
    pattern: new RegExp(String.raw`(?:\b(?<cue>truoc|cham nhat(?: la| vao)?|han chot|den het|trong|vao|hoan thanh truoc)\s+)?ngay\s*${date(1)}`, 'g'),
  },
];

/** A date that follows a due date with `và`/`hoặc` and no `ngày` of its own (`và 15/12`). */
export const CHAINED_DATE = /^\s*(?:,|va|hoac)\s*(\d{1,2})\s*\/\s*(\d{1,2})(?:\s*\/\s*(\d{4}))?(?![\d/])/;

/** A programme's own period just before a span (`giai đoạn I:`, `giai đoạn 2021 - 2030,`). */
export const PROGRAMME_BEFORE = /(?:giai doan\s+[ivx0-9]+\s*[:,]?|giai doan\s*\d{4}\s*[-–]\s*\d{4}\s*,?)\s*$/;

/**
 * The name of a programme, plan, strategy or cited document in the same clause before a year
 * (`Chương trình … phòng, chống ma túy đến năm 2030`, `Chỉ thị số 05-CT/TW … về … giảm nghèo bền
 * vững đến năm 2030`, `tầm nhìn đến năm 2050`, a commitment's `cam kết phát thải ròng bằng “0” vào
 * năm 2050`): the year belongs to the name.
 */
export const NAMED_DOCUMENT_BEFORE = /\b(?:chuong trinh|ke hoach|chien luoc|de an|quy hoach|nghi quyet|chi thi|ket luan|tam nhin|dinh huong|phuong an|du an|luat|nghi dinh|thong tu|quyet dinh|cam ket)\b[^.;:()]*$/;

/** A target named after a document (`Nghị quyết số 57-NQ/TW …, mục tiêu … đến năm 2030`): the date is the target's. */
export const NAME_CLOSED = /,[^,]*\bmuc tieu\b/;

/** A document number or issuing words right before `ngày`: the date of a cited document. */
export const CITED_BEFORE = /(?:\d+\s*[/-]\s*[\p{L}\d&./-]*\p{L}[\p{L}\d&./-]*|ban hành|ký|kí|số\s*\d+|thông qua|có hiệu lực(?: thi hành)?(?: kể)?|hiệu lực)\s*(?:từ|kể từ)?\s*,?\s*$/iu;

/**
 * The moment a count or an inventory refers to (`kết quả Tổng kiểm kê tại thời điểm 0h00 ngày
 * 01/01/2025`, `số liệu tính đến thời điểm ngày 31/12`): a point of reference, not a deadline.
 */
export const REFERENCE_MOMENT_BEFORE = /\bthoi diem\s*(?:\d{1,2}\s*(?:h|gio)\s*\d{0,2}\s*(?:phut\s*)?)?,?\s*$/;

/** `Hoàn thành, báo cáo kết quả … trong tháng 11/2025`: the clause says the work is done by then (folded, up to the match). */
export const COMPLETION_BEFORE = /\bhoan thanh\b[^.;]*$/;

/** Recurrence words (folded), most specific first. */
export const RECURRENCE_CUES: ReadonlyArray<[RecurrenceKind, RegExp]> = [
  ['quarterly', /\b(?:hang|hhang) quy\b|\bmoi quy\b|\bdinh ky (?:hang )?quy\b|\btheo quy\b/],
  ['monthly', /\bhang thang\b|\bmoi thang\b|\bdinh ky (?:hang )?thang\b/],
  ['semiannual', /\b(?:dinh ky|bao cao|so ket) 6 thang\b|\b6 thang (?:mot lan|1 lan)\b|\bsau thang\b/],
  ['annual', /\bhang nam\b|\bmoi nam\b|\bdinh ky\b|\bthuong nien\b/],
];

/** `Quý I` … `Quý IV` → quarter number. */
export const QUARTERS: Readonly<Record<string, number>> = { I: 1, II: 2, III: 3, IV: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/** Labels that announce when the plan (or an activity) takes place (folded). */
export const TIME_LABEL = /(?:thoi gian(?: thuc hien| trien khai| to chuc)?|thoi han|tien do)\s*:?\s*$/;

/**
 * Top sections that report what has happened (`TÌNH HÌNH THIỆT HẠI`, `KẾT QUẢ THỰC HIỆN`,
 * `ĐÁNH GIÁ`, `THỰC TRẠNG`): their dates are past events, not deadlines (folded heading openers).
 */
export const PAST_EVENT_SECTIONS: readonly string[] = ['tinh hinh', 'ket qua', 'danh gia', 'thuc trang', 'boi canh', 'su can thiet', 'can cu'];
