/** Segmentation on small synthetic plans: sections, OCR-damaged numerals, blocks, regions. */
import { describe, expect, it } from 'vitest';
import { textSourceFromBytes } from '../src/input/text.js';
import { processSourceSync } from '../src/pipeline.js';
import type { BlockNode, PlanRoot, RegionNode, SectionNode } from '../src/tree.js';
import { classifyLine } from '../src/segment/labels.js';
import { runOfLines } from '../src/text/index.js';

function segment(text: string) {
  const source = textSourceFromBytes('plan.txt', new TextEncoder().encode(text));
  const result = processSourceSync(source, { restore: { skip: true } });
  return { tree: result.tree, plan: result.plan, messages: result.file.messages.map((m) => m.ruleId) };
}

const ids = (tree: PlanRoot): string[] => {
  const out: string[] = [];
  const walk = (nodes: ReadonlyArray<unknown>) => {
    for (const n of nodes as SectionNode[]) if (n.type === 'section') { out.push(n.id); walk(n.children); }
  };
  walk(tree.children);
  return out;
};
const sectionById = (tree: PlanRoot, id: string): SectionNode | undefined => {
  let found: SectionNode | undefined;
  const walk = (nodes: ReadonlyArray<unknown>) => {
    for (const n of nodes as SectionNode[]) if (n.type === 'section') { if (n.id === id) found = n; walk(n.children); }
  };
  walk(tree.children);
  return found;
};
const blocks = (s: SectionNode) => s.children.filter((c): c is BlockNode => c.type === 'block' && c.role !== 'heading');

describe('classifyLine', () => {
  it.each([
    ['I. MỤC ĐÍCH, YÊU CẦU', 'roman', 'I'],
    ['I11. KINH PHi THU\'C HIEN', 'roman', 'III'],
    ['V.TO CHUC THUC HIEN', 'roman', 'V'],
    ['IV. KINH PHi', 'roman', 'IV'],
    ['II. Mục tiêu', 'roman', 'II'],
    ['1. Mục đích', 'arabic', '1'],
    ['1.2. Nội dung cụ thể', 'subnumber', '1.2'],
    ['a) Phạm vi thực hiện: Toàn huyện.', 'letter', 'a'],
    ['¢) Tao su dong thuan', 'letter', 'c'],
    ['- a) Phạm vi', 'letter', 'a'],
    ['+ Hộ nghèo', 'bullet', undefined],
    ['II- NỘI DUNG', 'roman', 'II'],
    ['2- Yêu cầu', 'arabic', '2'],
    ['10-15 ngày', 'text', undefined],
    ['b. Thời gian thực hiện: năm 2024', 'letter', 'b'],
    ['a. m. sáng', 'text', undefined],
    ['\uf0b7 Tổ chức hội nghị', 'bullet', undefined],
    ['2030. Kế hoạch số 24', 'text', undefined],
    ['Ill. tiếp theo câu văn thường', 'text', undefined],
  ])('%s', (line, kind, label) => {
    const c = classifyLine(line);
    expect(c.kind).toBe(kind);
    expect(c.label).toBe(label);
  });
});

