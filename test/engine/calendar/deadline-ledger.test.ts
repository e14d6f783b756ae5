import { expect } from 'chai';
import fc from 'fast-check';
import { assertDeadlineEvent, deadlineStatus, computeTerm, createCalendar, formatDate, parseExtension, parseLegalTerm, type DeadlineEvent, type Deadline } from '../../../engine/calendar/index.ts';

const calendar = createCalendar();
const at = (date: string) => `${date}T09:00:00.000Z`;
function deadline(term: string, ...events: Array<[DeadlineEvent['type'], string, Partial<DeadlineEvent>?]>): Deadline {
  return { term: parseLegalTerm(term), events: events.map(([type, date, extra]) => ({ type, date, at: at(date), ...extra }) as DeadlineEvent) };
}

describe('parseExtension', () => {
  it('reads "15 days" as more days and "to 30 days" as a longer term from the start', () => {
    expect(parseExtension('15 days')).to.deep.equal({ amount: 15, unit: 'days', rule: 'civil' });
    expect(parseExtension('to 30 days')).to.deep.equal({ amount: 30, unit: 'days', rule: 'civil', to: true });
  });
});

describe('deadlineStatus', () => {
  it('gives a petition registered on 2026-11-02 its 30-day due date', () => {
    expect(deadlineStatus(deadline('30 days', ['started', '2026-11-02']), calendar).due).to.equal('2026-12-02');
  });

  it('has no due date while suspended', () => {
    const s = deadlineStatus(deadline('30 days', ['started', '2026-03-02'], ['suspended', '2026-03-10']), calendar);
    expect(s).to.include({ state: 'suspended', due: null, suspendedSince: '2026-03-10' });
  });

  it('moves the due date by a suspension that spans Easter 2026', () => {
    // 10 days from 2026-04-01: 8 consumed by 04-09, suspended until 04-14, 2 left -> 04-16
    const s = deadlineStatus(deadline('10 days', ['started', '2026-04-01'], ['suspended', '2026-04-09'], ['resumed', '2026-04-14']), calendar);
    expect(s.due).to.equal('2026-04-16');
    expect(s.suspendedDays).to.equal(5);
  });

  it('moves a term in weeks by the days it was suspended', () => {
    // 2 weeks from Wednesday 2026-03-04 end on 03-18; suspended 03-09 to 03-12 (3 days) -> Saturday 03-21 -> Monday 03-23
    expect(deadlineStatus(deadline('2 weeks', ['started', '2026-03-04']), calendar).due).to.equal('2026-03-18');
    expect(deadlineStatus(deadline('2 weeks', ['started', '2026-03-04'], ['suspended', '2026-03-09'], ['resumed', '2026-03-12']), calendar).due).to.equal('2026-03-23');
  });

  it('continues a working-days term after a suspension over the holidays', () => {
    // 5 working days from Mon 2026-04-06: Tue 07 (1), Wed 08 (2), suspended 04-08..04-14, then Wed 15 (3), Thu 16 (4), Fri 17 (5)
    const s = deadlineStatus(deadline('5 working-days', ['started', '2026-04-06'], ['suspended', '2026-04-08'], ['resumed', '2026-04-14']), calendar);
    expect(s.due).to.equal('2026-04-17');
  });

  it('extends a term to a longer one counted from the start (Legea 544/2001 art. 7 alin. (1)), not after the moved due date', () => {
    // from Wed 2027-03-03: 10 days = Sat 03-13 -> Mon 03-15; 30 days from the start = Fri 2027-04-02
    // (20 days more after the moved due date would give Sun 04-04 -> Mon 04-05)
    const s = deadlineStatus(deadline('10 days', ['started', '2027-03-03'], ['extended', '2027-03-10', { amount: 30, unit: 'days', reason: 'notice sent', to: true }]), calendar);
    expect(s.due).to.equal('2027-04-02');
    expect(s.extensions).to.equal(1);
  });

  it('keeps a suspension when a term is extended to a longer one', () => {
    // 30 days from 2027-03-03 with 5 days suspended (03-05..03-10) -> 04-07
    const s = deadlineStatus(deadline('10 days', ['started', '2027-03-03'], ['suspended', '2027-03-05'], ['resumed', '2027-03-10'], ['extended', '2027-03-11', { amount: 30, unit: 'days', reason: 'notice sent', to: true }]), calendar);
    expect(s.due).to.equal('2027-04-07');
  });

  it('adds two extensions one after the other (OG 27/2002 art. 9)', () => {
    // 30 days from 2026-03-02 = 04-01; +15 = 04-16; +10 = 04-26 (Sunday) -> 04-27
    const s = deadlineStatus(deadline('30 days', ['started', '2026-03-02'], ['extended', '2026-03-20', { amount: 15, unit: 'days', reason: 'complex' }], ['extended', '2026-04-10', { amount: 10, unit: 'days', reason: 'again' }]), calendar);
    expect(s.due).to.equal('2026-04-27');
    expect(s.extensions).to.equal(2);
  });

  it('is identical whether computed at once or across a suspension of zero days', () => {
    const dates = fc.integer({ min: 0, max: 365 * 20 }).map((d) => formatDate(new Date(Date.UTC(2020, 0, 1) + d * 86_400_000)));
    fc.assert(fc.property(dates, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom('days', 'working-days', 'weeks', 'months'), (start, amount, offset, unit) => {
      const term = `${unit === 'months' ? Math.min(amount, 24) : amount} ${unit}`;
      const pause = formatDate(new Date(Date.parse(start) + Math.min(offset, amount - 1) * 86_400_000));
      const plain = deadlineStatus(deadline(term, ['started', start]), calendar).due;
      const paused = deadlineStatus(deadline(term, ['started', start], ['suspended', pause], ['resumed', pause]), calendar).due;
      return plain === paused && plain === computeTerm(calendar, start, Number(term.split(' ')[0]), unit).due;
    }));
  });
});

describe('assertDeadlineEvent', () => {
  it('refuses to resume a deadline that is not suspended', () => {
    expect(() => assertDeadlineEvent(deadline('30 days', ['started', '2026-03-02']), 'resumed')).to.throw(/not suspended/);
  });

  it('refuses to suspend twice', () => {
    expect(() => assertDeadlineEvent(deadline('30 days', ['started', '2026-03-02'], ['suspended', '2026-03-03']), 'suspended')).to.throw(/already suspended/);
  });

  it('refuses any change once the request is finished', () => {
    expect(() => assertDeadlineEvent(deadline('30 days', ['started', '2026-03-02'], ['stopped', '2026-03-05']), 'extended')).to.throw(/stopped/);
  });
});
