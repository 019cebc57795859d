/**
 * Extract: the segmented tree → the contract fields on `file.data.plan`. Each field has
 * its own module under `src/extract/`; every item carries `span` (offsets into the
 * restored text) and `page` where the input is paged.
 */
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { SCHEMA_VERSION, type PlanDocument } from '../contract/plan.js';
import { extractAssignments } from '../extract/assignments.js';
import { extractBudget } from '../extract/budget.js';
import { extractDeadlines, planYear } from '../extract/deadlines.js';
import { readHeader } from '../extract/header.js';
import { extractLegalBases } from '../extract/legal-bases.js';
import { extractObjectives } from '../extract/objectives.js';
import { extractRecipients } from '../extract/recipients.js';
import { blockRun, region, toContractSections, topSections, walkSections } from '../extract/sections.js';
import { extractSignature, isSignatureLine } from '../extract/signature.js';
import { extractTables } from '../extract/tables.js';
import { nameLooksDamaged, repairName } from '../extract/names.js';
import { preferSpelling, respellIssuer } from '../extract/spelling.js';
import { runOfLines, startsWithCue, type Run } from '../text/index.js';
import { RECIPIENTS_CUE } from '../data/sections.js';
import { footerReadingOrder } from '../segment/footer.js';
import type { BlockNode, LineNode, PlanRoot, TableNode } from '../tree.js';

const SOURCE = 'vnplan:extract';

function blocksOf(children: ReadonlyArray<BlockNode | LineNode | TableNode>): BlockNode[] {
  return children.flatMap((c): BlockNode[] => (c.type === 'table' ? [] : c.type === 'block' ? [c] : [{ type: 'block', role: 'paragraph', children: [c] }]));
}

/** Lines from `Nơi nhận` or the first signature line on (none when the front has neither). */
function afterRecipients(lines: readonly LineNode[]): LineNode[] {
  let at = lines.findIndex((l) => startsWithCue(l.value.trim(), RECIPIENTS_CUE));
  // No list: the decision's signature block, the first signature line after its opening lines.
  if (at < 0) at = lines.findIndex((l, i) => i >= 8 && isSignatureLine(l.value));
  return at < 0 ? [] : footerReadingOrder(lines.slice(at));
}

export function extractPlan(tree: PlanRoot, file: VFile): PlanDocument {
  const source = file.data.source!;
  const front = blocksOf(region(tree, 'front')?.children ?? []);
  const back = region(tree, 'back')?.children ?? [];
  const backLines: LineNode[] = back.flatMap((c) => (c.type === 'block' ? c.children : c.type === 'line' ? [c] : []));
  const tops = topSections(tree);

  const frontRuns: Run[] = front.map((b) => runOfLines(b.children));
  const bodyRuns: Run[] = [];
  for (const [section] of walkSections(tops)) {
    for (const child of section.children) if (child.type === 'block') bodyRuns.push(blockRun(child));
  }
  const { header, blankNumber, noHeaderBlock, truncatedType } = readHeader(front, [...frontRuns, ...bodyRuns.slice(0, 3)].map((r) => r.text).join('\n'));
  if (truncatedType !== undefined && header.documentType) {
    file.message(truncatedType === ''
      ? `No type line was read (a stamp over it?): the type ${header.documentType} is the number's code, the title the upper-case block after the date`
      : `The type line reads "${truncatedType}", cut short (a stamp or the page's edge): read as ${header.documentType}`, { ruleId: 'type-truncated', source: SOURCE });
  }
  file.data.blankNumber = blankNumber;
  file.data.noHeaderBlock = noHeaderBlock;
  const restored = file.data.restoredText ?? '';
  if (header.issuer) header.issuer = respellIssuer(header.issuer, restored);
  if (header.place) header.place = preferSpelling(header.place, restored);
  // A plan issued with a decision (`Quyết định … ban hành Kế hoạch`) is signed in the
  // decision, before the plan's own title: read the front when the back has nothing.
  const frontLines: LineNode[] = front.flatMap((b) => b.children);
  const signature = extractSignature(backLines) ?? extractSignature(afterRecipients(frontLines));
  file.data.signerDamaged = null;
  if (signature?.signer) {
    const read = signature.signer;
    signature.signer = repairName(read);
    if (signature.signer !== read || nameLooksDamaged(signature.signer)) {
      file.data.signerDamaged = { read, repaired: signature.signer };
      const how = signature.signer !== read ? `repaired as "${signature.signer}"` : 'left as read';
      file.message(`The signer's name was read with OCR damage ("${read}"), ${how}`, { ruleId: 'signer-damaged', source: SOURCE });
    }
  }
  const backRecipients = extractRecipients(backLines);
  const frontList = frontLines.findIndex((l) => startsWithCue(l.value.trim(), RECIPIENTS_CUE));
  const recipients = backRecipients.length || frontList < 0 ? backRecipients : extractRecipients(footerReadingOrder(frontLines.slice(frontList)));
  const year = planYear(header.title);
  const tables = extractTables(tree, year);
  const plan: PlanDocument = {
    schemaVersion: SCHEMA_VERSION,
    source: { file: source.file, sha256: source.sha256, mediaType: source.mediaType, pages: source.pages?.length ?? null, ...(source.part ? { part: source.part } : {}) },
    header,
    sections: toContractSections(tops),
    objectives: extractObjectives(tops),
    assignments: [...extractAssignments(tops), ...tables.assignments],
    deadlines: [...extractDeadlines(tops, back.filter((c): c is BlockNode => c.type === 'block'), year), ...tables.deadlines],
    budgetSources: extractBudget(tops),
    signature,
    recipients,
    legalBases: extractLegalBases([...frontRuns, ...bodyRuns], header.number),
    messages: [],
    review: { needed: false, reasons: [] }, // set by the review stage
  };
  file.data.hasBackMatter = backLines.length > 0 || signature !== null;
  if (tops.length && !tops.some((t) => t.kind === 'organization')) {
    file.message('No TỔ CHỨC THỰC HIỆN section found: no assignments read', { ruleId: 'no-organization', source: SOURCE });
  }
  if (backLines.length && !signature?.signer) {
    file.message('No signer found in the signature block', { ruleId: 'no-signer', source: SOURCE });
  }
  return plan;
}

const extract: Plugin<[], PlanRoot> = () => (tree, file) => {
  file.data.plan = extractPlan(tree, file);
};
export default extract;
