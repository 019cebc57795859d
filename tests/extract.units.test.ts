/** Field extractors on small synthetic snippets, several shapes each. */
import { describe, expect, it } from 'vitest';
import { findDeadlines } from '../src/extract/dates.js';
import { amountOf, budgetKindOf, splitSources } from '../src/extract/budget.js';
import { documentNumber, issuerFromLines, issuerFromSentence, withoutMotto } from '../src/extract/header.js';
import { namesAgency } from '../src/extract/assignments.js';
import { objectiveKindOf } from '../src/extract/objectives.js';
import { sectionKind } from '../src/extract/sections.js';
import { isPersonName, splitColumns } from '../src/extract/signature.js';
import { repairName } from '../src/extract/names.js';
import { fold, type Run } from '../src/text/index.js';
import { textSourceFromBytes } from '../src/input/text.js';
import { processSourceSync } from '../src/pipeline.js';

const deadlines = (text: string) => findDeadlines(text, fold(text)).map(({ from, to, rule: _rule, ...d }) => ({ ...d, text: text.slice(from, to) }));
const run = (text: string): Run => ({ text, offsets: [...text].map((_, i) => i) });
function planOf(text: string) {
  const source = textSourceFromBytes('plan.txt', new TextEncoder().encode(text));
  return processSourceSync(source, { restore: { skip: true } });
}

describe('date grammar', () => {
  it('reads a due date with its subject and a second date chained with `và`', () => {
    expect(deadlines('báo cáo định kỳ trước ngày 15/5 (đối với báo cáo 6 tháng) và ngày 25/10 (đối với báo cáo năm).')).toEqual([
      { kind: 'due', due: '--05-15', recurrence: 'annual', subject: 'báo cáo 6 tháng', text: 'trước ngày 15/5 (đối với báo cáo 6 tháng)' },
      { kind: 'due', due: '--10-25', recurrence: 'annual', subject: 'báo cáo năm', text: 'ngày 25/10 (đối với báo cáo năm)' },
    ]);
  });
  it('reads a year counted up to a date as one span', () => {
    expect(deadlines('Phong trào thi đua trong năm 2027 và tính đến hết ngày 30/11/2027.')).toEqual([
      { kind: 'period', start: '2027', end: '2027-11-30', text: 'trong năm 2027 và tính đến hết ngày 30/11/2027' },
    ]);
  });
  it('reads the years in a bracket that closes a task, not a programme stage in brackets', () => {
    expect(deadlines('2. Số hóa hồ sơ lưu trữ của các xã (2026 - 2028).').map((d) => [d.start, d.end])).toEqual([['2026', '2028']]);
    expect(deadlines('3. Mở rộng kết nối dữ liệu (xuyên suốt 2026 - 2035); (2027 trở đi)').map((d) => [d.start, d.end])).toEqual([['2027', undefined]]);
    expect(deadlines('Thực hiện Đề án giai đoạn (2021 - 2025).')).toEqual([]);
    expect(deadlines('Đề án (2021 - 2025) của tỉnh được triển khai.')).toEqual([]);
  });
  it('reads `năm 2026 - 2027` as a span, not a plan\'s own years (`kế hoạch tài chính 03 năm 2026 - 2028`)', () => {
    expect(deadlines('Thời gian hoàn thành: năm 2026 - 2027.').map((d) => [d.start, d.end])).toEqual([['2026', '2027']]);
    expect(deadlines('Xây dựng kế hoạch tài chính 03 năm 2026 - 2028 của tỉnh.')).toEqual([]);
    expect(deadlines('Thực hiện Kế hoạch năm 2021-2025 của tỉnh.')).toEqual([]);
  });
  it('gives a day and month without a year the one year the plan is about, unless the sentence says it recurs', async () => {
    const { planYear } = await import('../src/extract/deadlines.js');
    expect(planYear('Triển khai các nhiệm vụ trọng tâm cuối năm 2027 lĩnh vực bình đẳng giới')).toBe(2027);
    expect(planYear('Thực hiện Chương trình chuyển đổi số đến năm 2030')).toBeUndefined();
    expect(planYear('Kế hoạch giai đoạn 2026 - 2030')).toBeUndefined();
    expect(planYear('Tuyên truyền pháp luật')).toBeUndefined();
    const at = (t: string) => findDeadlines(t, fold(t), 2027).map((d) => [d.start ?? d.due, d.end, d.recurrence]);
    expect(at('Triển khai Tháng hành động (từ ngày 15/11 đến ngày 15/12).')).toEqual([['2027-11-15', '2027-12-15', undefined]]);
    expect(at('Báo cáo trước ngày 25/11 hằng năm.')).toEqual([['--11-25', undefined, 'annual']]);
  });
  it('reads full dates in numbers and in words', () => {
    expect(deadlines('hoàn thành trước ngày 25/11/2023.')[0]).toMatchObject({ kind: 'due', due: '2023-11-25' });
    expect(deadlines('chậm nhất ngày 5 tháng 12 năm 2023')[0]).toMatchObject({ kind: 'due', due: '2023-12-05' });
  });
  it('reads periods: years, quarters, day ranges with recurrence', () => {
    expect(deadlines('Thời gian thực hiện: Từ năm 2022 đến năm 2025.')).toEqual([
      { kind: 'period', start: '2022', end: '2025', text: 'Từ năm 2022 đến năm 2025' },
    ]);
    expect(deadlines('Thời gian thực hiện: Quý IV năm 2023.')[0]).toMatchObject({ kind: 'period', start: '2023-10-01', end: '2023-12-31' });
    expect(deadlines('quý 1/2024')[0]).toMatchObject({ start: '2024-01-01', end: '2024-03-31' });
    expect(deadlines('Tổ chức từ ngày 17/10-18/11 hằng năm')[0]).toMatchObject({ kind: 'period', start: '--10-17', end: '--11-18', recurrence: 'annual' });
    expect(deadlines('báo cáo hằng quý trước ngày 20/3')[0]).toMatchObject({ due: '--03-20', recurrence: 'quarterly' });
    expect(deadlines('Thời gian thực hiện: năm 2024')[0]).toMatchObject({ kind: 'period', start: '2024', end: '2024' });
    expect(deadlines('Thời gian thực hiện: từ tháng 5 đến tháng 12/2024.')[0]).toMatchObject({ kind: 'period', start: '2024-05', end: '2024-12' });
    expect(deadlines('trong tháng 6/2024')[0]).toMatchObject({ kind: 'period', start: '2024-06', end: '2024-06' });
    expect(deadlines('báo cáo trước ngày 15/6 và 15/12 hằng năm').map((d) => [d.due, d.recurrence, d.text])).toEqual([
      ['--06-15', 'annual', 'trước ngày 15/6'], ['--12-15', 'annual', '15/12'],
    ]);
  });
  it('reads open periods, target years, monthly and yearly dates (Revision 2)', () => {
    expect(deadlines('Thời gian thực hiện: Năm 2024 và các năm tiếp theo.')[0]).toMatchObject({ kind: 'period', start: '2024', text: 'Năm 2024 và các năm tiếp theo' });
    expect(deadlines('Từ năm 2027 trở đi, mở rộng cho các xã.')[0]).toMatchObject({ kind: 'period', start: '2027' });
    expect(deadlines('Quý III năm 2026 và các năm tiếp theo')[0]).toMatchObject({ kind: 'period', start: '2026-07-01' });
    expect(deadlines('áp dụng từ ngày 01/7/2024 trên toàn tỉnh')[0]).toMatchObject({ kind: 'period', start: '2024-07-01' });
    expect(deadlines('Từ nay đến hết năm 2024, tập trung tuyên truyền')[0]).toMatchObject({ kind: 'period', end: '2024' });
    expect(deadlines('Từ tháng 9/2024 đến quý I/2025')[0]).toMatchObject({ kind: 'period', start: '2024-09', end: '2025-03-31' });
    expect(deadlines('Phấn đấu đến năm 2028, 90% hộ dân có điện thoại thông minh.')[0]).toMatchObject({ kind: 'due', due: '2028' });
    expect(deadlines('báo cáo kết quả (hoàn thành trong tháng 4/2024)')[0]).toMatchObject({ kind: 'due', due: '2024-04' });
    expect(deadlines('tổng hợp, báo cáo trước ngày 20 hằng tháng')[0]).toMatchObject({ kind: 'due', due: '---20', recurrence: 'monthly' });
    expect(deadlines('tổ chức tổng kết vào tháng 01 hằng năm')[0]).toMatchObject({ kind: 'due', due: '--01', recurrence: 'annual' });
    expect(deadlines('Quý II/2025 - Quý I/2026')[0]).toMatchObject({ kind: 'period', start: '2025-04-01', end: '2026-03-31' });
  });
  it('leaves the years in the names of programmes and the entry into force of a law', () => {
    expect(deadlines('Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030')).toEqual([]);
    expect(deadlines('Chiến lược phát triển kinh tế biển đến năm 2030, tầm nhìn đến năm 2045')).toEqual([]);
    expect(deadlines('Luật Thủy lợi có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025')).toEqual([]);
  });
  it('reads the plan\'s own stage, a stage and the years after it, and a target named after a cited document', () => {
    expect(deadlines('Trong giai đoạn 2026 - 2030, bảo đảm phủ sóng')).toMatchObject([{ kind: 'period', start: '2026', end: '2030' }]);
    expect(deadlines('Thời gian: Giai đoạn 2026-2030 và những năm tiếp theo.')).toMatchObject([{ kind: 'period', start: '2026' }]);
    expect(deadlines('thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị, mục tiêu tỷ lệ phủ sóng 5G đến năm 2030 đạt 100%')).toMatchObject([{ kind: 'due', due: '2030' }]);
  });
  it('skips dates of cited documents and periods of programme names', () => {
    expect(deadlines('Chỉ thị số 05-CT/TW ngày 23/6/2021 của Ban Bí thư')).toEqual([]);
    expect(deadlines('Kế hoạch số 24 -KH/HU, ngày 03 tháng 12 năm 2021 của Huyện ủy')).toEqual([]);
    expect(deadlines('Quyết định 2231/QĐ-UBND ngày 04/8/2022 của UBND huyện')).toEqual([]);
    expect(deadlines('Chương trình giai đoạn 2021-2030, giai đoạn I: từ năm 2021 đến năm 2025.')).toEqual([]);
    expect(deadlines('Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021 - 2025')).toEqual([]);
    expect(deadlines('Hằng năm, tổng hợp, báo cáo kết quả.')).toEqual([]);
  });
});

