import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { signInSession as signIn, startTestServer, type TestServer } from '../../support/server.ts';

describe('the designer pages for decision tables', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer;

  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  it('list the deployed decision tables, each at its latest version, linked to its editor', async () => {
    const analyst = await s.user('elena@primarie.ro', 'analyst');
    const session = await signIn(s, analyst.email, analyst.password);
    const ro = await (await session.page('/designer')).text();
    expect(ro).to.contain('Tabele de decizie');
    expect(ro).to.match(/<a href="\/designer\/decizii\/taxaCertificatUrbanismTeren">Taxa certificatului de urbanism după suprafața terenului<\/a>/);
    const en = await (await session.page('/designer?lang=en')).text();
    expect(en).to.contain('Decision tables');
    expect(en).not.to.contain('Tabele de decizie');
  });

  it('open the editor of a deployed decision, and answer 404 for one never deployed', async () => {
    const admin = await s.user('admin@primarie.ro', 'admin');
    const session = await signIn(s, admin.email, admin.password);
    const editor = await session.page('/designer/decizii/taxaCertificatUrbanismTeren');
    expect(editor.status).to.equal(200);
    const html = await editor.text();
    expect(html).to.contain('id="dmn-designer"');
    expect(html).to.contain('data-key="taxaCertificatUrbanismTeren"');
    expect(html).to.contain('/designer/assets/dmn-designer.js');
    expect((await session.page('/designer/decizii/nuExista')).status).to.equal(404);
    expect((await session.page('/designer/decizii/a%20b')).status).to.equal(404);
  });
});
