/** Field extraction on snippets shaped like OCR output of scanned plans. */
import { describe, expect, it } from 'vitest';
import { textSourceFromBytes } from '../src/input/text.js';
import { processSourceSync } from '../src/pipeline.js';

function planOf(text: string) {
  const source = textSourceFromBytes('scan.txt', new TextEncoder().encode(text));
  return processSourceSync(source, { restore: { skip: true } }).plan;
}
const BODY = ['I. TỔ CHỨC THỰC HIỆN', '- Các đơn vị thực hiện.'];

describe('recipients from a scan', () => {
  it('joins a listing recipient wrapped after one of its own `;`', () => {
    const plan = planOf([
      ...BODY, 'Nơi nhận:', '- Sở Nội vụ (b/c);',
      '- Các Phòng: Lao động-TB&XH; Nông nghiệp và Phát triển nông thôn; Y tế;', 'VH&TT; TC-KH; Dân tộc;',
      '- Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Lê Văn Tám',
    ].join('\n'));
    expect(plan.recipients).toEqual(['Sở Nội vụ (b/c)', 'Các Phòng: Lao động-TB&XH; Nông nghiệp và Phát triển nông thôn; Y tế; VH&TT; TC-KH; Dân tộc', 'Lưu: VT']);
    expect(plan.signature).toMatchObject({ position: 'CHỦ TỊCH', signer: 'Lê Văn Tám' });
  });
  it('does not join a closed recipient with the next line, nor `Lưu` printed without its bullet', () => {
    const plan = planOf([...BODY, 'Nơi nhận:', '- Các Phòng: Y tế; Tư pháp;', 'Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Lê Văn Tám'].join('\n'));
    expect(plan.recipients).toEqual(['Các Phòng: Y tế; Tư pháp', 'Lưu: VT']);
    const closed = planOf([...BODY, 'Nơi nhận:', '- Sở Y tế;', 'VP UBND;', '- Lưu: VT.'].join('\n'));
    expect(closed.recipients).toEqual(['Sở Y tế', 'Lưu: VT']);
  });
  it('reads bullets OCR printed with specks before them', () => {
    const plan = planOf([...BODY, 'Nơi nhận:', '.- Thường trực Huyện ủy (b/c);', '~ Các đoàn thể huyện (p/h);', '<= Chủ tịch, Phó CT huyện;', '- Lưu: VT.'].join('\n'));
    expect(plan.recipients).toEqual(['Thường trực Huyện ủy (b/c)', 'Các đoàn thể huyện (p/h)', 'Chủ tịch, Phó CT huyện', 'Lưu: VT']);
  });
});

describe('signature from a scan', () => {
  it('reads a signer name with a speck after it', () => {
    const plan = planOf([...BODY, 'Nơi nhận:', '- Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Duy Luân :'].join('\n'));
    expect(plan.signature).toMatchObject({ authority: 'TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH', position: 'PHÓ CHỦ TỊCH', signer: 'Nguyễn Duy Luân' });
  });
});

describe('deadlines from a scan', () => {
  it('leaves out the date of a cited document whose number OCR spaced out', () => {
    const plan = planOf(['I. NỘI DUNG', '- Quyết định 2231/QĐ- -UBND ngày 04/8/2022 của UBND huyện về phân bổ kinh phí.', '- Hoàn thành trước ngày 15/12/2024.'].join('\n'));
    expect(plan.deadlines.map((d) => d.due)).toEqual(['2024-12-15']);
  });
});

describe('section kinds from a scan', () => {
  it('reads a heading whose words OCR ran together', () => {
    const plan = planOf(['I. TỔ CHỨC THỤCHIỆN', '1. Phòng Tài chính', '- Tham mưu bố trí kinh phí.'].join('\n'));
    expect(plan.sections[0]!.kind).toBe('organization');
    expect(plan.assignments.map((a) => a.agency)).toEqual(['Phòng Tài chính']);
  });
});

describe('header from a scan', () => {
  it('reads the issuing sentence through a speck that opens a wrapped line', () => {
    const plan = planOf([
      'KẾ HOẠCH', 'Truyền thông về Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025',
      'Thực hiện Kế hoạch số 543/KH-UBND ngày 25/8/2022 của UBND tỉnh Bắc Kạn về việc truyền thông, Ủy ban nhân dân huyện',
      '. Bạch Thông xây dựng Kế hoạch truyền thông về Chương trình MTQG giảm nghèo bền vững, như sau:',
      'I. MỤC ĐÍCH, YÊU CẦU', '- Tăng cường truyền thông.',
    ].join('\n'));
    expect(plan.header.issuer).toBe('Ủy ban nhân dân huyện Bạch Thông');
  });
});

describe('heading words split or joined differently', () => {
  it('finds a cue with the spaces left out, on word edges only', async () => {
    const { sectionKind } = await import('../src/extract/sections.js');
    expect(sectionKind('TỔ chức THU CHIẾN')).toBe('organization');
    expect(sectionKind('KINHPHÍ THỰC HIỆN')).toBe('budget');
    expect(sectionKind('CÔNG TÁC THI ĐUA')).toBe('other');
  });
});

describe('assignments from a scan', () => {
  it('reads agencies without the dirt OCR left after them', () => {
    const plan = planOf([
      'I. TỔ CHỨC THỰC HIỆN', '1. Phòng Lao động - Thương binh và Xã hội-', '- Chủ trì thực hiện Kế hoạch.',
      '2. Phòng Tài chính ~~ Lê', '- Bố trí kinh phí.', '3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện -', '- Tuyên truyền, vận động.',
    ].join('\n'));
    expect(plan.assignments.map((a) => a.agency)).toEqual(['Phòng Lao động - Thương binh và Xã hội', 'Phòng Tài chính', 'Ủy ban Mặt trận Tổ quốc Việt Nam huyện']);
  });

  it('reads an agency whose one-line title OCR closed with dots (specks)', () => {
    const plan = planOf([
      'I. TỔ CHỨC THỰC HIỆN', '1. Sở Tài chính', '- Bố trí kinh phí.',
      '2. Các Sở, ngành, đơn vị liên quan...', '- Căn cứ chức năng, nhiệm vụ được giao, xây dựng kế hoạch cụ thể.', '- Kiểm tra, giám sát việc thực hiện.',
    ].join('\n'));
    expect(plan.assignments.map((a) => [a.agency, a.tasks.length])).toEqual([['Sở Tài chính', 1], ['Các Sở, ngành, đơn vị liên quan', 2]]);
  });
});
