import { expect } from 'chai';
import { BpmnError, type JobContext } from '../../../engine/index.ts';
import { taxSituationHandler, taxSourceFromEnv } from '../../../server/taxes/tax-situation-handler.ts';
import { TAX_CSV } from '../../support/server.ts';

function run(variables: Record<string, unknown>, env: NodeJS.ProcessEnv = { DOSAR_TAX_CSV: TAX_CSV }) {
  const ctx: JobContext = { job: { id: 'j1', instanceId: 'i1', elementId: 'consultareEvidenta', handler: 'situatie-fiscala', attempts: 0 }, variables: variables as JobContext['variables'], options: {}, now: new Date('2027-03-01T08:00:00Z') };
  return Promise.resolve(taxSituationHandler(taxSourceFromEnv(env)).run(ctx));
}

async function refusal(promise: Promise<unknown>): Promise<BpmnError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).to.be.instanceOf(BpmnError);
  return err as BpmnError;
}

describe('the situatie-fiscala handler', () => {
  it('reads a company by its CUI, with or without the RO prefix', async () => {
    const result = await run({ tipSolicitant: 'persoana-juridica', cui: 'RO 18547290' });
    expect((result as { situatieFiscala: unknown }).situatieFiscala).to.deep.include({ gasit: true, tip: 'CUI', cod: '18547290', faraDatorii: true });
  });

  it('refuses a CNP the tax records do not know with the contribuabil-necunoscut BPMN error', async () => {
    const err = await refusal(run({ tipSolicitant: 'persoana-fizica', cnp: '1901230400029' }));
    expect(err.errorCode).to.equal('contribuabil-necunoscut');
    expect(err.variables).to.deep.equal({ situatieFiscala: { gasit: false, motiv: 'CNP-ul 1901230400029 nu figurează în evidența fiscală locală.' } });
  });

  it('refuses a CNP whose control digit is wrong, or none at all, without asking the records', async () => {
    expect((await refusal(run({ tipSolicitant: 'persoana-fizica', cnp: '1800101400017' }))).errorCode).to.equal('contribuabil-necunoscut');
    expect((await refusal(run({}, {}))).message).to.contain('cifra de control');
  });

  it('fails (to be retried) while DOSAR_TAX_CSV is not set', async () => {
    const err = await run({ tipSolicitant: 'persoana-fizica', cnp: '1800101400016' }, {}).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(Error).and.not.to.be.instanceOf(BpmnError);
    expect((err as Error).message).to.contain('DOSAR_TAX_CSV');
  });
});
