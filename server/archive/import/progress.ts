/**
 * How far an import is, on stderr (stdout is kept for the summary): a bar redrawn in place on a
 * terminal, else one plain line every few seconds (logs, CI, a pipe).
 */
export interface Progress {
  tick(done: number): void;
  finish(done: number): void;
}

export interface ProgressOptions {
  total: number;
  stream?: NodeJS.WriteStream;
  /** Between plain lines when stderr is not a terminal (default DOSAR_PROGRESS_MS, else 5 s). */
  intervalMs?: number;
  now?: () => number;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const started = now();
  const tty = stream.isTTY === true;
  const interval = tty ? 200 : options.intervalMs ?? (Number(process.env.DOSAR_PROGRESS_MS) || 5000);
  let last = 0;
  const draw = (done: number, final: boolean) => {
    const line = describe(done, options.total, now() - started);
    if (tty) {
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - line.length - 4));
      const filled = options.total === 0 ? width : Math.round((width * done) / options.total);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line}\x1b[K${final ? '\n' : ''}`);
    } else stream.write(`archive import: ${line}\n`);
  };
  return {
    tick(done) {
      if (now() - last < interval) return;
      last = now();
      draw(done, false);
    },
    finish(done) {
      draw(done, true);
    },
  };
}

export function describe(done: number, total: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const left = rate > 0 ? (total - done) / rate : undefined;
  return `${done}/${total} files, ${rate.toFixed(1)} docs/s, ${left === undefined ? 'time left unknown' : `${formatDuration(left)} left`}`;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