describe('header', () => {
  it('writes out the issuer from the two header lines', () => {
    expect(issuerFromLines(['ỦY BAN NHÂN DÂN', 'XÃ CHƯ PƠNG'])).toBe('Ủy ban nhân dân xã Chư Pơng');
    expect(issuerFromLines(['UBND HUYỆN ĐAK ĐOA'])).toBe('Ủy ban nhân dân huyện Đak Đoa');
    expect(issuerFromLines(['UY BANNHANDAN', 'THỊ TRẤN ĐAK ĐOA'])).toBe('Ủy ban nhân dân thị trấn Đak Đoa');
    // A body under its parent takes the parent's place, part of its full name.
    expect(issuerFromLines(['UBND TỈNH GIA LAI', 'SỞ Y TẾ'])).toBe('Sở Y tế tỉnh Gia Lai');
    expect(issuerFromLines(['UBND TỈNH KON TUM', 'SỞ LAO ĐỘNG - THƯƠNG BINH', 'VÀ XÃ HỘI'])).toBe('Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum');
    expect(issuerFromLines(['UBND TỈNH YÊN BÁI SỞ TƯ PHÁP'])).toBe('Sở Tư pháp tỉnh Yên Bái');
    // An organ of its parent takes the parent's whole name.
    expect(issuerFromLines(['ỦY BAN MTTQ VIỆT NAM', 'HUYỆN MƯỜNG TÈ', 'BAN THƯỜNG TRỰC'])).toBe('Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam huyện Mường Tè');
    expect(issuerFromLines(['BỘ NỘI VỤ'])).toBe('Bộ Nội vụ');
    expect(issuerFromLines(['BỘ GIÁO DỤC VÀ', 'ĐÀO TẠO'])).toBe('Bộ Giáo dục và Đào tạo');
    expect(issuerFromLines(['THỦ TƯỚNG', 'CHÍNH PHỦ'])).toBe('Thủ tướng Chính phủ');
    expect(issuerFromLines(['ỦY BAN NHÂN', 'DÂN', 'THÀNH PHỐ ĐÀ NẴNG'])).toBe('Ủy ban nhân dân thành phố Đà Nẵng');
    expect(issuerFromLines(['UBND HUYỆN CHƯ SÊ', 'UBND XÃ IA PAL'])).toBe('Ủy ban nhân dân xã Ia Pal');
  });
  it('cuts the national motto off the left column', () => {
    expect(withoutMotto('ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBe('ỦY BAN NHÂN DÂN');
    expect(withoutMotto('XACHU PONG Péc 1ap - Tu do - Hanh phic')).toBe('XACHU PONG');
  });
  it('reads the issue date through OCR damage to `tháng`', async () => {
    const { parseDayMonthYear } = await import('../src/extract/dates.js');
    expect(parseDayMonthYear(fold('Chư Pơng, ngày 22 thd ăn 11 năm 2022'))?.iso).toBe('2022-11-22');
    expect(parseDayMonthYear(fold('Chu Pong, ngay22 thdang11nam 2022'))?.iso).toBe('2022-11-22');
    expect(parseDayMonthYear(fold('Hà Nội, ngày    tháng 11 năm 2023'))?.iso).toBe('2023-11');
  });
  it('reads the number without spaces', () => {
    expect(documentNumber('Số: 94 /KH-UBND Chư Pơng, ngày 22 tháng 11 năm 2022')?.number).toBe('94/KH-UBND');
    expect(documentNumber('S6:288 /KH-UBND Hén Qudn')?.number).toBe('288/KH-UBND');
  });
  it('names the issuer from the body sentence when the header block is missing', () => {
    expect(issuerFromSentence('UBND huyện Kon Rẫy ban hành Kế hoạch về triển khai')).toEqual({ issuer: 'Ủy ban nhân dân huyện Kon Rẫy', documentType: 'Kế hoạch' });
    expect(issuerFromSentence('Ủy ban nhân dân thành phố Pleiku xây dựng Kế hoạch như sau')?.issuer).toBe('Ủy ban nhân dân thành phố Pleiku');
  });
  it('reads a title whose lines start with capitals, up to the preamble', () => {
    const { plan } = planOf(['KẾ HOẠCH', 'Triển khai Chương trình', 'Mục tiêu quốc gia xây dựng nông thôn mới', 'Căn cứ Luật Tổ chức chính quyền địa phương;', 'I. MỤC ĐÍCH', '- Nâng cao nhận thức.'].join('\n'));
    expect(plan.header.title).toBe('Triển khai Chương trình Mục tiêu quốc gia xây dựng nông thôn mới');
  });
  it('reads place, date, type and a two-line title from a full header', () => {
    const { plan } = planOf([
      'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'HUYỆN ĐAK ĐOA Độc lập - Tự do - Hạnh phúc',
      'Số: 12/KH-UBND Thị trấn Đak Đoa, ngày 5 tháng 3 năm 2024',
      'KẾ HOẠCH',
      'Tuyên truyền phòng, chống ma túy trên địa bàn',
      'huyện năm 2024',
      'I. MỤC ĐÍCH',
      '- Nâng cao nhận thức.',
    ].join('\n'));
    expect(plan.header).toEqual({
      issuer: 'Ủy ban nhân dân huyện Đak Đoa', documentType: 'Kế hoạch', number: '12/KH-UBND',
      place: 'Thị trấn Đak Đoa', issuedDate: '2024-03-05', title: 'Tuyên truyền phòng, chống ma túy trên địa bàn huyện năm 2024',
    });
  });
});

describe('spelling borrowed from elsewhere in the document', () => {
  it('gives a damaged name the diacritics the document uses elsewhere', async () => {
    const { preferSpelling, respellIssuer } = await import('../src/extract/spelling.js');
    const text = 'XÃ CHU PONG\nTruyền thông trên địa bàn xã Chư Pơng và xã Chư Pơng.';
    expect(respellIssuer('Ủy ban nhân dân xã Chu Pong', text)).toBe('Ủy ban nhân dân xã Chư Pơng');
    expect(preferSpelling('Chu Pong', text)).toBe('Chư Pơng');
    expect(preferSpelling('Kon Tum', text)).toBe('Kon Tum');
  });
});

describe('a long lettered paragraph cut by a wrapped line', () => {
  it('stays an objective of its kind, not a title over the rest', () => {
    const long = 'a) Nhằm nâng cao nhận thức, vai trò, trách nhiệm của các cấp ủy đảng, chính quyền, sở, ban ngành, đoàn thể, cơ quan, đơn vị, doanh nghiệp trong triển khai thực hiện Chỉ thị số 21/CT-TTg của Thủ tướng, góp phần thực hiện mục tiêu phát triển';
    const text = ['KẾ HOẠCH', 'I. MỤC ĐÍCH, YÊU CẦU', '1. Mục đích', long, 'Chính phủ số, kinh tế số và xã hội số;', 'b) Đẩy mạnh chi trả không dùng tiền mặt.', ''].join('\n');
    const objectives = planOf(text).plan.objectives;
    expect(objectives[0]).toMatchObject({ kind: 'purpose', section: 'I.1.a' });
    expect(objectives[0]!.text).toMatch(/^Nhằm nâng cao/u);
    expect(objectives.map((o) => o.kind)).not.toContain('general_target');
  });
});

describe('a running item that leads in to its sub-items', () => {
  it('is no objective itself; its sub-items are', () => {
    const text = ['KẾ HOẠCH', 'I. MỤC TIÊU', '1. Phấn đấu đến cuối năm 2025 đạt các mục tiêu, chỉ tiêu cụ thể như sau:', '1.1. Tỷ lệ nữ đại biểu đạt 30%.', '1.2. Tỷ lệ lao động nữ có việc làm đạt 50%.', ''].join('\n');
    expect(planOf(text).plan.objectives.map((o) => o.text)).toEqual(['Tỷ lệ nữ đại biểu đạt 30%.', 'Tỷ lệ lao động nữ có việc làm đạt 50%.']);
  });
});

describe('section and objective kinds', () => {
  it.each([
    ['MỤC ĐÍCH, YÊU CẦU', 'purpose'], ['MỤC TIÊU', 'targets'], ['MỤC TIÊU, NHIỆM VỤ', 'targets'],
    ['NHIỆM VỤ VÀ GIẢI PHÁP', 'content'], ['NỘI DUNG THỰC HIỆN', 'content'], ['KINH PHÍ THỰC HIỆN', 'budget'],
    ['TỔ CHỨC THỰC HIỆN', 'organization'], ['ĐỐI TƯỢNG, PHẠM VI VÀ THỜI GIAN THỰC HIỆN', 'scope'],
    ['MUC PiCH, YEU CAU', 'purpose'], ['NQI DUNG THUC HIEN', 'content'], ['KẾT QUẢ NĂM 2023', 'other'],
  ])('%s → %s', (heading, kind) => expect(sectionKind(heading)).toBe(kind));
  it.each([
    ['Mục đích', 'purpose'], ['Yêu cầu', 'requirement'], ['Mục tiêu tổng quát', 'general_target'],
    ['Mục tiêu cụ thể', 'specific_target'], ['Mục tiêu chung', 'general_target'], ['Muc tiéu cu thé', 'specific_target'],
  ])('%s → %s', (heading, kind) => expect(objectiveKindOf(heading)).toBe(kind));
});

describe('assignments', () => {
  it.each([
    ['Phòng Lao động - Thương binh và Xã hội', true], ['Sở Y tế', true], ['Ủy ban nhân dân các xã, thị trấn', true],
    ['Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã', true], ['Công chức Văn hóa - Xã hội', true], ['Thôn trưởng các thôn làng', true],
    ['Trách nhiệm báo cáo và thời gian báo cáo', false], ['Chế độ báo cáo', false], ['Kinh phí', false],
    ['Giám đốc các Sở, Thủ trưởng các ngành', true], ['Phương án huy động nguồn lực', false], ['Bố trí kinh phí', false], ['Bộ Tài chính', true],
  ])('%s names an agency: %s', (phrase, yes) => expect(namesAgency(phrase)).toBe(yes));

  it('reads agencies, bullets and the sentence after the colon; skips items naming no agency', () => {
    const { plan } = planOf([
      'I. TỔ CHỨC THỰC HIỆN',
      '1. Phòng Văn hóa và Thông tin',
      '- Chủ trì triển khai Kế hoạch.',
      '- Tổng hợp, báo cáo kết quả.',
      '2. Phòng Tài chính: Bố trí kinh phí thực hiện.',
      '3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện:',
      '- Tuyên truyền, vận động Nhân dân.',
      '4. Các đơn vị chủ trì, quản lý, tham gia thực hiện các dự án, tiểu dự án thuộc Chương trình mục tiêu quốc gia',
      'giảm nghèo bền vững',
      '- Xây dựng Kế hoạch cụ thể.',
      '5. Phòng Tư pháp chủ trì hướng dẫn thực hiện; phối hợp với các cơ quan liên quan tổ chức tuyên truyền trên',
      'địa bàn huyện.',
      '6. Chế độ báo cáo',
      'Các đơn vị báo cáo trước ngày 20/11/2024.',
    ].join('\n'));
    expect(plan.assignments.map(({ agency, tasks, section }) => ({ agency, tasks, section }))).toEqual([
      { agency: 'Phòng Văn hóa và Thông tin', tasks: ['Chủ trì triển khai Kế hoạch.', 'Tổng hợp, báo cáo kết quả.'], section: 'I.1' },
      { agency: 'Phòng Tài chính', tasks: ['Bố trí kinh phí thực hiện.'], section: 'I.2' },
      { agency: 'Ủy ban Mặt trận Tổ quốc Việt Nam huyện', tasks: ['Tuyên truyền, vận động Nhân dân.'], section: 'I.3' },
      { agency: 'Các đơn vị chủ trì, quản lý, tham gia thực hiện các dự án, tiểu dự án thuộc Chương trình mục tiêu quốc gia giảm nghèo bền vững', tasks: ['Xây dựng Kế hoạch cụ thể.'], section: 'I.4' },
      { agency: 'Phòng Tư pháp', tasks: ['chủ trì hướng dẫn thực hiện; phối hợp với các cơ quan liên quan tổ chức tuyên truyền trên địa bàn huyện.'], section: 'I.5' },
    ]);
    expect(plan.deadlines).toMatchObject([{ kind: 'due', due: '2024-11-20', section: 'I.6' }]);
  });
});

describe('budget', () => {
  it('splits a sentence naming several sources and strips the lead-in', () => {
    const parts = splitSources(run('Kinh phí thực hiện Kế hoạch được thực hiện từ nguồn kinh phí Dự án 6 Chương trình (nguồn ngân sách Trung ương và địa phương) và các nguồn kinh phí hợp pháp khác.'));
    expect(parts.map((p) => p.text)).toEqual(['nguồn kinh phí Dự án 6 Chương trình (nguồn ngân sách Trung ương và địa phương)', 'các nguồn kinh phí hợp pháp khác']);
  });
  it('splits before a public-private form and takes the source after `theo` or `Do`', () => {
    expect(splitSources(run('Ưu tiên sử dụng ngân sách tỉnh hoặc theo hình thức hợp tác công tư (PPP).')).map((p) => p.text)).toEqual(['ngân sách tỉnh', 'hình thức hợp tác công tư (PPP)']);
    expect(splitSources(run('Kinh phí được bố trí từ ngân sách huyện và các các nguồn hợp pháp khác.')).map((p) => p.text)).toEqual(['ngân sách huyện', 'các các nguồn hợp pháp khác']);
  });
  it('reads the sources of one kind of work after its colon', () => {
    const text = ['KẾ HOẠCH', 'I. KINH PHÍ THỰC HIỆN', '- Đối với các nhiệm vụ chi thường xuyên: bố trí từ nguồn ngân sách xã.', '- Đối với các dự án đầu tư: Do các doanh nghiệp tự bảo đảm bằng nguồn vốn của doanh nghiệp.', '- Trong đó, ưu tiên các xã khó khăn.', ''].join('\n');
    expect(planOf(text).plan.budgetSources.map((b) => [b.kind, b.text])).toEqual([
      ['local_budget', 'nguồn ngân sách xã'],
      ['socialized', 'nguồn vốn của doanh nghiệp'],
    ]);
  });
  it('reads the source a duty names (bố trí trong nguồn …), up to its purpose, but not a duty that names none', () => {
    const text = ['KẾ HOẠCH', 'I. KINH PHÍ THỰC HIỆN', '1. Đối với các nhiệm vụ triển khai trong năm 2026, các sở, ngành chủ động cân đối bố trí trong nguồn ngân sách nhà nước đã được giao năm 2026 để triển khai thực hiện.', '2. Sở Tài chính tham mưu bố trí kinh phí theo quy định.', ''].join('\n');
    expect(planOf(text).plan.budgetSources.map((b) => [b.kind, b.text])).toEqual([['state_budget', 'nguồn ngân sách nhà nước đã được giao năm 2026']]);
  });
  it('gives no source for funding still to be proposed', () => {
    const text = ['KẾ HOẠCH', 'I. KINH PHÍ THỰC HIỆN', '- Ưu tiên sử dụng ngân sách tỉnh. Nguồn vốn đầu tư sẽ được báo cáo, đề xuất cấp có thẩm quyền quyết định đối với từng dự án.', '- Kinh phí khen thưởng thực hiện theo quy định tại Nghị định số 98/2023/NĐ-CP.', ''].join('\n');
    expect(planOf(text).plan.budgetSources.map((b) => [b.kind, b.text])).toEqual([['local_budget', 'ngân sách tỉnh'], ['other', 'theo quy định tại Nghị định số 98/2023/NĐ-CP']]);
  });
  it('gives no source for goods and people, only for money', () => {
    const text = ['KẾ HOẠCH', 'IV. KINH PHÍ - NGUỒN HUY ĐỘNG', '1. Kinh phí:', '- Ngân sách tỉnh và kinh phí hỗ trợ từ Trung ương.', '2. Nguồn nguyên liệu - hàng hóa huy động:', '- Nguồn hỗ trợ từ các đơn vị lực lượng vũ trang.', ''].join('\n');
    expect(planOf(text).plan.budgetSources.map((b) => [b.kind, b.text])).toEqual([['local_budget', 'Ngân sách tỉnh'], ['central_budget', 'kinh phí hỗ trợ từ Trung ương']]);
  });
  it('reads a list of the sources that introduces their details (gồm: …, trong đó:)', () => {
    const text = ['KẾ HOẠCH', 'I. KINH PHÍ THỰC HIỆN', 'Kinh phí thực hiện gồm: Ngân sách nhà nước; nguồn tài trợ của doanh nghiệp và các nguồn kinh phí hợp pháp khác, trong đó:', '1. Ngân sách nhà nước bảo đảm theo phân cấp.', ''].join('\n');
    expect(planOf(text).plan.budgetSources.map((b) => [b.kind, b.text])).toEqual([
      ['state_budget', 'Ngân sách nhà nước'], ['socialized', 'nguồn tài trợ của doanh nghiệp'], ['socialized', 'các nguồn kinh phí hợp pháp khác'],
      ['state_budget', 'Ngân sách nhà nước bảo đảm theo phân cấp'],
    ]);
  });
  it('keeps one source whose parts are of one kind', () => {
    expect(splitSources(run('Kinh phí vận động, xã hội hóa hợp pháp khác.')).map((p) => p.text)).toEqual(['Kinh phí vận động, xã hội hóa hợp pháp khác']);
  });
  it.each([
    ['Từ nguồn ngân sách nhà nước', 'state_budget'], ['Ngân sách địa phương', 'local_budget'], ['Ngân sách Trung ương', 'central_budget'],
    ['Theo kinh phí được giao tại Quyết định 842/QĐ-UBND', 'allocated_estimate'], ['Thực hiện theo quy định tại Mục VI Quyết định số 213/QĐ-TTg', 'other'], ['theo quy định phân cấp của Luật Ngân sách nhà nước', 'other'], ['Thực hiện lồng ghép trong các dự án, chương trình khác', 'integrated'],
    ['Kinh phí vận động, xã hội hóa hợp pháp khác', 'socialized'], ['Nguồn vốn thực hiện Chương trình MTQG giai đoạn 2021-2025', 'program_fund'],
  ])('%s → %s', (text, kind) => expect(budgetKindOf(text)).toBe(kind));
  it('reads a Kinh phí item of TỔ CHỨC THỰC HIỆN, sentence by sentence, without duties and asides', () => {
    const { plan } = planOf([
      'I. MỤC ĐÍCH', '- Nâng cao nhận thức.', 'II. TỔ CHỨC THỰC HIỆN', '1. Sở Y tế: Chủ trì triển khai.',
      '2. Kinh phí thực hiện được bố trí từ ngân sách tỉnh và các nguồn tài trợ hợp pháp khác. Trong đó, ưu tiên nguồn ngân sách tỉnh.',
      '3. Sở Tài chính chủ trì tham mưu bố trí kinh phí chi thường xuyên.',
    ].join('\n'));
    expect(plan.budgetSources.map((b) => [b.text, b.kind, b.section])).toEqual([
      ['ngân sách tỉnh', 'local_budget', 'II.2'], ['các nguồn tài trợ hợp pháp khác', 'socialized', 'II.2'],
    ]);
  });
  it('states the sum of a source in đồng', () => {
    expect(amountOf('Vốn ngân sách nhà nước: 1.280 tỷ đồng')).toBe(1_280_000_000_000);
    expect(amountOf('khoảng 350 triệu đồng từ ngân sách huyện')).toBe(350_000_000);
    expect(amountOf('Tổng kinh phí 1.500.000.000 đồng')).toBe(1_500_000_000);
    expect(amountOf('2,5 tỷ đồng')).toBe(2_500_000_000);
    expect(amountOf('ngân sách nhà nước')).toBeUndefined();
  });
  it('keeps separate sources that each name their own source word', () => {
    expect(splitSources(run('Kinh phí thực hiện từ nguồn ngân sách Trung ương, nguồn ngân sách thành phố, các nguồn huy động, vận động, nguồn hợp pháp khác.')).map((p) => p.text)).toEqual([
      'nguồn ngân sách Trung ương', 'nguồn ngân sách thành phố', 'các nguồn huy động, vận động', 'nguồn hợp pháp khác',
    ]);
  });
  it('leaves out funding principles', () => {
    const { plan } = planOf(['I. KINH PHÍ', '1. Nguyên tắc', '- Ngân sách nhà nước bố trí kinh phí.', '2. Nguồn kinh phí', '- Từ nguồn ngân sách nhà nước.'].join('\n'));
    expect(plan.budgetSources.map((b) => [b.text, b.kind, b.section])).toEqual([['Từ nguồn ngân sách nhà nước', 'state_budget', 'I.2']]);
  });
});

describe('signature and recipients', () => {
  it('repairs a signer name OCR broke, and leaves a name that reads', () => {
    expect(repairName('Pham Ng(.)c Hu’ng')).toBe('Phạm Ngọc Hưng');
    expect(repairName('Nguyen Th(.) Lan')).toBe('Nguyễn Thị Lan');
    expect(repairName('Trần Văn Tư')).toBe('Trần Văn Tư');
    expect(repairName('Đàm Quang Vũ')).toBe('Đàm Quang Vũ');
  });
  it('splits OCR-interleaved columns', () => {
    expect(splitColumns('- T/T Đảng ủy (để b/c); CHỦ TỊCH')).toMatchObject({ left: '- T/T Đảng ủy (để b/c);', right: { kind: 'position', text: 'CHỦ TỊCH' } });
    expect(splitColumns('Nơi nhận: TM. ỦY BAN NHÂN DÂN')).toMatchObject({ left: 'Nơi nhận:', right: { kind: 'authority', text: 'TM. ỦY BAN NHÂN DÂN' } });
    expect(splitColumns('- Lưu: VP-UBND. Phạm Ngọc Hưng')).toMatchObject({ left: '- Lưu: VP-UBND.', right: { kind: 'name', text: 'Phạm Ngọc Hưng' } });
    expect(splitColumns('- Chủ tịch, các PCT UBND huyện (đ/b);')).toEqual({ left: '- Chủ tịch, các PCT UBND huyện (đ/b);' });
  });
  it('joins a recipient wrapped onto the next line and skips delivery notes', () => {
    const { plan } = planOf([
      'I. TỔ CHỨC THỰC HIỆN', '- Các đơn vị thực hiện.', 'Nơi nhận:', 'Gửi bản điện tử:',
      '- Các Phòng: Lao động-TB&XH; Nông nghiệp và', 'Phát triển nông thôn; Y tế;', '- Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Lê Văn Tám',
    ].join('\n'));
    expect(plan.recipients).toEqual(['Các Phòng: Lao động-TB&XH; Nông nghiệp và Phát triển nông thôn; Y tế', 'Lưu: VT']);
    expect(plan.signature).toMatchObject({ authority: 'TM. ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH', signer: 'Lê Văn Tám' });
  });
  it('tells names from offices', () => {
    expect(isPersonName('Đinh Thị Hồng Thu')).toBe(true);
    expect(isPersonName('NGUYỄN VĂN A')).toBe(true);
    expect(isPersonName('Ủy Ban Nhân Dân')).toBe(false);
    expect(isPersonName('Phạm Thị Thanh Trà')).toBe(true);
    expect(isPersonName('Trương Thị Huyền')).toBe(true);
    expect(isPersonName('THỦ TƯỚNG CHÍNH PHỦ')).toBe(false);
  });
  it('reads the chain, title, signer and one recipient per bullet', () => {
    const { plan } = planOf([
      'I. TỔ CHỨC THỰC HIỆN', '- Các đơn vị thực hiện.', 'Trên đây là Kế hoạch của UBND xã./.',
      'Nơi nhận: TM. ỦY BAN NHÂN DÂN', '- Phòng LĐTBXH huyện (b/c); KT. CHỦ TỊCH', '- Các phòng: Y tế; Tư pháp; PHÓ CHỦ TỊCH',
      '- Lưu: VT. Trần Thị Bình',
    ].join('\n'));
    expect(plan.signature).toMatchObject({ authority: 'TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH', position: 'PHÓ CHỦ TỊCH', signer: 'Trần Thị Bình' });
    expect(plan.recipients).toEqual(['Phòng LĐTBXH huyện (b/c)', 'Các phòng: Y tế; Tư pháp', 'Lưu: VT']);
    const restored = planOf('x').restoredText;
    expect(typeof restored).toBe('string');
  });
});

describe('legal bases and spans', () => {
  it('lists each cited document once, with number, date and issuer, and spans into the restored text', () => {
    const result = planOf([
      'KẾ HOẠCH', 'Truyền thông năm 2024',
      'Căn cứ Chỉ thị số 05-CT/TW ngày 23/6/2021 của Ban Bí thư Trung ương Đảng về tăng cường;',
      'Thực hiện Kế hoạch số 2973/KH-UBND ngày 8/9/2022 của UBND tỉnh Kon Tum về tổ chức;',
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
      'I. MỤC ĐÍCH', '- Bám sát Chỉ thị số 05-CT/TW ngày 23/6/2021.',
    ].join('\n'));
    const { plan, restoredText } = result;
    expect(plan.legalBases.map(({ documentType, number, date, issuer }) => ({ documentType, number, date, issuer }))).toEqual([
      { documentType: 'Chỉ thị', number: '05-CT/TW', date: '2021-06-23', issuer: 'Ban Bí thư Trung ương Đảng' },
      { documentType: 'Kế hoạch', number: '2973/KH-UBND', date: '2022-09-08', issuer: 'UBND tỉnh Kon Tum' },
      { documentType: 'Luật', number: null, date: '2015-06-19', issuer: null },
    ]);
    for (const item of [...plan.legalBases, ...plan.objectives]) {
      expect(restoredText.slice(item.span![0], item.span![1]).replace(/\s+/g, ' ')).toBe(item.text);
    }
  });
});

describe('an agency and the clause that says it was given the work', () => {
  it('drops a long clause between name and duty, keeps a short one as part of the name', async () => {
    const { splitAgency } = await import('../src/extract/assignments.js');
    const long = splitAgency(run('Các phòng, ban và Ủy ban nhân dân các xã được phân công chủ trì thực hiện nhiệm vụ tại Kế hoạch này có trách nhiệm xây dựng kế hoạch chi tiết.'))!;
    expect([long.agency.text, long.task.text]).toEqual(['Các phòng, ban và Ủy ban nhân dân các xã', 'có trách nhiệm xây dựng kế hoạch chi tiết.']);
    const short = splitAgency(run('Các đơn vị được giao chủ trì có trách nhiệm báo cáo kết quả.'))!;
    expect(short.agency.text).toBe('Các đơn vị được giao chủ trì');
  });
});

describe('recipients wrapped after a comma', () => {
  it('joins an upper-case line to a recipient that ended with a comma', () => {
    const { plan } = planOf(['KẾ HOẠCH', 'I. TỔ CHỨC THỰC HIỆN', '- Các đơn vị thực hiện.', 'Nơi nhận:', '- Sở: NN&MT, TC, VH,TT&DL,', 'GD&ĐT;', '- UBND xã, phường;', '- Lưu: VT.', ''].join('\n'));
    expect(plan.recipients).toEqual(['Sở: NN&MT, TC, VH,TT&DL, GD&ĐT', 'UBND xã, phường', 'Lưu: VT']);
  });
  it('opens a new recipient after a line that ended with the next bullet\'s dash', () => {
    const { plan } = planOf(['KẾ HOẠCH', 'I. TỔ CHỨC THỰC HIỆN', '- Các đơn vị thực hiện.', 'Nơi nhận:', '- V01, C04 - Bộ Công an; -', 'Thường trực Tỉnh ủy;', '- Lưu: VT.', ''].join('\n'));
    expect(plan.recipients).toEqual(['V01, C04 - Bộ Công an', 'Thường trực Tỉnh ủy', 'Lưu: VT']);
  });
  it('joins a wrapped place that ends with its semicolon, which no signer name does', () => {
    const { plan } = planOf(['KẾ HOẠCH', 'I. TỔ CHỨC THỰC HIỆN', '- Các đơn vị thực hiện.', 'Nơi nhận:', '- Báo và Phát thanh, Truyền hình', 'Cần Thơ;', '- Lưu: VT.', ''].join('\n'));
    expect(plan.recipients).toEqual(['Báo và Phát thanh, Truyền hình Cần Thơ', 'Lưu: VT']);
  });
});

describe('a title that goes on with the verb its bullets hang from', () => {
  it('ends the agency before the verb, but keeps a clause that says which of a class', () => {
    const text = ['KẾ HOẠCH', 'I. TỔ CHỨC THỰC HIỆN', '1. Sở Tài chính chủ trì, phối hợp các sở, ban, ngành', '- Ưu tiên kinh phí cho công tác phòng, chống ma túy.', '- Hướng dẫn thanh quyết toán.',
      '2. Chủ tịch Ủy ban nhân dân cấp xã chỉ đạo', '- Rà soát người nghiện trên địa bàn.', '3. Các Sở, ngành chủ trì, quản lý các dự án', '- Phê duyệt kế hoạch giám sát.', ''].join('\n');
    expect(planOf(text).plan.assignments.map((a) => [a.agency, a.tasks.length])).toEqual([
      ['Sở Tài chính', 2], ['Chủ tịch Ủy ban nhân dân cấp xã', 1], ['Các Sở, ngành chủ trì, quản lý các dự án', 1],
    ]);
  });
});

describe('a request after an item\'s bullets', () => {
  it('is the assignment of the body it asks, in the section around the item', () => {
    const text = ['KẾ HOẠCH', 'I. TỔ CHỨC THỰC HIỆN', '1. Văn phòng Sở', '- Chuẩn bị hội trường.', '- Tổng hợp báo cáo.', 'Đề nghị Công an xã phối hợp bảo đảm an ninh trật tự tại hội nghị.', ''].join('\n');
    expect(planOf(text).plan.assignments.map((a) => [a.agency, a.tasks, a.section])).toEqual([
      ['Văn phòng Sở', ['Chuẩn bị hội trường.', 'Tổng hợp báo cáo.'], 'I.1'],
      ['Công an xã', ['phối hợp bảo đảm an ninh trật tự tại hội nghị.'], 'I'],
    ]);
  });
});

describe('a lettered sub-item that leads in to bullets', () => {
  it('gives its bullets as tasks, not its lead-in', () => {
    const text = ['KẾ HOẠCH', 'I. TỔ CHỨC THỰC HIỆN', '1. Ngân hàng Nhà nước chi nhánh tỉnh', 'a) Chỉ đạo các ngân hàng thương mại trên địa bàn thực hiện, cụ thể như sau:', '- Mở tài khoản cho người dân.', '- Cử cán bộ hỗ trợ tại xã.', 'b) Đề xuất khen thưởng.', ''].join('\n');
    expect(planOf(text).plan.assignments.map((a) => a.tasks)).toEqual([['Mở tài khoản cho người dân.', 'Cử cán bộ hỗ trợ tại xã.', 'Đề xuất khen thưởng.']]);
  });
  it('reads a short unfinished lead-in the same way, but not a long paragraph wrapped at a hyphen', () => {
    const text = ['KẾ HOẠCH', 'I. TỔ CHỨC THỰC HIỆN', '1. Công an tỉnh', 'a) Chủ trì, phối hợp', '- Sở Tài chính bố trí ngân sách thực hiện Chương trình.', '- Sở Nội vụ hướng dẫn phân cấp quản lý.',
      'b) Tổ chức tuyên truyền trước, trong và sau đợt phát động: chỉ đạo các tổ chức chính trị', '- xã hội tại địa phương vận động người dân.', ''].join('\n');
    expect(planOf(text).plan.assignments.map((a) => a.tasks.length)).toEqual([3]);
    expect(planOf(text).plan.assignments[0]!.tasks[0]).toBe('Sở Tài chính bố trí ngân sách thực hiện Chương trình.');
    expect(planOf(text).plan.assignments[0]!.tasks[2]).toMatch(/^Tổ chức tuyên truyền/u);
  });
});

describe('recipients with `+` units under a labelled bullet', () => {
  it('keeps the units with their label, on its line or below it', () => {
    const { plan } = planOf(['KẾ HOẠCH', 'I. TỔ CHỨC THỰC HIỆN', '- Các đơn vị thực hiện.', 'Nơi nhận:', '- Sở Nội vụ;', '- VP Sở: + GĐ, các PGĐ;', '+ Trang TTĐT Sở;', '- VP UBND huyện:', '+ LĐVP, TH;', '+ Lưu: VT.', ''].join('\n'));
    expect(plan.recipients).toEqual(['Sở Nội vụ', 'VP Sở: + GĐ, các PGĐ; + Trang TTĐT Sở', 'VP UBND huyện: + LĐVP, TH; + Lưu: VT']);
  });
  it('reads a `+` bullet after an unlabelled one as a recipient of its own', () => {
    const { plan } = planOf(['KẾ HOẠCH', 'I. TỔ CHỨC THỰC HIỆN', '- Các đơn vị thực hiện.', 'Nơi nhận:', '- Sở Nội vụ;', '+ Sở Tài chính;', '- Lưu: VT.', ''].join('\n'));
    expect(plan.recipients).toEqual(['Sở Nội vụ', 'Sở Tài chính', 'Lưu: VT']);
  });
});

describe('deadlines in a month range or at a moment of reference', () => {
  it('reads `Tháng 11 - 12/2025` as two months of one year', () => {
    const text = ['KẾ HOẠCH', 'I. NỘI DUNG', '1. Rà soát tài sản', 'Thời gian hoàn thành: Tháng 11 - 12/2025.', '2. Tổng hợp số liệu', '- Thời gian thực hiện: tháng 3-4 năm 2026.', ''].join('\n');
    expect(planOf(text).plan.deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([['period', '2025-11', '2025-12'], ['period', '2026-03', '2026-04']]);
  });
  it('reads a period whose end is an hour of its day', () => {
    const text = ['KẾ HOẠCH', 'I. NỘI DUNG', '- Nhận hồ sơ từ ngày 17/12/2025 đến 17 giờ 00, ngày 01/02/2026.', '- Vận động bầu cử từ ngày 26/02/2026 đến 05 giờ 00 ngày 14/3/2026.', ''].join('\n');
    expect(planOf(text).plan.deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([['period', '2025-12-17', '2026-02-01'], ['period', '2026-02-26', '2026-03-14']]);
  });
  it('reads the year a share is to be reached, not the year of a named index', () => {
    const text = ['KẾ HOẠCH', 'I. MỤC TIÊU', '- Phấn đấu đạt 30% thôn, tổ dân phố “không ma túy” năm 2027.', '- Chỉ tiêu 1: Năm 2026 đạt 60% cơ quan có lãnh đạo chủ chốt là nữ.', '- Phấn đấu Chỉ số cải cách hành chính năm 2026 của tỉnh đạt trên 85%.', ''].join('\n');
    expect(planOf(text).plan.deadlines.map((d) => [d.kind, d.due])).toEqual([['due', '2027'], ['due', '2026']]);
  });
  it('reads `trong tháng` as a due month after `Hoàn thành` in its clause', () => {
    const text = ['KẾ HOẠCH', 'I. NỘI DUNG', '- Tổ chức tuyên truyền trong tháng 10/2026.', '- Hoàn thành, báo cáo kết quả về Sở Nội vụ trong tháng 11/2026.', ''].join('\n');
    expect(planOf(text).plan.deadlines.map((d) => [d.kind, d.due ?? d.start])).toEqual([['period', '2026-10'], ['due', '2026-11']]);
  });
  it('reads a time label with `Dự kiến` or a month range without `Từ`', () => {
    const text = ['KẾ HOẠCH', 'I. NỘI DUNG', '1. Ban hành hướng dẫn', '- Thời gian hoàn thành: Dự kiến tháng 11/2025 (sau khi có hướng dẫn của tỉnh).', '2. Giám sát bầu cử', '- Thời gian hoàn thành: tháng 11/2025 đến tháng 4/2026;', ''].join('\n');
    expect(planOf(text).plan.deadlines.map((d) => [d.kind, d.start, d.end])).toEqual([['period', '2025-11', '2025-11'], ['period', '2025-11', '2026-04']]);
  });
  it('leaves out a commitment\'s year and a horizon a study considers', () => {
    const text = ['KẾ HOẠCH', 'I. MỤC ĐÍCH', '- Góp phần thực hiện cam kết phát thải ròng bằng “0” vào năm 2050 của Việt Nam.', '- Đánh giá tiềm năng giai đoạn 2021 - 2030, có xét đến năm 2050.', '- Hoàn thành kiểm kê trước ngày 30/6/2026.', ''].join('\n');
    expect(planOf(text).plan.deadlines.map((d) => [d.kind, d.due])).toEqual([['due', '2026-06-30']]);
  });
  it('leaves out the moment a count refers to', () => {
    const text = ['KẾ HOẠCH', 'I. MỤC ĐÍCH', '- Sử dụng số liệu kiểm kê tại thời điểm 0h00 ngày 01/01/2025 để đánh giá; báo cáo trước ngày 15/3/2026.', ''].join('\n');
    expect(planOf(text).plan.deadlines.map((d) => [d.kind, d.due])).toEqual([['due', '2026-03-15']]);
  });
});

describe('deadlines in a section about funding', () => {
  it('are the budget year, not time limits', () => {
    const text = ['KẾ HOẠCH', 'I. NỘI DUNG', '- Tổ chức hội nghị trước ngày 30/6/2025.', 'II. KINH PHÍ THỰC HIỆN', '- Đối với các nhiệm vụ triển khai trong năm 2025, bố trí từ nguồn ngân sách tỉnh.', ''].join('\n');
    expect(planOf(text).plan.deadlines.map((d) => [d.kind, d.due ?? d.start, d.section])).toEqual([['due', '2025-06-30', 'I']]);
  });
});

describe('tasks written as records (`- Đơn vị chủ trì: …` under each task)', () => {
  const plan = (body: string[]) => planOf(['KẾ HOẠCH', 'I. MỤC ĐÍCH', '- Bảo đảm tiến độ.', 'II. NỘI DUNG VÀ PHÂN CÔNG THỰC HIỆN', ...body, 'Nơi nhận:', '- Lưu: VT.', ''].join('\n')).plan;
  const rows = (p: ReturnType<typeof plan>) => p.assignments.map((a) => [a.section, a.agency, a.tasks, a.partners]);
  it('reads a group whose sub-items each carry their own lead: the group title is no agency', () => {
    const p = plan([
      '1. Tổ chức các hội nghị chuyên đề',
      '1.1. Chuẩn bị tài liệu cho hội nghị.',
      '- Thời gian hoàn thành: Quý II/2026;',
      '- Đơn vị chủ trì: Văn phòng Sở',
      '- Đơn vị phối hợp: Phòng Tổ chức cán bộ.',
      '1.2. Tổ chức hội nghị tại các xã.',
      '- Đơn vị chủ trì: Phòng Nghiệp vụ',
    ]);
    expect(rows(p)).toEqual([
      ['II.1.1', 'Văn phòng Sở', ['Chuẩn bị tài liệu cho hội nghị.'], ['Phòng Tổ chức cán bộ']],
      ['II.1.2', 'Phòng Nghiệp vụ', ['Tổ chức hội nghị tại các xã.'], []],
    ]);
  });
  it('gives fields printed once after one-line sub-items to the whole group', () => {
    const p = plan([
      '1. Kiểm tra, giám sát',
      '1.1. Tham gia các đoàn kiểm tra của cấp trên.',
      '1.2. Tổng hợp, báo cáo vướng mắc.',
      '- Thời gian thực hiện: Năm 2026.',
      '- Đơn vị chủ trì: Thanh tra Sở',
    ]);
    expect(rows(p)).toEqual([['II.1', 'Thanh tra Sở', ['Tham gia các đoàn kiểm tra của cấp trên.', 'Tổng hợp, báo cáo vướng mắc.'], []]]);
  });
  it('takes the bullets a title with a colon introduces as the task, not the other fields', () => {
    const p = plan([
      '1. Phục vụ hội nghị',
      '1.1. Tham gia các nhiệm vụ:',
      '- Chuẩn bị hội trường và âm thanh.',
      '- Thời gian thực hiện: Tháng 5/2026.',
      '- Kết quả: Hội nghị an toàn.',
      '- Đơn vị chủ trì: Văn phòng Sở',
      '1.2. Đưa tin về hội nghị.',
      '- Đơn vị chủ trì: Phòng Truyền thông',
    ]);
    expect(rows(p)[0]).toEqual(['II.1.1', 'Văn phòng Sở', ['Chuẩn bị hội trường và âm thanh.'], []]);
  });
});

describe('closing words right under an item title', () => {
  it('are that item’s text, and the body ends at the next closing paragraph', () => {
    const { plan } = planOf(['KẾ HOẠCH', 'I. TỔ CHỨC THỰC HIỆN', '1. Phòng Văn hóa - Thông tin', '- Tuyên truyền kế hoạch.', '2. Ban công tác Mặt trận các khu dân cư',
      'Căn cứ Kế hoạch này, chủ động phối hợp thực hiện tại khu dân cư.', 'Trên đây là Kế hoạch của Ban Thường trực.', 'Nơi nhận:', '- Lưu: VT.', ''].join('\n'));
    expect(plan.assignments.map((a) => [a.agency, a.tasks])).toEqual([
      ['Phòng Văn hóa - Thông tin', ['Tuyên truyền kế hoạch.']],
      ['Ban công tác Mặt trận các khu dân cư', ['Căn cứ Kế hoạch này, chủ động phối hợp thực hiện tại khu dân cư.']],
    ]);
  });
});

describe('budget sources end where a clause about something else begins', () => {
  it('cuts at a `;` that opens no source, and reads on after `; đồng thời,` that does', () => {
    const { plan } = planOf(['KẾ HOẠCH', 'I. KINH PHÍ', 'Kinh phí thực hiện sử dụng từ nguồn ngân sách huyện và các nguồn hợp pháp khác (nếu có); bảo đảm quyết toán đúng quy định.',
      'II. TỔ CHỨC THỰC HIỆN', '1. Phòng Tài chính: Chủ trì thực hiện.', '2. Kinh phí khen thưởng: chi từ ngân sách xã; đồng thời, huy động các nguồn tài trợ của doanh nghiệp.', 'Nơi nhận:', '- Lưu: VT.', ''].join('\n'));
    expect(plan.budgetSources.map((b) => [b.kind, b.text])).toEqual([
      ['local_budget', 'nguồn ngân sách huyện'], ['socialized', 'các nguồn hợp pháp khác (nếu có)'],
      ['local_budget', 'ngân sách xã'], ['socialized', 'huy động các nguồn tài trợ của doanh nghiệp'],
    ]);
  });
});

describe('funding items written `Title: sentence`', () => {
  it('are one source each when the title names funding, none when it names a way of spending, and an item `Phương án huy động kinh phí` holds them', () => {
    const { plan } = planOf(['KẾ HOẠCH', 'I. NỘI DUNG', '- Xây dựng cơ sở dữ liệu.', 'II. TỔ CHỨC THỰC HIỆN', '1. Sở Tài chính: Chủ trì thực hiện.', '2. Phương án huy động kinh phí',
      '- Lồng ghép vào kế hoạch đầu tư công trung hạn: ưu tiên bố trí vốn sự nghiệp và vốn đầu tư phát triển cho hạ tầng số.',
      '- Xã hội hóa: huy động doanh nghiệp cung cấp dịch vụ; đồng thời kết hợp huy động các nguồn tài trợ hợp pháp khác.',
      '- Thuê dịch vụ công nghệ thông tin: trả dần theo năm ngân sách.', 'Nơi nhận:', '- Lưu: VT.', ''].join('\n'));
    expect(plan.budgetSources.map((b) => [b.kind, b.text, b.section])).toEqual([
      ['integrated', 'Lồng ghép vào kế hoạch đầu tư công trung hạn: ưu tiên bố trí vốn sự nghiệp và vốn đầu tư phát triển cho hạ tầng số', 'II.2'],
      ['socialized', 'Xã hội hóa: huy động doanh nghiệp cung cấp dịch vụ', 'II.2'],
      ['socialized', 'huy động các nguồn tài trợ hợp pháp khác', 'II.2'],
    ]);
    expect(plan.assignments.map((a) => a.agency)).toEqual(['Sở Tài chính']);
  });
});

describe('the clause on how to report problems', () => {
  it('assigns no task, and a duty about money after a circumstance is no budget source', () => {
    const { plan } = planOf(['KẾ HOẠCH', 'I. TỔ CHỨC THỰC HIỆN', '1. Sở Xây dựng chủ trì triển khai Kế hoạch.',
      '2. Kinh phí thực hiện được bố trí từ ngân sách tỉnh. Hằng năm, các cơ quan được phân công có trách nhiệm lập dự toán kinh phí.',
      '3. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị báo cáo Sở Xây dựng để tổng hợp./.', 'Nơi nhận:', '- Lưu: VT.', ''].join('\n'));
    expect(plan.assignments.map((a) => a.agency)).toEqual(['Sở Xây dựng']);
    expect(plan.budgetSources.map((b) => [b.kind, b.text])).toEqual([['local_budget', 'ngân sách tỉnh']]);
  });
});

describe('lines a text layer broke inside a sentence', () => {
  it('join after a verb whose object is `Kế hoạch này`, after a bare `Luật`, after `năm` before its number; a title over a paragraph stays', () => {
    const { plan } = planOf(['KẾ HOẠCH', 'I. NỘI DUNG', '1. Xây dựng cổng thông tin', '- Cơ quan thực hiện: Sở Tư pháp.', '- Thời gian thực hiện: năm', '2027 - 2028.',
      '2. Phạm vi thực hiện', 'Chương trình được thực hiện trên địa bàn toàn tỉnh.',
      'II. KINH PHÍ', '1. Kinh phí bảo đảm thực hiện', 'Kế hoạch này được bố trí từ nguồn ngân sách tỉnh theo quy định của Luật', 'Ngân sách nhà nước và các nguồn hợp pháp khác.',
      'Nơi nhận:', '- Lưu: VT.', ''].join('\n'));
    const headings = plan.sections.flatMap((s) => s.children.map((c) => [c.id, c.heading]));
    expect(headings).toEqual([
      ['I.1', 'Xây dựng cổng thông tin'], ['I.2', 'Phạm vi thực hiện'],
      ['II.1', 'Kinh phí bảo đảm thực hiện Kế hoạch này được bố trí từ nguồn ngân sách tỉnh theo quy định của Luật Ngân sách nhà nước và các nguồn hợp pháp khác.'],
    ]);
    expect(plan.deadlines.map((d) => [d.start, d.end])).toEqual([['2027', '2028']]);
    expect(plan.budgetSources.map((b) => b.text)).toEqual(['nguồn ngân sách tỉnh theo quy định của Luật Ngân sách nhà nước', 'các nguồn hợp pháp khác']);
  });
});

describe('an agency named at length before its colon', () => {
  it('ends at the colon when no verb comes first, and at the verb when one does', async () => {
    const { splitAgency } = await import('../src/extract/assignments.js');
    const long = splitAgency(run('Đề nghị các cấp ủy Đảng, Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh: Phối hợp chặt chẽ với chính quyền các cấp, phát huy khối đại đoàn kết.'))!;
    expect([long.agency.text, long.task.text.slice(0, 25)]).toEqual(['Đề nghị các cấp ủy Đảng, Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh', 'Phối hợp chặt chẽ với chí']);
    const verbFirst = splitAgency(run('Sở Tài chính chủ trì, phối hợp các sở, ban, ngành: Ưu tiên nguồn lực đầu tư.'))!;
    expect(verbFirst.agency.text).toBe('Sở Tài chính');
  });
});

describe('a title and its first item printed on one line', () => {
  it('the item runs on over the next printed line when the whole printed line was full', () => {
    // Narrow columns (a text layer of a two-column page): every line about 42 characters.
    const { plan } = planOf(['KẾ HOẠCH', 'I. MỤC ĐÍCH, YÊU CẦU', '1. Mục đích', 'a) Phát huy sức mạnh của hệ thống chính trị', 'tạo khí thế thi đua sôi nổi trong tỉnh.',
      '2. Yêu cầu a) Thi đua phải được triển khai', 'Nhân dân các địa phương tích cực tham gia.', 'b) Khen thưởng đúng quy định của pháp luật',
      'về thi đua, khen thưởng hiện hành ở tỉnh.', 'II. TỔ CHỨC THỰC HIỆN', '1. Sở Nội vụ: Theo dõi, đôn đốc việc làm.', 'Nơi nhận:', '- Lưu: VT.', ''].join('\n'));
    expect(plan.objectives.filter((o) => o.section === 'I.2.a').map((o) => o.text)).toEqual(['Thi đua phải được triển khai Nhân dân các địa phương tích cực tham gia.']);
  });
});

describe('an item title wrapped over several short lines', () => {
  it('is one heading and names the agency whole', () => {
    const { plan } = planOf(['KẾ HOẠCH', 'I. TỔ CHỨC THỰC HIỆN', '1. Sở Nội vụ', '- Theo dõi, đôn đốc thực hiện Kế hoạch.', '2. Đề nghị Ủy ban Mặt trận', 'Tổ quốc Việt Nam tỉnh, Hội Liên hiệp', 'Phụ nữ tỉnh và các tổ chức thành viên của Mặt trận',
      '- Tham gia tuyên truyền, vận động Nhân dân thực hiện.', '3. Tổ chức thực hiện tốt các nội dung', 'Các đơn vị báo cáo kết quả về Sở Nội vụ.', 'Nơi nhận:', '- Lưu: VT.', ''].join('\n'));
    expect(plan.assignments.slice(0, 2).map((a) => [a.agency, a.tasks])).toEqual([
      ['Sở Nội vụ', ['Theo dõi, đôn đốc thực hiện Kế hoạch.']],
      ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hội Liên hiệp Phụ nữ tỉnh và các tổ chức thành viên của Mặt trận', ['Tham gia tuyên truyền, vận động Nhân dân thực hiện.']],
    ]);
    // A short title over a one-line paragraph with no bullet below is no wrapped title.
    expect(plan.sections[0]!.children[2]!.heading).toBe('Tổ chức thực hiện tốt các nội dung');
  });
  it('splits a title with a number of its own from its first lettered item', () => {
    const { plan } = planOf(['KẾ HOẠCH', 'I. MỤC TIÊU', '1. Mục tiêu 2. Lĩnh vực kinh tế, lao động a) Lĩnh vực lao động:', '- Tỷ lệ lao động nữ được đào tạo đạt 50%.', 'II. TỔ CHỨC THỰC HIỆN', '1. Sở Nội vụ: Theo dõi.', 'Nơi nhận:', '- Lưu: VT.', ''].join('\n'));
    expect(plan.sections[0]!.children.map((c) => [c.id, c.heading, c.children.map((g) => g.heading)])).toEqual([['I.1', 'Mục tiêu 2. Lĩnh vực kinh tế, lao động', ['Lĩnh vực lao động']]]);
  });
});

describe('a part headed as the duties of agencies outside TỔ CHỨC THỰC HIỆN', () => {
  it('assigns its items (`Trách nhiệm của X:` names X), leaves time lines out of the tasks, and `Việc …` names no agency', () => {
    const { plan } = planOf(['KẾ HOẠCH', 'I. NỘI DUNG', '- Kiểm kê tài sản công.', 'II. NHIỆM VỤ CỤ THỂ', '1.', 'Nhiệm vụ của thành viên Ban Chỉ đạo', '1.1.', 'Trưởng Ban Chỉ đạo',
      '- Phụ trách chung, điều hành hoạt động của Ban Chỉ đạo.', '1.2.', 'Trách nhiệm của đối tượng thực hiện kiểm kê:', '- Thành lập Tổ kiểm kê.', 'Thời hạn hoàn thành: Trước ngày 30/11/2026.',
      '2. Nội dung kiểm kê', '- Sở Xây dựng: kiểm kê đường bộ.', 'III. KINH PHÍ', 'Kinh phí thực hiện từ ngân sách tỉnh. Việc quản lý, sử dụng và quyết toán kinh phí thực hiện theo quy định của Luật Ngân sách nhà nước.',
      'IV. TỔ CHỨC THỰC HIỆN', '1. Việc triển khai Kế hoạch này phải gắn với nhiệm vụ chuyên môn của các cơ quan.', 'Nơi nhận:', '- Lưu: VT.', ''].join('\n'));
    expect(plan.assignments.map((a) => [a.section, a.agency, a.tasks])).toEqual([
      ['II.1.1', 'Trưởng Ban Chỉ đạo', ['Phụ trách chung, điều hành hoạt động của Ban Chỉ đạo.']],
      ['II.1.2', 'đối tượng thực hiện kiểm kê', ['Thành lập Tổ kiểm kê.']],
    ]);
    expect(plan.budgetSources.map((b) => b.text)).toEqual(['ngân sách tỉnh']);
  });
  it('splits a letter printed at the end of its title’s line from the title, and joins it to its text', () => {
    const { plan } = planOf(['KẾ HOẠCH', 'I. MỤC ĐÍCH, YÊU CẦU', '1.', 'Mục đích: Kiểm kê đầy đủ tài sản công.', '2.', 'Yêu cầu a)', 'Xác định cụ thể nội dung, tiến độ.', 'b)', 'Bảo đảm đúng quy định.',
      'II. TỔ CHỨC THỰC HIỆN', '1. Sở Tài chính: Theo dõi.', 'Nơi nhận:', '- Lưu: VT.', ''].join('\n'));
    expect(plan.sections[0]!.children[1]!.children.map((c) => [c.id, c.heading])).toEqual([['I.2.a', 'Xác định cụ thể nội dung, tiến độ.'], ['I.2.b', 'Bảo đảm đúng quy định.']]);
  });
});
