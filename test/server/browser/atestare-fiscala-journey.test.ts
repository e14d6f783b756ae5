import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium } from '../../support/browser.ts';
import { useTestDatabase } from '../../support/database.ts';
import { signIn, signUp } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

/** A certificate of fiscal attestation, in a real browser: filed on 31 December, signed on 5 January. */
describe('a certificate of fiscal attestation from request to the signed certificate, in Chromium', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let browser: Browser;
  let s: TestServer;

  before(async function () {
    if (!hasChromium('journeys')) this.skip();
    browser = await launchChromium();
  });
  beforeEach(async () => { s = await startTestServer(t.db, '2026-12-31T08:00:00Z'); });
  afterEach(async () => { await s?.close(); });
  after(async () => { await browser?.close(); });

  it('is filed with a CNP, read from the tax records, signed by the tax department and downloaded by the citizen', async () => {
    const clerk = await s.user('dana@primarie.ro', 'clerk', ['taxe']);
    const citizenContext = await browser.newContext({ locale: 'ro-RO' });
    const citizen = await citizenContext.newPage();

    await signUp(citizen, s.base, 'Maria Ionescu', 'maria@exemplu.ro', 'o-parola-lunga-2026');
    await citizen.click('a.button:has-text("Certificat de atestare fiscală")');
    await citizen.waitForSelector('form[data-enhanced]');
    await citizen.getByLabel('O persoană fizică (CNP)', { exact: true }).check();
    await citizen.fill('#f-nume', 'Maria Ionescu');
    await citizen.fill('#f-email', 'maria@exemplu.ro');
    await citizen.fill('#f-scop', 'Vânzarea apartamentului');
    // A CNP with a wrong control digit is refused before anything is sent.
    await citizen.fill('#f-cnp', '1800101400017');
    await citizen.click('button.button[type=submit]:not([name])');
    await citizen.waitForSelector('.error-summary a[href="#f-cnp"]');
    await citizen.fill('#f-cnp', '1800101400016');
    await citizen.click('button.button[type=submit]:not([name])');
    await citizen.waitForSelector('#registration-number');
    const number = (await citizen.textContent('#registration-number'))!.trim();
    expect(number).to.equal('1/31.12.2026');
    // Thu 31.12.2026 + 2 working days, past 1-2 January and a Sunday (Legea 207/2015 art. 159 alin. (3))
    expect(await citizen.textContent('#due-date')).to.equal('05.01.2027');
    const requestUrl = `${s.base}${await citizen.getAttribute('a:has-text("Urmăriți cererea")', 'href')}`;

    // The executor's part: the tax situation is read by the situatie-fiscala handler.
    expect(await s.ctx.engine.tick()).to.deep.include({ jobs: 1 });

    // The tax department reviews the situation and signs on Tue 5 January 2027.
    s.clock.set('2027-01-05T08:00:00Z');
    const clerkContext = await browser.newContext({ locale: 'ro-RO' });
    const office = await clerkContext.newPage();
    await signIn(office, s.base, clerk.email, clerk.password);
    await office.goto(`${s.base}/lucru?group=taxe`);
    expect(await office.textContent('table.queue')).to.contain(number);
    await office.click('table.queue a:has-text("Verificare și semnare certificat")');
    await office.click('button:has-text("Preiau")');
    expect(await office.textContent('#case-data pre')).to.contain('Impozit pe clădiri').and.to.contain('"faraDatorii": true');
    await office.fill('#f-semnatar', 'Dana Taxe');
    await office.fill('#f-functie', 'Inspector, Serviciul Taxe și Impozite Locale');
    await office.click('section:has(#decision-title) button.button[type=submit]:not([name])');
    await office.waitForURL(/\/lucru\/cereri\//);

    await citizen.goto(requestUrl);
    expect(await citizen.textContent('#request-status')).to.equal('Soluționată');
    const certificate = await citizen.request.get(`${s.base}${await citizen.getAttribute('a:has-text("HTML")', 'href')}`);
    expect(certificate.status()).to.equal(200);
    const html = await certificate.text();
    expect(html).to.contain('CERTIFICAT DE ATESTARE FISCALĂ').and.to.contain('1800101400016').and.to.contain(number);
    expect(html).to.contain('Impozit pe teren').and.to.contain('<th id="total-restant">0.00</th>').and.to.contain('Vânzarea apartamentului');
    // issued 05.01.2027, valid 30 days: until 04.02.2027
    expect(html).to.contain('<strong class="valid-until">04.02.2027</strong>');
    await citizenContext.close();
    await clerkContext.close();
  });
});
