/**
 * Task tables in the three forms they arrive in (snippets written for these tests): ` | ` rows
 * (Word tables, text layers), one cell a line (web pages), columns (`pdftotext -layout`).
 * Each row naming a lead is an assignment; its time is a deadline whose subject is the task.
 */
import { describe, expect, it } from 'vitest';
import { textSourceFromBytes } from '../src/input/text.js';
import { processSourceSync } from '../src/pipeline.js';

const BODY = ['I. MỤC ĐÍCH, YÊU CẦU', '- Nâng cao chất lượng dịch vụ công.', 'II. NHIỆM VỤ', '1. Hoàn thiện thể chế', '- Rà soát văn bản.', 'III. TỔ CHỨC THỰC HIỆN', '1. Sở Nội vụ: Theo dõi, đôn đốc.'];
const FOOTER = ['Nơi nhận:', '- Như trên;', '- Lưu: VT.', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Lê Văn Hòa'];

function plan(lines: string[]) {
  const source = textSourceFromBytes('plan.txt', new TextEncoder().encode(lines.join('\n')));
  return processSourceSync(source, { restore: { skip: true } }).plan;
}
const rows = (p: ReturnType<typeof plan>) => p.assignments.filter((a) => a.fromTable).map((a) => [a.agency, a.tasks, a.partners, a.section]);

describe('task tables', () => {
  it('reads ` | ` rows of an appendix: lead, task, partners split at `;`, time as a deadline', () => {
    const p = plan([...BODY, ...FOOTER, 'PHỤ LỤC', 'DANH MỤC NHIỆM VỤ',
      'STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành',
      '1. | Xây dựng quy chế phối hợp | Sở Nội vụ | Sở Tư pháp; UBND các xã | Quý II/2025',
      '2. | Số hóa hồ sơ lưu trữ | Sở Khoa học và Công nghệ |  | Tháng 9/2025',
    ]);
    expect(rows(p)).toEqual([
      ['Sở Nội vụ', ['Xây dựng quy chế phối hợp'], ['Sở Tư pháp', 'UBND các xã'], null],
      ['Sở Khoa học và Công nghệ', ['Số hóa hồ sơ lưu trữ'], [], null],
    ]);
    expect(p.deadlines.filter((d) => d.subject).map((d) => [d.kind, d.start, d.end, d.subject])).toEqual([
      ['period', '2025-04-01', '2025-06-30', 'Xây dựng quy chế phối hợp'], ['period', '2025-09', '2025-09', 'Số hóa hồ sơ lưu trữ'],
    ]);
    // The table's row numbers are no sections of the plan.
    expect(JSON.stringify(p.sections)).not.toContain('Xây dựng quy chế');
  });

  it('rebuilds rows printed one cell a line, with a lost partner cell, a wrapped task and group rows mirroring the body', () => {
    const p = plan([...BODY, ...FOOTER, 'PHỤ LỤC',
      'TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian thực hiện',
      'I.', 'HOÀN THIỆN THỂ CHẾ',
      '1', 'Rà soát các quyết định', 'quy phạm pháp luật của tỉnh', 'Sở Tư pháp', 'Các sở, ngành', 'Năm 2025',
      '2', 'Ban hành quy chế quản lý dữ liệu', 'Văn phòng UBND tỉnh', 'Quý IV/2025',
    ]);
    expect(rows(p)).toEqual([
      ['Sở Tư pháp', ['Rà soát các quyết định quy phạm pháp luật của tỉnh'], ['Các sở, ngành'], 'II.1'],
      ['Văn phòng UBND tỉnh', ['Ban hành quy chế quản lý dữ liệu'], [], 'II.1'],
    ]);
    expect(p.deadlines.filter((d) => d.subject).map((d) => [d.start, d.end])).toEqual([['2025', '2025'], ['2025-10-01', '2025-12-31']]);
  });

  it('puts a row\'s overflow printed after its time back into the task and a hanging lead, and gives an unnumbered row the body item it mirrors', () => {
    const body = [...BODY.slice(0, 5), '2. Đàm phán các thỏa thuận hợp tác với đối tác nước ngoài', ...BODY.slice(5)];
    const p = plan([...body, ...FOOTER, 'PHỤ LỤC',
      'TT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian thực hiện',
      'Hoàn thiện thể chế',
      'a)', 'Xây dựng bộ tiêu chí đánh giá; đo đạc, báo cáo', 'Viện Chiến lược, Cục', 'Vụ Pháp chế', 'Quý IV/2026, 2027',
      'và thẩm định kết quả.', 'Quản lý dữ liệu',
      'b)', 'Công bố danh mục phương pháp.', 'Cục Quản lý dữ liệu', 'Vụ Pháp chế', 'Quý II, III/2026',
      'Đàm phán các thỏa thuận hợp tác với đối tác nước ngoài.', 'Sở Ngoại vụ', 'Các sở, ngành', 'Thường xuyên',
    ]);
    expect(rows(p)).toEqual([
      ['Viện Chiến lược, Cục Quản lý dữ liệu', ['Xây dựng bộ tiêu chí đánh giá; đo đạc, báo cáo và thẩm định kết quả.'], ['Vụ Pháp chế'], 'II.1'],
      ['Cục Quản lý dữ liệu', ['Công bố danh mục phương pháp.'], ['Vụ Pháp chế'], 'II.1'],
      ['Sở Ngoại vụ', ['Đàm phán các thỏa thuận hợp tác với đối tác nước ngoài.'], ['Các sở, ngành'], 'II.2'],
    ]);
    expect(p.deadlines.filter((d) => d.subject).map((d) => [d.start, d.end])).toEqual([['2026-10-01', '2027'], ['2026-04-01', '2026-09-30']]);
  });

  it('reads columns printed at fixed positions, cells wrapped over lines', () => {
    const p = plan([...BODY, ...FOOTER, 'PHỤ LỤC',
      '  TT   Nhiệm vụ                       Cơ quan chủ trì        Cơ quan phối hợp     Thời gian',
      '  1    Tập huấn kỹ năng số cho        Sở Thông tin và        Các hội, đoàn thể    Năm 2025',
      '       cán bộ cấp xã                  Truyền thông',
      '  2    Kiểm tra việc thực hiện        Thanh tra tỉnh                              Quý III/2025',
    ]);
    expect(rows(p)).toEqual([
      ['Sở Thông tin và Truyền thông', ['Tập huấn kỹ năng số cho cán bộ cấp xã'], ['Các hội, đoàn thể'], null],
      ['Thanh tra tỉnh', ['Kiểm tra việc thực hiện'], [], null],
    ]);
  });

  it('takes a year from the time column header for day-month dates', () => {
    const p = plan([...BODY, ...FOOTER, 'PHỤ LỤC',
      'TT | Nội dung | Đơn vị thực hiện | Thời gian (Năm 2026)',
      '1. | Tổng kết phong trào | Sở Nội vụ | ngày 23 tháng 1',
    ]);
    expect(p.deadlines.filter((d) => d.subject).map((d) => [d.kind, d.due, d.recurrence])).toEqual([['due', '2026-01-23', undefined]]);
  });

  it('renders a table as a Markdown table', () => {
    const source = textSourceFromBytes('plan.txt', new TextEncoder().encode([...BODY, ...FOOTER, 'PHỤ LỤC', 'TT | Nhiệm vụ | Cơ quan chủ trì', '1. | Tập huấn | Sở Nội vụ'].join('\n')));
    const md = processSourceSync(source, { restore: { skip: true }, format: 'md' }).output;
    expect(md).toMatch(/\| TT +\| Nhiệm vụ +\| Cơ quan chủ trì \|/);
    expect(md).toMatch(/\| 1\. +\| Tập huấn +\| Sở Nội vụ +\|/);
  });
});
