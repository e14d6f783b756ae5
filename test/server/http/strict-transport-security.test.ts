import { expect } from 'chai';
import { settingsFromEnv } from '../../../server/config.ts';
import { useTestDatabase } from '../../support/database.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

/** HSTS pins a browser to https for a year: only a site really served over https may send it. */
describe('Strict-Transport-Security', function () {
  this.timeout(60_000);
  const t = useTestDatabase();
  let s: TestServer | undefined;
  afterEach(async () => { await s?.close(); s = undefined; });

  const hsts = async (path: string, headers: Record<string, string> = {}) => (await fetch(s!.base + path, { headers })).headers.get('strict-transport-security');

  describe('when the site is served on plain http', () => {
    it('is not sent on pages or on the API', async () => {
      s = await startTestServer(t.db);
      expect(await hsts('/')).to.equal(null);
      expect(await hsts('/login')).to.equal(null);
      expect(await hsts('/api/v1/procedures')).to.equal(null);
    });

    it('is not sent when a client claims https but no proxy is trusted', async () => {
      s = await startTestServer(t.db, undefined, { config: { publicUrl: 'https://dosar.test' } });
      expect(await hsts('/', { 'x-forwarded-proto': 'https' })).to.equal(null);
    });
  });

  describe('when the public address is https and the trusted proxy says the request came over https', () => {
    it('is sent, and not for a request the proxy says came over http', async () => {
      s = await startTestServer(t.db, undefined, { config: { publicUrl: 'https://dosar.test', trustProxy: true } });
      expect(await hsts('/', { 'x-forwarded-proto': 'https' })).to.equal('max-age=31536000; includeSubDomains');
      expect(await hsts('/api/v1/procedures', { 'x-forwarded-proto': 'https' })).to.equal('max-age=31536000; includeSubDomains');
      expect(await hsts('/', { 'x-forwarded-proto': 'http' })).to.equal(null);
    });

    it('is not sent when the public address is http, whatever the proxy says', async () => {
      s = await startTestServer(t.db, undefined, { config: { trustProxy: true } });
      expect(await hsts('/', { 'x-forwarded-proto': 'https' })).to.equal(null);
    });
  });

  it('reads the proxy setting from DOSAR_TRUST_PROXY', () => {
    expect(settingsFromEnv({ DOSAR_TRUST_PROXY: '1' }).trustProxy).to.equal(true);
    expect(settingsFromEnv({}).trustProxy).to.equal(false);
  });
});
