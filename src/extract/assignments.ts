/**
 * Assignments under TỔ CHỨC THỰC HIỆN: each item that names an agency, with one task per
 * bullet, or the sentence after the colon (`1. Phòng Tài chính: Chủ trì …`) when the item
 * has no bullets. Items naming no agency (`Trách nhiệm báo cáo …`) are skipped; items
 * that group agencies (`1. Cấp huyện`) are read through to their sub-items.
 */
import type { Assignment } from '../contract/plan.js';
import { AGENCY_LEAD_WORDS, CIRCUMSTANCE_OPENERS, DUTIES_OF, DUTY_SUFFIX, FEEDBACK_CLAUSE, RESPONSIBILITY_HEADING, NOT_A_VERB_AFTER, RECORD_FIELD, TASK_FIELD, TASK_VERBS } from '../data/agencies.js';
import { DANGLING_WORDS } from '../data/words.js';
import { namesAgency } from '../segment/agency.js';
import { TITLE_DIRT } from '../data/ocr.js';
import type { SectionNode } from '../tree.js';
import { headingBody, headingRun, namesKind, subsections } from './sections.js';
import { itemRuns } from './objectives.js';
import { concatRuns, fold, foldWords, provenance, sliceRun, trimEnd, trimRun, type Run } from '../text/index.js';

/** `Đề nghị` as OCR may print it (`P& nghi`), folded. */
const LEAD_FOLDED = /^(?:\S{1,3}\s+)?ngh[i1l]\s+/;

export { namesAgency } from '../segment/agency.js';

/** The agency as named: without a leading `Đề nghị` and the trailing colon. */
export function cleanAgency(run: Run): Run {
  const duty = DUTY_SUFFIX.exec(run.text);
  if (duty && duty.index > 0) run = sliceRun(run, 0, duty.index);
  const folded = LEAD_FOLDED.exec(fold(run.text));
  if (folded && !AGENCY_LEAD_WORDS.test(run.text)) return withoutDirt(trimEnd(trimRun(sliceRun(run, folded[0].length)), ':.;'));
  const m = AGENCY_LEAD_WORDS.exec(run.text);
  const cut = m ? sliceRun(run, m[0].length) : run;
  return withoutDirt(trimEnd(trimRun(cut), ':.;'));
}

/** An agency name never ends with a dash or a tilde run (`Xã hội-`): OCR dirt. */
function withoutDirt(run: Run): Run {
  const dirt = TITLE_DIRT.exec(run.text);
  return dirt && dirt.index > 0 ? trimEnd(sliceRun(run, 0, dirt.index), ':.;') : run;
}

/** `… được phân công chủ trì`, `… được giao nhiệm vụ`: a clause after an agency's name saying it was given the work. */
const ASSIGNED_CLAUSE = /\s+được\s+(?:phân công|giao)(?!\p{L})/u;
const DUTY_START = /(?<=\s)(?:có|chịu) trách nhiệm(?!\p{L})/u;

const TASK_VERB = new RegExp(String.raw`(?<=\s)(?:${TASK_VERBS.join('|')})(?=[\s,:]|$)`, 'gu');

/**
 * `Sở Tài chính chủ trì, phối hợp …` (a running item with no colon): the agency is the words
 * before its first verb, two words at least (`Đoàn kiểm tra trong quá trình …`), not a verb
 * inside the name (`Các tổ chức thành viên`, `Các cơ quan được giao chủ trì có trách nhiệm`).
 * An item may open with a circumstance before its agency (`Kết thúc cuộc bầu cử, Ban Thường
 * trực …`, `Căn cứ Kế hoạch này, các Sở …`).
 */
