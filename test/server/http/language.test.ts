import { expect } from 'chai';
import { AppError } from '../../../engine/index.ts';
import { errorMessage } from '../../../server/http/language.ts';
import { useTestDatabase } from '../../support/database.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

describe('messages by language', function () {
  this.timeout(60_000);

  describe('errorMessage', () => {
    it('shows an error written in each language in the reader\'s, and one written once as it is', () => {
      const both = new AppError('forbidden', { ro: 'Nu aveți acces.', en: 'You may not do this.' });
      expect(errorMessage(both, 'ro')).to.equal('Nu aveți acces.');
      expect(errorMessage(both, 'en')).to.equal('You may not do this.');
      expect(both.message).to.equal('You may not do this.');
      expect(errorMessage(new AppError('not-found', 'No such API endpoint'), 'ro')).to.equal('No such API endpoint');
    });
  });

  describe('over HTTP', () => {
    const t = useTestDatabase();
    let s: TestServer;
    beforeEach(async () => { s = await startTestServer(t.db); });
    afterEach(async () => { await s.close(); });

    it('answers an API error with its code and the caller\'s language, English when the client asks for it', async () => {
      const citizen = await s.user('maria@exemplu.ro', 'citizen');
      const romanian = await s.api('/api/v1/tasks', { token: citizen.token });
      const english = await s.api('/api/v1/tasks', { token: citizen.token, headers: { 'accept-language': 'en-GB,en;q=0.9' } });
      const asked = await s.api('/api/v1/tasks?lang=en', { token: citizen.token });
      expect(romanian.status).to.equal(403);
      expect(romanian.body.error).to.deep.include({ code: 'forbidden', message: 'Nu aveți acces la această operațiune.' });
      expect(english.body.error).to.deep.include({ code: 'forbidden', message: 'You may not do this.' });
      expect(asked.body.error.message).to.equal(english.body.error.message);
    });

    it('shows a page\'s error in the reader\'s language only', async () => {
      const check = (query: string) => fetch(`${s.base}/status${query}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'number=1/02.03.2026&code=00000000' });
      const romanian = await (await check('')).text();
      const english = await (await check('?lang=en')).text();
      expect(romanian).to.contain('Nu am găsit o cerere cu acest număr și cod.').and.not.to.contain('No request matches');
      expect(english).to.contain('No request matches this number and code.').and.not.to.contain('Nu am găsit');
    });
  });
});
