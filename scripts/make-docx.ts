/**
 * Word fixtures, built the way Word stores a plan: the header and the footer (Nơi nhận |
 * signature) as two-column tables whose cells hold several paragraphs; section numbers
 * `I.` / `1.` / `a)` and bullets as Word list numbering (numbering.xml), not as text; a task
 * table; text split into runs (bold headings); a page footer with a PAGE field.
 *
 *   npx tsx scripts/make-docx.ts            # rewrites fixtures/docx/ (the LibreOffice ones when it is installed)
 *
 * - `plan-features.docx`: a small plan with every feature the reader handles (the tests
 *   hold the lines it must read as).
 * - `btnmt-kh09.docx`: fixtures/plans/btnmt-kh09-2024-tin-chi-cac-bon.txt (first-pass text,
 *   itself read from a .docx) turned back into one: its ` | ` lines become table rows, its
 *   printed labels Word numbering wherever Word would print that very label (`đ)`, which
 *   Word's letters lack, stays typed). Reading it must give the text back.
 * - `plan-features.doc`: the first one saved as Word 97 by LibreOffice, when installed.
 * - `btnmt-kh09.libreoffice.docx`: the second one saved again by LibreOffice, when installed:
 *   the XML a real word processor writes, not ours.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';

const OUT = 'fixtures/docx';

// ── the model of a document ───────────────────────────────────────────────────────────────

/** A paragraph: its text, or runs (`**bold**` marks a bold run); `list` is [numId, level]. */
export interface Para { text: string; list?: [number, number]; style?: string; center?: boolean; bold?: boolean; breaks?: boolean }
export interface Cell { paras: Para[]; span?: number; merge?: 'restart' | 'continue' }
export interface Table { rows: Cell[][]; widths: number[] }
export type Block = Para | Table;

const isTable = (b: Block): b is Table => 'rows' in b;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Word splits a paragraph into runs wherever formatting or editing history changes. */
function runs(p: Para): string {
  const words = p.text.split(/(?<= )/);
  const cut = Math.max(1, Math.floor(words.length / 2));
  const pieces = words.length > 3 ? [words.slice(0, cut).join(''), words.slice(cut).join('')] : [p.text];
  const rPr = `<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>${p.bold ? '<w:b/>' : ''}<w:sz w:val="28"/></w:rPr>`;
  return pieces.map((t) => {
    // A line break inside the paragraph where the text has one (a signature block, a motto).
    const parts = p.breaks ? t.split('\n') : [t];
    return `<w:r>${rPr}${parts.map((x, i) => `${i ? '<w:br/>' : ''}<w:t xml:space="preserve">${esc(x)}</w:t>`).join('')}</w:r>`;
  }).join('');
}

function para(p: Para): string {
  const pPr = [
    p.style ? `<w:pStyle w:val="${p.style}"/>` : '',
    p.list ? `<w:numPr><w:ilvl w:val="${p.list[1]}"/><w:numId w:val="${p.list[0]}"/></w:numPr>` : '',
    `<w:spacing w:before="60" w:after="60"/>`,
    p.center ? '<w:jc w:val="center"/>' : '<w:jc w:val="both"/>',
  ].join('');
  return `<w:p><w:pPr>${pPr}</w:pPr>${runs(p)}</w:p>`;
}

function table(t: Table): string {
  const grid = t.widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('');
  const rows = t.rows.map((row) => {
    let col = 0;
    const cells = row.map((c) => {
      const span = c.span ?? 1;
      const width = t.widths.slice(col, col + span).reduce((a, b) => a + b, 0);
      col += span;
      const tcPr = `<w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${c.merge ? `<w:vMerge${c.merge === 'restart' ? ' w:val="restart"' : ''}/>` : ''}</w:tcPr>`;
      // Word needs at least one paragraph in a cell, even an empty one.
      return `<w:tc>${tcPr}${(c.paras.length ? c.paras : [{ text: '' }]).map(para).join('')}</w:tc>`;
    }).join('');
    return `<w:tr>${cells}</w:tr>`;
  }).join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${rows}</w:tbl>`;
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** numId 1: sections I. / 1. / a); numId 2: dash bullets; numId 3: Symbol bullets; numId 4: list 1 again, restarted at 1. */
const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ${W}>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/><w:lvlJc w:val="left"/><w:suff w:val="space"/><w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%4."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/><w:lvlJc w:val="left"/><w:suff w:val="space"/><w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="singleLevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>`;

/** A heading style that carries its own numbering (level I.), as templates often have. */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${W}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="PlanSection"><w:name w:val="Plan section"/><w:basedOn w:val="Heading1"/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/></w:style>
</w:styles>`;

const FOOTER = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr ${W}><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>`;

/** A .docx holding these blocks; fixed dates inside so that a rebuild gives the same bytes. */
export function buildDocx(blocks: readonly Block[]): Uint8Array {
  const body = blocks.map((b) => (isTable(b) ? table(b) : para(b))).join('\n');
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>
${body}
<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>
</w:body></w:document>`;
  const files: Record<string, string> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    'word/_rels/document.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`,
    'word/document.xml': document,
    'word/numbering.xml': NUMBERING,
    'word/styles.xml': STYLES,
    'word/footer1.xml': FOOTER,
  };
  const mtime = new Date('2025-11-20T08:00:00Z');
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, xml]) => [name, [strToU8(xml), { mtime }]])), { level: 6 });
}

