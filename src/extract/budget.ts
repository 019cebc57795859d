/**
 * Budget sources: where a plan's money comes from, read from its KINH PHÍ (or VỐN) sections and
 * from `Kinh phí …` items anywhere in the body (often an item of TỔ CHỨC THỰC HIỆN). Each
 * sentence that names funding gives its sources: the lead-in (`Kinh phí thực hiện … được bố trí
 * từ`) dropped, one source per `và` / `,` / `;` / `hoặc` before a source word. Funding principles
 * (`Nguyên tắc`), duties (`Sở Tài chính chủ trì … tham mưu bố trí`) and asides (`Trong đó, …`)
 * are not sources. A source that states a sum has `amountVnd`.
 */
import type { BudgetKind, BudgetSource } from '../contract/plan.js';
import { TITLED_ITEM, AMOUNT, AMOUNT_UNITS, BUDGET_ASIDE, BUDGET_PER_KIND, FUNDING_SUBJECT_LEAD_IN, BUDGET_ITEM, BUDGET_KIND_CUES, BUDGET_LEAD_IN, FUNDING_WORDS, MONEY_WORDS, NON_MONEY_RESOURCES, SOURCE_HEAD, SOURCE_LIST_LEAD, SOURCE_LIST_TAIL, SOURCE_SPLIT } from '../data/budget.js';
import { BUDGET_PRINCIPLE_CUES } from '../data/sections.js';
import { CIRCUMSTANCE_OPENERS } from '../data/agencies.js';
import { namesAgency } from '../segment/agency.js';
import type { SectionNode } from '../tree.js';
import { itemRuns } from './objectives.js';
import { headingBody, headingRun, namesKind, subsections, walkSections } from './sections.js';
import { findCue, firstCueKind, fold, foldWords, provenance, sliceRun, trimEnd, trimRun, type Run } from '../text/index.js';

/** Kind of a source: the cue nearest the source's head wins (`Ngân sách nhà nước …, trong đó lồng ghép …` is state budget). */
export function budgetKindOf(text: string): BudgetKind {
  // `theo quy định tại Luật Ngân sách nhà nước …`: the rule funding follows, not where it comes from.
  if (/^theo quy định(?!\p{L})/iu.test(text.trim())) return 'other';
  return firstCueKind(text, BUDGET_KIND_CUES) ?? 'other';
}

function mentionsFunding(text: string): boolean {
  const words = foldWords(text).split(' ');
  return FUNDING_WORDS.some((w) => findCue(words, w) >= 0);
}

/** The sum a source states, in đồng (`1.280 tỷ đồng` → 1280000000000), if any. */
export function amountOf(text: string): number | undefined {
  const m = AMOUNT.exec(text);
  if (!m) return undefined;
  const digits = m[1]!.replace(/\./g, '').replace(',', '.');
  const value = Number(digits);
  if (!Number.isFinite(value)) return undefined;
  const unit = AMOUNT_UNITS[fold(m[2] ?? '').replace(/\s+/g, ' ').trim()] ?? 1;
  return Math.round(value * unit);
}

/** Sentences of an item (`. ` before a capital), as runs. */
function sentences(run: Run): Run[] {
  const out: Run[] = [];
  let from = 0;
  for (const m of run.text.matchAll(/[.;]\s+(?=\p{Lu})/gu)) {
    out.push(sliceRun(run, from, m.index + 1));
    from = m.index + m[0].length;
  }
  out.push(sliceRun(run, from));
  return out.map((r) => trimRun(r)).filter((r) => r.text);
}

/** Split one sentence into its sources (outside parentheses), lead-in removed. */
export function splitSources(run: Run): Run[] {
  let r = run;
  const lead = BUDGET_LEAD_IN.exec(r.text) ?? FUNDING_SUBJECT_LEAD_IN.exec(r.text);
  if (lead && lead[0].length >= 4) r = sliceRun(r, lead[0].length);
  // `…, các nguồn hợp pháp khác (nếu có); đảm bảo thực hiện công tác quyết toán …`: after a `;`
  // that opens no further source the sentence is about something else.
  for (const m of r.text.matchAll(/;\s+/g)) {
    const before = r.text.slice(0, m.index);
    if ((before.match(/\(/g)?.length ?? 0) !== (before.match(/\)/g)?.length ?? 0)) continue;
    const next = r.text.slice(m.index, m.index + m[0].length + 60);
    if (!new RegExp(`^(?:${SOURCE_SPLIT.source})`, 'iu').test(next)) {
      r = sliceRun(r, 0, m.index);
      break;
    }
  }
  const cuts: number[] = [];
  const byComma: boolean[] = [];
  for (const m of r.text.matchAll(SOURCE_SPLIT)) {
    const before = r.text.slice(0, m.index);
    const depth = (before.match(/\(/g)?.length ?? 0) - (before.match(/\)/g)?.length ?? 0);
    if (depth !== 0) continue;
    cuts.push(m.index, m.index + m[0].length);
    byComma.push(m[0].trim() === ',');
  }
  const bounds = [0, ...cuts, r.text.length];
  const pieces: Array<[number, number]> = [];
  for (let i = 0; i < bounds.length; i += 2) {
    const piece: [number, number] = [bounds[i]!, bounds[i + 1]!];
    const last = pieces[pieces.length - 1];
    const text = r.text.slice(...piece);
    // `Kinh phí vận động, xã hội hóa hợp pháp khác` names one source: a piece after a comma with
    // no head noun of its own joins a neighbour of its kind.
    if (last && byComma[i / 2 - 1] && !SOURCE_HEAD.test(text) && budgetKindOf(r.text.slice(...last)) === budgetKindOf(text)) last[1] = piece[1];
    else pieces.push(piece);
  }
  return pieces
    .map(([a, b]) => {
      const piece = trimRun(sliceRun(r, a, b));
      // `theo hình thức PPP`, `Do các nhà đầu tư tự bảo đảm`: the source is what follows.
      const opener = /^(?:theo\s+(?=hình thức)|do\s+(?=\S))/iu.exec(piece.text);
      return trimEnd(opener ? sliceRun(piece, opener[0].length) : piece, '.;,');
    })
    .filter((p) => p.text.length > 2);
}

