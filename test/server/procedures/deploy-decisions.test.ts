import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { AppError, createEnginePort, Engine, fixedClock } from '../../../engine/index.ts';
import { deployPackage, isPackageDeployed } from '../../../server/procedures/deploy-package.ts';
import { readPackage } from '../../../server/procedures/package.ts';
import { useTestDatabase } from '../../support/database.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/dmn/${name}`, import.meta.url));

describe('deploying a procedure package with DMN decisions', () => {
  const t = useTestDatabase();
  let engine: Engine;
  let dir: string;

  beforeEach(async () => {
    engine = new Engine({ store: createEnginePort(t.db), clock: fixedClock('2026-03-02T08:00:00Z') });
    dir = await mkdtemp(join(tmpdir(), 'dosar-dmn-'));
    await copyFile(fixture('calcul-taxa.bpmn'), join(dir, 'calcul-taxa.bpmn'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('deploys the folder\'s .dmn files with its model, and the task computes the fee', async () => {
    await copyFile(fixture('taxa-certificat-urbanism.dmn'), join(dir, 'taxa-certificat-urbanism.dmn'));
    const pkg = await readPackage(dir);
    expect(Object.keys(pkg.decisions ?? {})).to.deep.equal(['taxa-certificat-urbanism']);
    const [d] = await deployPackage(engine, t.db, pkg);
    const { id } = await engine.start(d!.key, { variables: { suprafata: 600, mediu: 'urban' } });
    expect((await engine.getInstance(id)).variables.taxa).to.equal(12);
  });

  it('counts the package as deployed until its decision table changes', async () => {
    await copyFile(fixture('taxa-certificat-urbanism.dmn'), join(dir, 'taxa-certificat-urbanism.dmn'));
    await deployPackage(engine, t.db, await readPackage(dir));
    expect(await isPackageDeployed(engine, t.db, await readPackage(dir))).to.equal(true);
    const table = await readFile(join(dir, 'taxa-certificat-urbanism.dmn'), 'utf8');
    await writeFile(join(dir, 'taxa-certificat-urbanism.dmn'), table.replace('<text>6</text>', '<text>5</text>'));
    expect(await isPackageDeployed(engine, t.db, await readPackage(dir))).to.equal(false);
  });

  it('refuses a model calling a decision neither deployed nor in the package, and stores nothing', async () => {
    const err = await deployPackage(engine, t.db, await readPackage(dir)).then(() => undefined, (e: unknown) => e as AppError);
    expect(err?.code).to.equal('definition-invalid');
    expect(err?.problems).to.deep.include({ code: 'decision-unknown', elementId: 'taxa', message: 'Business rule task "Calculează taxa" calls decision "taxaCertificat", which is not deployed (deploy its .dmn file first or with the model)' });
    expect(await t.db.query('select key from engine_definitions_v union all select key from engine_decisions_v')).to.deep.equal([]);
  });

  it('refuses a package whose .dmn file is not valid DMN', async () => {
    await writeFile(join(dir, 'rupt.dmn'), '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="x" name="x" namespace="x"><decision id="taxaCertificat"><decisionTable id="t"><output id="o" name="taxa"/><rule id="r"><outputEntry id="e"><text>1 +* 2</text></outputEntry></rule></decisionTable></decision></definitions>');
    const err = await deployPackage(engine, t.db, await readPackage(dir)).then(() => undefined, (e: unknown) => e as AppError);
    expect(err?.code).to.equal('decision-invalid');
    expect(err?.problems?.[0]).to.include({ code: 'expression-invalid', elementId: 'r' });
  });
});
