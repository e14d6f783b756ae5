import { checkInstallation, prepare, settle, startLoad, type Accounts, type Acknowledged, type Findings } from '../reliability/load.ts';
import { createInstallation, killAllServerProcesses, type Installation, type ServerProcess } from '../support/server-process.ts';

/**
 * `--only scale`: N `npm start` processes (web + executor each, server/main.ts) on one PostgreSQL,
 * N = 1, 2 and 4, each N an installation of its own (a fresh schema). 16 clients spread their
 * calls round-robin over an installation's processes: 12 citizens submitting (70% petitions, 30% a
 * procedure whose instance waits on a 2 s timer and then runs a service-task job) and 4 clerks
 * claiming and deciding triage tasks. The rate is acknowledged submissions plus completed
 * decisions per second; `processes_N_ratio` is the rate with N processes over the rate with 1.
 * The three installations run in alternating slices (as the engine bench runs engine and floor),
 * so a noisy moment on the shared machine hits them alike. On 2 cores more processes cannot add
 * speed: the ratio shows what sharing one database costs (goal at least 0.9).
 *
 * After the load the timed instances are let finish, and each database is checked (load.ts):
 * every acknowledged submission present with its number, numbers gapless, no timer fired twice,
 * no job completed twice, nothing stuck. Any of these, or a call without an answer or with a 5xx,
 * counts as an error; clerks racing for one task (refusals with the codes in RACES) do not.
 */
const SUBMITTERS = 12;
const DECIDERS = 4;
const SLICES = 3;
const SETTLE_MS = 40_000;
const PROCESSES = [1, 2, 4] as const;
/** What a clerk gets for a task another clerk took or finished first: the load's own races. */
const RACES = new Set(['conflict', 'instance-not-active', 'task-not-found', 'task-not-open']);

export interface ScaleBenchOptions {
  seconds: number;
  log: (line: string) => void;
}

interface Setup { n: number; inst: Installation; servers: ServerProcess[]; accounts: Accounts; ack: Acknowledged; seconds: number }

function merge(into: Acknowledged, from: Acknowledged): void {
  for (const [id, s] of from.submissions) {
    const known = into.submissions.get(id);
    if (known && known.number !== s.number) into.conflicting.push(id);
    into.submissions.set(id, s);
  }
  into.conflicting.push(...from.conflicting);
  for (const d of from.decisions) into.decisions.add(d);
  into.failed += from.failed;
  for (const [code, n] of from.refused) into.refused.set(code, (into.refused.get(code) ?? 0) + n);
}

function errorsOf(ack: Acknowledged, f: Findings): number {
  const refusedOther = [...ack.refused].filter(([code]) => !RACES.has(code)).reduce((sum, [, n]) => sum + n, 0);
  return ack.failed + refusedOther + ack.conflicting.length + f.lost.length + f.duplicated.length + f.skipped.length + f.decisionsLost.length
    + f.timersFiredTwice.length + f.jobsCompletedTwice.length + f.stuck.length + f.incidents + f.timedUnfinished;
}

export async function scaleBench(options: ScaleBenchOptions): Promise<Record<string, number>> {
  const setups: Setup[] = [];
  try {
    for (const n of PROCESSES) {
      const inst = await createInstallation();
      const servers: ServerProcess[] = [];
      // One after another: each start migrates and deploys procedures/.
      for (let i = 0; i < n; i++) servers.push(await inst.start({ env: { DOSAR_TRUST_PROXY: '1' } }));
      const accounts = await prepare(inst, servers[0]!.base, 40);
      setups.push({ n, inst, servers, accounts, ack: { submissions: new Map(), conflicting: [], decisions: new Set(), failed: 0, refused: new Map() }, seconds: 0 });
    }
    const sliceMs = (options.seconds * 1000) / SLICES;
    for (let slice = 0; slice < SLICES; slice++) {
      for (const s of setups) {
        let turn = 0;
        const load = startLoad(() => s.servers[turn++ % s.servers.length]!.base, s.accounts, { submitters: SUBMITTERS, deciders: DECIDERS });
        const began = performance.now();
        await new Promise((resolve) => setTimeout(resolve, sliceMs));
        await load.stop();
        s.seconds += (performance.now() - began) / 1000;
        merge(s.ack, load.ack);
      }
    }
    const results: Record<string, number> = {};
    const rates = new Map<number, number>();
    let errors = 0;
    let twice = 0;
    let timers = 0;
    let jobs = 0;
    for (const s of setups) {
      const settledIn = await settle(s.inst.db(), SETTLE_MS);
      const f = await checkInstallation(s.inst.db(), s.ack);
      const submissions = s.ack.submissions.size / s.seconds;
      const completions = s.ack.decisions.size / s.seconds;
      rates.set(s.n, submissions + completions);
      results[`scale_submissions_per_s_p${s.n}`] = Number(submissions.toFixed(1));
      results[`scale_completions_per_s_p${s.n}`] = Number(completions.toFixed(1));
      errors += errorsOf(s.ack, f);
      twice += f.timersFiredTwice.length + f.jobsCompletedTwice.length;
      timers += f.timersFired;
      jobs += f.jobsCompleted;
      options.log(`scale: ${s.n} process(es): ${submissions.toFixed(1)} submissions/s + ${completions.toFixed(1)} completions/s = ${(submissions + completions).toFixed(1)}/s over ${s.seconds.toFixed(1)} s;`
        + ` timers fired ${f.timersFired} (twice: ${f.timersFiredTwice.length}), jobs completed ${f.jobsCompleted} (twice: ${f.jobsCompletedTwice.length}),`
        + ` lost ${f.lost.length}, gaps ${f.skipped.length}, stuck ${f.stuck.length}, unfinished ${f.timedUnfinished}, unanswered/5xx ${s.ack.failed}, refused ${JSON.stringify(Object.fromEntries(s.ack.refused))}, settled in ${settledIn} ms`);
    }
    results.processes_2_ratio = Number((rates.get(2)! / rates.get(1)!).toFixed(2));
    results.processes_4_ratio = Number((rates.get(4)! / rates.get(1)!).toFixed(2));
    results.scale_errors = errors;
    results.scale_timers_fired = timers;
    results.scale_jobs_completed = jobs;
    // The proof that sharing is safe: each timer fired and each job completed exactly once.
    results.scale_run_twice = twice;
    await Promise.all(setups.flatMap((s) => s.servers.map((p) => p.stop())));
    return results;
  } finally {
    killAllServerProcesses();
    for (const s of setups) await s.inst.destroy();
  }
}