export function splitAgency(run: Run): { agency: Run; task: Run } | undefined {
  // After a comma only when the item opens with a circumstance (`Kết thúc cuộc bầu cử, …`).
  const circumstance = CIRCUMSTANCE_OPENERS.test(run.text);
  const starts = [0, ...(circumstance ? [...run.text.slice(0, 160).matchAll(/,\s+/g)].map((m) => m.index + m[0].length) : [])];
  for (const start of starts) {
    const rest = run.text.slice(start);
    if (!namesAgency(rest)) continue;
    // `Đề nghị các cấp ủy Đảng, … và các tổ chức chính trị - xã hội tỉnh: Phối hợp …`: a title too
    // long to be read as `Title: sentence` still ends the agency at its colon.
    const colon = /^([^:;.]{3,240}?)\s*:\s+(?=\p{Lu})/u.exec(rest);
    const atColon = () => ({ agency: trimRun(sliceRun(run, start, start + colon![1]!.length)), task: trimRun(sliceRun(run, start + colon![0].length)) });
    for (const m of rest.matchAll(TASK_VERB)) {
      const before = rest.slice(0, m.index).trimEnd().replace(/,$/, '');
      if (before.split(/\s+/).length < 2 || NOT_A_VERB_AFTER.test(before)) continue;
      const lastWord = /(\p{L}+)$/u.exec(before)?.[1] ?? '';
      if (DANGLING_WORDS.has(lastWord)) continue;
      // The colon comes before the first verb: the name ends there.
      if (colon && colon[1]!.length <= m.index && namesAgency(colon[1]!)) return atColon();
      // `các sở, ngành được phân công chủ trì … có trách nhiệm xây dựng …`: the clause that says
      // who they are is neither name nor task; the duty starts at `có trách nhiệm`.
      // A short one (`Các cơ quan được giao chủ trì có trách nhiệm`) names them: the lead agencies.
      const clause = ASSIGNED_CLAUSE.exec(before);
      const duty = clause ? DUTY_START.exec(rest.slice(clause.index)) : null;
      const clauseWords = clause ? rest.slice(clause.index, duty ? clause.index + duty.index : m.index).trim().split(/\s+/).length : 0;
      if (clause && clause.index > 0 && clauseWords > 4 && before.slice(0, clause.index).split(/\s+/).length >= 2) {
        const taskAt = duty ? clause.index + duty.index : m.index;
        return { agency: trimRun(sliceRun(run, start, start + clause.index)), task: trimRun(sliceRun(run, start + taskAt)) };
      }
      return { agency: trimRun(sliceRun(run, start, start + before.length)), task: trimRun(sliceRun(run, start + m.index)) };
    }
    if (colon && namesAgency(colon[1]!)) return atColon();
  }
  return undefined;
}

/**
 * A task written as a record (`2.3. Theo dõi, tổng hợp …` with `- Đơn vị chủ trì: …`, `- Đơn vị
 * phối hợp: …`, `- Thời gian hoàn thành: …` below it): a table row in prose. The lead field is
 * the agency, the item's own text the task, the partner field the partners.
 */
function recordFields(section: SectionNode): { lead?: Run; partners: string[]; rest: Run[] } {
  let lead: Run | undefined;
  let partners: string[] = [];
  const rest: Run[] = [];
  let fieldsBegun = false;
  for (const run of itemRuns(section)) {
    const field = TASK_FIELD.exec(run.text);
    if (!field) {
      if (RECORD_FIELD.test(run.text)) fieldsBegun = true;
      else if (!fieldsBegun) rest.push(run);
      continue;
    }
    fieldsBegun = true;
    const value = trimEnd(trimRun(sliceRun(run, field[0].length)), '.;,');
    if (field[1] === 'lead') lead ??= value;
    else partners = value.text.split(/;\s*/).map((p) => p.trim()).filter((p) => p.length > 1);
  }
  return { ...(lead?.text ? { lead } : {}), partners, rest };
}

function taskRecord(section: SectionNode, head: Run): Assignment | undefined {
  const { lead, partners, rest } = recordFields(section);
  if (!lead) return undefined;
  // `6.1. Tham gia thực hiện các nhiệm vụ:` over bullets: the heading only introduces the task, the bullets are it.
  const introduces = section.bodyStart === undefined && /:\s*$/.test(head.text) && rest.length > 0;
  const tasks = introduces ? rest : [trimEnd(section.bodyStart !== undefined ? headingBody(section) ?? head : head, ':')];
  return { agency: lead.text, tasks: tasks.map((t) => t.text), partners, fromTable: false, section: section.id, ...provenance(concatRuns([...tasks, lead])) };
}

/**
 * A group of task records: `2. Tổ chức các hội nghị hiệp thương` over `2.1 …`, `2.2 …`, each with
 * its own `Đơn vị chủ trì` (the group's heading names the work, not an agency: one record per
 * sub-item); or `3. …` over one-line `3.1 …` … `3.3 …` with the fields only after the last (the
 * fields are the group's: one record, the sub-items its tasks).
 */
function recordGroup(section: SectionNode): Assignment[] | undefined {
  const subs = subsections(section);
  if (!subs.length || recordFields(section).lead) return undefined;
  const withFields = subs.filter((s) => recordFields(s).lead);
  if (!withFields.length) return undefined;
  const last = subs[subs.length - 1]!;
  const oneLiners = subs.slice(0, -1).every((s) => !itemRuns(s).length && !subsections(s).length);
  if (withFields.length === 1 && withFields[0] === last && subs.length > 1 && oneLiners) {
    const { lead, partners } = recordFields(last);
    const tasks = subs.map((s) => headingRun(s)).filter((r): r is Run => !!r);
    return [{ agency: lead!.text, tasks: tasks.map((t) => t.text), partners, fromTable: false, section: section.id, ...provenance(concatRuns([...tasks, lead!])) }];
  }
  return withFields.flatMap((s) => {
    const head = headingRun(s);
    const record = head ? taskRecord(s, head) : undefined;
    return record ? [record] : [];
  });
}

/** `Thời gian thực hiện: …` printed under a task: its time, not a task. */
const TIME_FIELD = /^(?:Thời gian|Thời hạn)(?:\s+(?:thực hiện|hoàn thành|triển khai))?\s*:/u;

