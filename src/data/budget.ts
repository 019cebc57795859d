/** Cues of the kinds of funding sources under KINH PHÍ (folded phrases, first match wins). */
import type { BudgetKind } from '../contract/plan.js';

export const BUDGET_KIND_CUES: ReadonlyArray<[BudgetKind, readonly string[]]> = [
  ['allocated_estimate', ['giao tai quyet dinh', 'duoc giao tai', 'du toan duoc giao', 'du toan giao', 'phan bo chi tiet kinh phi', 'phan bo kinh phi', 'giao du toan']],
  ['integrated', ['long ghep']],
  ['socialized', ['xa hoi hoa', 'hop phap khac', 'doanh nghiep', 'tai tro', 'dong gop', 'van dong', 'huy dong']],
  ['program_fund', ['tieu du an', 'du an', 'chuong trinh muc tieu quoc gia', 'chuong trinh mtqg', 'ctmtqg', 'thuc hien chuong trinh', 'von su nghiep chuong trinh', 'nguon von chuong trinh']],
  ['central_budget', ['ngan sach trung uong']],
  ['local_budget', ['ngan sach dia phuong', 'ngan sach tinh', 'ngan sach huyen', 'ngan sach xa', 'ngan sach cap']],
  ['state_budget', ['ngan sach nha nuoc', 'ngan sach', 'sach nha nuoc']],
];

/** Words a funding source mentions (a paragraph under KINH PHÍ without one is not a source). */
export const FUNDING_WORDS: readonly string[] = ['nguon', 'nha nuoc', 'tai tro', 'dong gop', 'ngan sach', 'kinh phi', 'von', 'xa hoi hoa', 'long ghep', 'huy dong', 'du toan', 'quyet dinh'];

/** Lead-ins before the first source (`Kinh phí thực hiện Kế hoạch được thực hiện từ …`). */
export const BUDGET_LEAD_IN = /^.*?(?:^|\s)(?:từ|bằng|sử dụng)\s+(?=(?:các\s+)?(?:nguồn|kinh phí|ngân sách|vốn)(?:\s|$))/iu;

/** Where one sentence lists several sources: split before these (after `và`, `,`, `;`). */
export const SOURCE_SPLIT = /(?:\s+và\s+|;\s*|,\s+)(?=(?:các\s+|từ\s+)?(?:nguồn|kinh phí|huy động|xã hội hóa|lồng ghép|ngân sách)(?:\s|$))/giu;
