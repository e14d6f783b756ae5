import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Analysis, AnalyseRequest } from './analyse-file.ts';

interface Job {
  request: AnalyseRequest;
  resolve: (a: Analysis) => void;
  reject: (e: Error) => void;
}

/** Heap of one analysis thread: a PDF built to exhaust memory kills its thread, not the import. */
const THREAD_HEAP_MB = 1024;

/**
 * Threads that analyse files (hash, text layer, OCR through child processes) while the main thread
 * writes to the database, one file per thread at a time. A thread that dies on a file (out of
 * memory, a crash in the PDF parser) has that file refused and is replaced; a thread that dies
 * with no file (it could not start) stops the import. Each thread loads tsx itself: the CLI
 * registers tsx with its module API, which worker threads do not inherit.
 */
export class AnalysePool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private readonly bootstrap: string;
  private broken?: Error;
  private closing = false;

  constructor(readonly size: number) {
    const entry = new URL('./analyse-worker.ts', import.meta.url).href;
    this.bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  analyse(request: AnalyseRequest): Promise<Analysis> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise<Analysis>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    this.broken ??= new Error('the analysis pool is closed');
    const workers = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(this.bootstrap, { eval: true, resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB } });
    worker.on('message', (analysis: Analysis) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      this.idle.push(worker);
      job?.resolve(analysis);
      this.dispatch();
    });
    let died = false;
    const die = (why: string) => {
      if (died || this.closing) return;
      died = true;
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      if (!job) return this.fail(new Error(`an analysis thread could not run: ${why}`));
      job.resolve({ status: 'refused', reason: 'analysis-failed', message: `reading the file stopped its thread: ${why}` });
      this.idle.push(this.spawn());
      this.dispatch();
    };
    worker.on('error', (err) => die(err.message));
    worker.on('exit', (code) => die(`exit code ${code}`));
    return worker;
  }

  private dispatch(): void {
    while (this.queue.length > 0 && this.idle.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.postMessage(job.request);
    }
  }

  private fail(err: Error): void {
    this.broken ??= err;
    for (const job of [...this.busy.values(), ...this.queue]) job.reject(err);
    this.busy.clear();
    this.queue.length = 0;
  }
}

/** tsx's ES module API (what `import 'tsx/esm/api'` loads), found from this file whether it runs as ESM or CommonJS. */
function tsxApiUrl(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exported = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!;
  return pathToFileURL(join(dirname(manifest), exported.import.default)).href;
}
