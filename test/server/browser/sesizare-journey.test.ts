import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium } from '../../support/browser.ts';
import { useTestDatabase } from '../../support/database.ts';
import { signIn, signUp } from '../../support/petition.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

async function decide(office: Page): Promise<void> {
  await office.click('section:has(#decision-title) button.button[type=submit]:not([name])');
  await office.waitForURL(/\/lucru\/cereri\//);
}

/** A public-space report in a real browser: filed with an address only, listed publicly, fixed and closed. */
describe('a public-space report, from the form to the public list, in Chromium', function () {
  this.timeout(180_000);
  const t = useTestDatabase();
  let browser: Browser;
  let s: TestServer;

  before(async function () {
    if (!hasChromium('journeys')) this.skip();
    browser = await launchChromium();
  });
  // Wednesday 2 December 2026: 30 days end on Friday 1 January 2027, a holiday, then the weekend: Monday 4 January.
  beforeEach(async () => { s = await startTestServer(t.db, '2026-12-02T08:00:00Z'); });
  afterEach(async () => { await s?.close(); });
  after(async () => { await browser?.close(); });

  it('is filed with only an address, shown on the public list without the reporter, routed to its department and closed when answered', async () => {
    const clerk = await s.user('radu@primarie.ro', 'clerk', ['gospodarie-comunala', 'registratura']);
    const citizen = await (await browser.newContext({ locale: 'ro-RO' })).newPage();
    await signUp(citizen, s.base, 'Maria Ionescu', 'maria@exemplu.ro', 'o-parola-lunga-2026');
    await citizen.click('a.button:has-text("Sesizare privind spațiul public")');
    await citizen.waitForSelector('form[data-enhanced]');
    expect(await citizen.locator('.location-map').isVisible()).to.equal(false); // no tiles configured: addresses only
    await citizen.fill('#f-nume', 'Maria Ionescu');
    await citizen.fill('#f-email', 'maria@exemplu.ro');
    await citizen.getByRole('radio', { name: 'Iluminat public' }).check();
    await citizen.fill('#f-locatie-adresa', 'Str. Lungă 7, lângă școală');
    await citizen.fill('#f-descriere', 'Stâlpul de iluminat nu funcționează de o săptămână.');
    await citizen.click('button.button[type=submit]:not([name])');
    await citizen.waitForSelector('#registration-number');
    expect(await citizen.textContent('#due-date')).to.equal('04.01.2027');

    const visitor = await (await browser.newContext({ locale: 'ro-RO' })).newPage();
    await visitor.goto(`${s.base}/sesizari`);
    const list = (await visitor.textContent('main'))!;
    expect(list).to.contain('Str. Lungă 7, lângă școală').and.to.contain('Iluminat public').and.to.contain('În lucru');
    expect(list).not.to.contain('Maria Ionescu');
    expect(list).not.to.contain('nu funcționează');

    const office = await (await browser.newContext({ locale: 'ro-RO' })).newPage();
    await signIn(office, s.base, clerk.email, clerk.password);
    await office.goto(`${s.base}/lucru?group=gospodarie-comunala`);
    await office.click('table.queue a:has-text("Verificare pe teren și rezolvare")');
    await office.getByRole('radio', { name: 'Problema a fost rezolvată' }).check();
    await office.fill('#f-raspuns', 'Becul a fost înlocuit pe 4 decembrie.');
    await decide(office);
    await office.goto(`${s.base}/lucru?group=registratura`);
    await office.click('table.queue a:has-text("Înregistrare și trimitere răspuns")');
    await office.fill('#f-semnatar', 'Ana Registratură');
    await decide(office);

    await visitor.goto(`${s.base}/sesizari?stare=closed`);
    expect(await visitor.textContent('main')).to.contain('Str. Lungă 7, lângă școală').and.to.contain('Închisă');
  });

  it('fills the coordinates from a click on the map where tiles are configured', async () => {
    s.ctx.config.map = { tiles: 'http://127.0.0.1:1/{z}/{x}/{y}.png', attribution: '© test', center: [45.6427, 25.5887], zoom: 13 };
    const citizen = await (await browser.newContext({ locale: 'ro-RO', viewport: { width: 390, height: 844 } })).newPage();
    await signUp(citizen, s.base, 'Ion Pop', 'ion@exemplu.ro', 'o-parola-lunga-2026');
    await citizen.goto(`${s.base}/proceduri/sesizare`);
    const map = citizen.locator('.location-map');
    await map.waitFor({ state: 'visible' });
    await map.click(); // its centre, which the map opens on
    const lat = Number(await citizen.inputValue('#f-locatie-lat'));
    const lon = Number(await citizen.inputValue('#f-locatie-lon'));
    expect(lat).to.be.closeTo(45.6427, 0.01);
    expect(lon).to.be.closeTo(25.5887, 0.01);
    expect(await citizen.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(390);
  });
});
