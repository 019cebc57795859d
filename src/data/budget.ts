/** Funding sources in plans: kinds by their cue words (folded), how sources are named and split. */
import type { BudgetKind } from '../contract/plan.js';

/** Cues of each kind of source (folded phrases). The cue nearest the source's head decides. */
export const BUDGET_KIND_CUES: ReadonlyArray<[BudgetKind, readonly string[]]> = [
  ['allocated_estimate', ['giao tai quyet dinh', 'duoc giao tai', 'du toan duoc giao', 'du toan giao', 'phan bo chi tiet kinh phi', 'phan bo kinh phi', 'giao du toan', 'du toan duoc duyet']],
  ['integrated', ['long ghep']],
  ['socialized', ['xa hoi hoa', 'hop phap khac', 'doanh nghiep', 'tai tro', 'vien tro', 'dong gop', 'van dong', 'huy dong', 'hop tac cong tu', 'nha dau tu']],
  ['program_fund', ['tieu du an', 'du an', 'chuong trinh muc tieu quoc gia', 'chuong trinh mtqg', 'ctmtqg', 'von su nghiep chuong trinh', 'nguon von chuong trinh', 'nguon von thuc hien chuong trinh']],
  ['central_budget', ['ngan sach trung uong', 'trung uong']],
  ['local_budget', ['ngan sach dia phuong', 'ngan sach tinh', 'ngan sach thanh pho', 'ngan sach huyen', 'ngan sach xa', 'ngan sach cap', 'cua thanh pho', 'cua tinh', 'cua huyen', 'cua xa', 'cua phuong']],
  ['state_budget', ['ngan sach nha nuoc', 'ngan sach', 'sach nha nuoc']],
];

/** Words a funding source mentions (a sentence without one names no source). */
export const FUNDING_WORDS: readonly string[] = ['nguon', 'nha nuoc', 'tai tro', 'dong gop', 'ngan sach', 'kinh phi', 'von', 'xa hoi hoa', 'long ghep', 'huy dong', 'du toan', 'quyet dinh'];

/** Lead-ins before the first source (`Kinh phí thực hiện Kế hoạch được bố trí từ …`, `… sử dụng từ định mức …`). */
export const BUDGET_LEAD_IN = /^.*?(?:^|\s)(?:từ|bằng|sử dụng|do)\s+(?=(?:các\s+)?(?:nguồn|kinh phí|ngân sách|vốn|định mức|dự toán)(?:\s|$))/iu;

/**
 * `Nguồn kinh phí thực hiện từ các doanh nghiệp …`, `Kinh phí … được thực hiện theo quy định tại
 * Thông tư …`: a sentence about funding, its source after `từ`, or the rule it follows.
 */
export const FUNDING_SUBJECT_LEAD_IN = /^(?:Nguồn\s+)?(?:kinh phí|vốn)(?!\p{L})[^.;:]{0,160}?\s(?:(?:từ|do)\s+(?=\S)|(?:được\s+)?(?:thực hiện|bảo đảm|đảm bảo|bố trí|chi)\s+(?=theo quy định))/iu;

/** Where one sentence lists several sources: split before these (after `và`, `hoặc`, `,`, `;`, `; đồng thời,`). */
export const SOURCE_SPLIT = /(?:\s+(?:và|hoặc)\s+|;\s*(?:(?:đồng thời|ngoài ra|bên cạnh đó)\s*,?\s*(?:kết hợp\s+)?)?|,\s+)(?=(?:(?:các\s+){1,2}|từ\s+|theo\s+(?=hình thức))?(?:nguồn|kinh phí|huy động|xã hội hóa|lồng ghép|ngân sách|vốn|hình thức\s+(?:hợp tác|xã hội|đối tác|PPP))(?:\s|$))/giu;

/** A source's head noun: a piece that opens with one names a source of its own. */
export const SOURCE_HEAD = /^\s*(?:các\s+|từ\s+)?(?:nguồn|kinh phí|ngân sách|vốn)(?:\s|$)/iu;

/** Sentences that add detail to a source named before (`Trong đó, ưu tiên …`) or say how money is handled (`Việc quản lý, sử dụng và quyết toán kinh phí …`), not a source. */
export const BUDGET_ASIDE = /^(?:Trong đó|Riêng|Đối với|Ngoài ra|Việc (?:quản lý|sử dụng|lập|phân bổ|thanh toán|quyết toán))(?!\p{L})/u;

/**
 * `Đối với các nhiệm vụ chi thường xuyên: bố trí từ nguồn …`: the funding of one kind of work,
 * its sources after the colon (read like a sentence of their own).
 */
export const BUDGET_PER_KIND = /^(?:Đối với|Riêng)\s[^:]{3,200}?:\s*(?=\S)/u;

/** Headings of items that state a plan's funding wherever they stand (folded words; `Phương án huy động kinh phí`). */
export const BUDGET_ITEM = /^(?:(?:phuong an|giai phap) (?:huy dong|bo tri|bao dam|dam bao) )?(?:nguon )?(?:kinh phi|von)(?: |$)/;

/** A sum in đồng: `1.280 tỷ đồng`, `500 triệu đồng`, `1.500.000.000 đồng`. */
export const AMOUNT = /(\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?)\s*(nghìn tỷ|ngàn tỷ|tỷ|triệu|nghìn|ngàn)?\s*(?:đồng|VNĐ|VND|đ)(?![\p{L}])/u;

/** Multipliers of the words of a sum (folded). */
export const AMOUNT_UNITS: Readonly<Record<string, number>> = {
  'nghin ty': 1e12, 'ngan ty': 1e12, ty: 1e9, trieu: 1e6, nghin: 1e3, ngan: 1e3,
};

/**
 * Sub-items of a budget section about resources other than money (`Nguồn nguyên liệu - hàng hóa
 * huy động`, `Nguồn nhân lực`): where goods and people come from is no funding source.
 */
export const NON_MONEY_RESOURCES: readonly string[] = ['nguyen lieu', 'hang hoa', 'vat tu', 'nhan luc', 'trang thiet bi', 'phuong tien', 'luc luong'];
/** Words that name money in a heading (a heading with one is about funding whatever else it names). */
export const MONEY_WORDS: readonly string[] = ['kinh phi', 'von', 'ngan sach', 'tai chinh', 'du toan'];

/**
 * `Kinh phí thực hiện gồm: Ngân sách nhà nước; nguồn tài trợ …, trong đó:`: a list of the sources
 * before the items that detail them. The lead-in up to `gồm` and the closing `trong đó:` go.
 */
export const SOURCE_LIST_LEAD = /^[^:;]{0,120}?\sgồm(?: có)?\s*:?\s*(?=\S)/iu;
export const SOURCE_LIST_TAIL = /,?\s*(?:trong đó|cụ thể(?: như sau)?|như sau)\s*:\s*$/iu;

/** `Lồng ghép vào kế hoạch đầu tư công trung hạn: ưu tiên …`: a short title, a colon, a sentence (group 1 the title). */
export const TITLED_ITEM = /^([^:;,()]{3,80}?)\s*:\s+(?=\S)/u;
