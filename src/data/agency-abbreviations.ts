/**
 * Abbreviations in the names of agencies, as plans print them (`Phòng VH&TT`, `Sở LĐTBXH`,
 * `UBND huyện`, `TT VH-TT&TT`), and how each is written out. Used by the store's agency keys
 * (src/store/agency.ts): a name's abbreviations are written out before it is folded into its
 * key, so `Phòng VH&TT`, `Phòng Văn hóa - TT huyện` and `Phòng Văn hóa và Thông tin` share one.
 *
 * An abbreviation counts only where it is printed in capitals (`TT`, not `tt`), as a word of
 * its own or as a part of a compound joined by `&`, `-` or `/` (`LĐ-TB&XH` is `LĐ`, `TB`, `XH`).
 * A compound is looked up whole first (`TT&TT`, `NN&PTNT`), then part by part.
 */

/** Abbreviation (as printed, capitals) → written out. Whole compounds first, then parts. */
export const AGENCY_ABBREVIATIONS: Readonly<Record<string, string>> = {
  // Bodies
  UBND: 'Ủy ban nhân dân',
  HĐND: 'Hội đồng nhân dân',
  UBMTTQVN: 'Ủy ban Mặt trận Tổ quốc Việt Nam',
  UBMTTQ: 'Ủy ban Mặt trận Tổ quốc',
  MTTQVN: 'Mặt trận Tổ quốc Việt Nam',
  MTTQ: 'Mặt trận Tổ quốc',
  UBKT: 'Ủy ban Kiểm tra',
  HU: 'Huyện ủy',
  TU: 'Tỉnh ủy',
  ĐU: 'Đảng ủy',
  BCĐ: 'Ban Chỉ đạo',
  BCH: 'Ban Chỉ huy',
  BQL: 'Ban Quản lý',
  VP: 'Văn phòng',
  CT: 'Chủ tịch',
  PCT: 'Phó Chủ tịch',
  TTYT: 'Trung tâm Y tế',
  NHCSXH: 'Ngân hàng Chính sách xã hội',
  KBNN: 'Kho bạc Nhà nước',
  BHXH: 'Bảo hiểm xã hội',
  CA: 'Công an',
  QS: 'Quân sự',
  CTMTQG: 'Chương trình mục tiêu quốc gia',
  MTQG: 'mục tiêu quốc gia',
  // Mass organisations
  HLHPN: 'Hội Liên hiệp Phụ nữ',
  LHPN: 'Liên hiệp Phụ nữ',
  HCCB: 'Hội Cựu chiến binh',
  CCB: 'Cựu chiến binh',
  HND: 'Hội Nông dân',
  ĐTN: 'Đoàn Thanh niên',
  TNCS: 'Thanh niên Cộng sản',
  LĐLĐ: 'Liên đoàn Lao động',
  // Fields, whole
  LĐTBXH: 'Lao động - Thương binh và Xã hội',
  LĐTB: 'Lao động - Thương binh',
  TBXH: 'Thương binh và Xã hội',
  VHTT: 'Văn hóa - Thông tin',
  VHXH: 'Văn hóa - Xã hội',
  VHTTDL: 'Văn hóa, Thể thao và Du lịch',
  'TT&TT': 'Thông tin và Truyền thông',
  TTTT: 'Thông tin và Truyền thông',
  'NN&PTNT': 'Nông nghiệp và Phát triển nông thôn',
  NNPTNT: 'Nông nghiệp và Phát triển nông thôn',
  'TN&MT': 'Tài nguyên và Môi trường',
  TNMT: 'Tài nguyên và Môi trường',
  'KH&CN': 'Khoa học và Công nghệ',
  KHCN: 'Khoa học và Công nghệ',
  'KH&ĐT': 'Kế hoạch và Đầu tư',
  KHĐT: 'Kế hoạch và Đầu tư',
  'GD&ĐT': 'Giáo dục và Đào tạo',
  GDĐT: 'Giáo dục và Đào tạo',
  'KT&HT': 'Kinh tế và Hạ tầng',
  KTHT: 'Kinh tế và Hạ tầng',
  GTVT: 'Giao thông vận tải',
  GDNN: 'Giáo dục nghề nghiệp',
  GDTX: 'Giáo dục thường xuyên',
  TDTT: 'Thể dục thể thao',
  QLĐT: 'Quản lý đô thị',
  // Fields, parts of compounds (`LĐ-TB&XH`, `VH-TT`, `TC-KH`)
  LĐ: 'Lao động',
  TB: 'Thương binh',
  XH: 'Xã hội',
  VH: 'Văn hóa',
  TT: 'Thông tin',
  TC: 'Tài chính',
  KH: 'Kế hoạch',
  NN: 'Nông nghiệp',
  PTNT: 'Phát triển nông thôn',
  TN: 'Tài nguyên',
  MT: 'Môi trường',
  GD: 'Giáo dục',
  ĐT: 'Đào tạo',
  YT: 'Y tế',
  KT: 'Kinh tế',
  HT: 'Hạ tầng',
  NV: 'Nội vụ',
  TP: 'Tư pháp',
  DL: 'Du lịch',
};

