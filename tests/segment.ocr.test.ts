/** Segmentation of scanned text: snippets shaped like OCR output (specks, merged lines, doubled marks). */
import { describe, expect, it } from 'vitest';
import { textSourceFromBytes } from '../src/input/text.js';
import { processSourceSync } from '../src/pipeline.js';
import { classifyLine, printedExtent } from '../src/segment/labels.js';
import type { PlanRoot, SectionNode } from '../src/tree.js';

function run(text: string) {
  const source = textSourceFromBytes('scan.txt', new TextEncoder().encode(text));
  return processSourceSync(source, { restore: { skip: true } });
}
const sections = (tree: PlanRoot): Array<[string, string]> => {
  const out: Array<[string, string]> = [];
  const walk = (nodes: ReadonlyArray<unknown>) => {
    for (const n of nodes as SectionNode[]) if (n.type === 'section') { out.push([n.id, n.heading]); walk(n.children); }
  };
  walk(tree.children);
  return out;
};
const printed = (value: string) => value.slice(...printedExtent(value));

describe('margin specks', () => {
  it('drops specks before labels, bullets, spaces and wrapped lower-case lines', () => {
    expect(printed('..2. Phạm vi thực hiện')).toBe('2. Phạm vi thực hiện');
    expect(printed('"II. NỘI DUNG')).toBe('II. NỘI DUNG');
    expect(printed('...IV.KINH PHÍ THỰC HIỆN')).toBe('IV.KINH PHÍ THỰC HIỆN');
    expect(printed('.- Thường trực Huyện ủy;')).toBe('- Thường trực Huyện ủy;');
    expect(printed('. b) Đẩy mạnh tuyên truyền')).toBe('b) Đẩy mạnh tuyên truyền');
    expect(printed('. rưởng Bộ Lao động')).toBe('rưởng Bộ Lao động');
    expect(printed(': Tum về tổ chức')).toBe('Tum về tổ chức');
    expect(printed('* IV.KINH PHÍ THỰC HIỆN')).toBe('IV.KINH PHÍ THỰC HIỆN');
    expect(printed('* Về công tác tuyên truyền')).toBe('* Về công tác tuyên truyền');
    expect(printed('* 3. Phòng Văn hóa - TT huyện')).toBe('3. Phòng Văn hóa - TT huyện');
  });
  it('keeps a bullet read as `.`, an opening quote and a sentence stop', () => {
    expect(printed('. Các xã thực hiện')).toBe('. Các xã thực hiện');
    expect(printed('“tương thân tương ái” của dân tộc')).toBe('“tương thân tương ái” của dân tộc');
    expect(printed('“Vì người nghèo”')).toBe('“Vì người nghèo”');
    expect(printed('phát triển kinh tế .')).toBe('phát triển kinh tế .');
    expect(printed('cụ thể như sau :')).toBe('cụ thể như sau :');
  });
  it('drops trailing specks that close nothing', () => {
    expect(printed('truyền thông về ` :')).toBe('truyền thông về');
    expect(printed('1.Mục đích . :')).toBe('1.Mục đích');
    expect(printed('giai đoạn 2021- 2025 `')).toBe('giai đoạn 2021- 2025');
    expect(printed('lực thực hiện mục tiêu giảm nghèo bền vững.:')).toBe('lực thực hiện mục tiêu giảm nghèo bền vững.');
    expect(printed('Certificate No.:')).toBe('Certificate No.:');
  });
  it('reads the sections of a plan whose labels carry specks', () => {
    const { tree } = run([
      'KẾ HOẠCH', 'Tuyên truyền năm 2024',
      'I MỤC ĐÍCH, YÊU CẦU', '1.Mục đích . :', '- Nâng cao nhận thức của người dân.',
      '..2. Yêu cầu', '- Bảo đảm thiết thực.',
      '"II. NỘI DUNG', '1. Tuyên truyền', '. b) Sai nhãn', '...III.KINH PHÍ', '- Ngân sách huyện.',
    ].join('\n'));
    expect(sections(tree).map(([id]) => id)).toEqual(['I', 'I.1', 'I.2', 'II', 'II.1', 'II.1.b', 'III']);
    expect(sections(tree)[1]![1]).toBe('Mục đích');
  });
  it('keeps an objective whose stop carries a speck read as a colon (no lead-in)', () => {
    const { plan } = run([
      'KẾ HOẠCH', 'Truyền thông về giảm nghèo năm 2025',
      'I. MỤC ĐÍCH, YÊU CẦU', '1. Mục đích', '- Tăng cường truyền thông, nâng cao nhận thức về giảm nghèo bền vững.:',
      '- Truyền thông cho các đối tượng thụ hưởng của Chương trình.', '2. Yêu cầu', '- Bảo đảm thiết thực.',
    ].join('\n'));
    expect(plan.objectives.map((o) => o.text)).toEqual([
      'Tăng cường truyền thông, nâng cao nhận thức về giảm nghèo bền vững.', 'Truyền thông cho các đối tượng thụ hưởng của Chương trình.', 'Bảo đảm thiết thực.',
    ]);
  });
});

