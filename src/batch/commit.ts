/**
 * A rendered document into place: every output of every part (and the archive formats made)
 * staged whole in the work folder, renamed into the names the ledger claimed, then recorded
 * done with the plan store's rows in one transaction. All or nothing: on failure the files
 * already in place go again and the error is rethrown for the caller to record. Used by
 * `ingest` and by the HTTP API's uploads.
 */
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlanDocument } from '../contract/plan.js';
import { storeDocument } from '../store/write.js';
import type { AtomicWriter } from './atomic.js';
import type { Rendered, RenderedOutputs } from './document.js';
import type { DoneRecord, Ledger } from './ledger.js';
import { ARCHIVE_KINDS, OUTPUT_KINDS, outputPaths } from './names.js';

export interface CommitTask {
  ledger: Ledger;
  writer: AtomicWriter;
  outDir: string;
  claim: { id: number; stem: string };
  rendered: Rendered;
  /** The ledger record, less what the commit measures itself. */
  record: Omit<DoneRecord, 'bytes'>;
}

/** The JSON output path of each document, in file order. */
export async function commitDocument({ ledger, writer, outDir, claim, rendered, record }: CommitTask): Promise<string[]> {
  const { stems: partStems, stale } = ledger.claimParts(claim.id, claim.stem, rendered.parts.length);
  const documents = [{ outputs: rendered as RenderedOutputs, paths: outputPaths(claim.stem) }, ...rendered.parts.map((outputs, i) => ({ outputs, paths: outputPaths(partStems[i]!) }))];
  const writes: Array<{ data: string | Uint8Array; path: string }> = documents.flatMap((d) => OUTPUT_KINDS.map((kind) => ({ data: d.outputs[kind], path: d.paths[kind] })));
  // The archive formats made (a scan read from its text layer gives none): their names
  // claimed, those not made (or no longer asked for) given up, their old files removed below.
  const made = ARCHIVE_KINDS.filter((k) => rendered.archive?.[k] !== undefined);
  const archived = ledger.claimArchive(claim.id, claim.stem, made);
  for (const kind of made) writes.push({ data: rendered.archive![kind]!, path: archived.paths[kind]! });
  stale.push(...archived.stale);

  const bytes = new Map<string, number>();
  const staged: string[] = [];
  const committed: string[] = [];
  try {
    for (const w of writes) {
      bytes.set(w.path, typeof w.data === 'string' ? Buffer.byteLength(w.data) : w.data.byteLength);
      staged.push(await writer.stage(w.data));
    }
    for (const [i, w] of writes.entries()) {
      await writer.commit(staged[i]!, w.path);
      committed.push(w.path);
    }
    staged.length = 0;
    ledger.finish(claim.id, { ...record, bytes }, (db) => {
      // The plan store holds one document per input: of a file holding several, the plan (Revision 2).
      const plans = [rendered, ...rendered.parts].map((d) => ({ plan: JSON.parse(d.json) as PlanDocument, text: d.text }));
      const plan = plans.find((d) => d.plan.header.documentType === 'Kế hoạch') ?? plans[0]!;
      storeDocument(db, claim.id, plan.plan, plan.text);
    });
  } catch (error) {
    // A document is all its outputs or none: the ones already in place go again.
    for (const p of committed) await unlink(join(outDir, p)).catch(() => undefined);
    throw error;
  } finally {
    for (const tmp of staged) await writer.discard(tmp);
  }
  // Parts and formats the input no longer gives (it changed since an earlier run): their files go.
  for (const p of stale) await unlink(join(outDir, p)).catch(() => undefined);
  return documents.map((d) => d.paths.json);
}
