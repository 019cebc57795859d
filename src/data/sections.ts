/**
 * Words of the section headings of Vietnamese plans (Kế hoạch), folded (lower case,
 * no diacritics), and what they tell about a section.
 */
import type { ObjectiveKind, SectionKind } from '../contract/plan.js';

/**
 * Cue phrases of each Roman-numeral section kind. When several occur, the one printed
 * first wins (`MỤC TIÊU, NHIỆM VỤ` is about targets).
 */
export const SECTION_KIND_CUES: ReadonlyArray<[SectionKind, readonly string[]]> = [
  ['purpose', ['muc dich', 'yeu cau', 'quan diem']],
  ['targets', ['muc tieu', 'chi tieu']],
  ['scope', ['doi tuong', 'pham vi', 'thoi gian', 'dia ban']],
  ['content', ['noi dung', 'hinh thuc', 'giai phap', 'nhiem vu', 'hoat dong', 'bien phap', 'phuong thuc', 'ke hoach trien khai', 'lo trinh']],
  ['budget', ['kinh phi', 'nguon von', 'du toan', 'nguon luc tai chinh']],
  ['organization', ['to chuc thuc hien', 'trach nhiem', 'phan cong', 'dieu khoan thi hanh']],
];

/** Words a Roman-numeral heading may open with (besides the kind cues). */
export const HEADING_OPENERS: readonly string[] = [
  'tinh hinh', 'ket qua', 'danh gia', 'thuc trang', 'che do bao cao', 'tien do', 'khen thuong', 'kien nghi', 'de xuat',
  'can cu', 'su can thiet', 'boi canh', 'to chuc', 'cong tac',
];

/** Sub-headings that split purpose/targets sections into the kinds of objectives. */
export const OBJECTIVE_KIND_CUES: ReadonlyArray<[ObjectiveKind, readonly string[]]> = [
  ['specific_target', ['muc tieu cu the', 'chi tieu cu the', 'cac chi tieu', 'muc tieu truoc mat', 'chi tieu']],
  ['general_target', ['muc tieu tong quat', 'muc tieu chung', 'muc tieu lau dai', 'muc tieu']],
  ['purpose', ['muc dich']],
  ['requirement', ['yeu cau']],
];

/** Sub-headings of a budget section that state funding principles, not sources. */
export const BUDGET_PRINCIPLE_CUES: readonly string[] = ['nguyen tac', 'co che', 'dinh muc', 'phan bo', 'quy trinh'];

/**
 * Paragraphs that close the body of a plan and open the back matter (closing words,
 * then `Nơi nhận` and the signature).
 */
export const CLOSING_CUES: readonly string[] = [
  'tren day la', 'can cu noi dung ke hoach', 'can cu ke hoach nay', 'can cu vao ke hoach', 'tren co so ke hoach',
  'yeu cau cac', 'yeu cau thu truong', 'de nghi cac co quan', 'ubnd huyen yeu cau', 'uy ban nhan dan huyen yeu cau',
  'qua trinh thuc hien neu', 'trong qua trinh thuc hien neu', 'trong qua trinh trien khai neu', 'ke hoach nay thay the',
];

/** Openings of appendices and forms after a plan's body (`Phụ lục số 01:`, `Biểu 02`, `Mẫu số 01/HNCT`). */
export const APPENDIX_OPENING = /^(?:Phụ lục\s+(?:số\s*)?[\dIVX]+\b|(?:Biểu|BIỂU)\s+(?:số\s*)?\d+\b|(?:Mẫu|MẪU)\s+(?:số|SỐ)\s*\d+)/u;

/** The recipients' list. */
export const RECIPIENTS_CUE = 'noi nhan';

/** Vietnamese sub-item letters in order (`a)` … `đ)` … `y)`); `đ` follows `d`. */
export const ITEM_LETTERS: readonly string[] = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y'];

/** Characters OCR prints for a sub-item letter (`¢)` for `c)`). */
export const LETTER_CONFUSIONS: Readonly<Record<string, string>> = { '¢': 'c', 'ç': 'c', 'ó': 'o', 'ð': 'đ', 'Ð': 'đ', 'Đ': 'đ' };

/**
 * Letters OCR confuses with each other; the expected next letter wins when printed as one of
 * these (round letters a/c/e/o: `¢)` restored as `a)` after `b)` is `c)`).
 */
export const LETTER_LOOKALIKES: Readonly<Record<string, readonly string[]>> = {
  a: ['o', 'e', 'd'], b: ['h', '6'], c: ['e', '¢', 'o', 'a'], d: ['đ', 'ð'], đ: ['d', 'ð'], e: ['c', '¢', 'o', 'a'],
  g: ['q', 'y', '9'], h: ['b', 'n', 'k'], i: ['l', '1', 'j'], k: ['h'], l: ['i', '1'], m: ['n', 'rn'], n: ['h', 'm', 'u'],
};

/** Characters OCR prints for a Roman numeral's `I` (`I11.` for `III.`). */
export const ROMAN_I_CONFUSIONS = /[1lLi|!]/g;
