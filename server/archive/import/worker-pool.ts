import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Analysis, AnalyseRequest } from './analyse-file.ts';

/**
 * Threads that analyse files (hash, text layer, OCR through child processes) while the main thread
 * writes to the database. Each thread loads tsx itself: the CLI registers tsx with its module API,
 * which worker threads do not inherit.
 */
export class AnalysePool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly waiting: Array<(w: Worker) => void> = [];
  private readonly pending = new Map<number, { resolve: (a: Analysis) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private broken?: Error;

  constructor(readonly size: number) {
    const tsx = tsxApiUrl();
    const entry = new URL('./analyse-worker.ts', import.meta.url).href;
    const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(bootstrap, { eval: true });
      worker.on('message', (m: { id: number; analysis?: Analysis; error?: string }) => {
        const job = this.pending.get(m.id);
        this.pending.delete(m.id);
        this.release(worker);
        if (m.error !== undefined || !m.analysis) job?.reject(new Error(m.error ?? 'no answer'));
        else job?.resolve(m.analysis);
      });
      // A thread that dies takes the pool with it: the import stops and says why (a re-run resumes).
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => this.fail(new Error(`an analysis thread stopped (exit code ${code})`)));
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  async analyse(request: AnalyseRequest): Promise<Analysis> {
    if (this.broken) throw this.broken;
    const worker = this.idle.pop() ?? await new Promise<Worker>((resolve) => this.waiting.push(resolve));
    const id = this.nextId++;
    return new Promise<Analysis>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, request });
    });
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }

  private fail(err: Error): void {
    this.broken ??= err;
    for (const job of this.pending.values()) job.reject(err);
    this.pending.clear();
  }

  async close(): Promise<void> {
    this.broken ??= new Error('the analysis pool is closed');
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}

/** tsx's ES module API (what `import 'tsx/esm/api'` loads), found from this file whether it runs as ESM or CommonJS. */
function tsxApiUrl(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exported = (JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!;
  return pathToFileURL(join(dirname(manifest), exported.import.default)).href;
}