describe('bullet marks as OCR reads them', () => {
  it('reads a doubled dash as one bullet and `~` as a dash', () => {
    expect(classifyLine('- - Nội dung phù hợp')).toMatchObject({ kind: 'bullet', marker: '-', restAt: 4 });
    expect(classifyLine('- --Bố trí nguồn lực')).toMatchObject({ kind: 'bullet', marker: '-', restAt: 4 });
    expect(classifyLine('~ Các đoàn thể huyện')).toMatchObject({ kind: 'bullet', marker: '-', restAt: 2 });
    expect(classifyLine('~5 người')).toMatchObject({ kind: 'text' });
    expect(classifyLine('= Tăng cường truyền thông')).toMatchObject({ kind: 'bullet', marker: '-', restAt: 2 });
    expect(classifyLine('=5 người')).toMatchObject({ kind: 'text' });
    expect(classifyLine('3, Giải pháp')).toMatchObject({ kind: 'arabic', value: 3 });
    expect(classifyLine('3, 4 và 5 của Điều 7').kind).toBe('text');
  });
});

describe('lines OCR merges', () => {
  it('splits an item title from its first lettered item on the same line', () => {
    const { tree } = run([
      'I. NỘI DUNG', '1. Nội dung a) Tập trung tuyên truyền các mục tiêu của Chương trình.',
      'b) Đổi mới phong trào thi đua.', '2. Giải pháp: tăng cường lãnh đạo a) không tách.',
    ].join('\n'));
    expect(sections(tree)).toEqual([
      ['I', 'NỘI DUNG'], ['I.1', 'Nội dung'], ['I.1.a', 'Tập trung tuyên truyền các mục tiêu của Chương trình.'],
      ['I.1.b', 'Đổi mới phong trào thi đua.'], ['I.2', 'Giải pháp'],
    ]);
  });
  it('keeps spans into the text after a split', () => {
    const text = ['I. NỘI DUNG', '1. Nội dung a) Tập trung tuyên truyền.'].join('\n');
    const { plan, restoredText } = run(text);
    const a = plan.sections[0]!.children[0]!.children[0]!;
    expect(restoredText.slice(...a.span!)).toBe('Tập trung tuyên truyền.');
  });
});

