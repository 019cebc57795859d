/**
 * A plan's text (fixtures/plans: text taken from the published PDF, its line breaks where the
 * web page put them) → the parts an office prints in the Nghị định 30/2020 layout: the two
 * header columns, the type and title, the body paragraphs, and the two footer columns.
 * The header and footer fields are in the text's first and last lines; cells the web page
 * broke over lines (`ỦY BAN NHÂN` / `DÂN`, `Cần Thơ, ngày` / `19 tháng 11 năm 2025`) are
 * joined again. Pure and deterministic.
 */

export interface OfficeBodyParagraph {
  text: string;
  /** Section headings (`I. MỤC ĐÍCH, YÊU CẦU`, `1. Kinh phí thực hiện`) are bold. */
  bold: boolean;
}

export interface OfficePlan {
  /** Left header column, top to bottom: the parent body (`ỦY BAN NHÂN DÂN`), the body (`TỈNH NGHỆ AN`). */
  issuer: string[];
  /** `Số:` line parts: the digits (handwritten on a printed blank) and the code (`/KH-UBND`). */
  number: { digits: string; code: string };
  /** Right header column: the motto's two lines. */
  motto: [string, string];
  /** `Nghệ An, ngày 26 tháng 11 năm 2025`. */
  placeDate: string;
  /** `KẾ HOẠCH`. */
  type: string;
  /** The trích yếu as one string (the renderer wraps it). */
  title: string;
  body: OfficeBodyParagraph[];
  /** Left footer column: `Nơi nhận:` items, each without its `- `. */
  recipients: string[];
  /** Right footer column: authority lines (`TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`), the position, the signer. */
  signature: { authority: string[]; position: string | null; signer: string };
}

const TYPES = ['KẾ HOẠCH', 'QUYẾT ĐỊNH', 'TỜ TRÌNH', 'CHƯƠNG TRÌNH', 'BÁO CÁO', 'CÔNG VĂN', 'THÔNG BÁO', 'HƯỚNG DẪN'];
const MOTTO_1 = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO_2 = 'Độc lập - Tự do - Hạnh phúc';
/** Bodies printed on the first issuer line, the unit on the next. */
const PARENT_BODIES = ['ỦY BAN NHÂN DÂN', 'UỶ BAN NHÂN DÂN', 'HỘI ĐỒNG NHÂN DÂN'];
const SIGNING_PREFIX = /^(?:TM|KT|TL|TUQ|Q|PHÓ|CHỦ|GIÁM|TRƯỞNG)\b/u;
const LABEL = /^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.?\s|[a-zđ]\)|[-+•*]\s?)/u;
const TERMINATED = /[.:;!?]["”)]*$/u;

const isUpper = (s: string) => {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length > 0 && letters === letters.toUpperCase();
};
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Header lines (before the type line) → issuer, number, motto, place-date. */
function readHeaderLines(lines: string[]): Pick<OfficePlan, 'issuer' | 'number' | 'motto' | 'placeDate'> {
  const joined = lines.join('\n');
  const motto = /CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM\s*\n?\s*Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc/u;
  const numberRe = /Số\s*:\s*(\d*)\s*(\/[^\s]+)/u;
  const placeDateRe = /([\p{L} ]+?),\s*ngày\s+(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})/u;
  const flat = joined.replace(/\s*\n\s*/g, ' ');
  const num = numberRe.exec(flat);
  if (!num) throw new Error(`no 'Số:' line in the header: ${flat}`);
  const pd = placeDateRe.exec(flat.replace(numberRe, ' ').replace(/Hạnh phúc/u, ' | '));
  if (!pd) throw new Error(`no place and date in the header: ${flat}`);
  // The issuer: what is left before the motto, upper case.
  const beforeMotto = flat.slice(0, flat.search(/CỘNG\s+HÒA/u) >= 0 ? flat.search(/CỘNG\s+HÒA/u) : flat.length);
  const issuerFlat = squash(beforeMotto.replace(numberRe, ' '));
  const issuer: string[] = [];
  const parent = PARENT_BODIES.find((p) => issuerFlat.startsWith(p));
  if (parent) {
    issuer.push(parent);
    if (issuerFlat.length > parent.length) issuer.push(squash(issuerFlat.slice(parent.length)));
  } else {
    // Keep the printed lines (joined when a line is a lone word of the one above).
    for (const l of lines) {
      const t = squash(l);
      if (!t || !isUpper(t) || motto.test(t) || /^CỘNG|^HỘI CHỦ|^CHỦ NGHĨA/u.test(t)) continue;
      if (t.startsWith('Số') || !issuerFlat.includes(t)) continue;
      if (issuer.length && t.split(' ').length <= 1) issuer[issuer.length - 1] += ` ${t}`;
      else issuer.push(t);
    }
  }
  return {
    issuer,
    number: { digits: num[1] ?? '', code: num[2]! },
    motto: [MOTTO_1, MOTTO_2],
    placeDate: squash(pd[0]).replace(/^[,\s]+/, ''),
  };
}