describe('segment', () => {
  const plan = [
    'KẾ HOẠCH',
    'Triển khai thực hiện truyền thông năm 2023',
    'Căn cứ Quyết định số 12/QĐ-UBND ngày 01/02/2023 của UBND tỉnh X;',
    'I. MUC PiCH, YEU CAU',
    '1. Mục đích',
    '- Nâng cao nhận thức của người dân.',
    'II. NỘI DUNG',
    'a) Tuyên truyền về chính sách giảm nghèo trên các phương tiện thông tin đại chúng của',
    'huyện và các xã.',
    'b) Tổ chức hội nghị.',
    'd) Tổ chức đối thoại.',
    'd) Xây dựng mạng lưới tuyên truyền viên.',
    'II. KINH PHÍ THỰC HIỆN',
    'Từ nguồn ngân sách nhà nước.',
    'IV.TO CHUC THUC HIEN',
    '1. Phòng Văn hóa và Thông tin: Chủ trì tổ chức thực hiện.',
    'Trên đây là Kế hoạch của UBND huyện./.',
    'Nơi nhận:',
    '- Lưu: VT.',
    'CHỦ TỊCH',
    'Nguyễn Văn An',
  ].join('\n');

  it('finds Roman sections by numeral and heading words, with positional ids', () => {
    const { tree, messages } = segment(plan);
    expect(ids(tree)).toEqual(['I', 'I.1', 'II', 'II.a', 'II.b', 'II.d', 'II.đ', 'III', 'IV', 'IV.1']);
    const third = sectionById(tree, 'III')!;
    expect(third.label).toBe('II');
    expect(third.kind).toBe('budget');
    expect(sectionById(tree, 'I')!.kind).toBe('purpose');
    expect(sectionById(tree, 'IV')!.kind).toBe('organization');
    expect(messages).toContain('numeral-repeated');
    expect(messages).toContain('letter-repaired');
  });

  it('joins wrapped lines and takes a running paragraph as the item heading', () => {
    const { tree } = segment(plan);
    const a = sectionById(tree, 'II.a')!;
    expect(a.heading).toBe('Tuyên truyền về chính sách giảm nghèo trên các phương tiện thông tin đại chúng của huyện và các xã.');
    expect(a.running).toBe(true);
  });

  it('splits `Title: rest` headings and puts the front and back matter in regions', () => {
    const { tree } = segment(plan);
    expect(sectionById(tree, 'IV.1')!.heading).toBe('Phòng Văn hóa và Thông tin');
    const regions = tree.children.filter((c): c is RegionNode => c.type === 'region').map((r) => r.role);
    expect(regions).toEqual(['front', 'back']);
  });

  it('keeps the hyphen of a wrapped `chính trị - xã hội` inside its paragraph', () => {
    const text = [
      'I. NỘI DUNG',
      'a) Đẩy mạnh công tác phối hợp giữa Mặt trận Tổ quốc và các tổ chức chính trị',
      '- xã hội, phát huy vai trò của người đứng đầu cấp ủy.',
      '- Tổ chức tuyên truyền.',
    ].join('\n');
    const { tree } = segment(text);
    const a = sectionById(tree, 'I.a')!;
    expect(a.heading).toContain('chính trị - xã hội, phát huy');
    expect(blocks(a).map((b) => b.role)).toEqual(['bullet']);
  });

  it('starts a new block after a finished sentence on a short line, joins after a full one', () => {
    const text = [
      'I. MỤC ĐÍCH',
      'Tăng cường truyền thông, nâng cao nhận thức, trách nhiệm của toàn xã hội về mục đích,',
      'ý nghĩa của Chương trình.',
      'Truyền thông cho các đối tượng thụ hưởng.',
    ].join('\n');
    const { tree } = segment(text);
    const texts = blocks(sectionById(tree, 'I')!).map((b) => runOfLines(b.children).text);
    expect(texts).toEqual([
      'Tăng cường truyền thông, nâng cao nhận thức, trách nhiệm của toàn xã hội về mục đích, ý nghĩa của Chương trình.',
      'Truyền thông cho các đối tượng thụ hưởng.',
    ]);
  });

  it('reads upper-case numbered headings as the top level when a plan has no Roman numerals', () => {
    const { tree } = segment(['1. MỤC ĐÍCH', '- Nâng cao nhận thức.', '2. TỔ CHỨC THỰC HIỆN', '- Phòng Tài chính: bố trí kinh phí.'].join('\n'));
    expect(ids(tree)).toEqual(['1', '2']);
    expect(sectionById(tree, '2')!.kind).toBe('organization');
  });

  it('ends the body at a garbled `Nơi nhận` that carries the signature column', () => {
    const { plan } = segment([
      'I. TỔ CHỨC THỰC HIỆN', '1. Công chức Văn hóa - Xã hội', '- Chủ trì thực hiện.',
      'Ng;; nhéﬁ TM. UY BAN NHAN DAN', '- Phong LĐTBXH huyện (b/c);', '- Lưu: VP.',
    ].join('\n'));
    expect(plan.assignments.map((a) => a.tasks)).toEqual([['Chủ trì thực hiện.']]);
    expect(plan.recipients).toEqual(['Phong LĐTBXH huyện (b/c)', 'Lưu: VP']);
    expect(plan.signature?.authority).toBe('TM. UY BAN NHAN DAN');
  });

  it('reads `1.` / `11.` printed for Roman `I.` / `II.` on upper-case section headings', () => {
    const { tree, messages } = segment(['1. MUC DICH, YEU CAU', '1. Mục đích', '- Nâng cao nhận thức.', '11. NOI DUNG', '- Tuyên truyền.', 'III. TO CHUC THUC HIEN', '1. Phòng Tư pháp: Chủ trì.'].join('\n'));
    expect(ids(tree)).toEqual(['I', 'I.1', 'II', 'III', 'III.1']);
    expect(messages.filter((m) => m === 'numeral-repaired')).toHaveLength(2);
  });

  it('leaves a document without headings in the front region, with a message', () => {
    const { tree, messages } = segment('Một đoạn văn bản.\nKhông có mục nào.');
    expect(tree.children.map((c) => c.type)).toEqual(['region']);
    expect(messages).toContain('no-sections');
  });
});