describe('Roman numerals as OCR prints them', () => {
  it('reads lower-case numerals and `111.` before upper-case headings only', () => {
    expect(classifyLine('i. ĐỐI TƯỢNG, PHẠM VI VÀ THỜI GIAN THỰC HIỆN')).toMatchObject({ kind: 'roman', label: 'I' });
    expect(classifyLine('v. TỔ CHỨC THỰC HIỆN')).toMatchObject({ kind: 'roman', label: 'V' });
    expect(classifyLine('111. NỘI DUNG, HÌNH THỨC')).toMatchObject({ kind: 'roman', label: 'III' });
    expect(classifyLine('i. Tổ chức hội nghị tập huấn').kind).not.toBe('roman');
    expect(classifyLine('111. Người dân tham gia').kind).not.toBe('roman');
  });
  it('keeps positional ids when a numeral is read as ones after a lost heading', () => {
    const { tree } = run(['I. MỤC ĐÍCH', '- Nâng cao nhận thức.', 'Phạm vi toàn huyện.', '111. NỘI DUNG', '- Tuyên truyền.', 'IV. KINH PHÍ', '- Ngân sách.'].join('\n'));
    expect(sections(tree).map(([id, h]) => `${id} ${h}`)).toEqual(['I MỤC ĐÍCH', 'II NỘI DUNG', 'III KINH PHÍ']);
    const ones = run(['I. MỤC ĐÍCH', '- Nâng cao nhận thức.', '11. NỘI DUNG', '- Tuyên truyền.'].join('\n'));
    expect(sections(ones.tree).map(([id]) => id)).toEqual(['I', 'II']);
    // `III.` read as `11.` after II: item 11 cannot follow item 2.
    const stroke = run(['I. MỤC ĐÍCH', '- Nâng cao nhận thức.', 'II. ĐỐI TƯỢNG', '1. Đối tượng', '- Người dân.', '2. Phạm vi', '- Toàn huyện.', '11. NỘI DUNG, HÌNH THỨC', '1. Nội dung', '- Tuyên truyền.'].join('\n'));
    expect(sections(stroke.tree).map(([id]) => id)).toEqual(['I', 'II', 'II.1', 'II.2', 'III', 'III.1']);
    const strokes = run(['I. MỤC ĐÍCH', '- Nâng cao nhận thức.', 'II. ĐỐI TƯỢNG', '1. Đối tượng', '- Người dân.', '2. Phạm vi', '- Toàn huyện.', '1. NỘI DUNG, HÌNH THỨC', '1. Nội dung', '- Tuyên truyền.'].join('\n'));
    expect(sections(strokes.tree).map(([id]) => id)).toEqual(['I', 'II', 'II.1', 'II.2', 'III', 'III.1']);
    // An upper-case item heading that follows on stays an item.
    const item = run(['I. NỘI DUNG', '1. MỤC TIÊU CHUNG', '- Giảm nghèo.', '2. NHIỆM VỤ', '- Tuyên truyền.'].join('\n'));
    expect(sections(item.tree).map(([id]) => id)).toEqual(['I', 'I.1', 'I.2']);
  });
});

describe('a number that is not an item', () => {
  it('reads a document number wrapped to the start of a line as text that continues the paragraph', () => {
    expect(classifyLine('13-CTrHĐ/HU ngày 31/3/2021 chương trình hành động').kind).toBe('text');
    expect(classifyLine('2-Tổ chức tập huấn').kind).toBe('arabic');
    const { plan } = run([
      'I. NỘI DUNG', '1. Tuyên truyền', '- Bám sát Nghị quyết số 23-NQ/TU của Tỉnh ủy và Chương trình số',
      '13-CTrHĐ/HU ngày 31/3/2021 của Huyện ủy về giảm nghèo.', '2. Hình thức',
    ].join('\n'));
    expect(plan.deadlines).toEqual([]);
    expect(plan.sections[0]!.children.map((s) => s.id)).toEqual(['I.1', 'I.2']);
  });
  it('joins a wrapped line that opens with a number out of sequence', () => {
    const { tree } = run(['I. NỘI DUNG', '1. Tuyên truyền', '- Tổ chức hội nghị theo hướng dẫn tại khoản 2 Điều', '9. Nghị định số 12/2022/NĐ-CP của Chính phủ.', '2. Hình thức'].join('\n'));
    const top = tree.children.find((c): c is SectionNode => c.type === 'section')!;
    const item = top.children.find((c): c is SectionNode => c.type === 'section')!;
    const bullets = item.children.filter((c) => c.type === 'block' && c.role === 'bullet');
    expect(bullets).toHaveLength(1);
  });
});