/** A titled source and the further sources its sentence adds after `;` (`…; đồng thời kết hợp huy động các nguồn tài trợ`). */
function bySemicolon(run: Run): Run[] {
  const out: Run[] = [];
  let from = 0;
  for (const m of run.text.matchAll(SOURCE_SPLIT)) {
    if (!m[0].startsWith(';')) continue;
    out.push(trimEnd(trimRun(sliceRun(run, from, m.index)), '.;,'));
    from = m.index + m[0].length;
  }
  out.push(trimEnd(trimRun(sliceRun(run, from)), '.;,'));
  return out.filter((p) => p.text.length > 2);
}

/** A sentence that assigns a duty about money (`Sở Tài chính chủ trì … bố trí kinh phí`) without naming where it comes from. */
function isDuty(sentence: string): boolean {
  // `Hằng năm, các cơ quan … có trách nhiệm … dự toán`: the agency after a circumstance.
  const circumstance = CIRCUMSTANCE_OPENERS.test(sentence) ? /^[^,]{0,60},\s*/u.exec(sentence) : null;
  const rest = circumstance ? sentence.slice(circumstance[0].length) : sentence;
  return namesAgency(rest) && !BUDGET_LEAD_IN.test(sentence);
}

export function extractBudget(tops: readonly SectionNode[]): BudgetSource[] {
  const out: BudgetSource[] = [];
  const seen = new Set<SectionNode>();
  const read = (item: Run, section: SectionNode) => {
    for (let sentence of sentences(item)) {
      const perKind = BUDGET_PER_KIND.exec(sentence.text);
      if (perKind) sentence = sliceRun(sentence, perKind[0].length);
      // A list of the sources that introduces their details: the list itself names them.
      const lead = SOURCE_LIST_LEAD.exec(sentence.text);
      const tail = lead ? SOURCE_LIST_TAIL.exec(sentence.text) : null;
      if (lead && tail) sentence = sliceRun(sentence, lead[0].length, tail.index);
      if (/:\s*$/.test(sentence.text) || BUDGET_ASIDE.test(sentence.text) || !mentionsFunding(sentence.text) || isDuty(sentence.text)) continue;
      // `Lồng ghép vào kế hoạch đầu tư công: ưu tiên bố trí vốn … và vốn …`: a source named in a title,
      // the sentence after the colon its detail (one source); a title naming no funding
      // (`Sử dụng cơ chế thuê dịch vụ: … theo năm ngân sách`) is a way of spending, no source.
      const titled = TITLED_ITEM.exec(sentence.text);
      const parts = titled ? (mentionsFunding(titled[1]!) || budgetKindOf(titled[1]!) !== 'other' ? bySemicolon(sentence) : []) : splitSources(sentence);
      for (const part of parts) {
        const source: BudgetSource = { text: part.text, kind: budgetKindOf(part.text), section: section.id, ...provenance(part) };
        const amount = amountOf(part.text);
        if (amount !== undefined) source.amountVnd = amount;
        out.push(source);
      }
    }
  };
  const visit = (section: SectionNode, isTop: boolean) => {
    if (seen.has(section)) return;
    seen.add(section);
    const headingWords = foldWords(section.heading).split(' ');
    if (!isTop && BUDGET_PRINCIPLE_CUES.some((c) => findCue(headingWords, c) === 0)) return;
    if (!isTop && NON_MONEY_RESOURCES.some((c) => findCue(headingWords, c) >= 0) && !MONEY_WORDS.some((c) => findCue(headingWords, c) >= 0)) return;
    const items: Run[] = [];
    if (!isTop && section.running) {
      const run = headingRun(section);
      if (run) items.push(trimEnd(run, ':'));
    }
    const body = headingBody(section); // `2. Nguồn kinh phí: Ngân sách nhà nước …`
    if (body && body.text.length > 1) items.push(body);
    items.push(...itemRuns(section));
    for (const item of items) read(item, section);
    for (const sub of subsections(section)) visit(sub, false);
  };
  for (const top of tops) {
    const mixed = (['organization', 'content', 'purpose', 'targets'] as const).some((k) => namesKind(top.heading, k));
    if (top.kind === 'budget' && !mixed) visit(top, true);
    // A section heading budget with other things (`KINH PHÍ VÀ TỔ CHỨC THỰC HIỆN`): only its budget sub-sections.
    else if (namesKind(top.heading, 'budget')) for (const sub of subsections(top)) if (namesKind(sub.heading, 'budget')) visit(sub, true);
  }
  // `3. Kinh phí thực hiện Kế hoạch được bố trí từ …`, `b) Kinh phí khen thưởng: …` elsewhere in the body.
  for (const [section] of walkSections(tops)) {
    if (seen.has(section) || section.depth === 1) continue;
    if (BUDGET_ITEM.test(foldWords(section.heading))) visit(section, false);
  }
  return out;
}