/**
 * Where an abbreviation means something else than its entry above, by its neighbours.
 * `after` is matched against the folded words written out before it (its end), `before`
 * against the next word as printed, `first` when it opens the name. The first rule that fits
 * wins; then the table.
 */
export interface AbbreviationRule {
  abbreviation: string;
  first?: boolean;
  after?: RegExp;
  before?: RegExp;
  expansion: string;
}

export const ABBREVIATION_RULES: readonly AbbreviationRule[] = [
  // TT: Thường trực HĐND, Trung tâm VH-TT&TT, Văn hóa - Thông tin, Thông tin và Truyền thông, các xã, thị trấn
  { abbreviation: 'TT', first: true, before: /^(?:HĐND|HU|TU|ĐU|UBND|UBMTTQ|MTTQ|Huyện|Tỉnh|Đảng|Hội đồng)/u, expansion: 'Thường trực' },
  { abbreviation: 'TT', first: true, expansion: 'Trung tâm' },
  { abbreviation: 'TT', after: /(?:^| )thong tin$/, expansion: 'Truyền thông' },
  { abbreviation: 'TT', after: /(?:^| )(?:xa|cac xa|phuong)$/, expansion: 'Thị trấn' },
  // TN: Đoàn Thanh niên, Tài nguyên và Môi trường
  { abbreviation: 'TN', after: /(?:^| )doan$/, expansion: 'Thanh niên' },
  // TP: Thành phố Cần Thơ (a place), Phòng Tư pháp
  { abbreviation: 'TP', before: /^\p{Lu}/u, expansion: 'thành phố' },
  // CT: Sở Công Thương; otherwise Chủ tịch
  { abbreviation: 'CT', after: /(?:^| )(?:so|phong)$/, expansion: 'Công Thương' },
  // KH: Khoa học (before Công nghệ), Kế hoạch otherwise
  { abbreviation: 'KH', before: /^(?:CN|Công nghệ)/u, expansion: 'Khoa học' },
  // CN: Công nghệ after Khoa học
  { abbreviation: 'CN', after: /(?:^| )khoa hoc$/, expansion: 'Công nghệ' },
  // ĐT: Đầu tư after Kế hoạch, Đào tạo otherwise
  { abbreviation: 'ĐT', after: /(?:^| )ke hoach$/, expansion: 'Đầu tư' },
];

/** Words that join the parts of a name and are no part of its key. */
export const NAME_CONJUNCTIONS: readonly string[] = ['và', '&'];

/**
 * Administrative units that end a name as its place (`… huyện`, `… tỉnh Bắc Kạn`), as
 * printed in lower case. Longest first.
 */
export const PLACE_UNITS: readonly string[] = ['thành phố', 'thị trấn', 'thị xã', 'đặc khu', 'huyện', 'tỉnh', 'quận', 'phường', 'xã'];

/** Words after a unit that make it no place but part of a name (`Xã hội`, `Tỉnh ủy`, `Huyện đoàn`). */
export const NOT_PLACE_AFTER: readonly string[] = ['hội', 'ủy', 'uỷ', 'đoàn', 'đội', 'viên'];
