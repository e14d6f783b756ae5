import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { newVerificationCode, normaliseVerificationCode, qrSvg } from '../../../server/documents/verification.ts';
import { useTestDatabase } from '../../support/database.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const REPORT = { nume: 'Maria Ionescu', email: 'maria@exemplu.ro', categorie: 'iluminat', locatie: { adresa: 'Str. Lungă 7' }, descriere: 'Stâlpul nu luminează de o săptămână.' };

/** A report taken to its answer through the API; returns the request id and the answer document's row. */
async function answered(s: TestServer): Promise<{ requestId: string; html: string; sha256: string; code: string; number: string }> {
  const maria = await s.user('maria@exemplu.ro', 'citizen');
  const clerk = await s.user('radu@primarie.ro', 'clerk', ['gospodarie-comunala', 'registratura']);
  const filed = await s.api('/api/v1/procedures/sesizare/requests', { token: maria.token, body: REPORT });
  expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
  for (const data of [{ rezultat: 'rezolvata', raspuns: 'Becul a fost înlocuit.' }, { semnatar: 'Ana Registratură' }]) {
    const [task] = (await s.api('/api/v1/tasks', { token: clerk.token })).body.tasks;
    expect((await s.api(`/api/v1/tasks/${task.id}/complete`, { token: clerk.token, body: { data } })).status).to.equal(200);
  }
  const [doc] = await s.ctx.db.query<{ html: string; sha256: string; verification_code: string; registration_number: string }>('select html, sha256, verification_code, registration_number from documents where request_id = $1', [filed.body.id]);
  return { requestId: filed.body.id, html: doc!.html, sha256: doc!.sha256, code: doc!.verification_code, number: doc!.registration_number };
}

describe('verification codes of issued documents', function () {
  this.timeout(60_000);

  describe('the code', () => {
    it('is 12 unambiguous characters in three groups, different every time', () => {
      const codes = new Set(Array.from({ length: 200 }, () => newVerificationCode()));
      expect(codes.size).to.equal(200);
      for (const code of codes) expect(code).to.match(/^[ACDEFGHJKMNPQRTUVWXY2345679]{4}(-[ACDEFGHJKMNPQRTUVWXY2345679]{4}){2}$/);
    });

    it('is read back whatever the case, spaces and dashes a person types, and refused when it cannot be one', () => {
      expect(normaliseVerificationCode(' kcqr m9xp-4tda ')).to.equal('KCQR-M9XP-4TDA');
      expect(normaliseVerificationCode('KCQRM9XP4TDA')).to.equal('KCQR-M9XP-4TDA');
      expect(normaliseVerificationCode('KCQR-M9XP-4TD0')).to.equal(undefined); // 0 is never printed
      expect(normaliseVerificationCode('KCQR-M9XP')).to.equal(undefined);
      expect(normaliseVerificationCode('../../etc/passwd')).to.equal(undefined);
    });

    it('draws a QR code as a plain SVG with no script and an escaped label', () => {
      const svg = qrSvg('https://dosar.test/verificare/KCQR-M9XP-4TDA', 'Cod "QR" <x>');
      expect(svg).to.match(/^<svg [^>]*viewBox="0 0 (\d+) \1"/);
      expect(svg).to.contain('<path d="M');
      expect(svg).to.contain('aria-label="Cod &#34;QR&#34; &#60;x&#62;"');
      expect(svg).not.to.match(/<script|href=/);
    });
  });

  describe('on an issued answer', () => {
    const t = useTestDatabase();
    let s: TestServer;
    beforeEach(async () => { s = await startTestServer(t.db, '2026-12-02T09:00:00Z'); });
    afterEach(async () => { await s.close(); });

    it('prints the code and its QR code inside the registered HTML, so the hash covers them', async () => {
      const doc = await answered(s);
      expect(doc.code).to.match(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      expect(doc.html).to.contain(doc.code).and.to.contain(`http://dosar.test/verificare/${doc.code}`).and.to.contain('<svg');
      expect(createHash('sha256').update(doc.html, 'utf8').digest('hex')).to.equal(doc.sha256);
    });

    it('shows anyone the document it belongs to and its registered fingerprint, from the code as typed', async () => {
      const doc = await answered(s);
      const typed = await fetch(`${s.base}/verificare?cod=${encodeURIComponent(doc.code.toLowerCase().replace(/-/g, ' '))}`, { redirect: 'manual' });
      expect(typed.status).to.equal(303);
      expect(typed.headers.get('location')).to.equal(`/verificare/${doc.code}`);
      const page = await fetch(`${s.base}/verificare/${doc.code}`);
      expect(page.status).to.equal(200);
      const html = await page.text();
      expect(html).to.contain('a fost emis de primărie').and.to.contain(doc.sha256).and.to.contain(doc.number);
      expect(html).not.to.contain('Maria Ionescu');
      expect(html).not.to.contain('Becul a fost înlocuit');
    });

    it('says plainly when no document has the code, and when a code cannot be one', async () => {
      await answered(s);
      const unknown = await fetch(`${s.base}/verificare/KCQR-M9XP-4TDA?lang=en`);
      expect(unknown.status).to.equal(404);
      expect(await unknown.text()).to.contain('No document issued by the city hall has the code');
      const bad = await fetch(`${s.base}/verificare?cod=12`);
      expect(bad.status).to.equal(400);
      expect(await bad.text()).to.contain('Un cod de verificare are 12 litere și cifre');
    });
  });
});