// ── plan-features.docx ────────────────────────────────────────────────────────────────────

const p = (text: string, extra: Omit<Para, 'text'> = {}): Para => ({ text, ...extra });
const cell = (...texts: string[]): Cell => ({ paras: texts.map((t) => p(t, { center: true })) });

export const FEATURES: Block[] = [
  {
    widths: [3600, 5700],
    rows: [[
      cell('ỦY BAN NHÂN DÂN', 'TỈNH LÂM ĐỒNG', '', 'Số: 12/KH-UBND'),
      { paras: [p('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, center: true }), p('Độc lập - Tự do - Hạnh phúc', { bold: true, center: true }), p(''), p('Lâm Đồng, ngày 20 tháng 11 năm 2025', { center: true })] },
    ]],
  },
  p('KẾ HOẠCH', { bold: true, center: true }),
  p('Tuyên truyền phòng, chống ma túy năm 2026', { bold: true, center: true }),
  p('Căn cứ Luật Phòng, chống ma túy năm 2021;'),
  p('MỤC ĐÍCH, YÊU CẦU', { style: 'PlanSection' }),
  p('Mục đích', { list: [1, 1] }),
  p('Nâng cao nhận thức của cán bộ và nhân dân.', { list: [2, 0] }),
  p('Huy động cả hệ thống chính trị tham gia.', { list: [2, 0] }),
  p('Yêu cầu', { list: [1, 1] }),
  p('Bảo đảm thiết thực, hiệu quả.', { list: [3, 0] }),
  p('NỘI DUNG', { list: [1, 0], bold: true }),
  p('Tuyên truyền trên báo chí', { list: [1, 1] }),
  p('Đài Phát thanh - Truyền hình tỉnh mở chuyên mục.', { list: [1, 2] }),
  p('Báo Lâm Đồng đăng tin, bài.', { list: [1, 2] }),
  p('Trên cổng thông tin điện tử của tỉnh.', { list: [1, 3] }),
  p('Tuyên truyền tại cơ sở', { list: [1, 1] }),
  p('Các xã, phường tổ chức hội nghị.', { list: [1, 2] }),
  p('TỔ CHỨC THỰC HIỆN', { list: [1, 0], bold: true }),
  p('Công an tỉnh chủ trì, phối hợp với các sở, ngành tổ chức thực hiện Kế hoạch; báo cáo kết quả trước ngày 15/12/2026.'),
  {
    widths: [700, 3200, 1800, 2000, 1600],
    rows: [
      [cell('TT'), cell('Nhiệm vụ'), cell('Cơ quan chủ trì'), cell('Cơ quan phối hợp'), cell('Thời gian')],
      [{ paras: [p('I', { bold: true })] }, { paras: [p('Tuyên truyền', { bold: true })], span: 4 }],
      [cell('1'), { paras: [p('Mở chuyên mục "Phòng, chống ma túy"'), p('trên sóng phát thanh')] }, { paras: [p('Đài PT-TH tỉnh')], merge: 'restart' }, cell(''), cell('Quý I/2026')],
      [cell('2'), { paras: [p('Đăng tin, bài | ảnh')] }, { paras: [], merge: 'continue' }, cell('Sở Văn hóa'), cell('')],
    ],
  },
  // Word keeps a paragraph between two tables (without one they are a single table).
  p('Trên đây là Kế hoạch tuyên truyền phòng, chống ma túy năm 2026 của Ủy ban nhân dân tỉnh./.'),
  {
    widths: [4600, 4700],
    rows: [[
      { paras: [p('Nơi nhận:', { bold: true }), p('- Bộ Công an (b/c);'), p('- TT Tỉnh ủy;'), p('- Lưu: VT, NC.')] },
      { paras: [p('TM. ỦY BAN NHÂN DÂN', { bold: true, center: true }), p('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', { bold: true, center: true, breaks: true }), p(''), p('Nguyễn Văn A', { bold: true, center: true })] },
    ]],
  },
  p('PHỤ LỤC', { list: [4, 0], bold: true }),
];

// ── a first-pass plan text back into Word ─────────────────────────────────────────────────

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/**
 * Lines of a first-pass text → blocks. ` | ` lines become rows of a table (a header cell's
 * motto and a signature's lines become paragraphs of their cell again); `I.` / `1.` / `a)`
 * labels become list numbering where Word would print that label next, `- ` bullets a list.
 */
export function planToBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const counts = [0, 0, 0];
  let rows: Cell[][] = [];
  const flush = () => {
    if (!rows.length) return;
    const cols = Math.max(...rows.map((r) => r.length));
    blocks.push({ rows, widths: Array.from({ length: cols }, () => Math.floor(9300 / cols)) });
    rows = [];
  };
  // Where a cell held several paragraphs, as such header and footer cells do.
  const splitCell = (c: string): Para[] => c
    .replace(/ (Độc lập - Tự do - Hạnh phúc)/, '\n$1')
    .replace(/ (Số: )/, '\n$1')
    .replace(/ - /g, c.startsWith('Nơi nhận') ? '\n- ' : ' - ')
    .replace(/^(KT\. [^\n]*?) (THỨ TRƯỞNG|PHÓ CHỦ TỊCH) /, '$1\n$2\n')
    .split('\n').map((t) => p(t));
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.includes(' | ')) {
      rows.push(line.split(' | ').map((c) => ({ paras: splitCell(c) })));
      continue;
    }
    flush();
    const m = /^(?:([IVX]+)\.|(\d+)\.|([a-z])\)) (.*)$/u.exec(line);
    const level = m ? (m[1] ? 0 : m[2] ? 1 : 2) : -1;
    const value = m ? (m[1] ? ROMAN.indexOf(m[1]) + 1 : m[2] ? Number(m[2]) : m[3]!.charCodeAt(0) - 96) : 0;
    if (m && value === counts[level]! + 1 && value > 0) {
      counts[level] = value;
      for (let d = level + 1; d < counts.length; d++) counts[d] = 0;
      blocks.push(p(m[4]!, { list: [1, level], bold: level === 0 }));
    } else if (/^- \S/u.test(line)) {
      blocks.push(p(line.slice(2), { list: [2, 0] }));
    } else {
      // `đ)`, which Word's letters lack (and so the `g)` after `e)`), and anything else stays
      // typed text; Word's counter does not move for it.
      blocks.push(p(line));
    }
  }
  flush();
  return blocks;
}

