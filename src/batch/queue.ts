/**
 * The job queue a batch runs its documents on. Local by default (p-queue, in process); the
 * interface is what a queue across machines would have to offer.
 */
import PQueue from 'p-queue';

export interface JobQueue {
  /** Run `job` when a slot is free; resolves or rejects with it. */
  add<T>(job: () => Promise<T>): Promise<T>;
  /** Drop the jobs that have not started (their promises never settle). */
  clear(): void;
  /** Resolves when nothing is running or waiting. */
  onIdle(): Promise<void>;
  readonly size: number;
  readonly pending: number;
}

export function createLocalQueue(concurrency: number): JobQueue {
  const queue = new PQueue({ concurrency });
  return {
    add: <T>(job: () => Promise<T>) => queue.add(job) as Promise<T>,
    clear: () => queue.clear(),
    onIdle: () => queue.onIdle(),
    get size() {
      return queue.size;
    },
    get pending() {
      return queue.pending;
    },
  };
}
