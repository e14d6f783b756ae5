import { BpmnError, type JobHandler } from '../../engine/index.ts';
import { ROMANIAN_FORMATS } from '../../forms/validation/romanian-formats.ts';
import { CsvTaxSituationSource } from './csv-tax-source.ts';
import type { TaxpayerId, TaxSituationSource } from './tax-situation.ts';

/** The BPMN error code a model catches when the tax records do not know the applicant (or the code is not valid). */
const UNKNOWN_TAXPAYER = 'contribuabil-necunoscut';

/**
 * `situatie-fiscala`: asks the tax records for the applicant's situation and puts it in the
 * variable `situatieFiscala` ({ gasit, nume, categorii[], totalRestant, faraDatorii }). The applicant
 * is read from the variables the citizen's form gives: `tipSolicitant` ("persoana-fizica" with `cnp`,
 * "persoana-juridica" with `cui`), each checked with its control digit. A code the records do not
 * know throws the BPMN error `contribuabil-necunoscut` with `situatieFiscala.gasit = false`.
 * Reading is idempotent, so a rerun after a crash asks again and gets the same answer.
 */
export function taxSituationHandler(source: () => TaxSituationSource): JobHandler {
  return {
    name: 'situatie-fiscala',
    description: 'Citește situația fiscală locală a solicitantului (CNP sau CUI) din evidența fiscală (Legea 207/2015 art. 159 alin. (2)).',
    optionsSchema: { type: 'object', additionalProperties: false },
    async run({ variables }) {
      const id = taxpayerOf(variables);
      if (!id) throw refusal('CNP-ul sau CUI-ul solicitantului lipsește sau nu are cifra de control corectă.');
      const situation = await source().situation(id);
      if (!situation) throw refusal(`${id.kind === 'cnp' ? 'CNP-ul' : 'CUI-ul'} ${id.code} nu figurează în evidența fiscală locală.`);
      return {
        situatieFiscala: {
          gasit: true,
          tip: id.kind === 'cnp' ? 'CNP' : 'CUI',
          cod: id.code,
          nume: situation.taxpayer.name,
          categorii: situation.debts.map((d) => ({ categorie: d.category, datorat: lei(d.due), achitat: lei(d.paid), restant: lei(d.outstanding), achitatIntegral: d.paidUp })),
          totalRestant: lei(situation.totalOutstanding),
          faraDatorii: situation.paidUp,
        },
      };
    },
  };
}

/**
 * The source this installation uses: the CSV file named by DOSAR_TAX_CSV. Without it the handler
 * is still registered (models deploy), and each job fails with this message until it is set.
 */
export function taxSourceFromEnv(env: NodeJS.ProcessEnv): () => TaxSituationSource {
  const path = env.DOSAR_TAX_CSV?.trim();
  const source = path ? new CsvTaxSituationSource(path) : undefined;
  return () => {
    if (!source) throw new Error('DOSAR_TAX_CSV is not set: the tax situation has no source (see server/taxes/README.md)');
    return source;
  };
}

function taxpayerOf(variables: Record<string, unknown>): TaxpayerId | undefined {
  const text = (name: string) => (typeof variables[name] === 'string' ? (variables[name] as string).trim() : '');
  if (variables.tipSolicitant === 'persoana-juridica') {
    const cui = text('cui');
    return ROMANIAN_FORMATS.cui!(cui) ? { kind: 'cui', code: cui.replace(/^RO\s*/i, '') } : undefined;
  }
  const cnp = text('cnp');
  return ROMANIAN_FORMATS.cnp!(cnp) ? { kind: 'cnp', code: cnp } : undefined;
}

function refusal(motiv: string): BpmnError {
  return new BpmnError(UNKNOWN_TAXPAYER, motiv, { situatieFiscala: { gasit: false, motiv } });
}

/** Lei with two decimals, as printed on the certificate. */
function lei(amount: number): string {
  return amount.toFixed(2);
}
