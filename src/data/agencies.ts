/** Names of agencies and administrative units in Vietnamese plans (folded unless noted). */

/**
 * How the name of an agency, office or person given a task begins (folded words). An
 * item of TỔ CHỨC THỰC HIỆN opening with one of these names an agency.
 */
export const AGENCY_HEADS: readonly string[] = [
  'phong', 'so', 'ban', 'bo', 'uy ban', 'ubnd', 'ubmttq', 'mttq', 'mat tran', 'hoi', 'doan', 'huyen doan', 'tinh doan',
  'thanh doan', 'lien doan', 'cong an', 'quan su', 'ban chi huy', 'bo chi huy', 'trung tam', 'van phong', 'cong chuc',
  'can bo', 'cac', 'thu truong', 'chu tich', 'pho chu tich', 'truong', 'thon truong', 'truong thon', 'truong ap',
  'bi thu', 'ngan hang', 'kho bac', 'bao hiem', 'chi cuc', 'cuc', 'dai', 'bao', 'benh vien', 'tram', 'hat', 'buu dien',
  'vien', 'dang uy', 'thuong truc', 'hdnd', 'hoi dong', 'to', 'nhom', 'lanh dao', 'dai truyen thanh', 'hop tac xa',
  'doanh nghiep', 'co quan', 'don vi', 'bch', 'bql', 'ban quan ly', 'thanh tra', 'toa an', 'vien kiem sat', 'ubkt',
  'cac don vi', 'cac xa', 'cac phong', 'cac co quan', 'cac hoi', 'cac doan the', 'cong ty', 'chi nhanh', 'ban dan toc',
  'vu', 'giam doc', 'dong chi', 'chuyen vien', 'cong chuc', 'cac dong chi', 'dien luc', 'vien thong', 'ngan hang nha nuoc', 'cac to chuc', 'cac ban',
];

/** Openings of organisation items that name a duty, not an agency. */
export const NON_AGENCY_HEADS: readonly string[] = [
  'don vi chu tri', 'don vi phoi hop', 'don vi thuc hien', 'co quan chu tri', 'co quan phoi hop', 'co quan thuc hien',
  'noi dung thuc hien', 'ket qua', 'san pham',
  'trach nhiem', 'che do', 'thoi gian', 'kinh phi', 'tien do', 'bao cao', 'phan cong', 'cong tac', 'to chuc thuc hien',
  'kiem tra', 'khen thuong', 'giao', 'yeu cau', 'can cu', 'tren day', 'dieu khoan', 'hieu luc', 'trong qua trinh',
  // Verbs and nouns of tasks that the OCR-tolerant heads would take for one (`Phương án` ~ `Phòng`, `Bố trí` ~ `Bộ`).
  'phuong an', 'bo tri', 'giai phap', 'nhiem vu', 'noi dung', 'muc tieu',
];

/** First words that name no agency, compared exactly (OCR tolerance would take `Việc` for `Viện`). */
export const NON_AGENCY_FIRST_WORDS: ReadonlySet<string> = new Set(['viec']);

/** Words before an agency that are not part of its name. */
export const AGENCY_LEAD_WORDS = /^(?:đề\s+nghị|kính\s+đề\s+nghị|giao|giao\s+cho|phân\s+công)\s+/iu;

/** Administrative units, as printed in upper case in headers; written lower case in issuers. */
export const ADMIN_UNITS: readonly string[] = [
  'thành phố', 'thị trấn', 'thị xã', 'huyện', 'tỉnh', 'quận', 'phường', 'xã', 'đặc khu',
];

/** Bodies that issue plans, written out (folded cue → printed form), for the issuing sentence. */
export const ISSUER_BODIES: ReadonlyArray<[string, string]> = [
  ['uy ban nhan dan', 'Ủy ban nhân dân'],
  ['ubnd', 'Ủy ban nhân dân'],
  ['hoi dong nhan dan', 'Hội đồng nhân dân'],
  ['hdnd', 'Hội đồng nhân dân'],
];

/** Abbreviations in a header's issuer lines, written out (compact folded word → printed form). */
export const ISSUER_EXPANSIONS: ReadonlyArray<[string, string]> = [
  ['ubnd', 'Ủy ban nhân dân'],
  ['uybannhandan', 'Ủy ban nhân dân'],
  ['hdnd', 'Hội đồng nhân dân'],
  ['ubmttqvn', 'Ủy ban Mặt trận Tổ quốc Việt Nam'],
  ['ubmttq', 'Ủy ban Mặt trận Tổ quốc'],
  ['mttqvn', 'Mặt trận Tổ quốc Việt Nam'],
  ['mttq', 'Mặt trận Tổ quốc'],
];

/** Folded words that open the name of a body on a header line (`SỞ Y TẾ`, `BAN THƯỜNG TRỰC`). */
export const BODY_OPENERS: readonly string[] = [
  'uy ban', 'ubnd', 'hdnd', 'hoi dong', 'so', 'bo', 'phong', 'ban', 'cuc', 'chi cuc', 'tong cuc', 'van phong', 'thanh tra',
  'trung tam', 'doan', 'thuong truc', 'kho bac', 'cong an', 'bo chi huy', 'ban chi huy', 'vien', 'truong', 'benh vien',
  'dang uy', 'chi bo', 'hoi', 'ubmttq', 'mttq',
];

/** Organs of the body printed above them: their full name is theirs plus the parent's whole name. */
export const ORGANS_OF_PARENT: readonly string[] = ['ban thuong truc', 'thuong truc', 'van phong', 'ban chap hanh'];

