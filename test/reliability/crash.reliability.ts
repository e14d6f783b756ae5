import { expect } from 'chai';
import { checkInstallation, prepare, seeded, settle, startLoad, type Findings } from './load.ts';
import { createInstallation, killAllServerProcesses, postgresConfigured, type Installation, type ServerProcess } from '../support/server-process.ts';

const KILLS = 12;
/** After the last restart: timers due, and jobs leased to a killed process, must be done within this. */
const SETTLE_MS = 45_000;

/**
 * kill -9 of a server at random moments under load, then restart: what was acknowledged survives,
 * numbers stay gapless, nothing runs twice, nothing is left waiting on nothing.
 */
describe('reliability: kill -9 under load', function () {
  this.timeout(300_000);
  let inst: Installation | undefined;
  let findings: Findings | undefined;
  let kills = 0;

  before(async function () {
    if (!postgresConfigured()) {
      console.log('    skipped: kill -9 needs the server in its own process on a shared PostgreSQL (set DATABASE_URL); PGlite is single-process');
      this.skip();
    }
    this.timeout(300_000);
    const seed = Number(process.env.DOSAR_RELIABILITY_SEED ?? Date.now() % 1_000_000);
    console.log(`    crash: seed=${seed} (DOSAR_RELIABILITY_SEED repeats it)`);
    const random = seeded(seed);
    inst = await createInstallation();
    const env = { DOSAR_TRUST_PROXY: '1' };
    let server: ServerProcess | undefined = await inst.start({ env });
    const port = server.port;
    const accounts = await prepare(inst, server.base);
    const load = startLoad(() => server?.base, accounts, { submitters: 6, deciders: 2, random });
    try {
      while (kills < KILLS) {
        await new Promise((resolve) => setTimeout(resolve, 700 + random() * 1800));
        const victim = server!;
        server = undefined;
        await victim.kill9();
        kills++;
        server = await inst.start({ port, env });
      }
    } finally {
      await load.stop();
    }
    const waited = await settle(inst.db(), SETTLE_MS);
    findings = await checkInstallation(inst.db(), load.ack);
    const f = findings;
    console.log(`    crash: kills=${kills} accepted=${f.accepted} present=${f.present} lost=${f.lost.length} duplicated=${f.duplicated.length}`
      + ` | skipped=${f.skipped.length} numbers=${f.numbers} decisions=${load.ack.decisions.size} decisionsLost=${f.decisionsLost.length}`
      + ` timersFired=${f.timersFired} firedTwice=${f.timersFiredTwice.length} jobsCompleted=${f.jobsCompleted} completedTwice=${f.jobsCompletedTwice.length}`
      + ` stuck=${f.stuck.length} incidents=${f.incidents} timedUnfinished=${f.timedUnfinished}/${f.timedTotal} settledIn=${waited}ms`
      + ` unanswered=${load.ack.failed} refused=${JSON.stringify(Object.fromEntries(load.ack.refused))}`);
    await server.stop();
  });

  after(async () => {
    killAllServerProcesses();
    await inst?.destroy();
  });

  it('killed the server at least 10 times while it took submissions and decisions', () => {
    expect(kills).to.be.at.least(10);
    expect(findings!.accepted, 'submissions acknowledged').to.be.greaterThan(50);
  });

  it('keeps every acknowledged submission with the number it was given', () => {
    expect(findings!.lost, 'acknowledged but missing').to.deep.equal([]);
    expect(findings!.duplicated, 'numbers given twice').to.deep.equal([]);
  });

  it('does not skip a registration number', () => {
    expect(findings!.skipped).to.deep.equal([]);
  });

  it('keeps every acknowledged decision', () => {
    expect(findings!.decisionsLost).to.deep.equal([]);
  });

  it('does not fire a timer twice nor complete a job twice', () => {
    expect(findings!.timersFired, 'the load had timers').to.be.greaterThan(0);
    expect(findings!.timersFiredTwice).to.deep.equal([]);
    expect(findings!.jobsCompletedTwice).to.deep.equal([]);
  });

  it('leaves no instance waiting on nothing, and none in an incident', () => {
    expect(findings!.stuck).to.deep.equal([]);
    expect(findings!.incidents).to.equal(0);
  });

  it(`finishes, within ${SETTLE_MS / 1000} s of the last restart, the timers and jobs a killed server held`, () => {
    expect(findings!.timedTotal).to.be.greaterThan(0);
    expect(findings!.timedUnfinished, 'timed instances still active').to.equal(0);
  });
});
