/**
 * Header blocks in the forms text layers, OCR and Word print them (snippets written for these
 * tests; the bodies and places are real Vietnamese units, the plans are not).
 */
import { describe, expect, it } from 'vitest';
import { documentNumber } from '../src/extract/header.js';
import { textSourceFromBytes } from '../src/input/text.js';
import { processSourceSync } from '../src/pipeline.js';

const BODY = ['I. MỤC ĐÍCH, YÊU CẦU', '1. Mục đích', '- Nâng cao nhận thức của cán bộ.', 'II. TỔ CHỨC THỰC HIỆN', '1. Sở Tư pháp: Chủ trì triển khai.'];

function header(lines: string[]) {
  const source = textSourceFromBytes('plan.txt', new TextEncoder().encode([...lines, ...BODY].join('\n')));
  const { plan } = processSourceSync(source, { restore: { skip: true } });
  return { ...plan.header, review: plan.review };
}

describe('header block forms', () => {
  it('one cell per line, each cell broken over lines (web pages)', () => {
    const h = header([
      'ỦY BAN NHÂN', 'DÂN', 'TỈNH QUẢNG TRỊ', 'CỘNG HÒA XÃ', 'HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Số:', '215/KH-UBND', 'Quảng Trị, ngày', '03 tháng 3 năm 2025', 'KẾ HOẠCH', 'PHÁT TRIỂN DU LỊCH CỘNG ĐỒNG', 'NĂM 2025',
      'Thực hiện Nghị quyết số 12/NQ-HĐND ngày 01/01/2025 của Hội đồng nhân dân tỉnh;',
    ]);
    expect(h).toMatchObject({
      issuer: 'Ủy ban nhân dân tỉnh Quảng Trị', number: '215/KH-UBND', place: 'Quảng Trị', issuedDate: '2025-03-03',
      documentType: 'Kế hoạch', title: 'PHÁT TRIỂN DU LỊCH CỘNG ĐỒNG NĂM 2025',
    });
  });

  it('a two-column table folded onto one line with ` | `', () => {
    const h = header([
      'ỦY BAN NHÂN DÂN HUYỆN TAM ĐẢO Số: 52/KH-UBND | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Tam Đảo, ngày 14 tháng 4 năm 2024',
      'KẾ HOẠCH', 'Tổ chức Tháng hành động vì trẻ em', 'Căn cứ Luật Trẻ em năm 2016;',
    ]);
    expect(h).toMatchObject({ issuer: 'Ủy ban nhân dân huyện Tam Đảo', number: '52/KH-UBND', place: 'Tam Đảo', issuedDate: '2024-04-14', title: 'Tổ chức Tháng hành động vì trẻ em' });
  });

  it('columns interleaved on one line, as OCR reads them (right column first on a line too)', () => {
    const h = header([
      'ỦY BAN NHÂN DÂN   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc   PHƯỜNG TÂN AN',
      'Số: 18 /KH-UBND   Tân An, ngày 9 tháng 6 năm 2023',
      'KẾ HOẠCH', 'Phòng, chống dịch sốt xuất huyết',
    ]);
    expect(h).toMatchObject({ issuer: 'Ủy ban nhân dân phường Tân An', number: '18/KH-UBND', place: 'Tân An', issuedDate: '2023-06-09' });
  });

  it('a number printed with spaces, a draft with the number and the day left blank', () => {
    expect(header(['UBND XÃ IA KRÊL | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số:   84     /KH-UBND Ia Krêl, ngày 02 tháng 5 năm 2024', 'KẾ HOẠCH', 'Tiêm chủng mở rộng'])).toMatchObject({ number: '84/KH-UBND', place: 'Ia Krêl', issuedDate: '2024-05-02' });
    const draft = header(['UBND XÃ IA KRÊL | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số:      /KH-UBND | Ia Krêl, ngày    tháng 5 năm 2024', 'KẾ HOẠCH', 'Tiêm chủng mở rộng']);
    expect(draft).toMatchObject({ issuer: 'Ủy ban nhân dân xã Ia Krêl', number: null, place: 'Ia Krêl', issuedDate: '2024-05' });
    // A blank number is a draft, not a reading failure.
    expect(draft.review.reasons).not.toContain('no document number read');
    expect(documentNumber('Số: /KH-UBND')).toMatchObject({ number: null });
  });

  it('a place wrapped before `, ngày`, and the date wrapped after it', () => {
    const h = header(['BỘ Y TẾ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 901/KH-BYT', 'Thành phố Hồ', 'Chí Minh, ngày', '20 tháng 7 năm 2024', 'KẾ HOẠCH', 'Kiểm tra bệnh viện năm 2024']);
    expect(h).toMatchObject({ issuer: 'Bộ Y tế', number: '901/KH-BYT', place: 'Thành phố Hồ Chí Minh', issuedDate: '2024-07-20' });
  });

  it('a department under its parent, and the Front with the motto glued to it (Word line breaks lost)', () => {
    expect(header(['UBND TỈNH HÀ GIANG', 'SỞ XÂY DỰNG', 'Số: 77/KH-SXD', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc', 'Hà Giang, ngày 5 tháng 1 năm 2025', 'KẾ HOẠCH', 'Cải cách hành chính'])).toMatchObject({ issuer: 'Sở Xây dựng tỉnh Hà Giang', number: '77/KH-SXD', place: 'Hà Giang' });
    expect(header(['/ỦY BAN MTTQ VIỆT NAM', 'XÃ TÂN LẬP', 'BAN THƯỜNG TRỰC', 'Số:   /KH-MTTQ-BTT', 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc', 'Tân Lập, ngày   tháng   năm 2026', 'KẾ HOẠCH', 'Tổ chức ngày hội đại đoàn kết'])).toMatchObject({
      issuer: 'Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Lập', number: null, place: 'Tân Lập', issuedDate: '2026',
    });
  });

  it('an incoming stamp over the header belongs to no field', () => {
    const h = header(['UBND HUYỆN ĐỨC CƠ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'ĐẾN Số: 4644', 'Ngày: 12/3/2025', 'Số: 31/KH-UBND', 'Đức Cơ, ngày 10 tháng 3 năm 2025', 'KẾ HOẠCH', 'Trồng cây đời đời nhớ ơn Bác Hồ']);
    expect(h).toMatchObject({ issuer: 'Ủy ban nhân dân huyện Đức Cơ', number: '31/KH-UBND', issuedDate: '2025-03-10' });
  });

  it('a plan issued by a decision: the plan’s type and title, the decision’s number and date', () => {
    const h = header([
      'ỦY BAN NHÂN DÂN', 'TỈNH BẾN TRE', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 1203/QĐ-UBND', 'Bến Tre, ngày 8 tháng 5 năm 2025',
      'QUYẾT ĐỊNH', 'Ban hành Kế hoạch chuyển đổi số năm 2025', 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH', 'Căn cứ Luật Tổ chức chính quyền địa phương;',
      'QUYẾT ĐỊNH:', 'Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số năm 2025.', 'Điều 2. Quyết định có hiệu lực kể từ ngày ký./.',
      'Nơi nhận:', '- Như Điều 2;', '- Lưu: VT.', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Trần Văn An',
      'KẾ HOẠCH', 'CHUYỂN ĐỔI SỐ NĂM 2025', '(Kèm theo Quyết định số 1203/QĐ-UBND ngày 08/5/2025 của Chủ tịch UBND tỉnh)',
    ]);
    expect(h).toMatchObject({ issuer: 'Ủy ban nhân dân tỉnh Bến Tre', documentType: 'Kế hoạch', number: '1203/QĐ-UBND', issuedDate: '2025-05-08', title: 'CHUYỂN ĐỔI SỐ NĂM 2025' });
  });
});

describe('a type line cut short', () => {
  it('reads HOẠCH after the place and date as Kế hoạch, says so, and asks for a look', async () => {
    const { textSourceFromBytes } = await import('../src/input/text.js');
    const { processSourceSync } = await import('../src/pipeline.js');
    const text = ['ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG BÌNH', 'Số: 15/KH-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Quảng Bình, ngày 3 tháng 2 năm 2025', 'HOẠCH', 'Triển khai công tác phòng, chống thiên tai năm 2025', 'I. MỤC ĐÍCH, YÊU CẦU', '- Chủ động phòng tránh.', ''].join('\n');
    const { plan } = processSourceSync(textSourceFromBytes('plan.txt', new TextEncoder().encode(text)), { restore: { skip: true } });
    expect(plan.header).toMatchObject({ issuer: 'Ủy ban nhân dân tỉnh Quảng Bình', documentType: 'Kế hoạch', number: '15/KH-UBND', title: 'Triển khai công tác phòng, chống thiên tai năm 2025' });
    expect(plan.messages.some((m) => m.ruleId === 'type-truncated')).toBe(true);
    expect(plan.review.needed).toBe(true);
  });
});

describe('a type line lost altogether', () => {
  it('takes the type from the number code and the title from the upper-case block after the date', async () => {
    const { textSourceFromBytes } = await import('../src/input/text.js');
    const { processSourceSync } = await import('../src/pipeline.js');
    const text = ['ỦY BAN NHÂN DÂN', 'HUYỆN ĐỨC CƠ', 'Số: 41/KH-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Đức Cơ, ngày 7 tháng 3 năm 2024', '', 'TUYÊN TRUYỀN PHỔ BIẾN PHÁP LUẬT', 'NĂM 2024', '', 'Căn cứ Luật Phổ biến, giáo dục pháp luật;', 'I. MỤC ĐÍCH, YÊU CẦU', '- Nâng cao nhận thức.', ''].join('\n');
    const { plan } = processSourceSync(textSourceFromBytes('plan.txt', new TextEncoder().encode(text)), { restore: { skip: true } });
    expect(plan.header).toMatchObject({ documentType: 'Kế hoạch', number: '41/KH-UBND', title: 'TUYÊN TRUYỀN PHỔ BIẾN PHÁP LUẬT NĂM 2024' });
    expect(plan.header.issuer).toBe('Ủy ban nhân dân huyện Đức Cơ');
    expect(plan.review.needed).toBe(true);
  });

  it('keeps the title out of the issuer: the header block ends at the place and date', async () => {
    const { textSourceFromBytes } = await import('../src/input/text.js');
    const { processSourceSync } = await import('../src/pipeline.js');
    const text = [
      'ỦY BAN NHÂN DÂN', 'THÀNH PHỐ CẦN THƠ', 'Số: 159/KH-UBND', '', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Cần Thơ, ngày 19 tháng 11 năm 2025', '',
      'TRUYỀN THÔNG VỀ GIẢM NGHÈO ĐA CHIỀU', 'THUỘC CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA', '', 'GIẢM NGHÈO BỀN VỮNG TRÊN ĐỊA BÀN', '', 'THÀNH PHỐ CẦN THƠ NĂM 2025', '',
      'Căn cứ Thông tư số 06/2022/TT-BTTTT ngày 30 tháng 6 năm 2022;', 'I. MỤC ĐÍCH, YÊU CẦU', '- Nâng cao nhận thức.', '',
    ].join('\n');
    const { plan } = processSourceSync(textSourceFromBytes('plan.txt', new TextEncoder().encode(text)), { restore: { skip: true } });
    expect(plan.header).toMatchObject({ issuer: 'Ủy ban nhân dân thành phố Cần Thơ', documentType: 'Kế hoạch', place: 'Cần Thơ', issuedDate: '2025-11-19' });
    expect(plan.header.title).toBe('TRUYỀN THÔNG VỀ GIẢM NGHÈO ĐA CHIỀU THUỘC CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA GIẢM NGHÈO BỀN VỮNG TRÊN ĐỊA BÀN THÀNH PHỐ CẦN THƠ NĂM 2025');
  });
});
