import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium } from '../../support/browser.ts';
import { useTestDatabase } from '../../support/database.ts';
import { askForPhoto, PETITION, SAMPLE_PDF, signIn, signUp } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

/** A 1×1 PNG: an image the uploads accept by its content and the browser can draw. */
const SAMPLE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

/** A mail as its reader sees it: quoted-printable soft breaks joined and its bytes decoded as UTF-8. */
function readable(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, '');
  return Buffer.from(joined.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
}

async function submitPetition(citizen: Page, base: string, files: Array<{ name: string; mimeType: string; buffer: Buffer }>): Promise<{ number: string; url: string }> {
  await citizen.goto(`${base}/proceduri/petitie`);
  await citizen.waitForSelector('form[data-enhanced]');
  await citizen.fill('#f-adresa-strada', PETITION.adresa.strada);
  await citizen.fill('#f-adresa-localitate', PETITION.adresa.localitate);
  await citizen.fill('#f-subiect', PETITION.subiect);
  await citizen.fill('#f-continut', PETITION.continut);
  if (files.length) await citizen.setInputFiles('#f-anexe', files);
  await citizen.click('button.button[type=submit]:not([name])');
  await citizen.waitForSelector('#registration-number');
  return { number: (await citizen.textContent('#registration-number'))!.trim(), url: `${base}${await citizen.getAttribute('a:has-text("Urmăriți cererea")', 'href')}` };
}

