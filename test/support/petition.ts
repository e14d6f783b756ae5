import type { Page } from 'playwright-core';

/** A valid citizen's petition (procedures/petitie/forms/cerere.schema.json). */
export const PETITION = {
  nume: 'Maria Ionescu',
  email: 'maria@exemplu.ro',
  adresa: { strada: 'Str. Lungă nr. 7', localitate: 'Brașov' },
  subiect: 'Iluminat public pe strada Lungă',
  continut: 'Vă rog să remediați iluminatul public de pe strada Lungă, nefuncțional de două săptămâni.',
};

/** The smallest file that is a PDF by its content (magic bytes), for upload tests. */
export const SAMPLE_PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');

export async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForLoadState();
}

export async function signUp(page: Page, base: string, name: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/signup`);
  await page.fill('#name', name);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.fill('#password2', password);
  await page.click('button[type=submit]');
  await page.waitForLoadState();
}

/** Fills the petition form in the portal, with one attachment. */
export async function fillPetition(page: Page): Promise<void> {
  await page.fill('#f-nume', PETITION.nume);
  await page.fill('#f-email', PETITION.email);
  await page.fill('#f-adresa-strada', PETITION.adresa.strada);
  await page.fill('#f-adresa-localitate', PETITION.adresa.localitate);
  await page.fill('#f-subiect', PETITION.subiect);
  await page.fill('#f-continut', PETITION.continut);
  await page.setInputFiles('#f-anexe', { name: 'stalp.pdf', mimeType: 'application/pdf', buffer: SAMPLE_PDF });
}

/** On an open, claimed triage task: the city hall is competent, urban planning resolves it. */
export async function triageToUrbanism(office: Page): Promise<void> {
  await office.check('#f-competenta');
  await office.getByLabel('Urbanism', { exact: true }).check();
  await office.click('section:has(#decision-title) button.button[type=submit]:not([name])');
  await office.waitForURL(/\/lucru\/cereri\//);
}

/** From the urban planning queue, asks the citizen for a photo (the legal clock stops). */
export async function askForPhoto(office: Page, base: string): Promise<void> {
  await office.goto(`${base}/lucru?group=urbanism`);
  await office.click('table.queue a:has-text("Soluționare")');
  await office.fill('#message', 'Atașați o fotografie a stâlpului defect.');
  await office.click('button:has-text("Cereți completarea")');
  await office.waitForSelector('text=Se așteaptă răspunsul');
}
