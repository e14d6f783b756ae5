import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { AppError, type Problem } from '../../../engine/errors.ts';
import { compileModel } from '../../../engine/model/index.ts';
import { MIWG_EXPECTED } from './miwg-expected.ts';

const miwg = fileURLToPath(new URL('../../../../shared/conformance/miwg/', import.meta.url));
const files = (await readdir(miwg).catch(() => [])).filter((f) => f.endsWith('.bpmn')).sort();

type Outcome = { deploys: string[] } | Record<string, string[]>;

/** What compileModel says of a model, in the shape of MIWG_EXPECTED: the keys it deploys, or its problems by code. */
async function outcome(xml: string): Promise<{ said: Outcome; problems: Problem[] }> {
  try {
    return { said: { deploys: (await compileModel(xml)).map((d) => d.key) }, problems: [] };
  } catch (err) {
    expect(err, String(err)).to.be.instanceOf(AppError);
    expect((err as AppError).code).to.equal('definition-invalid');
    const problems = (err as AppError).problems ?? [];
    const said: Record<string, string[]> = {};
    for (const p of problems) (said[p.code] ??= []).push(p.elementId ?? '');
    return { said, problems };
  }
}

/** Order inside each code does not matter; each list is compared as a set (duplicates kept). */
const normal = (o: Outcome) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, [...v].sort()]));

/**
 * The BPMN MIWG reference models: each deploys, or is refused with exactly the first-cause problems
 * written down (and checked against the XML) in miwg-expected.ts. A refused element never brings
 * echoes (unreachable, flows to non-executable elements, wrong counts) with it.
 */
describe('compileModel on the BPMN MIWG reference models', function () {
  before(function () {
    if (files.length === 0) this.skip();
  });

  it('finds all 21 reference models, each with its expected outcome', () => {
    expect(files.map((f) => f.replace('.bpmn', ''))).to.deep.equal(Object.keys(MIWG_EXPECTED).sort());
  });

  for (const file of files) {
    const expected = MIWG_EXPECTED[file.replace('.bpmn', '')];
    describe(file, () => {
      it('as published, deploys or lists exactly its first causes', async () => {
        const { said, problems } = await outcome(await readFile(miwg + file, 'utf8'));
        expect(normal(said), JSON.stringify(said)).to.deep.equal(normal(expected!.published));
        for (const p of problems) expect(p.message, p.message).to.not.match(/\(""\)|^""|\s""\s/);
      });

      it('with every process marked executable, deploys or lists exactly its first causes', async () => {
        const xml = (await readFile(miwg + file, 'utf8')).replace(/isExecutable="false"/g, 'isExecutable="true"');
        const { said, problems } = await outcome(xml);
        expect(normal(said), JSON.stringify(said)).to.deep.equal(normal(expected!.executable ?? expected!.published));
        const echoes = problems.filter((p) => ['unreachable-element', 'sequence-flow-invalid', 'event-gateway-invalid', 'boundary-invalid', 'event-subprocess-start-invalid'].includes(p.code));
        expect(echoes).to.deep.equal([]);
      });
    });
  }
});
