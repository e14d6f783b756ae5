import { expect } from 'chai';
import { checkCron, nextCron } from '../../../engine/core/cron.ts';
import { isCron } from '../../../engine/core/iso-time.ts';
import { problemCodes } from '../../support/model-problems.ts';
import { bpmn } from '../../support/core-driver.ts';

const next = (expression: string, after: string) => nextCron(expression, new Date(after))?.toISOString();

describe('cron timer cycles', () => {
  it('tells a cron expression from an ISO 8601 repeating interval', () => {
    expect(isCron('0 0 8 1 * ?')).to.equal(true);
    expect(isCron('@daily')).to.equal(true);
    expect(isCron('R3/PT1H')).to.equal(false);
    expect(isCron('R/2027-01-01T00:00:00/P1D')).to.equal(false);
  });

  it('names Bucharest wall-clock times, across the change to summer time', () => {
    expect(next('0 0 8 1 * ?', '2026-12-07T10:00:00Z')).to.equal('2027-01-01T06:00:00.000Z');
    expect(next('0 0 8 1 * ?', '2027-03-15T10:00:00Z')).to.equal('2027-04-01T05:00:00.000Z');
    expect(next('@daily', '2027-03-27T23:00:00Z')).to.equal('2027-03-28T21:00:00.000Z');
  });

  it('reads ? as "any day", whatever day it is now (not as today\'s value)', () => {
    expect(next('0 0 8 ? * MON', '2027-01-06T10:00:00Z')).to.equal('2027-01-11T06:00:00.000Z');
    expect(next('0 0 8 15 * ?', '2027-01-06T10:00:00Z')).to.equal('2027-01-15T06:00:00.000Z');
  });

  it('takes the last day of the month (L) and day names', () => {
    expect(next('0 0 17 L * ?', '2027-02-03T10:00:00Z')).to.equal('2027-02-28T15:00:00.000Z');
    expect(next('0 30 9 ? * MON-FRI', '2027-02-05T10:00:00Z')).to.equal('2027-02-08T07:30:00.000Z');
  });

  it('refuses an expression it cannot read or that never fires, saying why', () => {
    expect(() => checkCron('0 0 25 * * *')).to.throw(/hour/);
    expect(() => checkCron('0 0 8 31 2 ?')).to.throw(/never fires/);
    expect(() => checkCron('0 0 8 1 * ?')).not.to.throw();
  });

  it('refuses such a cycle at deploy, on its element', async () => {
    const model = (cycle: string) => bpmn(`<bpmn:process id="p" isExecutable="true">
      <bpmn:startEvent id="lunar"><bpmn:timerEventDefinition><bpmn:timeCycle>${cycle}</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
      <bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f" sourceRef="lunar" targetRef="e" /></bpmn:process>`);
    expect(await problemCodes(model('0 0 8 32 * ?'))).to.deep.equal(['timer-invalid@lunar']);
    expect(await problemCodes(model('0 0 8 1 * ?'))).to.deep.equal([]);
  });
});
