import { randomUUID } from 'node:crypto';
import type { Database } from '../../engine/index.ts';
import { PETITION } from '../support/petition.ts';
import type { Installation } from '../support/server-process.ts';

/**
 * The load of the multi-process reliability tests: citizens submitting petitions and a small
 * procedure of our own whose instances wait on a short timer and then run a service task; clerks
 * claiming and deciding triage tasks. Every 2xx is recorded; checkInstallation() then compares the
 * database with what was acknowledged.
 */

/** Timer, then a service task of a handler every installation has (engine/jobs/handlers.ts), then the end. */
export const TIMED_KEY = 'incercare-fiabilitate';
const TIMED_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dosar="http://dosar.ro/schema/bpmn" id="defs" targetNamespace="http://dosar.ro/test">
  <bpmn:process id="${TIMED_KEY}" name="Încercare de fiabilitate" isExecutable="true">
    <bpmn:startEvent id="s" />
    <bpmn:intermediateCatchEvent id="asteptare"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:serviceTask id="lucru" dosar:handler="set-variables" />
    <bpmn:endEvent id="e" />
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="asteptare" />
    <bpmn:sequenceFlow id="f2" sourceRef="asteptare" targetRef="lucru" />
    <bpmn:sequenceFlow id="f3" sourceRef="lucru" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>`;
export const TIMED_PACKAGE = {
  xml: TIMED_XML,
  meta: { title: { ro: 'Încercare de fiabilitate', en: 'Reliability trial' }, register: 'intrari', requestForm: 'cerere' },
  forms: { cerere: { schema: { type: 'object', additionalProperties: false, required: ['subiect'], properties: { subiect: { type: 'string', title: 'Subiect', minLength: 1, maxLength: 200 } } } } },
};

export interface Accounts {
  citizens: string[];
  clerk: string;
  analyst: string;
}

/** Accounts for the load (many citizens, as a city has) and the timed procedure, deployed through the API. */
export async function prepare(inst: Installation, base: string, citizens = 20): Promise<Accounts> {
  const tokens: string[] = [];
  for (let i = 0; i < citizens; i++) tokens.push((await inst.account(`cetatean${i}@exemplu.ro`, 'citizen')).token);
  const clerk = (await inst.account('ana@primarie.ro', 'clerk', ['registratura'])).token;
  const analyst = (await inst.account('elena@primarie.ro', 'analyst')).token;
  const res = await fetch(`${base}/api/v1/definitions`, { method: 'POST', headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' }, body: JSON.stringify(TIMED_PACKAGE) });
  if (res.status !== 201) throw new Error(`deploying the timed procedure: ${res.status} ${await res.text()}`);
  return { citizens: tokens, clerk, analyst };
}

export interface Acknowledged {
  /** request id → registration number, per 2xx of a submission */
  submissions: Map<string, { number: string; procedure: string }>;
  /** the same request id acknowledged with two different numbers */
  conflicting: string[];
  /** task ids whose completion answered 2xx */
  decisions: Set<string>;
  /** calls that got no answer (connection refused or reset) or a 5xx */
  failed: number;
  /** 4xx answers by code (races between clerks give task-not-open; rate limits give rate-limited) */
  refused: Map<string, number>;
}

/** Where to send each call: the load follows the servers as they die and come back. */
export type Target = () => string | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A pseudo-random source with a seed, so a failing run can be repeated (the seed is printed). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs submitters and deciders until stop() is called. A submission whose answer was lost is
 * retried with the same Idempotency-Key (as a client should), so an acknowledgement can come from
 * a retry; a decision is not retried (the task may be closed already).
 */
export function startLoad(target: Target, accounts: Accounts, options: { submitters?: number; deciders?: number; timedShare?: number; random?: () => number } = {}) {
  const random = options.random ?? Math.random;
  const ack: Acknowledged = { submissions: new Map(), conflicting: [], decisions: new Set(), failed: 0, refused: new Map() };
  let stopping = false;
  // Each simulated citizen comes from its own address (the server trusts one proxy hop), as a
  // city's citizens do: the per-address limits on submissions are not what this suite measures.
  const address = () => `10.${Math.floor(random() * 250)}.${Math.floor(random() * 250)}.${1 + Math.floor(random() * 250)}`;

  async function call(path: string, token: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any } | undefined> {
    const base = target();
    if (!base) return undefined;
    try {
      const res = await fetch(base + path, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-forwarded-for': address(), ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      let parsed: any = text;
      try { parsed = JSON.parse(text); } catch { /* not JSON */ }
      return { status: res.status, body: parsed };
    } catch {
      return undefined;
    }
  }

  function refused(code: string) { ack.refused.set(code, (ack.refused.get(code) ?? 0) + 1); }

  async function submitter(n: number) {
    let i = 0;
    while (!stopping) {
      const token = accounts.citizens[(n + i++) % accounts.citizens.length]!;
      const timed = random() < (options.timedShare ?? 0.3);
      const procedure = timed ? TIMED_KEY : 'petitie';
      const body = timed ? { subiect: `Încercare ${n}-${i}` } : { ...PETITION, subiect: `Petiție ${n}-${i} ș ț ă` };
      const key = randomUUID();
      for (let attempt = 0; attempt < 40 && !stopping; attempt++) {
        const res = await call(`/api/v1/procedures/${procedure}/requests`, token, body, { 'idempotency-key': key });
        if (res && res.status >= 200 && res.status < 300) {
          const id = res.body.id as string;
          const known = ack.submissions.get(id);
          if (known && known.number !== res.body.registrationNumber) ack.conflicting.push(id);
          ack.submissions.set(id, { number: res.body.registrationNumber, procedure });
          break;
        }
        if (res && res.status < 500) { refused(res.body?.error?.code ?? String(res.status)); break; }
        ack.failed++;
        await sleep(100);
      }
    }
  }

  async function decider() {
    while (!stopping) {
      const base = target();
      if (!base) { await sleep(100); continue; }
      let tasks: Array<{ id: string; elementId: string }> = [];
      try {
        const res = await fetch(`${base}/api/v1/tasks?group=registratura&assignee=none&limit=50`, { headers: { authorization: `Bearer ${accounts.clerk}` }, signal: AbortSignal.timeout(15_000) });
        if (res.status === 200) tasks = ((await res.json()) as { tasks: typeof tasks }).tasks.filter((t) => t.elementId === 'triere');
        else await res.arrayBuffer();
      } catch { ack.failed++; }
      if (tasks.length === 0) { await sleep(200); continue; }
      const task = tasks[Math.floor(random() * tasks.length)]!;
      const claimed = await call(`/api/v1/tasks/${task.id}/claim`, accounts.clerk, {});
      if (!claimed) { ack.failed++; continue; }
      if (claimed.status !== 200) { refused(claimed.body?.error?.code ?? String(claimed.status)); continue; }
      // Sent to the competent authority: the petition ends here (OG 27/2002 art. 6 alin. (2)).
      const done = await call(`/api/v1/tasks/${task.id}/complete`, accounts.clerk, { data: { anonima: false, competenta: false, autoritate: 'Instituția Prefectului' } });
      if (!done) ack.failed++;
      else if (done.status === 200) ack.decisions.add(task.id);
      else if (done.status >= 500) ack.failed++;
      else refused(done.body?.error?.code ?? String(done.status));
    }
  }

  const workers = [
    ...Array.from({ length: options.submitters ?? 6 }, (_, n) => submitter(n)),
    ...Array.from({ length: options.deciders ?? 2 }, () => decider()),
  ];
  return {
    ack,
    async stop() {
      stopping = true;
      await Promise.all(workers);
    },
  };
}

export interface Findings {
  accepted: number;
  present: number;
  lost: string[];
  /** registration numbers held by two requests, or one request acknowledged with two numbers */
  duplicated: string[];
  /** numbers missing from 1..max in the register */
  skipped: number[];
  numbers: number;
  decisionsLost: string[];
  timersFired: number;
  timersFiredTwice: string[];
  jobsCompleted: number;
  jobsCompletedTwice: string[];
  /** active instances waiting on nothing: no open task, timer, job or subscription */
  stuck: string[];
  incidents: number;
  /** instances of the timed procedure not completed */
  timedUnfinished: number;
  timedTotal: number;
}

/** Compares the database with what the load was told, and looks for double work and stuck instances. */
export async function checkInstallation(db: Database, ack: Acknowledged): Promise<Findings> {
  const rows = await db.query<{ id: string; registration_number: string; reg_number: number; reg_year: number }>("select id, registration_number, reg_number, reg_year from requests where register = 'intrari'");
  const byId = new Map(rows.map((r) => [r.id, r]));
  const lost: string[] = [];
  const duplicated: string[] = [...ack.conflicting];
  for (const [id, { number }] of ack.submissions) {
    const row = byId.get(id);
    if (!row) lost.push(id);
    else if (row.registration_number !== number) duplicated.push(`${id} acknowledged ${number}, stored ${row.registration_number}`);
  }
  const skipped: number[] = [];
  for (const year of new Set(rows.map((r) => r.reg_year))) {
    const numbers = rows.filter((r) => r.reg_year === year).map((r) => r.reg_number).sort((a, b) => a - b);
    const seen = new Set<number>();
    for (const n of numbers) {
      if (seen.has(n)) duplicated.push(`number ${n}/${year} held twice`);
      seen.add(n);
    }
    const max = numbers.at(-1) ?? 0;
    for (let n = 1; n <= max; n++) if (!seen.has(n)) skipped.push(n);
  }
  const closed = new Set((await db.query<{ id: string }>("select id from closed_tasks where status = 'completed'")).map((r) => r.id));
  const decisionsLost = [...ack.decisions].filter((id) => !closed.has(id));
  const fired = await db.query<{ timer_id: string; n: number }>(
    "select x.item -> 'data' ->> 'timerId' as timer_id, count(*)::int as n from events, jsonb_array_elements(items) as x(item) where x.item ->> 'type' = 'timer.fired' group by 1",
  );
  const jobs = await db.query<{ job_id: string; n: number }>(
    "select x.item -> 'data' ->> 'jobId' as job_id, count(*)::int as n from events, jsonb_array_elements(items) as x(item) where x.item ->> 'type' = 'job.completed' group by 1",
  );
  const stuck = await db.query<{ id: string }>(`select i.id from instances i where i.status = 'active'
      and not exists (select 1 from tasks t where t.instance_id = i.id and t.status = 'open')
      and not exists (select 1 from timers m where m.instance_id = i.id)
      and not exists (select 1 from jobs j where j.instance_id = i.id)
      and not exists (select 1 from subscriptions s where s.instance_id = i.id)`);
  const [incidents] = await db.query<{ n: number }>("select count(*)::int as n from instances where status = 'incident'");
  const [timed] = await db.query<{ total: number; unfinished: number }>("select count(*)::int as total, count(*) filter (where status <> 'completed')::int as unfinished from instances where key = $1", [TIMED_KEY]);
  return {
    accepted: ack.submissions.size,
    present: ack.submissions.size - lost.length,
    lost,
    duplicated,
    skipped,
    numbers: rows.length,
    decisionsLost,
    timersFired: fired.reduce((sum, r) => sum + r.n, 0),
    timersFiredTwice: fired.filter((r) => r.n > 1).map((r) => r.timer_id),
    jobsCompleted: jobs.reduce((sum, r) => sum + r.n, 0),
    jobsCompletedTwice: jobs.filter((r) => r.n > 1).map((r) => r.job_id),
    stuck: stuck.map((r) => r.id),
    incidents: incidents!.n,
    timedUnfinished: timed!.unfinished,
    timedTotal: timed!.total,
  };
}

/** Waits until every timed instance has finished (timer fired, job run) or the time is up. */
export async function settle(db: Database, withinMs: number): Promise<number> {
  const began = Date.now();
  for (;;) {
    const [row] = await db.query<{ n: number }>("select count(*)::int as n from instances where key = $1 and status = 'active'", [TIMED_KEY]);
    if (row!.n === 0 || Date.now() - began > withinMs) return Date.now() - began;
    await sleep(250);
  }
}
