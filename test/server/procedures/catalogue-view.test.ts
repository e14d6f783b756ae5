import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { deployPackage } from '../../../server/procedures/deploy-package.ts';
import { normaliseMeta } from '../../../server/procedures/package.ts';
import { useTestDatabase } from '../../support/database.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const BUILT_IN = readdirSync(new URL('../../../procedures', import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

/** The cards' titles on a catalogue page, in order, and the groups' headings. */
async function catalogue(s: TestServer, query = ''): Promise<{ groups: string[]; titles: string[]; html: string }> {
  const html = await (await fetch(`${s.base}/${query}`)).text();
  return {
    groups: [...html.matchAll(/<h2 id="g-\d+">([^<]+)<\/h2>/g)].map((m) => m[1]!),
    titles: [...html.matchAll(/<h3 id="p-[^"]+">([^<]+)<\/h3>/g)].map((m) => m[1]!),
    html,
  };
}

describe('the catalogue of services', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  it('publishes for every built-in procedure its department, who may apply, internal target and archive data', () => {
    for (const key of BUILT_IN) {
      const meta = JSON.parse(readFileSync(new URL(`../../../procedures/${key}/procedure.json`, import.meta.url), 'utf8'));
      expect(meta.department, key).to.be.a('string');
      expect(meta.lifeEvent, key).to.be.a('string');
      expect(meta.whoMayApply?.ro, key).to.be.a('string');
      expect(meta.whoMayApply?.en, key).to.be.a('string');
      expect(meta.targetTerm?.amount, key).to.be.a('number');
      expect(meta.archive?.nomenclatorCode, key).to.be.a('string');
    }
  });

  it('answers the service data in the API', async () => {
    const { body } = await s.api('/api/v1/procedures/atestare-fiscala');
    expect(body).to.deep.include({ department: 'taxe', lifeEvent: 'taxe-plati', targetTerm: { amount: 1, unit: 'working-days' }, archive: { nomenclatorCode: 'III-7', retention: 10 } });
    expect(body.whoMayApply.ro).to.contain('CNP');
  });

  it('groups services by life event, and by department when asked', async () => {
    const byEvent = await catalogue(s);
    expect(byEvent.groups).to.include.members(['Informare, petiții și sesizări', 'Afaceri și comerț', 'Taxe, impozite și plăți']);
    expect(byEvent.html).to.contain('Compartiment').and.to.contain('Taxe și impozite locale');
    const byDepartment = await catalogue(s, '?grupare=departament&lang=en');
    expect(byDepartment.groups).to.include.members(['Local taxes', 'Commercial authorisations', 'Registry office']);
    expect(byDepartment.titles).to.include('Operating authorisation');
    expect(byDepartment.html).to.contain('an answer within 1 working day<').and.to.contain('an answer within 20 days<');
  });

  it('finds services by words without diacritics, in either cedilla form, and by department', async () => {
    expect((await catalogue(s, '?q=plangere')).titles).to.deep.equal(['Petiție']);
    expect((await catalogue(s, `?q=${encodeURIComponent('atestare fiscală')}`)).titles).to.deep.equal(['Certificat de atestare fiscală']);
    expect((await catalogue(s, `?q=${encodeURIComponent('comerţ')}`)).titles).to.deep.equal(['Autorizație de funcționare']); // t with cedilla
    expect((await catalogue(s, '?departament=autorizari')).titles).to.deep.equal(['Autorizație de funcționare']);
    const none = await catalogue(s, '?q=pa%C8%99aport');
    expect(none.titles).to.deep.equal([]);
    expect(none.html).to.contain('Niciun serviciu nu corespunde căutării');
  });

  it('ignores a query it cannot read instead of failing', async () => {
    const res = await fetch(`${s.base}/?q[]=x&departament[a]=b&grupare=1`);
    expect(res.status).to.equal(200);
    expect((await catalogue(s, '?q[]=x')).titles.length).to.be.greaterThan(3);
  });

  it('refuses a package whose service data names an unknown department or a bad retention term, listing each problem', async () => {
    const xml = '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t"><process id="p" isExecutable="true"><startEvent id="s"/></process></definitions>';
    const meta = normaliseMeta({ title: { ro: 'P', en: 'P' }, department: 'pompieri', lifeEvent: 'vacanta', targetTerm: { amount: 0, unit: 'fortnights' }, archive: { nomenclatorCode: '../etc', retention: 0 } });
    const err = await deployPackage(s.ctx.engine, t.db, { xml, meta, forms: {}, templates: {} }).then(() => undefined, (e: unknown) => e as { code: string; problems: Array<{ code: string; message: string }> });
    expect(err?.code).to.equal('definition-invalid');
    const messages = err!.problems.filter((p) => p.code === 'meta-invalid').map((p) => p.message).join('\n');
    for (const part of ['meta.department "pompieri"', 'meta.lifeEvent "vacanta"', 'meta.targetTerm.unit "fortnights"', 'meta.targetTerm.amount', 'meta.archive.nomenclatorCode', 'meta.archive.retention']) expect(messages).to.contain(part);
    expect(await t.db.query("select 1 from procedure_packages where key = 'p'")).to.have.length(0);
  });
});
