/** Shapes of the genre beyond the seeds: provincial and commune plans, other headings. */
import { describe, expect, it } from 'vitest';
import { textSourceFromBytes } from '../src/input/text.js';
import { processSourceSync } from '../src/pipeline.js';

function planOf(text: string) {
  const source = textSourceFromBytes('plan.txt', new TextEncoder().encode(text));
  return processSourceSync(source, { restore: { skip: true } }).plan;
}

const provincial = [
  'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'TỈNH GIA LAI Độc lập - Tự do - Hạnh phúc',
  'Số: 1520/KH-UBND Gia Lai, ngày 10 tháng 4 năm 2024',
  'KẾ HOẠCH',
  'Thực hiện Chương trình chuyển đổi số năm 2024',
  'Căn cứ Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị;',
  'Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:',
  'I. MỤC TIÊU, NHIỆM VỤ',
  '1. Mục tiêu chung',
  'Đẩy mạnh chuyển đổi số trong các cơ quan nhà nước.',
  '2. Mục tiêu cụ thể',
  '- 100% văn bản được trao đổi dưới dạng điện tử.',
  '- 80% hồ sơ được giải quyết trực tuyến.',
  '3. Nhiệm vụ',
  '- Xây dựng cơ sở dữ liệu dùng chung.',
  'II. NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG TÂM NĂM',
  '2024',
  '- Hoàn thành nền tảng tích hợp trong tháng 6/2024.',
  '- Các sở, ngành báo cáo kết quả trước ngày 15/12/2024.',
  'III. KINH PHÍ THỰC HIỆN',
  'Ngân sách tỉnh bố trí trong dự toán hằng năm; lồng ghép các chương trình khác.',
  'IV. TỔ CHỨC THỰC HIỆN',
  '- Sở Thông tin và Truyền thông: Chủ trì, theo dõi việc thực hiện Kế hoạch.',
  '- Sở Tài chính: Tham mưu bố trí kinh phí.',
  '- Ủy ban nhân dân các huyện, thị xã, thành phố: Triển khai tại địa phương.',
  'Yêu cầu các sở, ngành, địa phương triển khai thực hiện./.',
  'Nơi nhận: TM. ỦY BAN NHÂN DÂN',
  '- Bộ Thông tin và Truyền thông (b/c); KT. CHỦ TỊCH',
  '- Lưu: VT, KGVX. PHÓ CHỦ TỊCH',
  'Nguyễn Hữu Quế',
].join('\n');

describe('a provincial plan', () => {
  const plan = planOf(provincial);
  it('reads the header', () => {
    expect(plan.header).toMatchObject({ issuer: 'Ủy ban nhân dân tỉnh Gia Lai', number: '1520/KH-UBND', place: 'Gia Lai', issuedDate: '2024-04-10' });
  });
  it('joins a wrapped Roman heading and gives kinds', () => {
    expect(plan.sections.map((s) => [s.id, s.heading, s.kind])).toEqual([
      ['I', 'MỤC TIÊU, NHIỆM VỤ', 'targets'],
      ['II', 'NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG TÂM NĂM 2024', 'content'],
      ['III', 'KINH PHÍ THỰC HIỆN', 'budget'],
      ['IV', 'TỔ CHỨC THỰC HIỆN', 'organization'],
    ]);
  });
  it('reads targets, leaving the tasks of `Nhiệm vụ` out', () => {
    expect(plan.objectives.map((o) => [o.kind, o.section])).toEqual([
      ['general_target', 'I.1'], ['specific_target', 'I.2'], ['specific_target', 'I.2'],
    ]);
  });
  it('reads month and day deadlines', () => {
    expect(plan.deadlines.map((d) => [d.kind, d.due ?? d.start, d.section])).toEqual([
      ['due', '2024-06', 'II'], ['due', '2024-12-15', 'II'],
    ]);
  });
  it('splits budget sources listed with `;`', () => {
    expect(plan.budgetSources.map((b) => b.kind)).toEqual(['local_budget', 'integrated']);
  });
  it('reads `Agency: task` bullets as assignments', () => {
    expect(plan.assignments.map((a) => a.agency)).toEqual([
      'Sở Thông tin và Truyền thông', 'Sở Tài chính', 'Ủy ban nhân dân các huyện, thị xã, thành phố',
    ]);
  });
  it('reads the interleaved signature and recipients', () => {
    expect(plan.signature).toMatchObject({ authority: 'TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH', position: 'PHÓ CHỦ TỊCH', signer: 'Nguyễn Hữu Quế' });
    expect(plan.recipients).toEqual(['Bộ Thông tin và Truyền thông (b/c)', 'Lưu: VT, KGVX']);
    expect(plan.legalBases.map((l) => l.number)).toEqual(['52-NQ/TW']);
  });
});

