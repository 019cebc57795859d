/**
 * Native engine: the `tesseract` command, one single-threaded process per page
 * (`OMP_THREAD_LIMIT=1`: its own threads make it far slower on few cores), as many at once
 * as `jobs`. Uses the same best_int model as tesseract.js, gunzipped into a cache folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import PQueue from 'p-queue';
import { OcrEngineOptions, OcrUnavailableError, PSM, type OcrEngine, type OcrImage, type OcrPageResult, type RecognizeOptions } from './engine.js';
import { nativeTessdataDir } from './models.js';
import { parseTesseractTsv } from './tsv.js';

export function nativeTesseractAvailable(command = 'tesseract'): boolean {
  const r = spawnSync(command, ['--version'], { stdio: 'ignore' });
  return r.status === 0;
}

export class NativeTesseractEngine implements OcrEngine {
  readonly name = 'native' as const;
  readonly lang: string;
  readonly concurrency: number;
  private readonly queue: PQueue;
  private readonly tessdata: string;
  private readonly running = new Set<ReturnType<typeof spawn>>();
  private closed = false;

  constructor(options: OcrEngineOptions = {}, private readonly command = 'tesseract') {
    const o = OcrEngineOptions.parse(options);
    if (!nativeTesseractAvailable(command)) {
      throw new OcrUnavailableError(`--ocr-engine native needs the "${command}" command (e.g. apt-get install tesseract-ocr)`);
    }
    this.lang = o.lang;
    this.concurrency = o.jobs ?? availableParallelism();
    this.queue = new PQueue({ concurrency: this.concurrency });
    this.tessdata = nativeTessdataDir(o.lang);
  }

  recognize(image: OcrImage, options: RecognizeOptions = {}): Promise<OcrPageResult> {
    if (this.closed) return Promise.reject(new OcrUnavailableError('the OCR engine is closed'));
    return this.queue.add(() => this.run(image, PSM[options.segmentation ?? 'auto'])) as Promise<OcrPageResult>;
  }

  private run(image: OcrImage, psm: string): Promise<OcrPageResult> {
    const args = ['stdin', 'stdout', '--tessdata-dir', this.tessdata, '-l', this.lang, '--oem', '1', '--psm', psm,
      '--dpi', String(Math.round(image.dpi)), '-c', 'tessedit_create_tsv=1'];
    return new Promise((resolve, reject) => {
      const child = spawn(this.command, args, { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
      this.running.add(child);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', (e) => reject(new OcrUnavailableError(`${this.command}: ${e.message}`)));
      child.on('close', (code, signal) => {
        this.running.delete(child);
        if (code === 0) resolve(parseTesseractTsv(Buffer.concat(out).toString('utf8')));
        else reject(new Error(`${this.command} failed (${signal ?? code}): ${Buffer.concat(err).toString('utf8').trim().slice(0, 300)}`));
      });
      child.stdin.on('error', () => undefined); // EPIPE when the process dies early; reported by 'close'
      child.stdin.end(image.data);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queue.clear();
    for (const child of this.running) child.kill('SIGTERM');
  }
}