/** The clerk's side of a request in a real browser: where the work happens, and what it tells the citizen. */
describe('the clerk’s request page and the decisions taken on it, in Chromium', function () {
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

  it('starts triage with "competent" ticked, and warns before a decision that sends the petition elsewhere; the citizen learns where it went', async () => {
    const clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura', 'urbanism']);
    const citizenContext = await browser.newContext({ locale: 'ro-RO' });
    const citizen = await citizenContext.newPage();
    await signUp(citizen, s.base, 'Maria Ionescu', 'maria@exemplu.ro', 'o-parola-lunga-2026');

    // The form starts with the account's name and e-mail, and is filed with a formal button.
    await citizen.goto(`${s.base}/proceduri/petitie`);
    expect(await citizen.inputValue('#f-nume')).to.equal('Maria Ionescu');
    expect(await citizen.inputValue('#f-email')).to.equal('maria@exemplu.ro');
    expect((await citizen.textContent('button.button[type=submit]:not([name])'))!.trim()).to.equal('Depuneți cererea');
    const { url } = await submitPetition(citizen, s.base, []);

    const office = await (await browser.newContext({ locale: 'ro-RO' })).newPage();
    await signIn(office, s.base, clerk.email, clerk.password);
    await office.goto(`${s.base}/lucru?group=registratura`);
    await office.click('table.queue a:has-text("Triere")');
    await office.click('button:has-text("Preiau")');
    // The schema's default (true) is what the clerk sees.
    expect(await office.isChecked('#f-competenta')).to.equal(true);

    // Not competent: the authority is asked for, then the clerk is warned before anything is sent.
    await office.uncheck('#f-competenta');
    await office.getByLabel('Urbanism', { exact: true }).check();
    await office.click('section:has(#decision-title) button.button[type=submit]:not([name])');
    await office.waitForSelector('.error-summary a[href="#f-autoritate"]');
    await office.fill('#f-autoritate', 'Instituția Prefectului Județul Brașov');
    await office.click('section:has(#decision-title) button.button[type=submit]:not([name])');
    await office.waitForSelector('#confirm-close');
    const warning = (await office.textContent('#confirm-close'))!;
    expect(warning).to.contain('Această decizie închide cererea').and.to.contain('Trimisă autorității competente').and.to.contain('nicio altă etapă sau departament');
    expect(await office.textContent('#confirm-outcome')).to.contain('Instituția Prefectului Județul Brașov');
    // Nothing was decided yet: the triage is still open.
    expect((await s.api('/api/v1/tasks', { token: clerk.token })).body.tasks.map((task: { elementId: string }) => task.elementId)).to.deep.equal(['triere']);
    await office.click('#confirm-close-button');
    await office.waitForURL(/\/lucru\/cereri\//);
    expect(await office.textContent('#request-outcome')).to.contain('Instituția Prefectului Județul Brașov');

    await citizen.goto(url);
    expect(await citizen.textContent('#request-outcome')).to.contain('a fost trimisă autorității competente: Instituția Prefectului Județul Brașov');
    await s.mailSettled();
    const closed = s.smtp.received.map((m) => readable(m.raw)).find((m) => m.includes('a fost închisă'));
    expect(closed).to.contain('Instituția Prefectului Județul Brașov');
    await citizenContext.close();
  });

  it('shows the clerk the answers, previews and files, the named history and notes; the signer sees the answer; the citizen sees no note', async () => {
    const ana = await s.user('ana@primarie.ro', 'clerk', ['registratura', 'urbanism']);
    await s.ctx.db.query("update users set name = 'Ana Popescu' where email = 'ana@primarie.ro'");
    const citizenContext = await browser.newContext({ locale: 'ro-RO' });
    const citizen = await citizenContext.newPage();
    await signUp(citizen, s.base, 'Maria Ionescu', 'maria@exemplu.ro', 'o-parola-lunga-2026');
    const { number, url } = await submitPetition(citizen, s.base, [
      { name: 'stalp.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF },
      { name: 'fotografie-stalp.png', mimeType: 'image/png', buffer: SAMPLE_PNG },
    ]);
    const requestId = url.split('/').pop()!;

    // Triage: the attachment opens from the task page.
    const office = await (await browser.newContext({ locale: 'ro-RO' })).newPage();
    await signIn(office, s.base, ana.email, ana.password);
    await office.goto(`${s.base}/lucru?group=registratura`);
    await office.click('table.queue a:has-text("Triere")');
    await office.click('button:has-text("Preiau")');
    const file = await office.request.get(`${s.base}${await office.getAttribute('#data-title ~ ul a:has-text("stalp.pdf")', 'href')}`);
    expect(file.status()).to.equal(200);
    expect((await file.body()).subarray(0, 5).toString()).to.equal('%PDF-');
    await office.getByLabel('Urbanism', { exact: true }).check();
    await office.click('section:has(#decision-title) button.button[type=submit]:not([name])');
    await office.waitForURL(/\/lucru\/cereri\//);

    // Resolution, with a completion on the way; then the registry signs what it can read.
    await askForPhoto(office, s.base);
    await citizen.goto(url);
    await citizen.fill('#f-text', 'Am atașat fotografia.');
    await citizen.click('section:has(#completion-title) button.button[type=submit]:not([name])');
    await citizen.waitForSelector('#clock-state:has-text("curge")');
    await office.reload();
    await office.fill('#f-raspuns', 'Stâlpul a fost reparat la 10 martie 2026.');
    await office.click('section:has(#decision-title) button.button[type=submit]:not([name])');
    await office.waitForURL(/\/lucru\/cereri\//);
    await office.goto(`${s.base}/lucru?group=registratura`);
    await office.click('table.queue a:has-text("Înregistrare și trimitere răspuns")');
    await office.click('button:has-text("Preiau")');
    const preview = office.frameLocator('#document-preview');
    expect(await preview.locator('.answer').textContent()).to.contain('Stâlpul a fost reparat la 10 martie 2026.');
    expect(await preview.locator('body').textContent()).to.contain('număr atribuit la semnare');
    await office.fill('#f-semnatar', 'Ana Popescu');
    await office.click('section:has(#decision-title) button.button[type=submit]:not([name])');
    await office.waitForURL(/\/lucru\/cereri\//);

    // The clerk's request page: answers under the form's labels, previews, documents, clock, history, diagram.
    expect(await office.textContent('#answers')).to.contain('Subiectul petiției').and.to.contain(PETITION.subiect);
    const image = office.locator('img.case-preview[alt="fotografie-stalp.png"]');
    await image.scrollIntoViewIfNeeded();
    await office.waitForFunction(() => (document.querySelector('img.case-preview') as HTMLImageElement | null)?.naturalWidth === 1);
    const pdfSrc = await office.getAttribute('iframe.case-preview[title="stalp.pdf"]', 'src');
    const pdf = await office.request.get(`${s.base}${pdfSrc}`);
    expect(pdf.headers()['content-type']).to.equal('application/pdf');
    expect(pdf.headers()['content-disposition']).to.match(/^inline;/);
    const download = await office.request.get(`${s.base}${await office.getAttribute('a:has-text("Descărcați") >> nth=0', 'href')}`);
    expect(download.headers()['content-disposition']).to.match(/^attachment;/);
    expect(await office.textContent('#documents')).to.contain(`Răspuns la petiție nr. ${number}`).and.to.contain('IEȘ-1/02.03.2026');
    expect(await office.textContent('#clock-due')).to.match(/\d{2}\.\d{2}\.2026/);
    const history = await office.locator('#history li').allTextContents();
    expect(history.join('\n')).to.contain('Ana Popescu a preluat etapa «Triere la registratură»')
      .and.to.contain('Etapa «Triere la registratură» a fost încheiată de Ana Popescu')
      .and.to.contain('A început etapa «Soluționare» (Urbanism)');
    expect(history.filter((line) => / — (A început etapa|S-a încheiat etapa|Un funcționar a preluat etapa)$/.test(line))).to.deep.equal([]);
    expect(await office.locator('#diagram svg .activity').count()).to.be.greaterThan(0); // drawn by the server
    expect(await office.locator('#diagram svg .current').count()).to.equal(0); // resolved: nothing is under way

    // A note between clerks.
    await office.fill('#note', 'Am verificat la fața locului: stâlpul funcționează.');
    // The post sends the clerk back to the page, at the notes; the click waits for that page.
    await Promise.all([office.waitForURL(/#notes-title$/), office.click('button:has-text("Adăugați nota")')]);
    await office.waitForSelector('#notes li');
    expect(await office.textContent('#notes')).to.contain('Ana Popescu').and.to.contain('stâlpul funcționează');

    // On a phone the page wraps its long values instead of scrolling sideways.
    await office.setViewportSize({ width: 390, height: 800 });
    // Measured once the page has laid itself out at the new width (a loaded CI once measured the old layout).
    await office.waitForFunction(() => document.documentElement.scrollWidth <= 390, undefined, { timeout: 5000 }).catch(() => undefined);
    expect(await office.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);

    // The citizen: the answer's own number, no note anywhere, the receipt linked from "Cererile mele".
    await citizen.goto(url);
    expect(await citizen.textContent('main')).to.contain('IEȘ-1/02.03.2026').and.not.to.contain('stâlpul funcționează');
    const api = await citizen.request.get(`${s.base}/api/v1/requests/${requestId}`);
    expect(await api.text()).not.to.contain('stâlpul funcționează');
    expect((await citizen.goto(`${s.base}/lucru/cereri/${requestId}`))!.status()).to.equal(403);
    await s.mailSettled();
    const answered = s.smtp.received.map((m) => readable(m.raw)).find((m) => m.includes('Numărul de înregistrare al răspunsului'));
    expect(answered).to.contain('Numărul de înregistrare al răspunsului: IEȘ-1/02.03.2026');
    await citizen.goto(`${s.base}/cereri`);
    const receipt = await citizen.request.get(`${s.base}${await citizen.getAttribute('a.receipt-link', 'href')}`);
    expect(receipt.status()).to.equal(200);
    expect(await receipt.text()).to.contain(number);

    // In English: English document titles and history, no Romanian pieces the application wrote.
    await citizen.goto(`${url}?lang=en`);
    const english = (await citizen.textContent('main'))!;
    expect(english).to.contain(`Answer to petition no. ${number}`).and.to.contain('The term runs again: completion received');
    expect(english).not.to.contain('completare primită').and.not.to.contain('Răspuns la petiție');
    expect(await citizen.getAttribute('link[rel="icon"]', 'href')).to.equal('/static/favicon.svg');
    const icon = await citizen.request.get(`${s.base}/static/favicon.svg`);
    expect(icon.headers()['content-type']).to.contain('image/svg+xml');
    await citizenContext.close();
  });
});
