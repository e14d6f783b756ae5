import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../../engine/index.ts';
import { migrateDatabase } from '../../server/store/migrate.ts';
import { PETITION } from '../support/petition.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/**
 * Two processes on one PostgreSQL schema and one register: process A submits to a procedure
 * whose gateway condition costs `n` FEEL steps, process B submits petitions with 4 clients. B
 * prints its submissions/s and latency with A idle, then with A busy:
 *   rm -f /tmp/c.json; COORD_FILE=/tmp/c.json ROLE=b node --import tsx test/bench/registry-contention.ts 90000 6 &
 *   COORD_FILE=/tmp/c.json ROLE=a node --import tsx test/bench/registry-contention.ts 90000 6
 * With SLOW_MS=200 for A, its first step also waits 200 ms (no CPU): the register's lock alone.
 */
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const N = Number(process.argv[2] ?? 90_000);
const SECONDS = Number(process.argv[3] ?? 6);

const MODEL = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <bpmn:process id="costisitor" name="Costisitor" isExecutable="true">
    <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g"/>
    <bpmn:exclusiveGateway id="g" default="f2"/>
    <bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="t"><bpmn:conditionExpression>count(for i in 1..n return i) &gt; 0</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="t"/>
    <bpmn:userTask id="t"/><bpmn:sequenceFlow id="f3" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>
  </bpmn:process></bpmn:definitions>`;

async function post(s: TestServer, token: string, path: string, body: unknown): Promise<{ status: number; ms: number; text: string }> {
  const t0 = performance.now();
  const res = await fetch(`${s.base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, ms: performance.now() - t0, text };
}

async function loop(until: number, fn: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  while (Date.now() < until) out.push(await fn());
  return out;
}

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN; };

/** Process B: sets up the schema, measures its own submissions with A idle, then while A is busy. */
async function roleB(coordFile: string): Promise<void> {
  const schema = `bench_reg_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const db = await openDatabase({ url, schema, poolSize: 8 });
  await migrateDatabase(db);
  const b = await startTestServer(db);
  try {
    b.ctx.mailer.send = async () => ({ messageId: 'bench' });
    const analyst = await b.user('analist@bench.ro', 'analyst');
    const deployed = await b.api('/api/v1/definitions', { token: analyst.token, body: MODEL, headers: { 'content-type': 'application/xml' } });
    if (deployed.status !== 201) throw new Error(JSON.stringify(deployed.body));
    const tokens = await Promise.all([0, 1, 2, 3].map(async (i) => (await b.user(`cetatean${i}@bench.ro`, 'citizen')).token));
    for (const t of tokens) await post(b, t, '/api/v1/procedures/petitie/requests', PETITION);
    const busyAt = Date.now() + SECONDS * 1000 + 3000;
    writeFileSync(coordFile, JSON.stringify({ schema, busyAt, until: busyAt + SECONDS * 1000 }));
    const result: Record<string, number> = { n: N };
    for (const [phase, from] of [['idle', Date.now()], ['busy', busyAt]] as const) {
      while (Date.now() < from) await new Promise((r) => setTimeout(r, 20));
      const until = from + SECONDS * 1000;
      const bMs = (await Promise.all(tokens.map((t) => loop(until, async () => {
        const r = await post(b, t, '/api/v1/procedures/petitie/requests', PETITION);
        if (r.status !== 201) throw new Error(r.text);
        return r.ms;
      })))).flat();
      console.log(`${phase}: B ${(bMs.length / SECONDS).toFixed(1)} submissions/s, p50 ${pct(bMs, 0.5).toFixed(0)} ms, p95 ${pct(bMs, 0.95).toFixed(0)} ms`);
      result[`b_per_s_${phase}`] = Number((bMs.length / SECONDS).toFixed(1));
      result[`b_p50_ms_${phase}`] = Math.round(pct(bMs, 0.5));
      result[`b_p95_ms_${phase}`] = Math.round(pct(bMs, 0.95));
    }
    await new Promise((r) => setTimeout(r, 3000));
    const [row] = await db.query<{ n: number; max: number }>("select count(*)::int as n, max(reg_number) as max from requests where register = 'intrari'");
    console.log(`numbers: ${row!.n} requests, highest ${row!.max} (gapless: ${row!.n === row!.max})`);
    console.log(JSON.stringify(result));
  } finally {
    await b.close();
    await db.query(`drop schema if exists "${schema}" cascade`);
    await db.close();
  }
}

/** Process A: one client submitting to the costly procedure during B's busy phase. */
async function roleA(coordFile: string): Promise<void> {
  while (!existsSync(coordFile)) await new Promise((r) => setTimeout(r, 50));
  const { schema, busyAt, until } = JSON.parse(readFileSync(coordFile, 'utf8')) as { schema: string; busyAt: number; until: number };
  const db = await openDatabase({ url, schema, poolSize: 4 });
  const a = await startTestServer(db);
  try {
    a.ctx.mailer.send = async () => ({ messageId: 'bench' });
    const token = (await a.user('costisitor@bench.ro', 'citizen')).token;
    // SLOW_MS: a first step that waits instead of computing, to see the register's lock without A's CPU.
    const slowMs = Number(process.env.SLOW_MS ?? 0);
    if (slowMs > 0) {
      const start = a.ctx.engine.start.bind(a.ctx.engine);
      a.ctx.engine.start = async (...args: Parameters<typeof start>) => { const r = await start(...args); await new Promise((res) => setTimeout(res, slowMs)); return r; };
    }
    while (Date.now() < busyAt) await new Promise((r) => setTimeout(r, 20));
    const ms = await loop(until, async () => {
      const r = await post(a, token, '/api/v1/procedures/costisitor/requests', { n: N });
      if (r.status !== 201) throw new Error(r.text);
      return r.ms;
    });
    console.log(`A: ${ms.length} costly submissions, p50 ${pct(ms, 0.5).toFixed(0)} ms`);
  } finally {
    await a.close();
    await db.close();
  }
}

async function main(): Promise<void> {
  const [role, coordFile] = [process.env.ROLE, process.env.COORD_FILE ?? '/tmp/dosar-registry-contention.json'];
  if (role === 'a') return roleA(coordFile);
  return roleB(coordFile);
}

main().catch((err) => { console.error(err); process.exit(1); });
