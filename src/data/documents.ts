/** The fixed parts of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP). */

/** Types of documents (tên loại văn bản), as written in running text. */
export const DOCUMENT_TYPES: readonly string[] = [
  'Kế hoạch', 'Quyết định', 'Chỉ thị', 'Nghị quyết', 'Nghị định', 'Thông tư liên tịch', 'Thông tư', 'Luật', 'Pháp lệnh',
  'Công văn', 'Chương trình hành động', 'Chương trình', 'Hướng dẫn', 'Tờ trình', 'Thông báo', 'Kết luận', 'Công điện',
  'Quy định', 'Quy chế', 'Đề án', 'Báo cáo', 'Văn bản', 'Phương án', 'Chiến lược',
];

/** Document types a plan's title line may name (the document itself). */
/** The type a document number's code names (`94/KH-UBND`): read when the type line itself is lost. */
export const NUMBER_CODE_TYPES: ReadonlyArray<[RegExp, string]> = [
  [/\/\s*KH\b/u, 'Kế hoạch'], [/\/\s*QĐ\b/u, 'Quyết định'], [/\/\s*CTr\b/u, 'Chương trình'], [/\/\s*ĐA\b/u, 'Đề án'],
  [/\/\s*PA\b/u, 'Phương án'], [/\/\s*HD\b/u, 'Hướng dẫn'], [/\/\s*BC\b/u, 'Báo cáo'], [/\/\s*TB\b/u, 'Thông báo'], [/\/\s*CT\b/u, 'Chỉ thị'],
];

export const OWN_DOCUMENT_TYPES: readonly string[] = [
  'Kế hoạch', 'Chương trình', 'Đề án', 'Phương án', 'Quyết định', 'Hướng dẫn', 'Báo cáo', 'Thông báo', 'Chỉ thị',
];

/** The national motto printed on the right of the header (folded, OCR-tolerant patterns). */
export const MOTTO_PATTERNS: readonly RegExp[] = [
  /c\s*[o0]\s*n\s*g\s*h\s*[o0]\s*a\s+x\s*a\s+h\S*\s+ch\S*\s+ngh\S*\s+v\S*t\s+nam/,
  /\S*c\s*l\S*p\s*[-–—]\s*t\S*\s*d\S*\s*[-–—]\s*h\S*nh\s+ph\S*/,
  /\S+\s+\S+\s*[-–—]\s*tu\s*do\s*[-–—]\s*h\S*nh\s*ph\S*/,
];

/**
 * Text of an incoming stamp (`ĐẾN`, `CÔNG VĂN ĐẾN`, `Số: 4644 Ngày: 12/3/2025`, `Chuyển: …`) or a
 * certified-copy box (`SAO Y BẢN CHÍNH`) over a header: it belongs to no header field.
 */
export const HEADER_STAMP: readonly RegExp[] = [
  /(?<!\p{L})(?:CÔNG VĂN |CV )?ĐẾN(?!\p{L})(?=\s*(?:$|\n|Số|Ngày|\d))/gu,
  /\bSố\s*(?:đến)?\s*:?\s*\d+\s*\n?\s*Ngày\s*:?\s*[\d/.\s]+/gu,
  /\b(?:Chuyển|Lưu hồ sơ số|Người nhận)\s*:[^\n]*/gu,
  /(?<!\p{L})SAO Y(?: BẢN CHÍNH)?(?!\p{L})[^\n]*/gu,
];

/** A caption under a title: the document the plan is attached to, or who it is addressed to. */
export const TITLE_CAPTION = /^\(?\s*(?:Ban hành |Được ban hành )?kèm theo\b|^Kính gửi\s*:/iu;

/** Openings of the preamble after the title (legal grounds, the issuing sentence). */
export const PREAMBLE_OPENERS: readonly string[] = [
  'can cu', 'thuc hien', 'xet de nghi', 'theo de nghi', 'nham', 'de trien khai', 'de thuc hien', 'trien khai',
  'thuc hien', 'tiep tuc', 'ubnd', 'uy ban nhan dan', 'qua trinh', 'tren co so', 'theo chi dao', 'phuc vu',
];

/** A separator line under a header or title (`-----`, `___`, `***`). */
export const SEPARATOR_LINE = /^[\s\-–—_=*~.]{3,}$/u;

/** Words that end the name of a cited document's issuer (`… của UBND tỉnh X về …`). */
export const ISSUER_STOP_WORDS: readonly string[] = [
  'về', 'phê duyệt', 'ban hành', 'thực hiện', 'hướng dẫn', 'quy định', 'triển khai', 'việc', 'tại', 'và', 'trong',
  'đối với', 'nhằm', 'để', 'giao', 'phân bổ', 'sửa đổi', 'bổ sung', 'tổ chức', 'tăng cường', 'chương trình', 'với', 'theo',
  'cho', 'trên', 'kèm', 'được', 'quy chế', 'ngày',
];
