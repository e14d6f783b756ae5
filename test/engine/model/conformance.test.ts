import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { AppError } from '../../../engine/errors.ts';
import { compileModel } from '../../../engine/model/index.ts';

const miwg = fileURLToPath(new URL('../../../../shared/conformance/miwg/', import.meta.url));
const files = (await readdir(miwg).catch(() => [])).filter((f) => f.endsWith('.bpmn')).sort();

/** BPMN MIWG reference models: each deploys, or is refused with precise problems; never a crash. */
describe('compileModel on the BPMN MIWG reference models', () => {
  it('finds the reference models', () => {
    expect(files.length).to.be.greaterThan(10);
  });

  for (const file of files) {
    it(`${file} compiles or lists precisely what is unsupported`, async () => {
      const xml = await readFile(miwg + file, 'utf8');
      try {
        const defs = await compileModel(xml);
        expect(defs.length).to.be.greaterThan(0);
        for (const d of defs) expect(Object.keys(d.elements).length).to.be.greaterThan(0);
      } catch (err) {
        expect(err, String(err)).to.be.instanceOf(AppError);
        const e = err as AppError;
        expect(e.code).to.equal('definition-invalid');
        expect(e.problems!.length).to.be.greaterThan(0);
        for (const p of e.problems!) {
          expect(p.code).to.match(/^[a-z-]+$/);
          expect(p.message.length).to.be.greaterThan(10);
          expect(p).to.have.property('elementId');
        }
      }
    });
  }
});
