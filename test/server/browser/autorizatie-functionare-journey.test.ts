import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium } from '../../support/browser.ts';
import { useTestDatabase } from '../../support/database.ts';
import { SAMPLE_PDF, signIn, signUp } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

/** The operating authorisation in a real browser: filed, notified as incomplete, tacitly approved, certified. */
describe('an operating authorisation from the form to the tacit approval certificate, in Chromium', function () {
  this.timeout(120_000);
  const t = useTestDatabase();
  let browser: Browser;
  let s: TestServer;

  before(async function () {
    if (!hasChromium('journeys')) this.skip();
    browser = await launchChromium();
  });
  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s?.close(); });
  after(async () => { await browser?.close(); });

  it('extends the term on an incomplete file and, with no decision, issues the tacit approval certificate', async () => {
    const clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura', 'autorizari']);
    const citizenContext = await browser.newContext({ locale: 'ro-RO' });
    const citizen = await citizenContext.newPage();

    // The company files the request; a CUI with a wrong check digit is refused in the browser first.
    await signUp(citizen, s.base, 'Maria Ionescu', 'maria@exemplu.ro', 'o-parola-lunga-2026');
    await citizen.click('a.button:has-text("Autorizație de funcționare")');
    await citizen.waitForSelector('form[data-enhanced]');
    await citizen.fill('#f-firma-denumire', 'Exemplu Comerț SRL');
    await citizen.fill('#f-firma-cui', '14399841');
    await citizen.fill('#f-firma-reprezentant', 'Maria Ionescu');
    await citizen.fill('#f-email', 'maria@exemplu.ro');
    await citizen.fill('#f-activitate-caen', '4711');
    await citizen.fill('#f-activitate-descriere', 'Comerț cu amănuntul, magazin alimentar');
    await citizen.fill('#f-sediu-strada', 'Str. Lungă nr. 7');
    await citizen.fill('#f-sediu-localitate', 'Brașov');
    await citizen.setInputFiles('#f-documente', { name: 'certificat-onrc.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
    await citizen.click('button.button[type=submit]:not([name])');
    await citizen.waitForSelector('.error-summary a[href="#f-firma-cui"]');
    await citizen.fill('#f-firma-cui', '14399840');
    await citizen.click('button.button[type=submit]:not([name])');
    await citizen.waitForSelector('#registration-number');
    const number = (await citizen.textContent('#registration-number'))!.trim();
    expect(number).to.equal('1/02.03.2026');
    // Mon 2026-03-02 + 30 calendar days = Wed 2026-04-01 (OUG 27/2003 art. 6 alin. (2))
    expect(await citizen.textContent('#due-date')).to.equal('01.04.2026');
    const requestUrl = `${s.base}${await citizen.getAttribute('a:has-text("Urmăriți cererea")', 'href')}`;

    // The clerk finds the file incomplete on 20 March: the term is extended by 10 days (art. 6 alin. (4), (5)).
    s.clock.set('2026-03-20T08:00:00Z');
    const clerkContext = await browser.newContext({ locale: 'ro-RO' });
    const office = await clerkContext.newPage();
    await signIn(office, s.base, clerk.email, clerk.password);
    await office.goto(`${s.base}/lucru?group=autorizari`);
    expect(await office.textContent('table.queue')).to.contain(number);
    await office.click('table.queue a:has-text("Verificarea completitudinii dosarului")');
    await office.click('button:has-text("Preiau")');
    // The notice goes to the applicant through the completion request, which here leaves the term running.
    expect(await office.textContent('label[for=message]')).to.contain('termenul legal continuă să curgă');
    await office.fill('#message', 'Depuneți contractul de închiriere al spațiului.');
    await office.click('button:has-text("Cereți completarea")');
    await office.waitForSelector('text=Se așteaptă răspunsul');
    await office.uncheck('#f-complet');
    await office.fill('#f-acteLipsa', 'Contractul de închiriere al spațiului.');
    await office.click('section:has(#decision-title) button.button[type=submit]:not([name])');
    await office.waitForURL(/\/lucru\/cereri\//);

    // Wed 04-01 + 10 = Sat 04-11; 12-13 April are Orthodox Easter -> Tue 2026-04-14.
    // Weeks pass in this journey: sessions expire, so each one signs in again.
    await signIn(citizen, s.base, 'maria@exemplu.ro', 'o-parola-lunga-2026');
    await citizen.goto(requestUrl);
    expect(await citizen.textContent('#clock-due')).to.contain('14.04.2026');
    expect(await citizen.textContent('#clock-state')).to.equal('curge');
    expect(await citizen.textContent('.completion-message')).to.contain('contractul de închiriere');
    await citizen.fill('#f-text', 'Am atașat contractul.');
    await citizen.setInputFiles('#f-documente', { name: 'contract.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
    await citizen.click('section:has(#completion-title) button.button[type=submit]:not([name])');
    await citizen.waitForSelector('#completion-title', { state: 'detached' });
    expect(await citizen.textContent('#clock-due')).to.contain('14.04.2026');

    // Nobody decides: after the last day ends, the engine records tacit approval (art. 6 alin. (1)).
    s.clock.set('2026-04-15T06:00:00Z');
    await s.ctx.engine.tick();
    await signIn(office, s.base, clerk.email, clerk.password);
    await office.goto(`${s.base}/lucru?group=registratura`);
    await office.click('table.queue a:has-text("Înregistrarea și eliberarea actului")');
    await office.click('button:has-text("Preiau")');
    await office.fill('#f-semnatar', 'Ana Registratură');
    await office.click('section:has(#decision-title) button.button[type=submit]:not([name])');
    await office.waitForURL(/\/lucru\/cereri\//);

    // The citizen gets the certificate of tacit approval (art. 7).
    await signIn(citizen, s.base, 'maria@exemplu.ro', 'o-parola-lunga-2026');
    await citizen.goto(requestUrl);
    expect(await citizen.textContent('#request-status')).to.equal('Soluționată');
    const link = await citizen.getAttribute('a:has-text("HTML")', 'href');
    const certificate = await citizen.request.get(`${s.base}${link}`);
    expect(certificate.status()).to.equal(200);
    const html = await certificate.text();
    expect(html).to.contain('Certificat de aprobare tacită').and.to.contain(number).and.to.contain('14399840');
    await citizenContext.close();
    await clerkContext.close();
  });
});