describe('an item whose number OCR lost', () => {
  it('reads a title printed as a bullet between bullets of numbered items as the next item', () => {
    const result = run([
      'I. TỔ CHỨC THỰC HIỆN', '1. Phòng Tài chính', '- Tham mưu Ủy ban nhân dân huyện bố trí kinh phí thực hiện Kế hoạch.',
      '- Hướng dẫn các cơ quan, đơn vị thanh quyết toán kinh phí theo quy định hiện hành.',
      '- Ủy ban nhân dân các xã, thị trấn', '- Cụ thể hóa kế hoạch và tổ chức triển khai thực hiện hiệu quả các hoạt động.',
      '- Hằng năm, tổng hợp, báo cáo tình hình thực hiện kế hoạch gửi về Ủy ban nhân dân huyện.',
    ].join('\n'));
    expect(sections(result.tree)).toEqual([['I', 'TỔ CHỨC THỰC HIỆN'], ['I.1', 'Phòng Tài chính'], ['I.2', 'Ủy ban nhân dân các xã, thị trấn']]);
    expect(result.file.messages.map((m) => m.ruleId)).toContain('number-repaired');
  });
  it('keeps a bullet list whose items happen to be short', () => {
    const { tree } = run([
      'I. TỔ CHỨC THỰC HIỆN', '1. Phòng Tài chính', '- Tham mưu Ủy ban nhân dân huyện bố trí kinh phí thực hiện Kế hoạch.',
      '- Hướng dẫn các cơ quan, đơn vị thanh quyết toán kinh phí theo quy định hiện hành;', '- Phòng Nội vụ', '+ Phối hợp thực hiện.',
      '2. Phòng Y tế', '- Hằng năm, tổng hợp, báo cáo tình hình thực hiện kế hoạch gửi về Ủy ban nhân dân huyện:', '- Hằng quý.',
    ].join('\n'));
    expect(sections(tree).map(([id]) => id)).toEqual(['I', 'I.1', 'I.2']);
  });
});

describe('a speck read as a bullet', () => {
  it('joins a line opening with a speck to the unfinished full line above it', () => {
    const { tree } = run([
      'I. MỤC ĐÍCH', '1. Mục đích',
      '- Truyền thông cho các đối tượng thụ hưởng của Chương trình về các gương điển hình, các sáng',
      'kiến hay nhằm tạo sự lan tỏa trong toàn xã hội, khơi dậy tinh thần vươn lên thoát nghèo của',
      '. Người dân và cộng đồng.', '. Các xã tổ chức thực hiện.',
    ].join('\n'));
    const top = tree.children.find((c): c is SectionNode => c.type === 'section')!;
    const item = top.children.find((c): c is SectionNode => c.type === 'section')!;
    const lines = item.children.filter((c) => c.type === 'block' && c.role === 'bullet').map((b) => (b as { children: unknown[] }).children.length);
    expect(lines).toEqual([3, 1]);
  });
});

describe('an item number OCR printed without its dot', () => {
  const plan = (third: string) => run([
    'I. TỔ CHỨC THỰC HIỆN', '1. Phòng Tài chính', '- Tham mưu Ủy ban nhân dân huyện bố trí kinh phí thực hiện Kế hoạch.',
    '2. Phòng Văn hóa và Thông tin', '- Hướng dẫn các cơ quan, đơn vị tuyên truyền về Chương trình theo quy định.', third,
    '- Cụ thể hóa kế hoạch và tổ chức triển khai thực hiện hiệu quả các hoạt động truyền thông.',
  ].join('\n'));
  it('reads it as the item due on a short title line', () => {
    expect(sections(plan('3 Ủy ban nhân dân các xã, thị trấn').tree).map(([id, h]) => `${id} ${h}`)).toContain('I.3 Ủy ban nhân dân các xã, thị trấn');
  });
  it('reads a misread digit before a title with bullets below as the item due', () => {
    const result = plan('7 Ủy ban nhân dân các xã, thị trấn');
    expect(sections(result.tree).map(([id, h]) => `${id} ${h}`)).toContain('I.3 Ủy ban nhân dân các xã, thị trấn');
    expect(result.file.messages.map((m) => m.ruleId)).toContain('number-repaired');
  });
  it('leaves a sentence, or a number not due with no bullets below, as text', () => {
    expect(sections(plan('3 Xã tổ chức hội nghị.').tree).map(([id]) => id)).toEqual(['I', 'I.1', 'I.2']);
    const prose = run([
      'I. TỔ CHỨC THỰC HIỆN', '1. Phòng Tài chính', '- Tham mưu Ủy ban nhân dân huyện bố trí kinh phí thực hiện Kế hoạch.',
      '2. Phòng Văn hóa và Thông tin', '- Hướng dẫn các cơ quan, đơn vị tuyên truyền về Chương trình theo quy định.', '7 Ủy ban nhân dân các xã',
      'Cụ thể hóa kế hoạch và tổ chức triển khai thực hiện hiệu quả các hoạt động truyền thông.',
    ].join('\n'));
    expect(sections(prose.tree).map(([id]) => id)).toEqual(['I', 'I.1', 'I.2']);
  });
});

