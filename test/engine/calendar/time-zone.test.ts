import { expect } from 'chai';
import fc from 'fast-check';
import { endOfLocalDay, localDate, startOfLocalDay } from '../../../engine/calendar/time-zone.ts';

const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Bucharest', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('time-zone', () => {
  it('gives the Bucharest date on both sides of the summer-time changes', () => {
    // 2026-03-29: clocks go from 03:00 to 04:00 local (01:00 UTC); 2026-10-25: from 04:00 back to 03:00.
    expect(localDate('2026-03-28T21:59:59.999Z')).to.equal('2026-03-28');
    expect(localDate('2026-03-28T22:00:00.000Z')).to.equal('2026-03-29');
    expect(localDate('2026-10-24T20:59:59.999Z')).to.equal('2026-10-24');
    expect(localDate('2026-10-24T21:00:00.000Z')).to.equal('2026-10-25');
    expect(localDate('2026-10-25T21:59:59.999Z')).to.equal('2026-10-25');
    expect(localDate('2026-10-25T22:00:00.000Z')).to.equal('2026-10-26');
  });

  it('begins and ends a day at local midnight, in winter and summer time', () => {
    expect(startOfLocalDay('2026-03-29').toISOString()).to.equal('2026-03-28T22:00:00.000Z');
    expect(startOfLocalDay('2026-03-30').toISOString()).to.equal('2026-03-29T21:00:00.000Z');
    expect(endOfLocalDay('2026-10-25').toISOString()).to.equal('2026-10-25T21:59:59.999Z');
  });

  it('agrees with Intl for any instant from 1900 to 2200, before and after its offsets are cached', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }), (at) => {
      expect(localDate(at)).to.equal(intl.format(at));
      expect(localDate(at.toISOString())).to.equal(intl.format(at));
    }), { numRuns: 2000 });
  });

  it('refuses an invalid instant as Intl does', () => {
    expect(() => localDate('not a date')).to.throw(RangeError);
  });
});