describe('a paged input', () => {
  it('gives every item and section the page it was read from', () => {
    const pages = [
      ['UBND HUYỆN ĐAK ĐOA', 'Số: 7/KH-UBND Đak Đoa, ngày 2 tháng 1 năm 2024', 'KẾ HOẠCH', 'Tuyên truyền pháp luật năm 2024', 'I. MỤC ĐÍCH, YÊU CẦU', '1. Mục đích', '- Nâng cao ý thức chấp hành pháp luật.'],
      ['II. TỔ CHỨC THỰC HIỆN', '1. Phòng Tư pháp: Chủ trì, báo cáo trước ngày 15/12/2024.', 'Nơi nhận:', '- Lưu: VT.', 'CHỦ TỊCH', 'Lê Văn Hùng'],
    ];
    const text = pages.map((p) => p.join('\n')).join('\n\f\n');
    const source = {
      file: 'scan.pdf', sha256: 'a'.repeat(64), mediaType: 'application/pdf', text,
      pages: pages.map((p, i) => ({ number: i + 1, text: p.join('\n'), method: 'text-layer' as const, confidence: null })),
    };
    const { plan, restoredText } = processSourceSync(source, { restore: { skip: true } });
    expect(plan.sections.map((s) => [s.id, s.page])).toEqual([['I', 1], ['II', 2]]);
    expect(plan.objectives.map((o) => o.page)).toEqual([1]);
    expect(plan.assignments.map((a) => [a.agency, a.page])).toEqual([['Phòng Tư pháp', 2]]);
    expect(plan.deadlines.map((d) => [d.due, d.page, d.section])).toEqual([['2024-12-15', 2, 'II.1']]);
    expect(plan.signature).toMatchObject({ position: 'CHỦ TỊCH', signer: 'Lê Văn Hùng', page: 2 });
    const d = plan.deadlines[0]!;
    expect(restoredText.slice(d.span![0], d.span![1])).toBe('trước ngày 15/12/2024');
  });
});

describe('a district plan grouping agencies by level', () => {
  const plan = planOf([
    'I. MỤC TIÊU',
    '1. Mục tiêu chung',
    'Nâng cao chất lượng cuộc sống của người dân.',
    '2. Mục tiêu cụ thể',
    'a) Đến năm 2025, 100% xã có điểm cung cấp thông tin.',
    'b) Giảm tỷ lệ hộ nghèo bình quân 2%/năm.',
    'II. TỔ CHỨC THỰC HIỆN',
    '1. Cấp huyện',
    'a) Phòng Văn hóa và Thông tin: Chủ trì tham mưu triển khai Kế hoạch.',
    'b) Phòng Tài chính - Kế hoạch: Tham mưu bố trí kinh phí.',
    '2. Cấp xã',
    'Ủy ban nhân dân các xã: Tổ chức thực hiện tại địa phương; báo cáo kết quả trước ngày 30/11 hằng năm.',
    '3. Chế độ báo cáo',
    'Các cơ quan báo cáo định kỳ 6 tháng trước ngày 15/6.',
  ].join('\n'));
  it('reads lettered specific targets', () => {
    expect(plan.objectives.map((o) => [o.kind, o.section])).toEqual([
      ['general_target', 'I.1'], ['specific_target', 'I.2.a'], ['specific_target', 'I.2.b'],
    ]);
  });
  it('reads agencies through the level items', () => {
    expect(plan.assignments.map((a) => [a.agency, a.section, a.tasks.length])).toEqual([
      ['Phòng Văn hóa và Thông tin', 'II.1.a', 1],
      ['Phòng Tài chính - Kế hoạch', 'II.1.b', 1],
      ['Ủy ban nhân dân các xã', 'II.2', 1],
    ]);
  });
  it('reads recurring due dates, and a target year as a due year', () => {
    expect(plan.deadlines.map((d) => [d.due, d.recurrence, d.section])).toEqual([
      ['2025', undefined, 'I.2.a'], ['--11-30', 'annual', 'II.2'], ['--06-15', 'semiannual', 'II.3'],
    ]);
  });
});

describe('sections that combine kinds', () => {
  const plan = planOf([
    'I. NỘI DUNG',
    '1. Mục tiêu',
    '- Phấn đấu 90% người dân được tiếp cận thông tin.',
    '2. Nhiệm vụ',
    '- Tổ chức tuyên truyền.',
    'II. KINH PHÍ VÀ TỔ CHỨC THỰC HIỆN',
    '1. Kinh phí',
    '- Ngân sách huyện năm 2024.',
    '2. Phòng Văn hóa và Thông tin',
    '- Chủ trì, bố trí kinh phí tuyên truyền.',
  ].join('\n'));
  it('reads targets, budget and assignments wherever their headings put them', () => {
    expect(plan.objectives.map((o) => [o.kind, o.section])).toEqual([['general_target', 'I.1']]);
    expect(plan.budgetSources.map((b) => [b.kind, b.section])).toEqual([['local_budget', 'II.1']]);
    expect(plan.assignments.map((a) => [a.agency, a.section])).toEqual([['Phòng Văn hóa và Thông tin', 'II.2']]);
  });
});

describe('items written on the title line', () => {
  it('reads objectives and budget sources after `Title:`', () => {
    const plan = planOf([
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích: Nâng cao nhận thức của Nhân dân về pháp luật.',
      '2. Yêu cầu: Bám sát thực tiễn địa phương.',
      'II. KINH PHÍ',
      '1. Nguồn kinh phí: Ngân sách xã năm 2024.',
    ].join('\n'));
    expect(plan.objectives.map((o) => [o.kind, o.text])).toEqual([
      ['purpose', 'Nâng cao nhận thức của Nhân dân về pháp luật.'], ['requirement', 'Bám sát thực tiễn địa phương.'],
    ]);
    expect(plan.budgetSources.map((b) => [b.kind, b.text])).toEqual([['local_budget', 'Ngân sách xã năm 2024']]);
  });
});

describe('titles wrapped over two printed lines', () => {
  it('still name the kind of the objectives below them', () => {
    const plan = planOf([
      'I. MỤC TIÊU',
      '1. Mục tiêu cụ thể đến năm 2025 đối với các xã đặc biệt khó khăn trên địa bàn huyện và các thôn',
      'đặc biệt khó khăn',
      '- 100% thôn có loa truyền thanh.',
    ].join('\n'));
    expect(plan.objectives.map((o) => [o.kind, o.text])).toEqual([['specific_target', '100% thôn có loa truyền thanh.']]);
  });
});