/** Signature lines → authority lines, position, signer (a cell broken over lines joined back). */
function readSignature(lines: string[]): OfficePlan['signature'] {
  const kept: string[] = [];
  for (const raw of lines) {
    const t = squash(raw);
    if (!t) continue;
    const prev = kept[kept.length - 1];
    // `TM. ỦY BAN NHÂN` / `DÂN`: a short upper-case piece continues an authority line.
    if (prev !== undefined && /^(?:TM|KT|TL|TUQ|Q)\./u.test(prev) && isUpper(t) && t.split(' ').length <= 2 && !SIGNING_PREFIX.test(t)) {
      kept[kept.length - 1] = `${prev} ${t}`;
    } else kept.push(t);
  }
  const signer = kept.pop() ?? '';
  const last = kept[kept.length - 1];
  const position = last !== undefined && !/^(?:TM|KT|TL|TUQ|Q)\./u.test(last) ? kept.pop()! : null;
  return { authority: kept, position, signer };
}

/** Body lines → paragraphs: lines the web page broke inside a sentence are joined again. */
export function bodyParagraphs(lines: readonly string[]): OfficeBodyParagraph[] {
  const out: string[] = [];
  for (const raw of lines) {
    const line = squash(raw);
    if (!line) continue;
    const prev = out[out.length - 1];
    // A bare label (`1.`) belongs to the line after it.
    // The plan text's own line structure is kept where it is not plainly a break inside a
    // sentence (a lower-case start, a long line broken by the page, a heading going on), so
    // that the printed plan reads as its text does.
    const bare = prev !== undefined && /^(?:[IVXLC]+|\d+(?:\.\d+)*)\.$/u.test(prev);
    const wrapped = prev !== undefined && !TERMINATED.test(prev) && !LABEL.test(line)
      && (/^\p{Ll}/u.test(line) || prev.length >= 70 || (isUpper(prev) && isUpper(line) && line.length < 40));
    if (prev !== undefined && (bare || wrapped)) {
      out[out.length - 1] = `${prev} ${line}`;
      continue;
    }
    out.push(line);
  }
  return out.map((text) => {
    const heading = /^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.)\s/u.test(text) && !TERMINATED.test(text) && text.length < 100;
    return { text, bold: heading };
  });
}

export function parsePlanText(text: string): OfficePlan {
  const lines = text.split('\n').map((l) => l.replace(/\*+([^*\n]+)\*+/g, '$1').trimEnd());
  const typeAt = lines.findIndex((l) => TYPES.includes(squash(l)));
  if (typeAt < 0) throw new Error('no document type line (KẾ HOẠCH …)');
  const header = readHeaderLines(lines.slice(0, typeAt));
  // Title: upper-case lines after the type line.
  let i = typeAt + 1;
  const titleLines: string[] = [];
  while (i < lines.length && isUpper(lines[i]!) && !/^[IVX]+\.\s/u.test(lines[i]!.trim())) titleLines.push(squash(lines[i++]!));
  const recipientsAt = lines.findIndex((l, k) => k > i && /^Nơi nhận\s*:/u.test(l.trim()));
  if (recipientsAt < 0) throw new Error('no "Nơi nhận:" list');
  const body = bodyParagraphs(lines.slice(i, recipientsAt));
  const recipients: string[] = [];
  let k = recipientsAt + 1;
  for (; k < lines.length; k++) {
    const t = squash(lines[k]!);
    if (!t) continue;
    if (!/^-/.test(t)) break;
    recipients.push(t.replace(/^-\s*/, ''));
  }
  // Marks between the list and the signature (`08 KH`: a filing note) are not printed.
  while (k < lines.length && !/^(?:TM|KT|TL|TUQ|Q)\.|^[\p{Lu} ]+$/u.test(squash(lines[k]!))) k++;
  let end = k;
  while (end < lines.length && !/^\[\d+\]/.test(lines[end]!.trim())) end++;
  return {
    ...header,
    type: squash(lines[typeAt]!),
    title: titleLines.join(' ').replace(/^V\/V\s+/u, ''),
    body,
    recipients,
    signature: readSignature(lines.slice(k, end)),
  };
}
