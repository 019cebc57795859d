/**
 * Word inputs: .docx read by our reader (paragraphs, Word list numbering as printed, tables
 * in the ` | ` agreement), .doc through Debian's antiword where it is installed; both found
 * by the bytes, discovered by ingest, and extracted like their text.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../src/batch/ingest.js';
import { fromAntiword } from '../src/input/doc.js';
import { docxText, formatNumber } from '../src/input/docx.js';
import { loadSource, sniffMediaType } from '../src/input/load.js';
import { InputError } from '../src/input/source.js';

const tmp = mkdtempSync(join(tmpdir(), 'vnplan-word-'));
const bytes = (file: string) => new Uint8Array(readFileSync(file));
const antiword = spawnSync('antiword', [], { stdio: 'ignore' }).error === undefined;
const KH09_TEXT = 'fixtures/plans/btnmt-kh09-2024-tin-chi-cac-bon.txt';

async function refusal(file: string): Promise<InputError> {
  const error = await loadSource(file).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('.docx', () => {
  it('reads paragraphs, Word numbering as printed and tables in the ` | ` agreement', () => {
    expect(docxText('plan-features.docx', bytes('fixtures/docx/plan-features.docx')).split('\n')).toEqual([
      // Two-column header table, several paragraphs a cell (an empty one among them).
      'ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG Số: 12/KH-UBND | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Lâm Đồng, ngày 20 tháng 11 năm 2025',
      'KẾ HOẠCH',
      'Tuyên truyền phòng, chống ma túy năm 2026',
      'Căn cứ Luật Phòng, chống ma túy năm 2021;',
      'I. MỤC ĐÍCH, YÊU CẦU', // numbered by its paragraph style (based on Heading 1)
      '1. Mục đích',
      '- Nâng cao nhận thức của cán bộ và nhân dân.', // bullet "-"
      '- Huy động cả hệ thống chính trị tham gia.',
      '2. Yêu cầu',
      '• Bảo đảm thiết thực, hiệu quả.', // Symbol-font bullet U+F0B7
      'II. NỘI DUNG',
      '1. Tuyên truyền trên báo chí', // restarts under II
      'a) Đài Phát thanh - Truyền hình tỉnh mở chuyên mục.',
      'b) Báo Lâm Đồng đăng tin, bài.',
      '1.1. Trên cổng thông tin điện tử của tỉnh.', // lvlText %2.%4.
      '2. Tuyên truyền tại cơ sở',
      'a) Các xã, phường tổ chức hội nghị.', // restarts under 2.
      'III. TỔ CHỨC THỰC HIỆN',
      'Công an tỉnh chủ trì, phối hợp với các sở, ngành tổ chức thực hiện Kế hoạch; báo cáo kết quả trước ngày 15/12/2026.',
      // Task table: a group row spanning four columns (trailing empties dropped), a cell of two
      // paragraphs, an empty inner cell kept, a vertically merged cell continued as empty, `|` → `/`.
      'TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian',
      'I | Tuyên truyền',
      '1 | Mở chuyên mục "Phòng, chống ma túy" trên sóng phát thanh | Đài PT-TH tỉnh |  | Quý I/2026',
      '2 | Đăng tin, bài / ảnh |  | Sở Văn hóa',
      'Trên đây là Kế hoạch tuyên truyền phòng, chống ma túy năm 2026 của Ủy ban nhân dân tỉnh./.',
      // Footer table: Nơi nhận | signature, a line break inside a cell's paragraph.
      'Nơi nhận: - Bộ Công an (b/c); - TT Tỉnh ủy; - Lưu: VT, NC. | TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A',
      'I. PHỤ LỤC', // a second list instance of the same definition, its start overridden
    ]);
  });

  it('leaves out what the page does not print in its body: deleted and hidden text, field codes', () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const body = [
      '<w:p><w:r><w:t>Kế hoạch </w:t></w:r><w:del><w:r><w:delText>cũ </w:delText></w:r></w:del><w:ins><w:r><w:t xml:space="preserve">mới </w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r></w:p>',
      '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:hyperlink><w:r><w:t>Cổng thông tin</w:t></w:r></w:hyperlink><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:tab/><w:t>điện tử</w:t></w:r></w:p>',
      '<w:p/><w:sdt><w:sdtContent><w:p><w:r><w:t>Trong ô nội dung</w:t></w:r></w:p></w:sdtContent></w:sdt>',
    ].join('');
    const docx = zipSync({ 'word/document.xml': strToU8(`<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`) });
    expect(docxText('x.docx', docx)).toBe('Kế hoạch mới\nCổng thông tin điện tử\nTrong ô nội dung');
  });

  it('follows a list made from a list style (numStyleLink) to that style\'s definition and counters', () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const lvl = (i: number, fmt: string, text: string) => `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`;
    const numbering = `<w:numbering ${W}>`
      + `<w:abstractNum w:abstractNumId="0"><w:styleLink w:val="PlanList"/>${lvl(0, 'upperRoman', '%1.')}${lvl(1, 'decimal', '%2.')}</w:abstractNum>`
      + '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="PlanList"/></w:abstractNum>'
      + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>';
    const styles = `<w:styles ${W}><w:style w:type="numbering" w:styleId="PlanList"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>`;
    const para = (numId: number, ilvl: number, text: string) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const document = `<w:document ${W}><w:body>${para(2, 0, 'MỤC ĐÍCH')}${para(2, 1, 'Mục đích')}${para(1, 0, 'NỘI DUNG')}${para(2, 1, 'Tuyên truyền')}</w:body></w:document>`;
    const docx = zipSync({ 'word/document.xml': strToU8(document), 'word/numbering.xml': strToU8(numbering), 'word/styles.xml': strToU8(styles) });
    expect(docxText('x.docx', docx)).toBe('I. MỤC ĐÍCH\n1. Mục đích\nII. NỘI DUNG\n1. Tuyên truyền');
  });

  it('formats numbers as Word does', () => {
    expect([1, 4, 9, 14, 40].map((n) => formatNumber(n, 'upperRoman'))).toEqual(['I', 'IV', 'IX', 'XIV', 'XL']);
    expect([1, 26, 27, 53].map((n) => formatNumber(n, 'lowerLetter'))).toEqual(['a', 'z', 'aa', 'aaa']);
    expect(formatNumber(3, 'decimalZero')).toBe('03');
    expect(formatNumber(3, 'lowerRoman')).toBe('iii');
  });

  it('LibreOffice\'s own .docx of the same plan reads the same: numbering and tables as it writes them', () => {
    expect(`${docxText('kh09.docx', bytes('fixtures/docx/btnmt-kh09.libreoffice.docx'))}\n`).toBe(readFileSync(KH09_TEXT, 'utf8'));
  });

  it('a plan saved as .docx reads as its text and extracts the same JSON (vnplan extract)', () => {
    expect(`${docxText('kh09.docx', bytes('fixtures/docx/btnmt-kh09.docx'))}\n`).toBe(readFileSync(KH09_TEXT, 'utf8'));
    const extract = (file: string) => {
      const r = spawnSync(process.execPath, ['dist/cli.js', 'extract', file], { encoding: 'utf8', timeout: 120_000 });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as Record<string, unknown> & { source: { mediaType: string }; assignments: unknown[]; sections: unknown[] };
    };
    const fromWord = extract('fixtures/docx/btnmt-kh09.docx');
    const fromText = extract(KH09_TEXT);
    expect(fromWord.source.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const { source: _w, ...word } = fromWord;
    const { source: _t, ...text } = fromText;
    expect(word).toEqual(text);
    // Not two empty results: the plan's header, sections and assignments were read.
    expect(fromWord).toMatchObject({ header: { documentType: 'Kế hoạch', issuedDate: '2024-08-06' } });
    expect(fromWord.sections.length).toBe(3);
    expect(fromWord.assignments.length).toBeGreaterThan(0);
  });

  it('is told by its bytes, whatever its name; a name that lies is refused', async () => {
    const renamed = join(tmp, 'plan.txt');
    copyFileSync('fixtures/docx/plan-features.docx', renamed);
    expect((await loadSource(renamed)).mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffMediaType(bytes('fixtures/docx/plan-features.doc'))).toBe('application/msword');

    const zip = join(tmp, 'archive.docx');
    writeFileSync(zip, zipSync({ 'content.xml': strToU8('<office:document/>') }));
    expect(await refusal(zip)).toMatchObject({ code: 'unsupported-type', message: expect.stringMatching(/archive\.docx: a ZIP archive that is not a Word document/) });

    const text = join(tmp, 'saved.docx');
    writeFileSync(text, 'Kế hoạch số 12');
    expect(await refusal(text)).toMatchObject({ code: 'unsupported-type', message: expect.stringMatching(/named \.docx but its bytes are not DOCX data/) });

    const truncated = join(tmp, 'truncated.docx');
    writeFileSync(truncated, bytes('fixtures/docx/plan-features.docx').subarray(0, 2500));
    expect(await refusal(truncated)).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/truncated\.docx: not a readable Word document/) });
  });
});

describe('.doc', () => {
  it('turns antiword table lines into ` | ` rows', () => {
    // An empty first cell is kept, trailing ones dropped; a `|` in a cell cannot be told from a border.
    expect(fromAntiword('\n|ỦY BAN   |CỘNG HÒA  |\n|          |Độc lập   |\n\nKẾ HOẠCH\n|1  |a | b  |   |  |\n')).toBe('ỦY BAN | CỘNG HÒA\n | Độc lập\nKẾ HOẠCH\n1 | a | b');
  });

  // Debian's antiword reads Word 97 files (.ci/run installs it); elsewhere this says skipped.
  it.skipIf(!antiword)('reads a Word 97 file through antiword, tables as ` | ` rows', async () => {
    const doc = await loadSource('fixtures/docx/plan-features.doc');
    expect(doc.mediaType).toBe('application/msword');
    const lines = doc.text.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH LÂM ĐỒNG | Độc lập - Tự do - Hạnh phúc',
      'Số: 12/KH-UBND | Lâm Đồng, ngày 20 tháng 11 năm 2025',
    ]);
    expect(lines).toContain('1 | Mở chuyên mục "Phòng, chống ma túy" | Đài PT-TH tỉnh |  | Quý I/2026');
    expect(lines).toContain('Nơi nhận: | TM. ỦY BAN NHÂN DÂN');
    expect(lines).toContain('Công an tỉnh chủ trì, phối hợp với các sở, ngành tổ chức thực hiện Kế hoạch; báo cáo kết quả trước ngày 15/12/2026.');
  });

  it('without antiword, says what to install (exit 3, the file named)', () => {
    const r = spawnSync(process.execPath, ['dist/cli.js', 'extract', 'fixtures/docx/plan-features.doc'], { encoding: 'utf8', env: { ...process.env, PATH: '' }, timeout: 60_000 });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('fixtures/docx/plan-features.doc: a Word 97 .doc file needs the "antiword" command');
  });
});

describe('ingest', () => {
  it('finds Word files in a folder and writes their outputs', async () => {
    const inputs = join(tmp, 'word-in');
    mkdirSync(inputs);
    for (const f of ['plan-features.docx', 'btnmt-kh09.docx', 'plan-features.doc']) copyFileSync(join('fixtures/docx', f), join(inputs, f));
    const out = join(tmp, 'word-out');
    const { report } = await runIngest({ paths: [inputs], outDir: out, progress: 'none' });
    expect(report.counts.inputs).toBe(3);
    expect(report.documents.filter((d) => d.status === 'done').map((d) => d.input.split('/').pop()).sort())
      .toEqual(antiword ? ['btnmt-kh09.docx', 'plan-features.doc', 'plan-features.docx'] : ['btnmt-kh09.docx', 'plan-features.docx']);
    if (!antiword) expect(report.failures.map((f) => f.error.code)).toEqual(['tool-missing']);
    expect(readFileSync(join(out, 'word-in/btnmt-kh09.docx.txt'), 'utf8')).toContain('TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện/ hoàn thành');
  });
});
