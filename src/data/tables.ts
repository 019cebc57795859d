/** Task tables: the words of their column headers (folded), and what a cell of each column looks like. */
import type { ColumnRole } from '../tree.js';

/**
 * Column header cues, first match wins (folded words, matched at the start of the header cell):
 * `Cơ quan chủ trì` before `Nội dung`, `Cơ quan phối hợp` before `Cơ quan`.
 */
export const COLUMN_CUES: ReadonlyArray<[ColumnRole, readonly string[]]> = [
  ['number', ['tt', 'stt', 'so tt', 'so thu tu']],
  ['partners', ['co quan phoi hop', 'don vi phoi hop', 'phoi hop', 'co quan, don vi phoi hop', 'noi phoi hop']],
  ['lead', [
    'co quan chu tri', 'don vi chu tri', 'chu tri', 'co quan thuc hien', 'don vi thuc hien', 'nguoi thuc hien',
    'co quan, don vi chu tri', 'don vi, dia phuong chu tri', 'co quan, don vi thuc hien', 'trach nhiem thuc hien', 'phan cong',
  ]],
  ['time', ['thoi gian', 'thoi han', 'tien do', 'moc thoi gian']],
  ['product', ['san pham', 'ket qua', 'hinh thuc van ban', 'hinh thuc san pham']],
  ['budget', ['nguon kinh phi', 'kinh phi', 'nguon von']],
  ['note', ['ghi chu']],
  ['task', ['noi dung', 'nhiem vu', 'ten nhiem vu', 'hoat dong', 'cong viec', 'chi tieu', 'ten de an', 'ten du an', 'giai phap']],
];

/** A cell that is a row's number or letter alone (`1`, `1.`, `a)`, `I.`). */
export const ROW_LABEL = /^(?:(\d{1,3})\.?|([a-zđ])\)|([IVX]{1,5})\.?)$/u;

/** A time cell (folded): a quarter, a month, a year, a date, or a recurring time. */
export const TIME_CELL = /^(?:truoc|trong|tu|den|cham nhat|hoan thanh|nam|thang|quy|quy|giai doan|thuong xuyen|hang nam|hang quy|hang thang|dinh ky|dot|ngay|\d)/;

/** A lead cell cut off after an agency's head noun (`Viện Khoa học lâm nghiệp Việt Nam, Cục`): its name goes on below. */
export const HANGING_LEAD = /(?:^|[,;]\s*|\s(?:và|với)\s)(?:Cục|Sở|Bộ|Ban|Viện|Vụ|Phòng|Trung tâm|Ủy ban|Uỷ ban|UBND|Văn phòng|Tổng cục|Chi cục|Hội|Đoàn)$/u;