describe('page furniture of a paged scan', () => {
  function paged(pages: string[][]) {
    const text = pages.map((p) => p.join('\n')).join('\n\f\n');
    const source = {
      file: 'scan.pdf', sha256: '0'.repeat(64), mediaType: 'application/pdf', text,
      pages: pages.map((p, i) => ({ number: i + 1, text: p.join('\n'), method: 'ocr' as const, confidence: 90 })),
    };
    return processSourceSync(source, { restore: { skip: true } });
  }
  it('drops page numbers and a running header at the edges of pages, and joins the paragraph across the break', () => {
    const result = paged([
      ['I. NỘI DUNG', '1. Tuyên truyền', '- Tổ chức tuyên truyền sâu rộng về Chương trình mục tiêu quốc gia giảm nghèo bền vững', 'trên địa bàn huyện đến mọi tầng lớp Nhân dân và cán bộ, đảng viên các cấp trong'],
      ['2', 'Kế hoạch truyền thông giảm nghèo năm 2024', 'toàn huyện.', '2. Hình thức', '- Hội nghị.', 'Trang 2/3'],
      ['Kế hoạch truyền thông giảm nghèo năm 2024', '3. Giải pháp', '- Tăng cường lãnh đạo.'],
      ['Kế hoạch truyền thông giảm nghèo năm 2024', '4. Kiểm tra', '- Định kỳ.'],
    ]);
    expect(sections(result.tree).map(([id]) => id)).toEqual(['I', 'I.1', 'I.2', 'I.3', 'I.4']);
    const rules = result.file.messages.map((m) => m.ruleId);
    expect(rules.filter((r) => r === 'page-number')).toHaveLength(2);
    expect(rules.filter((r) => r === 'running-header')).toHaveLength(3);
    const first = result.tree.children.find((c): c is SectionNode => c.type === 'section')!.children.find((c): c is SectionNode => c.type === 'section')!;
    const bullet = first.children.find((c) => c.type === 'block' && c.role === 'bullet') as { children: Array<{ value: string }> };
    expect(bullet.children.map((l) => l.value).at(-1)).toBe('toàn huyện.');
  });
  it('keeps a line that opens one page only', () => {
    const result = paged([['I. NỘI DUNG', '- Tuyên truyền.'], ['Kế hoạch năm 2024 được triển khai', '- Hội nghị.']]);
    expect(result.file.messages.map((m) => m.ruleId)).not.toContain('running-header');
  });
});

describe('dirt at the end of an item title', () => {
  it('drops a trailing dash or tilde run, keeps an abbreviation after a dash', () => {
    const { tree } = run([
      'I. TỔ CHỨC THỰC HIỆN', '1. Phòng Lao động - Thương binh và Xã hội-', '- Chủ trì thực hiện.', '2. Phòng Tài chính ~~ Lê', '- Bố trí kinh phí.',
      '3. Phòng Văn hóa - TT', '- Tuyên truyền.',
    ].join('\n'));
    expect(sections(tree).map(([, h]) => h)).toEqual(['TỔ CHỨC THỰC HIỆN', 'Phòng Lao động - Thương binh và Xã hội', 'Phòng Tài chính', 'Phòng Văn hóa - TT']);
  });
});

