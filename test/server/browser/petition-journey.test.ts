import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { PdfRenderer } from '../../../server/documents/pdf.ts';
import { hasChromium, launchChromium } from '../../support/browser.ts';
import { useTestDatabase } from '../../support/database.ts';
import { askForPhoto, fillPetition, SAMPLE_PDF, signIn, signUp, triageToUrbanism } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

/** The whole petition, in a real browser, the way a citizen and a clerk use the portal. */
describe('a petition from sign-up to the registered answer, in Chromium', function () {
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

  it('is sent, numbered, completed on request, decided and answered; nobody else sees it', async () => {
    const clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura', 'urbanism']);
    const citizenContext = await browser.newContext({ locale: 'ro-RO' });
    const citizen = await citizenContext.newPage();

    // Sign up and send the petition with an attachment.
    await signUp(citizen, s.base, 'Maria Ionescu', 'maria@exemplu.ro', 'o-parola-lunga-2026');
    await citizen.click('a.button:has-text("Petiție")');
    // Checked in the browser first (the page's CSP allows ajv's compiled validators), nothing sent.
    const posts: string[] = [];
    citizen.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()); });
    await citizen.waitForSelector('form[data-enhanced]');
    await citizen.fill('#f-nume', ''); // it starts with the account's name
    await citizen.click('button.button[type=submit]:not([name])');
    await citizen.waitForSelector('.error-summary a[href="#f-nume"]');
    expect(posts).to.deep.equal([]);
    await fillPetition(citizen);
    await citizen.click('button.button[type=submit]:not([name])');
    await citizen.waitForSelector('#registration-number');
    const number = (await citizen.textContent('#registration-number'))!.trim();
    expect(number).to.equal('1/02.03.2026');
    expect(await citizen.textContent('#due-date')).to.equal('01.04.2026');
    const receipt = await citizen.request.get(`${s.base}${await citizen.getAttribute('a:has-text("Recipisa (HTML)")', 'href')}`);
    expect(await receipt.text()).to.contain(number);
    if (PdfRenderer.available()) {
      const pdf = await citizen.request.get(`${s.base}${await citizen.getAttribute('a:has-text("Descărcați recipisa (PDF)")', 'href')}`);
      expect((await pdf.body()).subarray(0, 5).toString()).to.equal('%PDF-');
    }
    const requestUrl = `${s.base}${await citizen.getAttribute('a:has-text("Urmăriți cererea")', 'href')}`;

    // The clerk finds it in the registry queue, claims and triages it to urban planning.
    const clerkContext = await browser.newContext({ locale: 'ro-RO' });
    const office = await clerkContext.newPage();
    await signIn(office, s.base, clerk.email, clerk.password);
    await office.goto(`${s.base}/lucru?group=registratura`);
    expect(await office.textContent('table.queue')).to.contain(number);
    await office.click('table.queue a:has-text("Triere")');
    await office.click('button:has-text("Preiau")');
    expect(await office.textContent('#assignee')).to.equal('ana@primarie.ro');
    await triageToUrbanism(office);

    // Resolution: ask for a photo; the legal term stops until the citizen answers.
    await askForPhoto(office, s.base);

    await citizen.goto(requestUrl);
    const attachment = await citizen.request.get(`${s.base}${await citizen.getAttribute('a:has-text("stalp.pdf")', 'href')}`);
    expect((await attachment.body()).subarray(0, 5).toString()).to.equal('%PDF-');
    expect(await citizen.textContent('.completion-message')).to.contain('fotografie a stâlpului');
    expect(await citizen.textContent('#clock-state')).to.equal('suspendat');
    await citizen.fill('#f-text', 'Am atașat fotografia.');
    await citizen.setInputFiles('#f-documente', { name: 'fotografie.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
    await citizen.click('section:has(#completion-title) button.button[type=submit]:not([name])');
    await citizen.waitForSelector('#clock-state:has-text("curge")');

    // The decision and the registered answer.
    await office.reload();
    await office.fill('#f-raspuns', 'Stâlpul a fost reparat la 10 martie 2026.');
    await office.click('section:has(#decision-title) button.button[type=submit]:not([name])');
    await office.waitForURL(/\/lucru\/cereri\//);
    await office.goto(`${s.base}/lucru?group=registratura`);
    await office.click('table.queue a:has-text("Înregistrare și trimitere răspuns")');
    await office.fill('#f-semnatar', 'Ana Registratură');
    await office.click('section:has(#decision-title) button.button[type=submit]:not([name])');
    await office.waitForURL(/\/lucru\/cereri\//);

    await citizen.goto(requestUrl);
    expect(await citizen.textContent('#request-status')).to.equal('Soluționată');
    const link = await citizen.getAttribute('a:has-text("HTML")', 'href');
    const answer = await citizen.request.get(`${s.base}${link}`);
    expect(answer.status()).to.equal(200);
    expect(await answer.text()).to.contain('Stâlpul a fost reparat').and.to.contain(number);
    await s.mailSettled();
    const mail = s.smtp.received.filter((m) => m.to.includes('maria@exemplu.ro'));
    expect(mail.length).to.be.greaterThanOrEqual(3); // registered, completion requested, decision

    // A second citizen sees none of it.
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await signUp(other, s.base, 'Ion Pop', 'ion@exemplu.ro', 'alta-parola-lunga-1');
    const denied = await other.goto(requestUrl);
    expect(denied!.status()).to.equal(404);
    expect(await other.textContent('main')).not.to.contain('Maria');
    const deniedDocument = await other.request.get(`${s.base}${link}`);
    expect(deniedDocument.status()).to.equal(404);
    await otherContext.close();
    await citizenContext.close();
    await clerkContext.close();
  });
});
