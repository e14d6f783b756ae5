import type { Browser } from 'playwright-core';
import type { Database } from '../../engine/index.ts';
import { askForPhoto, fillPetition, signIn, signUp, triageToUrbanism } from '../support/petition.ts';
import { startTestServer } from '../support/server.ts';
import type { Shot } from './shots.ts';

/** The citizen portal and the clerk's pages, walked through one petition. */
export async function portalShots(browser: Browser, db: Database, shot: Shot): Promise<void> {
  const s = await startTestServer(db);
  const clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura', 'urbanism']);
  const admin = await s.user('admin@primarie.ro', 'admin', ['registratura']);
  const citizenContext = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'ro-RO' });
  const officeContext = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'ro-RO' });
  try {
    const citizen = await citizenContext.newPage();
    await citizen.goto(`${s.base}/`);
    await shot(citizen, 'portal/catalogue');
    await citizen.goto(`${s.base}/?lang=en`);
    await shot(citizen, 'portal/catalogue-en');
    await citizen.goto(`${s.base}/signup?lang=ro`);
    await shot(citizen, 'portal/signup');
    await signUp(citizen, s.base, 'Maria Ionescu', 'maria@exemplu.ro', 'o-parola-lunga-2026');
    await citizen.goto(`${s.base}/proceduri/petitie`);
    await shot(citizen, 'portal/petition-form');
    await citizen.click('button.button[type=submit]:not([name])');
    await citizen.waitForSelector('.error-summary');
    await shot(citizen, 'portal/petition-form-errors');
    await fillPetition(citizen);
    await citizen.click('button.button[type=submit]:not([name])');
    await citizen.waitForSelector('#registration-number');
    await shot(citizen, 'portal/receipt');
    const requestUrl = `${s.base}${await citizen.getAttribute('a:has-text("Urmăriți cererea")', 'href')}`;

    const office = await officeContext.newPage();
    await signIn(office, s.base, clerk.email, clerk.password);
    await office.goto(`${s.base}/lucru`);
    await shot(office, 'clerk/queue');
    await office.click('table.queue a:has-text("Triere")');
    await shot(office, 'clerk/task-triage');
    await office.click('button:has-text("Preiau")');
    await triageToUrbanism(office);
    await askForPhoto(office, s.base);
    await shot(office, 'clerk/task-waiting-for-completion');

    await citizen.goto(requestUrl);
    await shot(citizen, 'portal/request-completion-requested');
    await citizen.goto(`${s.base}/cereri`);
    await shot(citizen, 'portal/my-requests');
    await citizen.goto(`${s.base}/status`);
    await shot(citizen, 'portal/status-check');

    await office.goto(`${s.base}/lucru?overdue=true`);
    await shot(office, 'clerk/queue-overdue-filter');
    const adminPage = await officeContext.newPage();
    await adminPage.context().clearCookies();
    await signIn(adminPage, s.base, admin.email, admin.password);
    await adminPage.goto(`${s.base}/admin`);
    await shot(adminPage, 'admin/admin');
  } finally {
    await citizenContext.close();
    await officeContext.close();
    await s.close();
  }
}