describe('wrapped lines of a text layer', () => {
  const plan = (lines: string[]) => processSourceSync(textSourceFromBytes('plan.txt', new TextEncoder().encode(lines.join('\n'))), { restore: { skip: true } }).plan;
  const bullets = ['- Kiểm tra định kỳ các đơn vị.', '- Báo cáo kết quả hằng quý.', '- Tổng hợp kiến nghị của doanh nghiệp.', '- Hướng dẫn các xã thực hiện.', '- Theo dõi tiến độ.', '- Đôn đốc các phòng.'];
  it('joins an item title wrapped before its bullets, and bullet lines without their stop in a plan whose bullets end with one', () => {
    const p = plan(['KẾ HOẠCH', 'I. TỔ CHỨC THỰC HIỆN', '1. Ban Quản lý Khu kinh tế', 'Đông Nam', '- Phối hợp chặt chẽ với Ban Quản lý Khu kinh tế', 'Đông Nam, Sở Khoa học và Công nghệ trong quá trình khảo sát.', ...bullets, '2. Sở Khoa học và Công nghệ', ...bullets, '']);
    const first = p.assignments[0]!;
    expect(first.agency).toBe('Ban Quản lý Khu kinh tế Đông Nam');
    expect(first.tasks[0]).toBe('Phối hợp chặt chẽ với Ban Quản lý Khu kinh tế Đông Nam, Sở Khoa học và Công nghệ trong quá trình khảo sát.');
    expect(first.tasks).toHaveLength(7);
  });
  it('keeps an open parenthesis going, and leaves apart bullets of a plan that ends none with a stop', () => {
    const p = plan(['KẾ HOẠCH', 'I. TỔ CHỨC THỰC HIỆN', '1. Sở Công Thương', '- Phối hợp với các nhà mạng (Viettel Nghệ', 'An, VNPT Nghệ An) xây dựng lộ trình', '- Kiểm tra các đơn vị', 'Báo cáo kết quả hằng quý', '']);
    expect(p.assignments[0]!.tasks).toEqual(['Phối hợp với các nhà mạng (Viettel Nghệ An, VNPT Nghệ An) xây dựng lộ trình', 'Kiểm tra các đơn vị', 'Báo cáo kết quả hằng quý']);
  });
  it('takes a letter left at the end of an item title down to its sentence on the next line', () => {
    const { tree } = segment([
      'KẾ HOẠCH', 'I. NỘI DUNG KẾ HOẠCH',
      '1. Tổ chức triển khai các văn bản hướng dẫn thi hành Luật a)',
      'Nghị định quy định chi tiết thi hành một số điều của Luật Tiêu chuẩn',
      'và quy chuẩn kỹ thuật.',
      '- Cơ quan chủ trì: Sở Khoa học và Công nghệ.',
      'b) Nghị định quy định về điều kiện kinh doanh dịch vụ và đánh',
      'giá sự phù hợp.',
      '',
    ].join('\n'));
    expect(ids(tree)).toEqual(['I', 'I.1', 'I.1.a', 'I.1.b']);
    expect(sectionById(tree, 'I.1')!.heading).toBe('Tổ chức triển khai các văn bản hướng dẫn thi hành Luật');
    expect(sectionById(tree, 'I.1.a')!.heading).toMatch(/^Nghị định quy định chi tiết .* kỹ thuật\.$/u);
  });

  it('goes on with a lettered item whose sentence ended at the right margin', () => {
    const p = plan([
      'KẾ HOẠCH', 'I. MỤC ĐÍCH, YÊU CẦU', '1. Mục đích',
      'a) Xác định cụ thể nội dung công việc, tiến độ, thời hạn hoàn thành,',
      'phân công và trách nhiệm của các cơ quan, tổ chức có liên quan.',
      'b) Triển khai đầy đủ, thống nhất, đồng bộ về chính sách hỗ trợ tạo',
      'việc làm, quản lý lao động, thông tin thị trường lao động, dịch vụ',
      'động, người sử dụng lao động và các cơ quan, tổ chức, cá nhân khác.',
      'Giúp nâng cao nhận thức về Luật Việc làm; tổ chức thi hành Luật Việc',
      'làm bảo đảm kịp thời, đồng bộ, thống nhất, hiệu lực, hiệu quả.',
      '2. Yêu cầu',
      'a) Bảo đảm sự chỉ đạo thống nhất, phối hợp chặt chẽ giữa các sở, ban,',
      'ngành trong việc triển khai thi hành Luật Việc làm trên địa bàn.',
      '',
    ]);
    expect(p.objectives.map((o) => o.section)).toEqual(['I.1.a', 'I.1.b', 'I.2.a']);
    expect(p.objectives[1]!.text).toMatch(/cá nhân khác\. Giúp nâng cao .* hiệu quả\.$/);
  });
});
