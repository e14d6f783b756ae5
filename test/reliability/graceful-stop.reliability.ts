import { expect } from 'chai';
import { checkInstallation, prepare, settle, startLoad, type Findings } from './load.ts';
import { createInstallation, killAllServerProcesses, postgresConfigured, type Installation, type ServerProcess } from '../support/server-process.ts';

/** Lease long enough that a job not given back would still be held when the test looks. */
const LEASE_MS = 60_000;

/**
 * SIGTERM in the middle of a load (what an orchestrator sends on every deploy): the process stops
 * taking connections, answers the requests it has, gives back its leased jobs and exits 0; every
 * submission it acknowledged is in the database, and its work is taken up by the next process at once.
 */
describe('reliability: SIGTERM under load', function () {
  this.timeout(300_000);
  let inst: Installation | undefined;
  let findings: Findings | undefined;
  let exitCode: number | null | undefined;
  let leasedAfterStop = -1;
  let settledInMs = -1;
  let output = '';

  before(async function () {
    if (!postgresConfigured()) {
      console.log('    skipped: the stop is watched from outside the server process, on a shared PostgreSQL (set DATABASE_URL)');
      this.skip();
    }
    inst = await createInstallation();
    const env = { DOSAR_TRUST_PROXY: '1', DOSAR_JOB_LEASE_MS: String(LEASE_MS) };
    const first: ServerProcess = await inst.start({ env });
    const accounts = await prepare(inst, first.base);
    let target: string | undefined = first.base;
    const load = startLoad(() => target, accounts, { submitters: 8, deciders: 2, timedShare: 0.5 });
    try {
      // given a server busy with submissions, decisions, timers and jobs
      await new Promise((resolve) => setTimeout(resolve, 4000));
      // when it is told to stop
      process.kill(first.pid, 'SIGTERM');
      exitCode = await Promise.race([first.exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 30_000)).then(() => -1)]);
      output = first.output();
      target = undefined;
    } finally {
      await load.stop();
    }
    const [leased] = await inst.db().query<{ n: number }>('select count(*)::int as n from jobs where locked_by is not null and locked_until > now()');
    leasedAfterStop = leased!.n;
    // then the next process takes up the timers and jobs the first left
    const second = await inst.start({ env });
    settledInMs = await settle(inst.db(), LEASE_MS / 2);
    findings = await checkInstallation(inst.db(), load.ack);
    console.log(`    graceful stop: exit=${exitCode} accepted=${findings.accepted} lost=${findings.lost.length} leasedAfterStop=${leasedAfterStop}`
      + ` timedUnfinished=${findings.timedUnfinished}/${findings.timedTotal} settledIn=${settledInMs}ms unanswered=${load.ack.failed}`);
    await second.stop();
  });

  after(async () => {
    killAllServerProcesses();
    await inst?.destroy();
  });

  it('exits 0', () => {
    expect(exitCode, output.slice(-4000)).to.equal(0);
  });

  it('loses no acknowledged submission and numbers none twice', () => {
    expect(findings!.accepted).to.be.greaterThan(0);
    expect(findings!.lost).to.deep.equal([]);
    expect(findings!.duplicated).to.deep.equal([]);
    expect(findings!.skipped).to.deep.equal([]);
  });

  it('gives back its leased jobs, so the next process finishes the work without waiting out a lease', () => {
    expect(leasedAfterStop).to.equal(0);
    expect(findings!.timedUnfinished).to.equal(0);
    expect(findings!.stuck).to.deep.equal([]);
    expect(findings!.jobsCompletedTwice).to.deep.equal([]);
  });

  it('logs its stop as JSON lines', () => {
    const lines = output.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).to.include.members(['SIGTERM: stopping', 'stopped']);
  });
});
