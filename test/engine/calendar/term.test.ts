import { expect } from 'chai';
import fc from 'fast-check';
import { addWorkingDays, computeTerm, createCalendar, explainTerm, formatDate, parseDayFile, workingDaysBetween } from '../../../engine/calendar/index.ts';
import { AppError } from '../../../engine/errors.ts';

const calendar = createCalendar();
const due = (start: string, amount: number, unit: string, rule?: 'civil' | 'procedural') => computeTerm(calendar, start, amount, unit, rule ? { rule } : {}).due;

describe('computeTerm', () => {
  describe('in days (Codul civil art. 2553-2554)', () => {
    it('does not count the start day', () => {
      // 2026-03-02 (Mon) + 3 days = Thu 2026-03-05
      expect(due('2026-03-02', 3, 'days')).to.equal('2026-03-05');
    });

    it('moves a last day on Easter 2026 to the next working day', () => {
      // 2026-04-08 + 3 = Sat 04-11; Sun 04-12 Easter; Mon 04-13 Easter Monday -> Tue 04-14
      expect(due('2026-04-08', 3, 'days')).to.equal('2026-04-14');
    });

    it('moves past Good Friday and the 1 May weekend of Easter 2027', () => {
      // 2027-04-27 + 3 = Fri 04-30 Good Friday; Sat 05-01; Sun 05-02 Easter; Mon 05-03 -> Tue 05-04
      expect(due('2027-04-27', 3, 'days')).to.equal('2027-05-04');
    });

    it('counts a 30-day petition term across 30 November and 1 December', () => {
      // 2026-10-30 + 30 = Sun 11-29; Mon 11-30 Sf. Andrei; Tue 12-01 National Day -> Wed 12-02
      expect(due('2026-10-30', 30, 'days')).to.equal('2026-12-02');
    });

    it('crosses the new-year holidays', () => {
      // 2025-12-22 + 10 = Thu 2026-01-01; Fri 01-02; Sat, Sun -> Mon 01-05
      expect(due('2025-12-22', 10, 'days')).to.equal('2026-01-05');
    });

    it('leaves out the last day too under the procedural rule (CPC art. 181)', () => {
      // 2026-05-28 + 2 + 1 = Sun 05-31 Rusalii; Mon 06-01 Rusalii Monday -> Tue 06-02
      expect(due('2026-05-28', 2, 'days', 'procedural')).to.equal('2026-06-02');
      expect(due('2026-03-02', 3, 'days', 'procedural')).to.equal('2026-03-06');
    });
  });

  describe('in working days', () => {
    it('counts only working days after the start day', () => {
      // Wed 2026-04-08: Thu 09 (1), Fri 10 Good Friday, weekend, Mon 13 Easter Monday, Tue 14 (2), Wed 15 (3)
      const result = computeTerm(calendar, '2026-04-08', 3, 'working-days');
      expect(result.due).to.equal('2026-04-15');
      expect(result.skipped.map((s) => s.date)).to.deep.equal(['2026-04-10', '2026-04-11', '2026-04-12', '2026-04-13']);
    });

    it('gives an urbanism certificate (15 working days, Legea 50/1991) its date', () => {
      // from Mon 2026-11-23: 24,25,26,27 (4), 30 Nov and 1 Dec holidays, 2,3,4 (7), 7..11 (12), 14,15,16 (15)
      expect(due('2026-11-23', 15, 'working-days')).to.equal('2026-12-16');
    });

    it('goes backwards for a negative count', () => {
      expect(addWorkingDays(calendar, '2026-04-14', -2)).to.equal('2026-04-08');
    });
  });

  describe('in months', () => {
    it('ends on the same-numbered day', () => {
      expect(due('2026-03-10', 2, 'months')).to.equal('2026-05-11'); // 05-10 is a Sunday
    });

    it('ends on the last day of a shorter month, then on a working day', () => {
      // 2026-01-31 + 1 month = 02-28 (Sat) -> Mon 03-02
      expect(due('2026-01-31', 1, 'months')).to.equal('2026-03-02');
      expect(due('2027-12-31', 2, 'months')).to.equal('2028-02-29');
    });
  });

  describe('in weeks (Codul civil art. 2551)', () => {
    it('ends on the same weekday of the last week, then on a working day', () => {
      // Wednesday 2026-03-04 + 2 weeks = Wednesday 03-18
      expect(due('2026-03-04', 2, 'weeks')).to.equal('2026-03-18');
      // Friday 2026-12-11 + 2 weeks = Friday 12-25 (Christmas) -> 12-26 Saturday -> Monday 12-28
      expect(due('2026-12-11', 2, 'weeks')).to.equal('2026-12-28');
      expect(due('2026-03-04', 3, 'săptămâni')).to.equal('2026-03-25');
    });

    it('explains itself in Romanian, in the number the amount asks for', () => {
      expect(explainTerm(computeTerm(calendar, '2026-03-04', 2, 'weeks'))[0]).to.equal('Termen de 2 săptămâni de la 2026-03-04 (regula civilă, Codul civil art. 2551, art. 2554): 2026-03-18');
      expect(explainTerm(computeTerm(calendar, '2026-03-04', 1, 'weeks'))[0]).to.match(/^Termen de 1 săptămână de la/);
      expect(explainTerm(computeTerm(calendar, '2026-03-04', 1, 'days'))[0]).to.match(/^Termen de 1 zi de la/);
      expect(explainTerm(computeTerm(calendar, '2026-03-04', 45, 'days'))[0]).to.match(/^Termen de 45 de zile de la/);
      expect(explainTerm(computeTerm(calendar, '2026-03-04', 1, 'days'), 'en')[0]).to.match(/^Term of 1 day from/);
      expect(explainTerm(computeTerm(calendar, '2026-03-04', 15, 'working-days'), 'en')[0]).to.match(/^Term of 15 working days from/);
    });
  });

  describe('under the procedural rule in weeks, months or years (CPC art. 181 alin. (1) pct. 3)', () => {
    it('ends on the corresponding day, as under the civil rule: only terms in days leave out their last day', () => {
      expect(due('2026-03-04', 2, 'weeks', 'procedural')).to.equal('2026-03-18');
      expect(due('2026-05-05', 1, 'months', 'procedural')).to.equal('2026-06-05');
      expect(due('2026-01-31', 1, 'months', 'procedural')).to.equal('2026-03-02');
      expect(due('2026-06-15', 1, 'years', 'procedural')).to.equal('2027-06-15');
    });
  });

  describe('with extra non-working days set by government decision', () => {
    it('skips them like holidays', () => {
      const cal = createCalendar({ extraNonWorkingDays: [{ date: '2026-03-05', reason: 'HG 1/2026 zi liberă' }] });
      const result = computeTerm(cal, '2026-03-02', 3, 'days');
      expect(result.due).to.equal('2026-03-06');
      expect(explainTerm(result, 'ro')[1]).to.equal('2026-03-05 HG 1/2026 zi liberă (zi nelucrătoare)');
    });

    it('counts a worked Saturday as a working day', () => {
      const cal = createCalendar({ extraWorkingDays: [{ date: '2026-03-07', reason: 'recuperare' }] });
      expect(computeTerm(cal, '2026-03-04', 3, 'days').due).to.equal('2026-03-07');
    });
  });

  describe('bad input', () => {
    const bad: Array<[string, number, string]> = [['2026-02-30', 3, 'days'], ['2026-13-01', 3, 'days'], ['26-01-01', 3, 'days'], ['2026-01-01', -1, 'days'], ['2026-01-01', 1.5, 'days'], ['2026-01-01', 99999, 'days'], ['2026-01-01', 3, 'fortnights'], ['1850-01-01', 3, 'days']];
    for (const [start, amount, unit] of bad) {
      it(`refuses ${start} ${amount} ${unit} with term-invalid`, () => {
        expect(() => computeTerm(calendar, start, amount, unit)).to.throw(AppError).with.property('code', 'term-invalid');
      });
    }

    it('refuses a bad line in an import file, naming the line', () => {
      expect(() => parseDayFile('2026-03-05;ok\n2026-02-30;no')).to.throw(/line 2/);
    });
  });

  describe('properties', () => {
    const dates = fc.integer({ min: 0, max: 365 * 70 }).map((d) => formatDate(new Date(Date.UTC(2000, 0, 1) + d * 86_400_000)));
    const units = fc.constantFrom('days', 'working-days', 'weeks', 'months');

    it('always ends on a working day, never before the start', () => {
      fc.assert(fc.property(dates, fc.integer({ min: 0, max: 100 }), units, (start, amount, unit) => {
        const result = computeTerm(calendar, start, amount, unit);
        return calendar.isWorkingDay(result.due) && result.due >= start && (amount === 0 || result.due > start);
      }));
    });

    it('is monotone in the amount', () => {
      fc.assert(fc.property(dates, fc.integer({ min: 0, max: 100 }), units, (start, amount, unit) => due(start, amount, unit) <= due(start, amount + 1, unit)));
    });

    it('never ends earlier under the procedural rule', () => {
      fc.assert(fc.property(dates, fc.integer({ min: 0, max: 100 }), units, (start, amount, unit) => due(start, amount, unit, 'civil') <= due(start, amount, unit, 'procedural')));
    });

    it('counts working days consistently with workingDaysBetween', () => {
      fc.assert(fc.property(dates, fc.integer({ min: 1, max: 100 }), (start, n) => workingDaysBetween(calendar, start, addWorkingDays(calendar, start, n)) === n));
    });
  });
});