// ── writing ───────────────────────────────────────────────────────────────────────────────

function saveWithLibreOffice(input: string, filter: string, written: string, target: string): void {
  const tmp = mkdtempSync(join(tmpdir(), 'vnplan-lo-'));
  try {
    const r = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${tmp}/profile`, '--convert-to', filter, '--outdir', join(tmp, 'out'), input], { encoding: 'utf8', timeout: 120_000 });
    const out = join(tmp, 'out', written);
    if (r.status === 0 && existsSync(out)) renameSync(out, join(OUT, target));
    else process.stderr.write(`LibreOffice did not write ${target}: ${r.stderr}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function main(): void {
  mkdirSync(OUT, { recursive: true });
  const features = join(OUT, 'plan-features.docx');
  writeFileSync(features, buildDocx(FEATURES));
  writeFileSync(join(OUT, 'btnmt-kh09.docx'), buildDocx(planToBlocks(readFileSync('fixtures/plans/btnmt-kh09-2024-tin-chi-cac-bon.txt', 'utf8'))));
  const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
  if (soffice.status !== 0) {
    process.stderr.write('LibreOffice (soffice) not installed: plan-features.doc and btnmt-kh09.libreoffice.docx left as they are\n');
  } else {
    saveWithLibreOffice(features, 'doc:MS Word 97', 'plan-features.doc', 'plan-features.doc');
    // The same plan as a real word processor writes it (its own numbering.xml, styles, grids).
    saveWithLibreOffice(join(OUT, 'btnmt-kh09.docx'), 'docx:MS Word 2007 XML', 'btnmt-kh09.docx', 'btnmt-kh09.libreoffice.docx');
  }
  process.stdout.write(`wrote ${OUT}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
