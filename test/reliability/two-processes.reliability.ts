import { expect } from 'chai';
import { checkInstallation, prepare, settle, startLoad, type Findings } from './load.ts';
import { createInstallation, killAllServerProcesses, postgresConfigured, type Installation, type ServerProcess } from '../support/server-process.ts';

const LOAD_MS = 12_000;
const SETTLE_MS = 30_000;

/** Two servers on one PostgreSQL under one load: one register, one queue of timers and jobs. */
describe('reliability: two server processes on one PostgreSQL', function () {
  this.timeout(180_000);
  let inst: Installation | undefined;
  let findings: Findings | undefined;
  let decisions = 0;

  before(async function () {
    if (!postgresConfigured()) {
      console.log('    skipped: two processes need a shared PostgreSQL (set DATABASE_URL); PGlite is single-process');
      this.skip();
    }
    inst = await createInstallation();
    const env = { DOSAR_TRUST_PROXY: '1' };
    const servers: ServerProcess[] = [await inst.start({ env })];
    servers.push(await inst.start({ env }));
    const accounts = await prepare(inst, servers[0]!.base);
    let turn = 0;
    // Calls alternate between the two servers, so both number requests and both run timers and jobs.
    const load = startLoad(() => servers[turn++ % 2]!.base, accounts, { submitters: 8, deciders: 2 });
    await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
    await load.stop();
    const waited = await settle(inst.db(), SETTLE_MS);
    findings = await checkInstallation(inst.db(), load.ack);
    decisions = load.ack.decisions.size;
    const f = findings;
    console.log(`    two processes: accepted=${f.accepted} present=${f.present} lost=${f.lost.length} duplicated=${f.duplicated.length} skipped=${f.skipped.length}`
      + ` decisions=${decisions} timersFired=${f.timersFired} firedTwice=${f.timersFiredTwice.length} jobsCompleted=${f.jobsCompleted} completedTwice=${f.jobsCompletedTwice.length}`
      + ` timedUnfinished=${f.timedUnfinished}/${f.timedTotal} settledIn=${waited}ms unanswered=${load.ack.failed} refused=${JSON.stringify(Object.fromEntries(load.ack.refused))}`);
    await Promise.all(servers.map((s) => s.stop()));
  });

  after(async () => {
    killAllServerProcesses();
    await inst?.destroy();
  });

  it('numbers every request of both servers in one gapless sequence', () => {
    expect(findings!.accepted).to.be.greaterThan(50);
    expect(findings!.lost).to.deep.equal([]);
    expect(findings!.duplicated).to.deep.equal([]);
    expect(findings!.skipped).to.deep.equal([]);
    expect(findings!.numbers).to.equal(findings!.accepted);
  });

  it('fires each timer once and completes each job once', () => {
    expect(findings!.timedTotal).to.be.greaterThan(0);
    expect(findings!.timersFired, 'every timed instance fired its timer').to.be.at.least(findings!.timedTotal);
    expect(findings!.timersFiredTwice).to.deep.equal([]);
    expect(findings!.jobsCompleted, 'every timed instance ran its job').to.equal(findings!.timedTotal);
    expect(findings!.jobsCompletedTwice).to.deep.equal([]);
    expect(findings!.timedUnfinished).to.equal(0);
  });

  it('keeps every decision and leaves no instance waiting on nothing', () => {
    expect(decisions).to.be.greaterThan(0);
    expect(findings!.decisionsLost).to.deep.equal([]);
    expect(findings!.stuck).to.deep.equal([]);
    expect(findings!.incidents).to.equal(0);
  });
});
