import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import type { Browser, BrowserContext } from 'playwright-core';
import type { AppContext } from '../../server/context.ts';
import { accountPages } from '../../server/pages/account-pages.ts';
import { adminPages } from '../../server/pages/admin-pages.ts';
import { citizenPages } from '../../server/pages/citizen-pages.ts';
import { clerkArchivePages } from '../../server/pages/clerk-archive-pages.ts';
import { clerkCasePages } from '../../server/pages/clerk-case-pages.ts';
import { clerkPages } from '../../server/pages/clerk-pages.ts';
import { paymentPages } from '../../server/pages/payment-pages.ts';
import { reconciliationPages } from '../../server/pages/reconciliation-pages.ts';
import { designerPages } from '../../server/pages/designer-pages.ts';
import { publicPages } from '../../server/pages/public-pages.ts';
import { openDataPages } from '../../server/pages/open-data-pages.ts';
import { confirmAtCounter } from '../../server/payments/payment-orders.ts';
import { ordersOfRequest } from '../../server/payments/payment-store.ts';
import { importSettlement } from '../../server/payments/reconciliation.ts';
import { deployPackage } from '../../server/procedures/deploy-package.ts';
import { readPackage } from '../../server/procedures/package.ts';
import { seedArchive } from './archive.ts';
import { qualityPages } from '../../server/pages/quality-pages.ts';
import { seedQualityHistory } from '../../server/quality/demo-seed.ts';
import { PETITION, SAMPLE_PDF, signIn } from './petition.ts';
import type { TestServer } from './server.ts';

/**
 * Every page a person can open, as one list: the page walk (test/server/browser/every-page.test.ts)
 * checks each at phone and desktop width in both languages (overflow, console, axe-core, raw codes),
 * and `npm run screenshots` photographs each. The walk fails for a GET route of a page router that
 * is neither here nor in NOT_PAGES, so a new page cannot skip it.
 *
 * Adding a page: one line in PAGE_LIST: the route as its router registers it, who opens it, the path
 * (parameters from the fixture), and `ready` when the page finishes drawing after load.
 */
export type Visitor = 'anon' | 'citizen' | 'clerk' | 'analyst' | 'admin';

export interface PageFixture {
  requestId: string;
  taskId: string;
  fileId: string;
  /** Payment orders of the fee-bearing test procedure: one waiting, one paid at the counter. */
  pendingPayment: string;
  paidPayment: string;
  /** An archived document of registratura naming a person (opened with a reason). */
  archiveDocId: string;
}

export interface PageVisit {
  /** A name for the screenshot and the test title, e.g. "citizen/request". */
  name: string;
  /** "get /path/:param" as the page router registers it; for error pages, the route they answer. */
  route: string;
  as: Visitor;
  path: (f: PageFixture) => string;
  /** The HTTP status the page answers with (200 unless said). */
  status?: number;
  /** A selector that is present once the page has drawn everything it draws after load. */
  ready?: string;
  /** Pages for analysts show identifiers on purpose (BPMN ids, procedure keys): no raw-code check. */
  showsIdentifiers?: boolean;
}

const TAXA_TEST = fileURLToPath(new URL('../fixtures/payments/taxa-test', import.meta.url));

/** The day of the fixture's settlement file (the test server's day), for the reconciliation page. */
const SETTLEMENT_DAY = '2026-03-02';

/** The code of the fixture's issued answer, for /verificare. */
const VERIFICATION_CODE = 'KCQR-M9XP-4TDA';

