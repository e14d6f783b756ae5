import { expect } from 'chai';
import { clockFromEnv } from '../../engine/clock.ts';

describe('clockFromEnv', () => {
  const manual = { DOSAR_CLOCK: 'manual' };

  it('reads --at as dates in a model are read: without an offset, Bucharest wall-clock time', () => {
    expect(clockFromEnv('2027-01-15T10:00:00', manual).now().toISOString()).to.equal('2027-01-15T08:00:00.000Z');
    expect(clockFromEnv('2027-01-15', manual).now().toISOString()).to.equal('2027-01-14T22:00:00.000Z');
    expect(clockFromEnv('2027-01-15T10:00:00Z', manual).now().toISOString()).to.equal('2027-01-15T10:00:00.000Z');
  });

  it('refuses --at without DOSAR_CLOCK=manual, and a text that is not a date-time', () => {
    expect(() => clockFromEnv('2027-01-15T10:00:00Z', {})).to.throw(/DOSAR_CLOCK=manual/);
    expect(() => clockFromEnv('mâine', manual)).to.throw(/not an ISO date-time/);
    expect(() => clockFromEnv('2027-02-30', manual)).to.throw(/not an ISO date-time/);
  });
});
