import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { CoreDriver } from '../../support/core-driver.ts';

const model = readFileSync(new URL('../../fixtures/bpmn/authorisation.bpmn', import.meta.url), 'utf8');

async function started(now: string): Promise<CoreDriver> {
  const d = await CoreDriver.fromXml(model);
  d.now = now;
  return d.start();
}

describe('the deadline in a procedure', () => {
  it('starts at registration with the due date of the procedure term', async () => {
    const d = await started('2026-11-02T08:00:00.000Z');
    expect(d.state!.clock!.events.map((e) => e.type)).to.deep.equal(['started']);
    expect(d.events.find((e) => e.type === 'clock.started')!.data).to.deep.include({ due: '2026-12-02' });
  });

  it('gives a task with its own term a due date from the same calendar', async () => {
    // 10 working days from Mon 2026-11-23: 24-27 (4), 30 Nov and 1 Dec holidays, 2-4 (7), 7-9 (10) -> end of 2026-12-09 in Bucharest
    const d = await started('2026-11-23T08:00:00.000Z');
    expect(d.task('review').due).to.equal('2026-12-09T21:59:59.999Z');
  });

  it('arms the tacit-approval timer at expiry and the reminder two working days before', async () => {
    const d = await started('2026-11-02T08:00:00.000Z');
    // due 2026-12-02 (Wed): expires at Bucharest midnight; 2 working days before, past the 1 Dec and
    // 30 Nov holidays and the weekend: Fri 11-27 (1), Thu 11-26 (2), from its first minute
    expect(d.timerAt('tacit')!.dueAt).to.equal('2026-12-02T22:00:00.000Z');
    expect(d.timerAt('reminder')!.dueAt).to.equal('2026-11-25T22:00:00.000Z');
  });

  it('moves those timers in the same step when the term is extended', async () => {
    const d = await started('2026-11-02T08:00:00.000Z');
    const before = d.timerAt('tacit')!.id;
    d.run({ type: 'deadline', action: 'extend', amount: 15, unit: 'days', reason: 'Petiție complexă', source: 'OG 27/2002 art. 9' });
    // 2026-12-02 + 15 = 2026-12-17 (Thu)
    expect(d.timerAt('tacit')!.dueAt).to.equal('2026-12-17T22:00:00.000Z');
    expect(d.timers.has(before)).to.equal(false);
    expect(d.events.find((e) => e.type === 'clock.extended')!.data).to.deep.include({ amount: 15, unit: 'days', reason: 'Petiție complexă', due: '2026-12-17' });
  });

  it('holds tied timers while suspended and re-arms them when the deadline resumes', async () => {
    const d = await started('2026-11-02T08:00:00.000Z');
    d.now = '2026-11-10T08:00:00.000Z';
    d.run({ type: 'deadline', action: 'suspend', reason: 'documente lipsă' });
    expect(d.timerAt('tacit')!.dueAt).to.equal('9999-12-31T00:00:00.000Z');
    d.now = '2026-11-20T08:00:00.000Z';
    d.run({ type: 'deadline', action: 'resume' });
    // 8 days consumed, 22 left from 2026-11-20 -> 2026-12-12 (Sat) -> Mon 2026-12-14
    expect(d.timerAt('tacit')!.dueAt).to.equal('2026-12-14T22:00:00.000Z');
  });

  it('records tacit approval when the term expires with no decision', async () => {
    const d = await started('2026-11-02T08:00:00.000Z');
    d.fireTimerAt('reminder');
    d.fireTimerAt('tacit');
    expect(d.variables.tacitApproval).to.equal(true);
    expect(d.events.some((e) => e.type === 'clock.tacit-approval')).to.equal(true);
    expect(d.status).to.equal('completed');
  });

  it('suspends while a marked element waits for the citizen, and resumes when it completes', async () => {
    const d = await started('2026-11-02T08:00:00.000Z');
    d.now = '2026-11-05T08:00:00.000Z';
    d.completeTask('review', { missingDocuments: true });
    expect(d.state!.clock!.events.map((e) => e.type)).to.deep.equal(['started', 'suspended']);
    d.now = '2026-11-09T08:00:00.000Z';
    d.correlate('documents-received');
    expect(d.state!.clock!.events.map((e) => e.type)).to.deep.equal(['started', 'suspended', 'resumed']);
  });

  it('refuses a resume without a suspension and changes nothing', async () => {
    const d = await started('2026-11-02T08:00:00.000Z');
    const before = JSON.stringify(d.state);
    expect(() => d.run({ type: 'deadline', action: 'resume' })).to.throw(/not suspended/);
    expect(JSON.stringify(d.state)).to.equal(before);
  });

  it('refuses an extension of a finished request', async () => {
    const d = await started('2026-11-02T08:00:00.000Z');
    d.completeTask('review', { missingDocuments: false }).completeTask('decide');
    expect(d.status).to.equal('completed');
    expect(() => d.run({ type: 'deadline', action: 'extend', amount: 15, unit: 'days', reason: 'late' })).to.throw(/ended/);
  });
});
