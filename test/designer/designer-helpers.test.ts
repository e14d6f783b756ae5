import { expect } from 'chai';
import { EXECUTABLE_ELEMENTS } from '../../engine/index.ts';
import { executableCatalogue } from '../../designer/build.ts';
import { checkCatalogue, fieldsOf, metaOf } from '../../designer/src/catalogue/catalogue-meta.ts';
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

  it('ships which elements run a handler: service and send tasks always, a throw event only with a message', () => {
    const { executable } = executableCatalogue();
    expect(executable['bpmn:ServiceTask']!.handler).to.deep.equal({});
    expect(executable['bpmn:SendTask']!.handler).to.deep.equal({});
    expect(executable['bpmn:IntermediateThrowEvent']!.handler).to.deep.equal({ withEvent: 'message' });
    expect(executable['bpmn:EndEvent']).to.not.have.property('handler');
    expect(executable['bpmn:UserTask']).to.not.have.property('handler');
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
    expect(nextTimerDate('timeCycle', '0 0 8 1 * ?', now)).to.equal(undefined); // a cron cycle: checked at deploy
    expect(() => nextTimerDate('timeDuration', '10 zile', now)).to.throw();
  });

  it('splits and joins a legal term the way the engine reads it', () => {
    expect(splitTerm('30 days')).to.deep.equal({ amount: '30', unit: 'days' });
    expect(splitTerm('10 working-days')).to.deep.equal({ amount: '10', unit: 'working-days' });
    expect(splitTerm(undefined)).to.deep.equal({ amount: '', unit: 'days' });
    expect(joinTerm('010', 'months')).to.equal('10 months');
    expect(joinTerm(' ', 'days')).to.equal(undefined);
  });

  it('reads catalogue data into the tab’s fields and writes them back over the stored data', () => {
    const stored = {
      title: { ro: 'Petiție', en: 'Petition' },
      legalBasis: 'OG 27/2002',
      legalTerm: { ro: '30 de zile', en: '30 days' },
      fee: null,
      documents: [{ ro: 'Act', en: 'ID' }],
      register: 'intrari',
      requestForm: 'cerere',
      sources: { term: 'OG 27/2002 art. 8' },
    };
    const fields = fieldsOf(stored);
    expect(fields.fee).to.deep.equal({ charged: false, amount: '', currency: 'RON' });
    expect(checkCatalogue(fields, 'ro')).to.deep.equal([]);
    fields.summary = { ro: 'Pe scurt', en: '' };
    fields.fee = { charged: true, amount: '12,50', currency: 'ron' };
    fields.documents.push({ ro: '', en: '' });
    const meta = metaOf(fields, stored, 'petitie');
    expect(meta).to.deep.equal({ ...stored, summary: { ro: 'Pe scurt', en: 'Pe scurt' }, fee: { amount: 12.5, currency: 'RON' } });

    // A legal term cites its source; a fee has an amount and a currency; Romanian comes first.
    const wrong = { ...fields, legalBasis: ' ', fee: { charged: true, amount: '0', currency: 'euro' }, title: { ro: '', en: 'Petition' } };
    expect(checkCatalogue(wrong, 'en').map((p) => p.field)).to.deep.equal(['title', 'legalBasis', 'fee-amount', 'fee-currency']);
    expect(checkCatalogue({ ...wrong, legalTerm: { ro: '', en: '' }, fee: { charged: false, amount: 'x', currency: '' }, title: fields.title }, 'en')).to.deep.equal([]);

    // Cleared parts are left out; an untitled procedure keeps its title, or takes the process name.
    const cleared = metaOf({ ...fields, title: { ro: '', en: '' }, summary: { ro: '', en: '' }, legalBasis: '', legalTerm: { ro: '', en: '' }, fee: { charged: false, amount: '', currency: 'RON' }, documents: [] }, stored, 'petitie');
    expect(cleared).to.not.have.any.keys('summary', 'legalBasis', 'legalTerm');
    expect(cleared).to.include({ fee: null, register: 'intrari' });
    expect(cleared.title).to.deep.equal(stored.title);
    expect(metaOf(fieldsOf(undefined), {}, 'Autorizație').title).to.deep.equal({ ro: 'Autorizație', en: 'Autorizație' });
  });
});
