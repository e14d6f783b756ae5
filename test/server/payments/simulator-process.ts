import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../support/server-process.ts';

const MAIN = fileURLToPath(new URL('../../../server/payments/simulator/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** `npm run payments:simulator` as a real process on loopback, with its delivery mode switchable. */
export async function startSimulatorProcess(secret: string): Promise<{ url: string; output(): string; mode(mode: string, extra?: Record<string, unknown>): Promise<void>; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: ROOT, env: { ...process.env, PORT: String(port), DOSAR_PAYMENT_SECRET: secret }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (!out.includes('listening')) {
    if (Date.now() > deadline || child.exitCode !== null) { child.kill('SIGKILL'); throw new Error(`the simulator did not start:\n${out}`); }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    output: () => out,
    async mode(mode, extra = {}) {
      const res = await fetch(`${url}/control`, { method: 'POST', body: JSON.stringify({ mode, ...extra }) });
      if (!res.ok) throw new Error(`control: ${res.status}`);
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