export const PAGE_LIST: PageVisit[] = [
  { name: 'public/catalogue', route: 'get /', as: 'anon', path: () => '/' },
  { name: 'public/login', route: 'get /login', as: 'anon', path: () => '/login' },
  { name: 'public/signup', route: 'get /signup', as: 'anon', path: () => '/signup' },
  { name: 'public/status', route: 'get /status', as: 'anon', path: () => '/status' },
  { name: 'public/reports', route: 'get /sesizari', as: 'anon', path: () => '/sesizari' },
  { name: 'public/verify-form', route: 'get /verificare', as: 'anon', path: () => '/verificare' },
  { name: 'public/verify', route: 'get /verificare/:code', as: 'anon', path: () => `/verificare/${VERIFICATION_CODE}` },
  { name: 'public/open-data', route: 'get /date-deschise', as: 'anon', path: () => '/date-deschise' },
  { name: 'public/report-544', route: 'get /date-deschise/raport-544/:year', as: 'anon', path: () => '/date-deschise/raport-544/2025' },
  { name: 'public/password-forgot', route: 'get /parola-uitata', as: 'anon', path: () => '/parola-uitata' },
  { name: 'public/password-link-expired', route: 'get /parola-noua', as: 'anon', path: () => '/parola-noua?token=expirat', status: 404 },
  { name: 'public/not-found', route: '404', as: 'anon', path: () => '/nu-exista', status: 404 },
  { name: 'citizen/catalogue', route: 'get /', as: 'citizen', path: () => '/' },
  { name: 'citizen/petition-form', route: 'get /proceduri/:key', as: 'citizen', path: () => '/proceduri/petitie' },
  { name: 'citizen/report-form', route: 'get /proceduri/:key', as: 'citizen', path: () => '/proceduri/sesizare' },
  { name: 'citizen/urban-certificate-form', route: 'get /proceduri/:key', as: 'citizen', path: () => '/proceduri/certificat-urbanism' },
  { name: 'citizen/public-information-form', route: 'get /proceduri/:key', as: 'citizen', path: () => '/proceduri/informatii-publice' },
  { name: 'citizen/fiscal-certificate-form', route: 'get /proceduri/:key', as: 'citizen', path: () => '/proceduri/atestare-fiscala' },
  { name: 'citizen/operating-permit-form', route: 'get /proceduri/:key', as: 'citizen', path: () => '/proceduri/autorizatie-functionare' },
  { name: 'citizen/archive-copy-form', route: 'get /proceduri/:key', as: 'citizen', path: () => '/proceduri/copie-arhiva' },
  { name: 'citizen/my-requests', route: 'get /cereri', as: 'citizen', path: () => '/cereri' },
  { name: 'citizen/request', route: 'get /cereri/:id', as: 'citizen', path: (f) => `/cereri/${f.requestId}` },
  { name: 'citizen/confirmation', route: 'get /cereri/:id/confirmare', as: 'citizen', path: (f) => `/cereri/${f.requestId}/confirmare` },
  { name: 'citizen/change-password', route: 'get /cont/parola', as: 'citizen', path: () => '/cont/parola' },
  { name: 'citizen/receipt', route: 'get /cereri/:id/recipisa', as: 'citizen', path: (f) => `/cereri/${f.requestId}/recipisa` },
  { name: 'citizen/forbidden', route: '403', as: 'citizen', path: () => '/lucru', status: 403 },
  { name: 'citizen/payment', route: 'get /plati/:reference', as: 'citizen', path: (f) => `/plati/${f.pendingPayment}` },
  { name: 'citizen/payment-paid', route: 'get /plati/:reference', as: 'citizen', path: (f) => `/plati/${f.paidPayment}` },
  { name: 'citizen/payment-receipt', route: 'get /plati/:reference/chitanta', as: 'citizen', path: (f) => `/plati/${f.paidPayment}/chitanta` },
  { name: 'clerk/queue', route: 'get /lucru', as: 'clerk', path: () => '/lucru' },
  { name: 'clerk/queue-at-risk', route: 'get /lucru', as: 'clerk', path: () => '/lucru?risc=1' },
  { name: 'clerk/task', route: 'get /lucru/sarcini/:id', as: 'clerk', path: (f) => `/lucru/sarcini/${f.taskId}` },
  { name: 'clerk/payments', route: 'get /lucru/plati', as: 'clerk', path: () => '/lucru/plati' },
  { name: 'clerk/payment', route: 'get /plati/:reference', as: 'clerk', path: (f) => `/plati/${f.paidPayment}` },
  { name: 'clerk/request', route: 'get /lucru/cereri/:id', as: 'clerk', path: (f) => `/lucru/cereri/${f.requestId}` },
  { name: 'clerk/archive-form', route: 'get /lucru/arhiva', as: 'clerk', path: () => '/lucru/arhiva' },
  { name: 'clerk/archive-results', route: 'get /lucru/arhiva', as: 'clerk', path: () => '/lucru/arhiva?q=Stefan+Tepes+Eminesku' },
  { name: 'clerk/archive-reason', route: 'get /lucru/arhiva/documente/:documentId', as: 'clerk', path: (f) => `/lucru/arhiva/documente/${f.archiveDocId}?pagina=1` },
  { name: 'clerk/archive-document', route: 'get /lucru/arhiva/documente/:documentId', as: 'clerk', path: (f) => `/lucru/arhiva/documente/${f.archiveDocId}?pagina=1&motiv=Cererea+12%2F2026` },
  { name: 'clerk/archive-selection', route: 'get /lucru/arhiva/selectie', as: 'clerk', path: () => '/lucru/arhiva/selectie' },
  { name: 'analyst/designer-list', route: 'get /designer', as: 'analyst', path: () => '/designer', showsIdentifiers: true },
  { name: 'analyst/designer-new', route: 'get /designer/nou', as: 'analyst', path: () => '/designer/nou', ready: '#designer[data-ready="true"]', showsIdentifiers: true },
  { name: 'analyst/designer-petition', route: 'get /designer/proceduri/:key', as: 'analyst', path: () => '/designer/proceduri/petitie', ready: '#designer[data-ready="true"]', showsIdentifiers: true },
  { name: 'analyst/decision-table', route: 'get /designer/decizii/:key', as: 'analyst', path: () => '/designer/decizii/taxaCertificatUrbanismTeren', ready: '#dmn-designer[data-ready="true"]', showsIdentifiers: true },
  { name: 'admin/payment-reconciliation', route: 'get /lucru/plati/reconciliere', as: 'admin', path: () => `/lucru/plati/reconciliere?data=${SETTLEMENT_DAY}&importate=3&existente=0` },
  { name: 'admin/payment-reconciliation-empty', route: 'get /lucru/plati/reconciliere', as: 'admin', path: () => '/lucru/plati/reconciliere' },
  { name: 'admin/admin', route: 'get /admin', as: 'admin', path: () => '/admin' },
  { name: 'admin/quality', route: 'get /calitate', as: 'admin', path: () => '/calitate', ready: '.quality-charts[data-drawn="true"]' },
  { name: 'admin/quality-heatmap', route: 'get /calitate/harta/:key', as: 'admin', path: () => '/calitate/harta/petitie', ready: '.heatmap[data-drawn="true"]' },
];

