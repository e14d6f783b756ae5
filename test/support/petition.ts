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