export function extractAssignments(tops: readonly SectionNode[]): Assignment[] {
  const out: Assignment[] = [];
  /** Bullets and paragraphs that read `Agency: task` in a section naming no agency itself. */
  const inline = (section: SectionNode) => {
    for (const run of itemRuns(section)) {
      const m = /^([^:.;]{3,150}?)\s*:\s*(?=\S)/u.exec(run.text);
      if (!m || m[1]!.split(/\s+/).length > 15) {
        // `Đề nghị Văn phòng Đảng ủy phối hợp …`: a paragraph that opens with an agency and its verb.
        const split = /^(?:Đề nghị|Giao)\s/u.test(run.text) ? splitAgency(run) : undefined;
        const agency = split ? cleanAgency(split.agency) : undefined;
        if (split && agency && namesAgency(agency.text)) out.push({ agency: agency.text, tasks: [split.task.text], partners: [], fromTable: false, section: section.id, ...provenance(run) });
        continue;
      }
      const agency = cleanAgency(sliceRun(run, 0, m[1]!.length));
      if (!namesAgency(agency.text)) continue;
      const task = trimRun(sliceRun(run, m[0].length));
      const item: Assignment = { agency: agency.text, tasks: [task.text], partners: [], fromTable: false, section: section.id, ...provenance(run) };
      out.push(item);
    }
  };
  const visit = (section: SectionNode) => {
    const head = headingRun(section);
    if (!head || FEEDBACK_CLAUSE.test(head.text)) return;
    const record = taskRecord(section, head);
    if (record) {
      out.push(record);
      return;
    }
    const group = recordGroup(section);
    if (group) {
      out.push(...group);
      return;
    }
    const body = headingBody(section);
    let agencyRun: Run;
    const tasks: Run[] = [];
    if (body) {
      agencyRun = sliceRun(head, 0, Math.max(0, head.offsets.findIndex((o) => o >= body.offsets[0]!)));
      tasks.push(body);
    } else if (section.running) {
      const hasItems = itemRuns(section).length > 0;
      const split = splitAgency(head);
      // A long title wrapped over lines, with its tasks below (items or lettered sub-items), is the agency whole.
      if ((hasItems || subsections(section).length > 0) && !/[.;]$/.test(head.text) && (namesAgency(head.text) || DUTIES_OF.test(head.text))) agencyRun = head;
      else if (split) {
        agencyRun = split.agency;
        tasks.push(split.task);
      } else {
        inline(section);
        subsections(section).forEach(visit);
        return;
      }
    } else agencyRun = head;
    // `1.5. Trách nhiệm của đối tượng thực hiện kiểm kê:`: the heading says whose duties follow.
    const whose = DUTIES_OF.exec(agencyRun.text);
    const agency = whose ? trimEnd(trimRun(sliceRun(agencyRun, whose[0].length)), ':.;') : cleanAgency(agencyRun);
    if (!whose && !namesAgency(agency.text)) {
      inline(section);
      subsections(section).forEach(visit);
      return;
    }
    // `Thời gian thực hiện: …` under a task is its time, not a task.
    tasks.push(...itemRuns(section).filter((r) => !TIME_FIELD.test(r.text)));
    for (const sub of subsections(section)) {
      const run = headingRun(sub);
      if (run) tasks.push(run);
    }
    const span = concatRuns([agency, ...tasks]);
    const item: Assignment = { agency: agency.text, tasks: tasks.map((t) => t.text).filter(Boolean), partners: [], fromTable: false, section: section.id, ...provenance(agency) };
    const all = provenance(span);
    if (all.span && item.span) item.span = [item.span[0], all.span[1]];
    out.push(item);
  };
  for (const top of tops) {
    if (top.kind !== 'organization' && !namesKind(top.heading, 'organization')) {
      // `IV. NHIỆM VỤ CỤ THỂ` / `1. Nhiệm vụ của thành viên Ban Chỉ đạo` / `1.1. Trưởng Ban Chỉ đạo`:
      // a part headed as the duties of agencies assigns them, wherever it stands.
      for (const part of subsections(top)) {
        if (!RESPONSIBILITY_HEADING.test(foldWords(part.heading))) continue;
        inline(part);
        subsections(part).forEach(visit);
      }
      continue;
    }
    // `NHIỆM VỤ, GIẢI PHÁP, PHÂN CÔNG TRÁCH NHIỆM` with `1. Nhiệm vụ …` and `2. Phân công …`: only
    // the part named for the assignments holds them.
    const named = top.kind !== 'organization' ? subsections(top).filter((s) => namesKind(s.heading, 'organization')) : [];
    if (named.length) {
      for (const part of named) {
        inline(part);
        subsections(part).forEach(visit);
      }
      continue;
    }
    inline(top);
    subsections(top).forEach(visit);
  }
  return out;
}