/** GET routes of the page routers that answer something other than a page, and what. */
export const NOT_PAGES: Record<string, string> = {
  'get /favicon.ico': 'the site icon, for pages that do not link it (documents, receipts)',
  'get /cereri/:id/fisiere/:uploadId': 'a download of the citizen\'s file',
  'get /cereri/:id/recipisa.pdf': 'the receipt as a PDF download',
  'get /lucru/diagrame/:key/:version': 'BPMN XML for the diagram viewer',
  'get /lucru/cereri/:id/fisiere/:uploadId': 'a citizen\'s file, shown inline in the clerk\'s request page or downloaded',
  'get /lucru/arhiva/documente/:documentId/fisier': 'an archived scan, downloaded',
  'get /calitate/export/:table': 'a table of the quality dashboard as a CSV or XLSX download',
  'get /date-deschise/cereri-lunare.csv': 'the open data monthly figures as a CSV download',
  'get /date-deschise/cereri-lunare.json': 'the open data monthly figures as JSON',
  'get /date-deschise/catalog.jsonld': 'the DCAT-AP catalogue of the open data (JSON-LD)',
  'get /date-deschise/raport-544/:year.json': 'the Legea 544/2001 yearly report as JSON',
  'get /lucru/sarcini/:id/document': 'the document being signed, shown in a frame of the task page (walked with it)',
  'get /plati/:reference/intoarcere': 'the return from the card page: a redirect to the payment page',
  'get /lucru/plati/export.csv': 'the payments of some days as a CSV download for the accounting system',
};

/** The GET routes the page routers register, as "get /path". */
export function servedPageRoutes(): string[] {
  const ctx = { config: { publicUrl: 'http://127.0.0.1' } } as AppContext;
  return [accountPages, publicPages, openDataPages, citizenPages, paymentPages, reconciliationPages, clerkPages, clerkCasePages, clerkArchivePages, designerPages, adminPages, qualityPages].flatMap((make) => getRoutesOf(make(ctx)));
}

function getRoutesOf(router: Router): string[] {
  const found: string[] = [];
  for (const layer of router.stack) {
    const route = layer.route as { path: string | string[]; methods: Record<string, boolean> } | undefined;
    if (!route?.methods.get) continue;
    for (const path of ([] as string[]).concat(route.path)) found.push(`get ${path}`);
  }
  return found;
}

export interface PageWorld {
  fixture: PageFixture;
  /** One signed-in browser context per visitor. */
  contexts: Record<Visitor, BrowserContext>;
  close(): Promise<void>;
}

/**
 * The state the pages show: a citizen's petition with a file, asked for completion (so the answer
 * form and the suspended clock show), an issued answer with its hash, and its open triage task.
 */
