/** A worker thread of the batch: renders one document at a time (./document.ts). */
import { parentPort } from 'node:worker_threads';
import { errorRecord, renderDocument, type RenderTask } from './document.js';

parentPort!.on('message', (message: { id: number; task: RenderTask }) => {
  renderDocument(message.task).then(
    (rendered) => parentPort!.postMessage({ id: message.id, ok: true, rendered }),
    (error: unknown) => parentPort!.postMessage({ id: message.id, ok: false, error: errorRecord(error) }),
  );
});
