import { expect } from 'chai';
import { EXECUTABLE_ELEMENTS } from '../../engine/model/element-registry.ts';
import { executableCatalogue } from '../../designer/build.ts';
import { feelSyntaxError } from '../../designer/src/feel-check.ts';
import { joinTerm, splitTerm } from '../../designer/src/legal-term.ts';
import { nextTimerDate } from '../../designer/src/timer-hint.ts';

/** The designer's pure helpers, in Node: what the browser shows as hints and errors. */
describe('designer helpers', () => {
  it('ships the engine’s own list of executable elements to the browser', () => {
    const { executable, passive } = executableCatalogue();
    expect(Object.keys(executable)).to.deep.equal(Object.keys(EXECUTABLE_ELEMENTS));
    expect(executable['bpmn:StartEvent']!.events).to.include('timer');
    expect(executable).to.not.have.property('bpmn:ComplexGateway');
    expect(passive).to.include('bpmn:TextAnnotation');
  });

  it('reports where a FEEL condition stops parsing, and accepts "=" FEEL and JUEL', () => {
    expect(feelSyntaxError('suma > 1000')).to.equal(undefined);
    expect(feelSyntaxError('=suma > 1000')).to.equal(undefined);
    expect(feelSyntaxError('${suma > 1000}')).to.equal(undefined);
    expect(feelSyntaxError('')).to.equal(undefined);
    expect(feelSyntaxError('suma > ')).to.have.property('position').that.is.a('number');
    expect(feelSyntaxError('(a = 1')).to.not.equal(undefined);
  });

  it('computes the next date of durations, dates and cycles, and leaves expressions alone', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    expect(nextTimerDate('timeDuration', 'P10D', now)!.toISOString()).to.equal('2026-12-05T10:00:00.000Z');
    expect(nextTimerDate('timeDate', '2026-12-01T09:00:00Z', now)!.toISOString()).to.equal('2026-12-01T09:00:00.000Z');
    expect(nextTimerDate('timeCycle', 'R3/PT1H', now)!.toISOString()).to.equal('2026-11-25T11:00:00.000Z');
    expect(nextTimerDate('timeCycle', 'R/2026-11-25T00:00:00Z/PT4H', now)!.toISOString()).to.equal('2026-11-25T12:00:00.000Z');
    expect(nextTimerDate('timeDuration', '=termen', now)).to.equal(undefined);
    expect(() => nextTimerDate('timeDuration', '10 zile', now)).to.throw();
  });

  it('splits and joins a legal term the way the engine reads it', () => {
    expect(splitTerm('30 days')).to.deep.equal({ amount: '30', unit: 'days' });
    expect(splitTerm('10 working-days')).to.deep.equal({ amount: '10', unit: 'working-days' });
    expect(splitTerm(undefined)).to.deep.equal({ amount: '', unit: 'days' });
    expect(joinTerm('010', 'months')).to.equal('10 months');
    expect(joinTerm(' ', 'days')).to.equal(undefined);
  });
});
