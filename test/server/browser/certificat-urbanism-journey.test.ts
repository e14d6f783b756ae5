import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { paymentSettingsFromEnv } from '../../../server/payments/payment-settings.ts';
import { createPayments } from '../../../server/payments/payments.ts';
import { TEST_CARDS } from '../../../server/payments/simulator/simulator.ts';
import { hasChromium, launchChromium } from '../../support/browser.ts';
import { useTestDatabase } from '../../support/database.ts';
import { SAMPLE_PDF, signIn, signUp } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { startSimulatorProcess } from '../payments/simulator-process.ts';

const SECRET = 'urbanism-journey-secret';

/** An urban planning certificate in Chromium: filed with its documents, the fee paid by card, analysed, issued. */
describe('an urban planning certificate from the form to the issued certificate, in Chromium', function () {
  this.timeout(180_000);
  const t = useTestDatabase();
  let browser: Browser;
  let s: TestServer;
  let sim: Awaited<ReturnType<typeof startSimulatorProcess>>;

  before(async function () {
    if (!hasChromium('journeys')) this.skip();
    browser = await launchChromium();
    sim = await startSimulatorProcess(SECRET);
  });
  beforeEach(async () => {
    // Mon 26 April 2027, before Good Friday, 1 May and Orthodox Easter
    s = await startTestServer(t.db, '2027-04-26T07:00:00Z');
    s.ctx.config.publicUrl = s.base;
    s.ctx.payments = createPayments({ ...paymentSettingsFromEnv({}), secret: SECRET, gatewayUrl: sim.url });
  });
  afterEach(async () => { await s?.close(); });
  after(async () => { await browser?.close(); await sim?.stop(); });

  it('computes the fee from the area, takes it by card, and issues the certificate the citizen downloads', async () => {
    const clerk = await s.user('ion@primarie.ro', 'clerk', ['registratura', 'urbanism']);
    const citizenContext = await browser.newContext({ locale: 'ro-RO' });
    const citizen = await citizenContext.newPage();
    await signUp(citizen, s.base, 'Maria Ionescu', 'maria@exemplu.ro', 'o-parola-lunga-2026');
    await citizen.goto(`${s.base}/proceduri/certificat-urbanism`);
    await citizen.waitForSelector('form[data-enhanced]');
    await citizen.check('input[name="tipSolicitant"][value="persoana-fizica"]');
    await citizen.fill('#f-nume', 'Maria Ionescu');
    await citizen.fill('#f-cnp', '1800101400016');
    await citizen.fill('#f-email', 'maria@exemplu.ro');
    await citizen.fill('#f-teren-adresa', 'Str. Lungă nr. 7, Brașov');
    await citizen.fill('#f-teren-numarCadastral', '123456');
    await citizen.fill('#f-teren-suprafata', '1200');
    const scop = citizen.locator('#f-scop');
    if (await scop.evaluate((el) => el.tagName === 'SELECT')) await scop.selectOption('construire');
    else await citizen.check('input[name="scop"][value="construire"]');
    // The two documents are required: without them the browser stops the post; chosen, it lets it go
    await citizen.click('button.button[type=submit]:not([name])');
    await citizen.waitForSelector('.error-summary a[href="#f-planSituatie"]');
    expect(await citizen.locator('.error-summary a[href="#f-extrasCF"]').count()).to.equal(1);
    await citizen.setInputFiles('#f-planSituatie', { name: 'plan.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
    await citizen.setInputFiles('#f-extrasCF', { name: 'extras-cf.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
    await citizen.click('button.button[type=submit]:not([name])');
    await citizen.waitForSelector('#registration-number');
    const number = (await citizen.textContent('#registration-number'))!.trim();
    expect(number).to.equal('1/26.04.2027');
    // 15 working days past Good Friday 04-30, 1 May, Easter 05-02 and Easter Monday 05-03: Wed 2027-05-19
    expect(await citizen.textContent('#due-date')).to.equal('19.05.2027');

    // The payment step runs as the executor would; 1200 m² cost 16 lei (Codul fiscal art. 474 alin. (1) lit. f))
    await s.ctx.engine.tick();
    await citizen.click('a:has-text("Urmăriți cererea")');
    const requestUrl = citizen.url();
    await citizen.click('a:has-text("Plătiți acum")');
    await citizen.waitForSelector('#payment-amount');
    expect(await citizen.textContent('#payment-amount')).to.equal('16,00 lei');
    await citizen.click('#pay');
    await citizen.waitForSelector('#card');
    await citizen.fill('#card', TEST_CARDS.success);
    await citizen.click('button[type=submit]');
    await citizen.waitForSelector('#payment-status');
    expect(await citizen.textContent('#payment-status')).to.equal('Plătită');

    // Urbanism analyses the plot; the registry issues the certificate, valid 12 months.
    s.clock.set('2027-05-06T07:00:00Z');
    const office = await (await browser.newContext({ locale: 'ro-RO' })).newPage();
    await signIn(office, s.base, clerk.email, clerk.password);
    await office.goto(`${s.base}/lucru?group=urbanism`);
    await office.click('table.queue a:has-text("Analiza de urbanism")');
    await office.click('button:has-text("Preiau")');
    await office.fill('#f-regimJuridic', 'Intravilan, proprietate privată.');
    await office.fill('#f-regimEconomic', 'Zonă rezidențială (PUG 2020).');
    await office.fill('#f-regimTehnic', 'POT 35%, CUT 1,2, P+2E.');
    await office.click('section:has(#decision-title) button.button[type=submit]:not([name])');
    await office.waitForURL(/\/lucru\/cereri\//);
    await office.goto(`${s.base}/lucru?group=registratura`);
    await office.click('table.queue a:has-text("Emiterea și eliberarea certificatului")');
    await office.click('button:has-text("Preiau")');
    await office.fill('#f-valabilitateLuni', '12');
    await office.fill('#f-semnatar', 'Ion Arhitect-șef');
    await office.click('section:has(#decision-title) button.button[type=submit]:not([name])');
    await office.waitForURL(/\/lucru\/cereri\//);

    await signIn(citizen, s.base, 'maria@exemplu.ro', 'o-parola-lunga-2026');
    await citizen.goto(requestUrl);
    // The certificate's link; the payment's registered receipt is listed too.
    expect(await citizen.locator('li:has-text("Dovada plății") a:has-text("HTML")').count()).to.equal(1);
    const link = await citizen.getAttribute('li:not(:has-text("Dovada plății")) a:has-text("HTML")', 'href');
    const certificate = await citizen.request.get(`${s.base}${link}`);
    expect(certificate.status()).to.equal(200);
    expect(await certificate.text()).to.contain('CERTIFICAT DE URBANISM').and.to.contain(number).and.to.contain('POT 35%, CUT 1,2, P+2E.').and.to.contain('12 luni');
    await citizenContext.close();
  });
});