export async function preparePages(s: TestServer, browser: Browser): Promise<PageWorld> {
  const citizen = await s.user('maria@exemplu.ro', 'citizen');
  const clerk = await s.user('ana@primarie.ro', 'clerk', ['registratura', 'urbanism']);
  const analyst = await s.user('elena@primarie.ro', 'analyst');
  const admin = await s.user('admin@primarie.ro', 'admin', ['registratura']);
  const form = new FormData();
  form.set('data', JSON.stringify(PETITION));
  form.set('anexe', new Blob([SAMPLE_PDF], { type: 'application/pdf' }), 'stalp-defect-pe-strada-lunga.pdf');
  const sent = await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: form });
  if (sent.status !== 201) throw new Error(`petition not registered: ${JSON.stringify(sent.body)}`);
  const requestId = sent.body.id as string;
  const asked = await s.api(`/api/v1/requests/${requestId}/completion`, { token: admin.token, body: { message: 'Atașați o fotografie a stâlpului defect.' } });
  if (asked.status !== 201) throw new Error(`completion not asked: ${JSON.stringify(asked.body)}`);
  const [row] = await s.ctx.db.query<{ task_id: string; data: { anexe: Array<{ id: string }> } }>(
    "select t.id as task_id, r.data from requests r join tasks t on t.instance_id = r.instance_id where r.id = $1 and t.status = 'open'", [requestId]);
  await s.ctx.db.query(
    `insert into documents (id, request_id, kind, title, register, reg_year, reg_number, registration_number, html, sha256, issued_at, verification_code)
     values (gen_random_uuid(), $1, 'answer', 'Răspuns la petiție', 'iesiri', 2026, 1, '1/02.03.2026', '<p>Răspuns</p>', $2, now(), $3)`,
    [requestId, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', VERIFICATION_CODE]);
  // A public-space report, for the public list.
  const report = await s.api('/api/v1/procedures/sesizare/requests', { token: citizen.token, body: { nume: 'Maria Ionescu', email: 'maria@exemplu.ro', categorie: 'iluminat', locatie: { adresa: 'Str. Lungă 7, lângă școala nr. 3', lat: 45.6427, lon: 25.5887 }, descriere: 'Stâlpul nu luminează de o săptămână.' } });
  if (report.status !== 201) throw new Error(`report not registered: ${JSON.stringify(report.body)}`);
  await deployPackage(s.ctx.engine, s.ctx.db, await readPackage(TAXA_TEST), 'test');
  const [pendingPayment, paidPayment] = [await feeOrder(s, citizen.token), await feeOrder(s, citizen.token)];
  await confirmAtCounter(s.ctx, admin.email, paidPayment, 'CH 1207/2026');
  // The provider's settlement of the day, disagreeing with the orders in each way a line can.
  await importSettlement(s.ctx.db, SETTLEMENT_DAY, `reference,payment_id,amount_bani,currency,kind\nPL20260302NECUNOSCUT,p-1,2500,RON,payment\n${paidPayment},p-2,1400,RON,payment\n${pendingPayment},p-3,1500,RON,payment\n`, s.clock.now());
  // A year of quality history, so the dashboard draws its charts and tables (server/quality/demo-seed.ts).
  await seedQualityHistory(s.ctx, { requests: 3000, open: 120, years: 1 });
  // People's names, as accounts have them (a name derived from "admin@…" would read like the role code).
  for (const [account, name] of [[citizen, 'Maria Ionescu'], [clerk, 'Ana Popescu'], [analyst, 'Elena Marin'], [admin, 'Mihai Stan']] as const) {
    await s.ctx.db.query('update users set name = $1 where id = $2', [name, account.id]);
  }
  const archive = await seedArchive(s.ctx.db, s.ctx.files.archive);
  const contexts = {} as Record<Visitor, BrowserContext>;
  const accounts = { citizen, clerk, analyst, admin };
  contexts.anon = await browser.newContext({ locale: 'ro-RO' });
  for (const [who, account] of Object.entries(accounts) as Array<[Exclude<Visitor, 'anon'>, typeof citizen]>) {
    contexts[who] = await browser.newContext({ locale: 'ro-RO' });
    // tsx compiles functions passed to page.evaluate with esbuild's keepNames helper.
    await contexts[who].addInitScript('window.__name = (f) => f');
    const page = await contexts[who].newPage();
    await signIn(page, s.base, account.email, account.password);
    await page.close();
  }
  await contexts.anon.addInitScript('window.__name = (f) => f');
  return {
    fixture: { requestId, taskId: row!.task_id, fileId: row!.data.anexe[0]!.id, pendingPayment, paidPayment, archiveDocId: archive.personalDocId },
    contexts,
    close: async () => { for (const c of Object.values(contexts)) await c.close(); },
  };
}

/** Files a request of the fee-bearing test procedure and returns its payment order's reference. */
async function feeOrder(s: TestServer, token: string): Promise<string> {
  const sent = await s.api('/api/v1/procedures/taxa-test/requests', { token, body: { nume: 'Maria Ionescu' } });
  if (sent.status !== 201) throw new Error(`fee request not registered: ${JSON.stringify(sent.body)}`);
  await s.ctx.engine.tick();
  const [order] = await ordersOfRequest(s.ctx.db, sent.body.id as string);
  if (!order) throw new Error('the payment step made no order');
  return order.reference;
}

/** The path of a visit in a language, said explicitly (the portal remembers ?lang in a cookie). */
export function visitPath(visit: PageVisit, f: PageFixture, lang: 'ro' | 'en'): string {
  const path = visit.path(f);
  return `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
}