/** Phrases written with capitals inside a body's name whatever the header's case. */
export const PROPER_PHRASES: readonly string[] = [
  'Mặt trận Tổ quốc Việt Nam', 'Mặt trận Tổ quốc', 'Việt Nam', 'Chính phủ', 'Thường trực', 'Công Thương', 'Hồ Chí Minh',
];

/**
 * Words naming the kind of a body, printed before its field (`SỞ Y TẾ` → `Sở Y tế`): the
 * field's first word takes a capital (Nghị định 30/2020/NĐ-CP, Phụ lục II).
 */
export const BODY_TYPE_WORDS: readonly string[] = [
  'chi cục', 'bộ chỉ huy', 'ban chỉ huy', 'trung tâm', 'văn phòng', 'sở', 'phòng', 'bộ', 'ban', 'cục', 'hội', 'đài',
  'thanh tra', 'kho bạc nhà nước', 'ban quản lý',
];

/**
 * Verbs that open an agency's task in a running item (`Sở Tài chính chủ trì, …`), as printed.
 * `trong quá trình`, `khi` open a circumstance that follows the agency (`Đoàn kiểm tra trong quá trình …`).
 */
export const TASK_VERBS: readonly string[] = [
  'chủ trì', 'phối hợp', 'tham mưu', 'có trách nhiệm', 'chịu trách nhiệm', 'thực hiện', 'triển khai', 'hướng dẫn', 'theo dõi',
  'căn cứ', 'xây dựng', 'tổ chức', 'chỉ đạo', 'bố trí', 'kiện toàn', 'tăng cường', 'tham gia', 'nâng cao', 'rà soát', 'đẩy mạnh',
  'quan tâm', 'phổ biến', 'tuyên truyền', 'kiểm tra', 'giám sát', 'đôn đốc', 'tổng hợp', 'báo cáo', 'bảo đảm', 'đảm bảo',
  'cung cấp', 'khẩn trương', 'nghiên cứu', 'phát huy', 'vận động', 'quán triệt', 'duy trì', 'cập nhật', 'ban hành', 'chuẩn bị',
  'tiếp tục', 'trong quá trình', 'khi', 'là cơ quan', 'là đơn vị', 'giúp', 'hỗ trợ', 'thường xuyên', 'chủ động', 'tập trung',
  'lãnh đạo', 'phân công', 'cử', 'trình', 'đề xuất', 'xác định', 'sử dụng', 'nắm', 'hoàn thành', 'giao', 'lập', 'ưu tiên',
];

/** Words after which a verb is part of the agency's name (`Các tổ chức`, `được giao chủ trì`). */
export const NOT_A_VERB_AFTER = /(?:(?<!\p{L})(?:các|những|được giao|được phân công|được|đơn vị|cơ quan)|^(?:Ban|Đoàn|Tổ|Hội đồng))$/u;

/** A duty after an agency's name on its title line (`Cục Biến đổi khí hậu có trách nhiệm:`). */
export const DUTY_SUFFIX = /\s+(?:có|chịu) trách nhiệm(?:\s+(?:thực hiện|triển khai|chủ trì)(?!\p{L}).*)?[\s:]*$|\s+(?:thực hiện|triển khai) (?:các|những) (?:nhiệm vụ|nội dung)(?: cụ thể)? sau[\s:]*$/u;

/**
 * The fields of a task written as a record: `Đơn vị chủ trì:` / `Cơ quan thực hiện:` (lead),
 * `Đơn vị phối hợp:` (partners). Group 1 is filled by the engine: 'lead' or 'partners'.
 */
export const TASK_FIELD = {
  exec(text: string): [string, 'lead' | 'partners'] | null {
    const m = /^(?:Đơn vị|Cơ quan|Cơ quan, đơn vị)\s+(chủ trì|thực hiện|phối hợp)(?:\s+thực hiện)?\s*:\s*/iu.exec(text);
    if (!m) return null;
    return [m[0], m[1]!.toLowerCase() === 'phối hợp' ? 'partners' : 'lead'];
  },
};

/** The other fields of a task record (`Thời gian hoàn thành:`, `Kết quả:`, `Sản phẩm:`): not part of the task. */
export const RECORD_FIELD = /^(?:Thời gian|Thời hạn|Tiến độ|Kết quả|Sản phẩm|Hình thức|Kinh phí)(?:\s[^:]{0,40})?:/u;

/**
 * `Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan báo cáo …`: how to report
 * problems, the same in every plan; an item that opens with it assigns no task.
 */
export const FEEDBACK_CLAUSE = /^Trong quá trình (?:triển khai )?(?:thực hiện|triển khai)[^,]{0,60},\s*nếu(?!\p{L})/u;

/** Headings of a part that sets out agencies' duties (folded): `Nhiệm vụ của thành viên Ban Chỉ đạo`, `Phân công trách nhiệm`. */
export const RESPONSIBILITY_HEADING = /^(?:(?:nhiem vu|trach nhiem)(?: va (?:nhiem vu|trach nhiem|quyen han))? cua|phan cong (?:nhiem vu|trach nhiem))(?: |$)/;
/** `Trách nhiệm của …`, `Nhiệm vụ của …` before an agency's name. */
export const DUTIES_OF = /^(?:Nhiệm vụ|Trách nhiệm)(?: và (?:nhiệm vụ|trách nhiệm|quyền hạn))? của\s+(?=\S)/iu;

/** Openings of a circumstance before an item's agency (`Kết thúc cuộc bầu cử, Ban Thường trực …`). */
export const CIRCUMSTANCE_OPENERS = /^(?:Kết thúc|Sau khi|Căn cứ|Trên cơ sở|Trong|Khi|Để|Đối với|Ngay sau|Trước khi|Hằng năm|Định kỳ)(?!\p{L})/u;