describe('a colon speck inside a running item', () => {
  it('does not cut a title at a colon OCR put inside a sentence', () => {
    const { tree } = run([
      'I. NỘI DUNG', '1. Giải pháp', 'a) Phối hợp với các cơ quan truyền thông, báo chí:xây dựng phóng sự, tin, bài',
      'truyền thông về kết quả thực hiện Chương trình.', 'b) Phạm vi thực hiện: Toàn huyện.', 'c) Thời gian thực hiện:Năm 2024.',
      'd) Tập trung tuyên truyền những mục tiêu trọng : tâm của Chương trình.',
    ].join('\n'));
    expect(sections(tree).slice(2).map(([, h]) => h)).toEqual([
      'Phối hợp với các cơ quan truyền thông, báo chí:xây dựng phóng sự, tin, bài truyền thông về kết quả thực hiện Chương trình.',
      'Phạm vi thực hiện', 'Thời gian thực hiện', 'Tập trung tuyên truyền những mục tiêu trọng : tâm của Chương trình.',
    ]);
  });
});

describe('item letters read as a round look-alike', () => {
  it('reads `a)` where `c)` or `e)` is due as that letter', () => {
    const result = run(['I. NỘI DUNG', '1. Tuyên truyền', 'a) Thứ nhất.', 'b) Thứ hai.', 'a) Thứ ba.', 'd) Thứ tư.', 'đ) Thứ năm.', 'a) Thứ sáu.'].join('\n'));
    expect(sections(result.tree).map(([id]) => id)).toEqual(['I', 'I.1', 'I.1.a', 'I.1.b', 'I.1.c', 'I.1.d', 'I.1.đ', 'I.1.e']);
    expect(result.file.messages.filter((m) => m.ruleId === 'letter-repaired')).toHaveLength(2);
  });
});

describe('a list of short bullets without stops', () => {
  it('is not read as items whose numbers were lost', () => {
    const { tree } = run([
      'I. MỤC TIÊU', 'Tập trung các nguồn lực của Nhà nước và xã hội để thực hiện giảm nghèo bền vững, hạn chế tái nghèo', 'và phát sinh nghèo; hỗ trợ người nghèo, hộ nghèo vượt lên mức sống tối thiểu, tiếp cận các dịch vụ.',
      '1. Mục tiêu cụ thể', '- Tỷ lệ hộ nghèo giảm bình quân 2%/năm', '- Thu nhập bình quân đầu người tăng',
      '- Hộ nghèo được hỗ trợ nhà ở', '- Người dân được tiếp cận thông tin', '2. Mục tiêu chung', '- Giảm nghèo bền vững.',
    ].join('\n'));
    expect(sections(tree).map(([id]) => id)).toEqual(['I', 'I.1', 'I.2']);
  });
});

describe('a Roman I that OCR read as a letter', () => {
  it('is I before a heading naming a section kind, with or without its dot', () => {
    expect(classifyLine('L MỤC ĐÍCH, YÊU CẦU')).toMatchObject({ kind: 'roman', label: 'I', value: 1 });
    expect(classifyLine('l. TỔ CHỨC THỰC HIỆN')).toMatchObject({ kind: 'roman', label: 'I', value: 1 });
    expect(classifyLine('| NỘI DUNG TRỌNG TÂM')).toMatchObject({ kind: 'roman', label: 'I', value: 1 });
  });
  it('is not a numeral anywhere else', () => {
    expect(classifyLine('L ĐOÀN THANH NIÊN').kind).not.toBe('roman');
    expect(classifyLine('L MỤC ĐÍCH của kế hoạch là').kind).not.toBe('roman');
    expect(classifyLine('1 MỤC ĐÍCH, YÊU CẦU').kind).not.toBe('roman');
  });
});

describe('a Roman numeral whose strokes OCR joined into an H', () => {
  it('reads IH. as III and H. as II before a heading', () => {
    expect(classifyLine('IH. NỘI DUNG, HÌNH THỨC')).toMatchObject({ kind: 'roman', label: 'III', value: 3 });
    expect(classifyLine('H. ĐỐI TƯỢNG, PHẠM VI')).toMatchObject({ kind: 'roman', label: 'II', value: 2 });
    expect(classifyLine('VH. KHEN THƯỞNG')).toMatchObject({ kind: 'roman', label: 'VII', value: 7 });
    expect(classifyLine('H. Nội dung của xã').kind).not.toBe('roman');
  });
});
