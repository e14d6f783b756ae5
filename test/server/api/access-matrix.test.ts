import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Router } from 'express';
import { expect } from 'chai';
import type { AppContext } from '../../../server/context.ts';
import { PdfRenderer } from '../../../server/documents/pdf.ts';
import { DEV_SECRET, paymentSettingsFromEnv } from '../../../server/payments/payment-settings.ts';
import { SIGNATURE_HEADER, signBody } from '../../../server/payments/signature.ts';
import { accountPages } from '../../../server/pages/account-pages.ts';
import { adminPages } from '../../../server/pages/admin-pages.ts';
import { open311Routes } from '../../../server/open311/open311-routes.ts';
import { publicPages } from '../../../server/pages/public-pages.ts';
import { openDataPages } from '../../../server/pages/open-data-pages.ts';
import { newVerificationCode } from '../../../server/documents/verification.ts';
import { citizenPages } from '../../../server/pages/citizen-pages.ts';
import { clerkArchivePages } from '../../../server/pages/clerk-archive-pages.ts';
import { clerkCasePages } from '../../../server/pages/clerk-case-pages.ts';
import { clerkPages } from '../../../server/pages/clerk-pages.ts';
import { designerPages } from '../../../server/pages/designer-pages.ts';
import { paymentPages } from '../../../server/pages/payment-pages.ts';
import { qualityPages } from '../../../server/pages/quality-pages.ts';
import { reconciliationPages } from '../../../server/pages/reconciliation-pages.ts';
import { createPaymentOrder } from '../../../server/payments/payment-orders.ts';
import { createPayments } from '../../../server/payments/payments.ts';
import type { PaymentProvider } from '../../../server/payments/provider.ts';
import { createOps } from '../../../server/ops/ops-routes.ts';
import type { Database } from '../../../engine/index.ts';
import { seedArchive } from '../../support/archive.ts';
import { dropTestDatabase, openTestDatabase } from '../../support/database.ts';
import { deployMessageProcedures } from '../../support/message-procedures.ts';
import { PETITION, SAMPLE_PDF } from '../../support/petition.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

/**
 * Who may call what: every API operation of server/api/openapi.json and every page route, for
 * every role, against the running app on a real database. The expected answers are written once,
 * in the two tables below; a route with no row, or a row with no route, fails the suite.
 *
 * Roles (the columns, in this order):
 *   anon     nobody signed in
 *   owner    the citizen who submitted the request
 *   citizen  another citizen
 *   clerk    a clerk of registratura, where the request's open task is
 *   other    a clerk of another department (taxe)
 *   analyst  an analyst
 *   admin    an admin (no department)
 *
 * A cell is the HTTP status, or 'login' for a page that sends the visitor to sign in (303 to
 * /login). Every call of a write runs on a fresh request of its own, so no cell depends on another.
 *
 * Adding a route: add one line to API or PAGES. Path parameters are filled by name from the
 * fixture (see fill()); give `body` for a write and `prepare` when the route needs more state.
 */
const ROLES = ['anon', 'owner', 'citizen', 'clerk', 'other', 'analyst', 'admin'] as const;
type Role = typeof ROLES[number];
type Cell = number | 'login';
type Cells = [Cell, Cell, Cell, Cell, Cell, Cell, Cell];

/** One request of the owner, fresh for each write: a petition with a file, its triage task, an issued answer. */
interface Fixture {
  key: string;
  requestId: string;
  registrationNumber: string;
  secretCode: string;
  taskId: string;
  docId: string;
  fileName: string;
  /** The issued document's code for /verificare. */
  verificationCode: string;
  /** An API token of the owner (for the token routes). */
  tokenId?: string;
  /** A payment order of the request (for the payment pages). */
  reference?: string;
  /** An archived document of registratura (for the archive routes). */
  archiveDocId?: string;
}

interface World {
  s: TestServer;
  users: Record<Exclude<Role, 'anon'>, { email: string; token: string }>;
  /** A second clerk of registratura, to hold tasks. */
  colleague: { email: string; token: string };
}

interface Row {
  /** API: "method /openapi/{path}"; pages: "method /express/:path". */
  route: string;
  /** A second row for a route: the state it is called in, when it is not the plain fixture's. */
  when?: string;
  expect: Cells;
  /** Query string, without "?". */
  query?: (f: Fixture) => string;
  /** JSON for the API (a string is sent as is, with `type`); form fields for pages (FormData: a multipart post). */
  body?: (f: Fixture, w: World) => unknown;
  type?: string;
  /** Headers of an API call (a provider's signature). */
  headers?: () => Record<string, string>;
  /** Changes the fixture before the call: more state, or another request. */
  prepare?: (f: Fixture, w: World) => Promise<Fixture | void>;
}

const PDF_OK = PdfRenderer.available() ? 200 : 404;
const ANALYSTS: Cells = [401, 403, 403, 403, 403, 200, 200];
const EVERYONE: Cells = [200, 200, 200, 200, 200, 200, 200];
const SEES_REQUEST: Cells = [401, 200, 404, 200, 404, 404, 200];
const ON_TASK: Cells = [401, 403, 403, 200, 404, 403, 200];
/** The fee table of certificat-urbanism (a built-in procedure), deployed with it. */
const FEE_DECISION = 'taxaCertificatUrbanismTeren';
const TINY_DMN = `<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="x"><decision id="taxa"><literalExpression id="e"><text>10</text></literalExpression></decision></definitions>`;
const TINY_BPMN = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <bpmn:process id="adeverinta" name="Adeverință" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>`;

/** A completion asked by an admin, for the citizen to answer. */
const askCompletion = async (f: Fixture, w: World) => {
  const res = await w.s.api(`/api/v1/requests/${f.requestId}/completion`, { token: w.users.admin.token, body: { message: 'Atașați o fotografie.' } });
  expect(res.status, 'completion asked').to.equal(201);
};

/** A request of "acte", waiting for the message "acte-primite", with a task in registratura. */
const waitingForMessage = async (f: Fixture, w: World): Promise<Fixture> => {
  const res = await w.s.api('/api/v1/procedures/acte/requests', { token: w.users.owner.token, body: { nume: 'Maria Ionescu' } });
  expect(res.status, 'acte submitted').to.equal(201);
  return { ...f, requestId: res.body.id, registrationNumber: res.body.registrationNumber };
};

/** The triage task, claimed by a colleague of the clerk. */
const heldByColleague = async (f: Fixture, w: World) => {
  const res = await w.s.api(`/api/v1/tasks/${f.taskId}/claim`, { token: w.colleague.token, body: {} });
  expect(res.status, 'claimed by the colleague').to.equal(200);
};

/** Triage done: the request moved on to urbanism, where neither clerk works. */
const movedToUrbanism = async (f: Fixture, w: World) => {
  const res = await w.s.api(`/api/v1/tasks/${f.taskId}/complete`, { token: w.users.admin.token, body: { data: { anonima: false, competenta: true, departament: 'urbanism' } } });
  expect(res.status, 'triaged to urbanism').to.equal(200);
};

/** A public-space report of the owner's, as Open311 lists it. */
const filedReport = async (f: Fixture, w: World): Promise<Fixture> => {
  const res = await w.s.api('/api/v1/procedures/sesizare/requests', { token: w.users.owner.token, body: REPORT });
  expect(res.status, 'report filed').to.equal(201);
  return { ...f, requestId: res.body.id };
};

const REPORT = { nume: 'Maria Ionescu', email: 'maria@exemplu.ro', categorie: 'iluminat', locatie: { adresa: 'Str. Lungă 7', lat: 45.65, lon: 25.6 }, descriere: 'Stâlpul nu luminează de o săptămână.' };

/** Triaged to the registry and resolved: the request waits for its answer to be signed (a task that issues a document). */
const atAnswer = async (f: Fixture, w: World): Promise<Fixture> => {
  const admin = w.users.admin.token;
  const next = async (elementId: string) => (await w.s.ctx.db.query<{ id: string }>(
    "select t.id from tasks t join requests r on r.instance_id = t.instance_id where r.id = $1 and t.status = 'open' and t.element_id = $2", [f.requestId, elementId]))[0]!;
  expect((await w.s.api(`/api/v1/tasks/${f.taskId}/complete`, { token: admin, body: { data: { anonima: false, competenta: true, departament: 'registratura' } } })).status, 'triaged').to.equal(200);
  expect((await w.s.api(`/api/v1/tasks/${(await next('solutionare')).id}/complete`, { token: admin, body: { data: { raspuns: 'Stâlpul a fost reparat.' } } })).status, 'resolved').to.equal(200);
  return { ...f, taskId: (await next('raspuns')).id };
};

/** A fresh API token of the owner, for the routes that revoke one. */
const ownerToken = async (f: Fixture, w: World): Promise<Fixture> => {
  const res = await w.s.api('/api/v1/tokens', { token: w.users.owner.token, body: {} });
  expect(res.status, 'token created').to.equal(201);
  return { ...f, tokenId: res.body.id };
};

/** One PDF, as the upload step takes it. */
const pdfUpload = () => {
  const form = new FormData();
  form.set('anexe', new Blob([SAMPLE_PDF], { type: 'application/pdf' }), 'stalp.pdf');
  return form;
};

/** A provider's signed notification for a reference no order has: acknowledged, changes nothing. */
const NOTIFICATION = JSON.stringify({ reference: 'PL-NONE', paymentId: 'p', status: 'paid', amountBani: 100, currency: 'RON' });

/** A fee of the request, its card gateway a stub (no provider is called in this suite); `paid`: confirmed at the counter. */
const withOrder = (paid: boolean) => async (f: Fixture, w: World): Promise<Fixture> => {
  const payments = createPayments(paymentSettingsFromEnv({}));
  w.s.ctx.payments = { ...payments, providers: new Map([['card', { ...payments.providers.get('card')!, ...STUB_GATEWAY }]]) };
  const [request] = await w.s.ctx.db.query<{ instance_id: string }>('select instance_id from requests where id = $1', [f.requestId]);
  const order = await createPaymentOrder(w.s.ctx, { sourceKey: randomUUID(), instanceId: request!.instance_id, requestId: f.requestId, registrationNumber: f.registrationNumber, payerName: 'Maria', description: 'Taxă', amountBani: 1500, deadlineMs: 86_400_000 });
  if (paid) await w.s.ctx.db.query("update payment_orders set status = 'paid', paid_bani = amount_bani, counter_receipt = 'CH 1' where id = $1", [order.id]);
  return { ...f, reference: order.reference };
};
const STUB_GATEWAY: Partial<PaymentProvider> = {
  startPayment: async () => ({ providerPaymentId: 'stub', redirectUrl: 'http://gateway.test/pay/stub' }),
  queryStatus: async () => undefined,
  refund: async () => ({ refundId: 'stub' }),
};

/** A small archive; the fixture names a document of registratura without personal data. */
const archived = async (f: Fixture, w: World): Promise<Fixture> => ({ ...f, archiveDocId: (await seedArchive(w.s.ctx.db, w.s.ctx.files.archive)).plainDocId });
const HELD = 'the task is held by a colleague';
const MOVED = 'the request moved on to another department';
const DECISION = { data: { anonima: false, competenta: true, departament: 'urbanism' } };

/** The request has ended (its instance terminated), so its owner may rate it. */
async function ended(f: Fixture, w: World): Promise<void> {
  const [request] = await w.s.ctx.db.query<{ instance_id: string }>('select instance_id from requests where id = $1', [f.requestId]);
  await w.s.ctx.engine.terminate(request!.instance_id, 'test');
}

//                                                               anon     owner  citizen clerk  other  analyst admin
const API: Row[] = [
  { route: 'get /openapi.json', expect: EVERYONE },
  { route: 'get /procedures', expect: EVERYONE },
  { route: 'get /procedures/{key}', expect: EVERYONE },
  { route: 'get /procedures/{key}/model', expect: ANALYSTS },
  { route: 'get /procedures/{key}/forms', expect: ANALYSTS },
  { route: 'get /procedures/{key}/versions', expect: ANALYSTS },
  { route: 'get /departments', expect: EVERYONE },
  { route: 'post /definitions', expect: [401, 403, 403, 403, 403, 201, 201], body: () => TINY_BPMN, type: 'application/xml' },
  { route: 'post /decisions', expect: [401, 403, 403, 403, 403, 201, 201], body: () => TINY_DMN, type: 'application/xml' },
  { route: 'get /decisions', expect: ANALYSTS },
  { route: 'get /decisions/{key}/model', expect: ANALYSTS, prepare: async (f) => ({ ...f, key: FEE_DECISION }) },
  { route: 'post /procedures/{key}/requests', expect: [401, 201, 201, 403, 403, 403, 403], body: () => PETITION },
  { route: 'post /procedures/{key}/uploads', expect: [401, 201, 201, 403, 403, 403, 403], body: pdfUpload },
  { route: 'post /payments/notifications/{provider}', expect: EVERYONE, body: () => NOTIFICATION, type: 'application/json', headers: () => ({ [SIGNATURE_HEADER]: signBody(DEV_SECRET, NOTIFICATION, new Date()) }) },
  { route: 'get /tokens', expect: [401, 200, 200, 200, 200, 200, 200] },
  { route: 'post /tokens', expect: [401, 201, 201, 201, 201, 201, 201] },
  { route: 'delete /tokens/{id}', expect: [401, 200, 404, 404, 404, 404, 200], prepare: ownerToken },
  { route: 'get /requests', expect: [401, 200, 200, 403, 403, 403, 403] },
  { route: 'get /requests/{id}', expect: SEES_REQUEST },
  { route: 'get /requests/{id}/documents/{doc}.{format}', expect: SEES_REQUEST },
  { route: 'post /requests/{id}/completion', expect: [401, 403, 403, 201, 404, 403, 201], body: () => ({ message: 'Atașați o fotografie.' }) },
  // More (once only, scores, the dashboard): test/server/pages/request-rating.test.ts.
  { route: 'post /requests/{id}/rating', expect: [401, 201, 404, 403, 403, 403, 403], body: () => ({ score: 5 }), prepare: ended },
  // The fixture's petition does not wait for "retragere": 409 for its owner. Withdrawal and refund: test/server/procedures/certificat-urbanism-api.test.ts.
  { route: 'post /requests/{id}/withdrawal', expect: [401, 200, 404, 403, 403, 403, 403], prepare: waitingForMessage },
  { route: 'post /requests/{id}/withdrawal', when: 'the procedure does not wait for a withdrawal', expect: [401, 409, 404, 403, 403, 403, 403] },
  { route: 'post /requests/{id}/rating', when: 'the request has not ended', expect: [401, 409, 404, 403, 403, 403, 403], body: () => ({ score: 5 }) },
  { route: 'post /requests/{id}/completion/answer', expect: [401, 200, 404, 403, 403, 403, 403], body: () => ({ text: 'Am atașat fotografia.' }), prepare: askCompletion },
  { route: 'post /requests/{id}/extension', expect: [401, 403, 403, 200, 404, 403, 200], body: () => ({ amount: 15, unit: 'days', reason: 'Cercetare suplimentară' }) },
  { route: 'get /status', expect: EVERYONE, query: (f) => `number=${encodeURIComponent(f.registrationNumber)}&code=${f.secretCode}` },
  { route: 'get /tasks', expect: [401, 403, 403, 200, 200, 403, 200] },
  { route: 'get /tasks/{id}', expect: [401, 404, 404, 200, 404, 404, 200] },
  { route: 'post /tasks/{id}/claim', expect: ON_TASK },
  { route: 'post /tasks/{id}/unclaim', expect: ON_TASK },
  { route: 'post /tasks/{id}/assign', expect: ON_TASK, body: (_f, w) => ({ assignee: w.users.clerk.email }) },
  { route: 'post /tasks/{id}/complete', expect: ON_TASK, body: () => DECISION },
  { route: 'post /tasks/{id}/claim', when: HELD, expect: [401, 403, 403, 409, 404, 403, 409], prepare: heldByColleague },
  { route: 'post /tasks/{id}/unclaim', when: HELD, expect: [401, 403, 403, 409, 404, 403, 200], prepare: heldByColleague },
  { route: 'post /tasks/{id}/assign', when: HELD, expect: [401, 403, 403, 409, 404, 403, 200], body: (_f, w) => ({ assignee: w.users.clerk.email }), prepare: heldByColleague },
  { route: 'post /tasks/{id}/complete', when: HELD, expect: [401, 403, 403, 409, 404, 403, 200], body: () => DECISION, prepare: heldByColleague },
  { route: 'get /requests/{id}', when: MOVED, expect: SEES_REQUEST, prepare: movedToUrbanism },
  { route: 'post /requests/{id}/completion', when: MOVED, expect: [401, 403, 403, 403, 404, 403, 201], body: () => ({ message: 'Atașați o fotografie.' }), prepare: movedToUrbanism },
  { route: 'post /requests/{id}/extension', when: MOVED, expect: [401, 403, 403, 403, 404, 403, 200], body: () => ({ amount: 15, unit: 'days', reason: 'Cercetare suplimentară' }), prepare: movedToUrbanism },
  { route: 'post /messages', expect: [401, 403, 403, 200, 404, 403, 200], body: (f) => ({ name: 'acte-primite', requestId: f.requestId }), prepare: waitingForMessage },
  { route: 'post /signals/{name}', expect: ANALYSTS, body: () => ({ data: { lege: 'HCL 12/2026' } }) },
  { route: 'post /conditions', expect: ANALYSTS, body: () => ({ variables: { suma: 10 } }) },
  { route: 'post /designer/forms/preview', expect: ANALYSTS, body: () => ({ schema: { type: 'object', properties: { nume: { type: 'string' } } } }) },
  { route: 'get /designer/procedures/{key}/compare', expect: ANALYSTS, query: () => 'from=1&to=1' },
  { route: 'get /designer/procedures/{key}/package', expect: ANALYSTS },
  { route: 'get /designer/handlers', expect: ANALYSTS },
  { route: 'post /designer/layout', expect: ANALYSTS, body: () => TINY_BPMN, type: 'application/xml' },
  { route: 'get /archive/search', expect: [401, 403, 403, 200, 200, 403, 200], query: () => 'q=eminescu', prepare: archived },
  { route: 'get /archive/documents/{documentId}', expect: [401, 403, 403, 200, 404, 403, 200], prepare: archived },
  { route: 'get /archive/documents/{documentId}/file', expect: [401, 403, 403, 200, 404, 403, 200], prepare: archived },
  { route: 'post /archive/documents/{documentId}/attach', expect: [401, 403, 403, 201, 404, 403, 201], body: (f) => ({ requestId: f.requestId }), prepare: archived },
  { route: 'post /archive/documents/{documentId}/certified-copy', expect: [401, 403, 403, 201, 404, 403, 201], body: (f) => ({ requestId: f.requestId }), prepare: archived },
  { route: 'get /archive/selection', expect: [401, 403, 403, 200, 200, 403, 200], prepare: archived },
  // Heads of department (sef) see their own departments: test/server/api/quality-heatmap.test.ts and quality-routes.test.ts.
  { route: 'get /quality/heatmap/{key}', expect: [401, 403, 403, 403, 403, 403, 200] },
  { route: 'get /quality/early-warnings', expect: [401, 403, 403, 403, 403, 403, 200] },
  { route: 'post /designer/procedures/{key}/migrate', expect: ANALYSTS, body: () => ({ from: 1, to: 1 }), prepare: async (f) => ({ ...f, key: 'sesizare-portal' }) },
];

const CITIZENS: Cells = ['login', 200, 200, 403, 403, 403, 403];
const SEES_REQUEST_PAGE: Cells = ['login', 200, 404, 200, 404, 404, 200];
const CLERKS: Cells = ['login', 403, 403, 200, 200, 403, 200];
const ON_TASK_PAGE: Cells = ['login', 403, 403, 303, 404, 403, 303];
const DESIGNERS: Cells = ['login', 403, 403, 403, 403, 200, 200];
const ADMINS: Cells = ['login', 403, 403, 403, 403, 403, 200];
/** Admins and the clerks of taxe, the finance department (server/payments/finance-staff.ts): here the "other" clerk. */
const FINANCE: Cells = ['login', 403, 403, 403, 200, 403, 200];

/** The day's settlement file as the reconciliation page uploads it (a second import of it adds nothing, and answers the same). */
const settlementUpload = () => {
  const form = new FormData();
  form.set('data', '2026-03-02');
  form.set('fisier', new Blob(['reference,payment_id,amount_bani,currency,kind\nPL-MATRICE,p-1,1500,RON,payment\n'], { type: 'text/csv' }), 'decont.csv');
  return form;
};

//                                                               anon     owner  citizen clerk  other  analyst admin
const PAGES: Row[] = [
  { route: 'get /health', expect: EVERYONE },
  { route: 'get /health/ready', expect: EVERYONE },
  // Only a Prometheus server holding DOSAR_METRICS_TOKEN (test/server/ops/metrics.test.ts); no session opens it.
  { route: 'get /metrics', expect: [404, 404, 404, 404, 404, 404, 404], prepare: async (_f, w) => { delete w.s.ctx.config.metricsToken; } },
  { route: 'get /metrics', when: 'DOSAR_METRICS_TOKEN set', expect: [401, 401, 401, 401, 401, 401, 401], prepare: async (_f, w) => { w.s.ctx.config.metricsToken = 'metrici-secrete'; } },
  { route: 'get /', expect: EVERYONE },
  { route: 'get /login', expect: EVERYONE },
  { route: 'get /signup', expect: EVERYONE },
  { route: 'get /status', expect: EVERYONE, query: (f) => `number=${encodeURIComponent(f.registrationNumber)}&code=${f.secretCode}` },
  { route: 'post /status', expect: EVERYONE, body: (f) => ({ number: f.registrationNumber, code: f.secretCode }) },
  { route: 'get /parola-uitata', expect: EVERYONE },
  // Without a live link from a mail, nobody gets the form.
  { route: 'get /parola-noua', expect: [404, 404, 404, 404, 404, 404, 404] },
  { route: 'get /cont/parola', expect: ['login', 200, 200, 200, 200, 200, 200] },
  // Two different passwords: the form is shown again, and no session of the matrix ends.
  { route: 'post /cont/parola', expect: ['login', 422, 422, 422, 422, 422, 422], body: () => ({ current: 'x', password: 'o-parola-lunga-1', password2: 'o-parola-lunga-2' }) },
  { route: 'get /proceduri/:key', expect: CITIZENS },
  { route: 'post /proceduri/:key', expect: ['login', 303, 303, 403, 403, 403, 403], body: () => ({ data: JSON.stringify(PETITION) }) },
  { route: 'get /cereri/:id/confirmare', expect: ['login', 200, 404, 403, 403, 403, 403] },
  { route: 'get /cereri', expect: CITIZENS },
  { route: 'get /cereri/:id', expect: SEES_REQUEST_PAGE },
  { route: 'post /cereri/:id/completare', expect: ['login', 303, 404, 403, 403, 403, 403], body: () => ({ text: 'Am atașat fotografia.' }), prepare: askCompletion },
  { route: 'post /cereri/:id/evaluare', expect: ['login', 303, 404, 403, 403, 403, 403], body: () => ({ score: '5' }), prepare: ended },
  { route: 'post /cereri/:id/retragere', expect: ['login', 303, 404, 403, 403, 403, 403], prepare: waitingForMessage },
  { route: 'post /cereri/:id/retragere', when: 'the procedure does not wait for a withdrawal', expect: ['login', 409, 404, 403, 403, 403, 403] },
  { route: 'post /cereri/:id/evaluare', when: 'the request has not ended', expect: ['login', 409, 404, 403, 403, 403, 403], body: () => ({ score: '5' }) },
  { route: 'get /cereri/:id/fisiere/:uploadId', expect: SEES_REQUEST_PAGE },
  { route: 'get /cereri/:id/recipisa', expect: SEES_REQUEST_PAGE },
  { route: 'get /cereri/:id/recipisa.pdf', expect: ['login', PDF_OK, 404, PDF_OK, 404, 404, PDF_OK] },
  { route: 'get /plati/:reference', expect: SEES_REQUEST_PAGE, prepare: withOrder(false) },
  { route: 'post /plati/:reference/card', expect: ['login', 303, 404, 403, 403, 403, 403], prepare: withOrder(false) },
  { route: 'get /plati/:reference/intoarcere', expect: ['login', 303, 404, 303, 404, 404, 303], prepare: withOrder(false) },
  { route: 'post /plati/:reference/ghiseu', expect: ['login', 403, 403, 303, 404, 403, 303], body: () => ({ chitanta: 'CH 12/2026' }), prepare: withOrder(false) },
  { route: 'post /plati/:reference/rambursare', expect: ['login', 403, 403, 303, 404, 403, 303], prepare: withOrder(true) },
  { route: 'get /plati/:reference/chitanta', expect: SEES_REQUEST_PAGE, prepare: withOrder(true) },
  { route: 'get /lucru', expect: CLERKS },
  { route: 'get /lucru/plati', expect: CLERKS },
  { route: 'get /lucru/plati/reconciliere', expect: FINANCE, query: () => 'data=2026-03-02' },
  { route: 'post /lucru/plati/reconciliere', expect: ['login', 403, 403, 403, 303, 403, 303], body: settlementUpload },
  { route: 'get /lucru/plati/export.csv', expect: FINANCE, query: () => 'de=2026-03-02&pana=2026-03-02' },
  { route: 'get /lucru/sarcini/:id', expect: ['login', 403, 403, 200, 404, 403, 200] },
  { route: 'post /lucru/sarcini/:id/preluare', expect: ON_TASK_PAGE },
  { route: 'post /lucru/sarcini/:id/eliberare', expect: ON_TASK_PAGE },
  { route: 'post /lucru/sarcini/:id/repartizare', expect: ON_TASK_PAGE, body: (_f, w) => ({ assignee: w.users.clerk.email }) },
  { route: 'post /lucru/sarcini/:id/decizie', expect: ON_TASK_PAGE, body: () => ({ competenta: 'on', departament: 'urbanism' }) },
  { route: 'post /lucru/sarcini/:id/completare', expect: ON_TASK_PAGE, body: () => ({ message: 'Atașați o fotografie.' }) },
  { route: 'post /lucru/sarcini/:id/prelungire', expect: ON_TASK_PAGE, body: () => ({ amount: '15', unit: 'days', reason: 'Cercetare suplimentară' }) },
  { route: 'post /lucru/sarcini/:id/preluare', when: HELD, expect: ['login', 403, 403, 409, 404, 403, 409], prepare: heldByColleague },
  { route: 'post /lucru/sarcini/:id/eliberare', when: HELD, expect: ['login', 403, 403, 409, 404, 403, 303], prepare: heldByColleague },
  { route: 'post /lucru/sarcini/:id/repartizare', when: HELD, expect: ['login', 403, 403, 409, 404, 403, 303], body: (_f, w) => ({ assignee: w.users.clerk.email }), prepare: heldByColleague },
  { route: 'post /lucru/sarcini/:id/decizie', when: HELD, expect: ['login', 403, 403, 409, 404, 403, 303], body: () => ({ competenta: 'on', departament: 'urbanism' }), prepare: heldByColleague },
  { route: 'get /cereri/:id', when: MOVED, expect: SEES_REQUEST_PAGE, prepare: movedToUrbanism },
  { route: 'get /lucru/cereri/:id', when: MOVED, expect: ['login', 403, 403, 200, 404, 403, 200], prepare: movedToUrbanism },
  { route: 'get /lucru/cereri/:id', expect: ['login', 403, 403, 200, 404, 403, 200] },
  { route: 'get /lucru/cereri/:id/fisiere/:uploadId', expect: ['login', 403, 403, 200, 404, 403, 200] },
  { route: 'post /lucru/cereri/:id/note', expect: ['login', 403, 403, 303, 404, 403, 303], body: () => ({ note: 'Am verificat actele.' }) },
  { route: 'get /lucru/sarcini/:id/document', expect: ['login', 403, 403, 200, 404, 403, 200], prepare: atAnswer },
  { route: 'get /lucru/diagrame/:key/:version', expect: ['login', 403, 403, 200, 200, 200, 200] },
  { route: 'get /lucru/arhiva', expect: CLERKS, query: () => 'q=eminescu', prepare: archived },
  { route: 'get /lucru/arhiva/documente/:documentId', expect: ['login', 403, 403, 200, 404, 403, 200], prepare: archived },
  { route: 'get /lucru/arhiva/documente/:documentId/fisier', expect: ['login', 403, 403, 200, 404, 403, 200], prepare: archived },
  { route: 'post /lucru/arhiva/documente/:documentId/comunicare', expect: ['login', 403, 403, 303, 404, 403, 303], body: (f) => ({ number: f.registrationNumber }), prepare: archived },
  { route: 'post /lucru/arhiva/documente/:documentId/copie-certificata', expect: ['login', 403, 403, 303, 404, 403, 303], body: (f) => ({ number: f.registrationNumber }), prepare: archived },
  { route: 'get /lucru/arhiva/selectie', expect: CLERKS, prepare: archived },
  { route: 'get /designer', expect: DESIGNERS },
  { route: 'get /designer/nou', expect: DESIGNERS },
  { route: 'get /designer/proceduri/:key', expect: DESIGNERS },
  { route: 'get /designer/decizii/:key', expect: DESIGNERS, prepare: async (f) => ({ ...f, key: FEE_DECISION }) },
  { route: 'get /admin', expect: ADMINS },
  { route: 'post /admin/utilizatori', expect: ADMINS, body: () => ({ email: `nou-${++serial}@primarie.ro`, name: 'Cont Nou', role: 'clerk', password: 'o-parola-lunga-de-test', departments: 'taxe' }) },
  { route: 'post /admin/utilizatori/parola', expect: ADMINS, body: () => ({ email: throwaway }), prepare: async (_f, w) => { throwaway = `resetat-${++serial}@primarie.ro`; await w.s.user(throwaway, 'clerk'); } },
  { route: 'post /admin/tokenuri', expect: ADMINS, body: (_f, w) => ({ email: w.users.clerk.email }) },
  { route: 'post /admin/tokenuri/:id/revocare', expect: ADMINS, prepare: ownerToken },
  { route: 'post /admin/departamente', expect: ADMINS, body: () => ({ code: 'cultura', name_ro: 'Cultură', name_en: 'Culture' }) },
  { route: 'post /admin/zile', expect: ADMINS, body: () => ({ lines: '2026-12-24;Ajunul Crăciunului' }) },
  { route: 'get /sesizari', expect: EVERYONE },
  { route: 'get /favicon.ico', expect: EVERYONE },
  // Heads of department (sef) see their own departments: test/server/pages/quality-pages.test.ts.
  { route: 'get /calitate', expect: ADMINS },
  { route: 'get /calitate/export/:table', expect: ADMINS, query: () => 'format=csv' },
  { route: 'get /calitate/harta/:key', expect: ADMINS },
  { route: 'get /verificare', expect: EVERYONE },
  { route: 'get /verificare/:code', expect: EVERYONE },
  { route: 'get /date-deschise', expect: EVERYONE },
  { route: 'get /date-deschise/cereri-lunare.csv', expect: EVERYONE },
  { route: 'get /date-deschise/cereri-lunare.json', expect: EVERYONE },
  { route: 'get /date-deschise/catalog.jsonld', expect: EVERYONE },
  { route: 'get /date-deschise/raport-544/:year', expect: EVERYONE },
  { route: 'get /date-deschise/raport-544/:year.json', expect: EVERYONE },
  { route: 'get /open311/v2/services.json', expect: EVERYONE },
  { route: 'get /open311/v2/requests.json', expect: EVERYONE },
  { route: 'get /open311/v2/requests/:id.json', expect: EVERYONE, prepare: filedReport },
  // Filing takes a citizen's API token only (test/server/open311): a session cookie is never enough.
  { route: 'post /open311/v2/requests.json', expect: [401, 401, 401, 401, 401, 401, 401], body: () => ({ service_code: 'iluminat', address_string: 'Str. Lungă 7', description: 'Stâlpul nu luminează de o săptămână.' }) },
];

/** Page routes left out, and why. */
const NOT_IN_MATRIX: Record<string, string> = {
  'post /login': 'signs in: open to all by nature, covered by the account tests',
  'post /signup': 'creates a citizen account: open to all by nature',
  'post /logout': 'ends the session the matrix itself uses',
  'post /parola-uitata': 'asks for a reset mail: open to all by nature, covered by the password page tests',
  'post /parola-noua': 'sets a password through a mailed link: open to whoever holds the link, covered by the password tests',
};
/** Registered by server/app.ts itself, not by a router. */
const APP_ROUTES = new Set(['get /health', 'get /openapi.json']);

let serial = 0;
/** The account whose password the admin row resets (a fresh one per call: it loses its sessions). */
let throwaway = '';

function routesOf(router: Router): string[] {
  const found: string[] = [];
  for (const layer of router.stack) {
    const route = layer.route as { path: string | string[]; methods: Record<string, boolean> } | undefined;
    if (!route) continue;
    for (const path of ([] as string[]).concat(route.path)) {
      for (const [method, on] of Object.entries(route.methods)) if (on && method !== '_all') found.push(`${method} ${path}`);
    }
  }
  return found;
}

const openapi = JSON.parse(readFileSync(new URL('../../../server/api/openapi.json', import.meta.url), 'utf8')) as { paths: Record<string, Record<string, { operationId?: string; 'x-access'?: string[] }>> };
const OPERATIONS = Object.entries(openapi.paths).flatMap(([path, item]) => Object.entries(item).filter(([, op]) => op?.operationId).map(([method, op]) => ({ key: `${method} ${path}`, access: op['x-access'] ?? [] })));

/** Fills path parameters by name: a task's id under /tasks and /lucru/sarcini, else the request's. */
function fill(path: string, f: Fixture): string {
  const isTask = /^\/(tasks|lucru\/sarcini)\//.test(path);
  const isToken = /^\/(tokens|admin\/tokenuri)\//.test(path);
  const values: Record<string, string> = { id: isTask ? f.taskId : isToken ? f.tokenId ?? '' : f.requestId, key: f.key, code: f.verificationCode, doc: f.docId, format: 'html', version: '1', uploadId: f.fileName, name: 'lege-noua', provider: 'card', reference: f.reference ?? '', documentId: f.archiveDocId ?? '', table: 'proceduri', year: '2025' };
  return path.replace(/\{(\w+)\}|:(\w+)/g, (_m, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    if (!(name in values)) throw new Error(`no fixture value for {${name}} in ${path}`);
    return encodeURIComponent(values[name]!);
  });
}

/** Which roles x-access grants, column by column. */
function granted(access: string[], role: Role): boolean {
  const by: Record<Role, string[]> = {
    anon: [], owner: ['citizen', 'citizen:owner', 'self'], citizen: ['citizen'], clerk: ['clerk', 'clerk:department'],
    other: ['clerk'], analyst: ['analyst'], admin: ['admin'],
  };
  return access.includes('anonymous') || by[role].some((a) => access.includes(a));
}

describe('the access matrix: every route for every role', function () {
  this.timeout(300_000);
  let db: Database;
  let w: World;
  const sessions = {} as Record<Exclude<Role, 'anon'>, Awaited<ReturnType<typeof signInSession>>>;
  let docNumber = 0;

  before(async function () {
    this.timeout(120_000);
    db = await openTestDatabase();
    const s = await startTestServer(db);
    await deployMessageProcedures(s);
    const make = async (role: Exclude<Role, 'anon'>, email: string, kind: 'citizen' | 'clerk' | 'analyst' | 'admin', departments: string[] = []) => {
      const u = await s.user(email, kind, departments);
      sessions[role] = await signInSession(s, u.email, u.password);
      return { email: u.email, token: u.token };
    };
    w = {
      s,
      users: {
        owner: await make('owner', 'maria@exemplu.ro', 'citizen'),
        citizen: await make('citizen', 'ion@exemplu.ro', 'citizen'),
        clerk: await make('clerk', 'ana@primarie.ro', 'clerk', ['registratura']),
        other: await make('other', 'dan@primarie.ro', 'clerk', ['taxe']),
        analyst: await make('analyst', 'elena@primarie.ro', 'analyst'),
        admin: await make('admin', 'admin@primarie.ro', 'admin'),
      },
      colleague: await s.user('ion@primarie.ro', 'clerk', ['registratura']),
    };
  });

  after(async () => {
    await w?.s.close();
    if (db) await dropTestDatabase(db);
  });

  async function fixture(): Promise<Fixture> {
    const form = new FormData();
    form.set('data', JSON.stringify(PETITION));
    form.set('anexe', new Blob([SAMPLE_PDF], { type: 'application/pdf' }), 'stalp.pdf');
    const res = await w.s.api('/api/v1/procedures/petitie/requests', { token: w.users.owner.token, body: form });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const [row] = await db.query<{ task_id: string; data: { anexe: Array<{ id: string }> } }>(
      "select t.id as task_id, r.data from requests r join tasks t on t.instance_id = r.instance_id where r.id = $1 and t.status = 'open'", [res.body.id]);
    const docId = randomUUID();
    const verificationCode = newVerificationCode();
    const n = ++docNumber;
    await db.query(
      `insert into documents (id, request_id, kind, title, register, reg_year, reg_number, registration_number, html, sha256, issued_at, verification_code)
       values ($1, $2, 'answer', 'Răspuns', 'test-iesiri', 2026, $3, $4, '<p>Răspuns</p>', 'x', now(), $5)`,
      [docId, res.body.id, n, `${n}/02.03.2026`, verificationCode]);
    return { key: 'petitie', requestId: res.body.id, registrationNumber: res.body.registrationNumber, secretCode: res.body.secretCode, taskId: row!.task_id, docId, fileName: row!.data.anexe[0]!.id, verificationCode };
  }

  async function callApi(row: Row, role: Role, f: Fixture): Promise<Cell> {
    const [method, template] = row.route.split(' ') as [string, string];
    const path = `/api/v1${fill(template, f)}${row.query ? `?${row.query(f)}` : ''}`;
    const body = row.body?.(f, w) ?? (method === 'get' ? undefined : {});
    const res = await w.s.api(path, {
      method: method.toUpperCase(),
      ...(role === 'anon' ? {} : { token: w.users[role].token }),
      ...(body !== undefined ? { body } : {}),
      ...(row.type || row.headers ? { headers: { ...(row.type ? { 'content-type': row.type } : {}), ...row.headers?.() } } : {}),
    });
    return res.status;
  }

  async function callPage(row: Row, role: Role, f: Fixture): Promise<Cell> {
    const [method, template] = row.route.split(' ') as [string, string];
    const path = `${fill(template, f)}${row.query ? `?${row.query(f)}` : ''}`;
    const body = row.body?.(f, w) ?? {};
    const fields = body as Record<string, string>;
    let res: Response;
    if (role === 'anon') {
      const sent = body instanceof FormData ? { body } : { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) };
      res = await fetch(w.s.base + path, { method: method.toUpperCase(), redirect: 'manual', ...(method === 'post' ? sent : {}) });
    } else if (method === 'post') {
      res = body instanceof FormData ? await sessions[role].upload(path, body) : await sessions[role].post(path, fields);
    } else {
      res = await sessions[role].page(path);
    }
    await res.arrayBuffer();
    return res.status === 303 && (res.headers.get('location') ?? '').startsWith('/login') ? 'login' : res.status;
  }

  async function run(row: Row, call: (row: Row, role: Role, f: Fixture) => Promise<Cell>): Promise<Cells> {
    const prepared = async () => { const f = await fixture(); return (await row.prepare?.(f, w)) ?? f; };
    // Reads share one request; each write gets a request of its own, so one role's call cannot change another's answer.
    const shared = row.route.startsWith('get ') ? await prepared() : undefined;
    const got: Cell[] = [];
    for (const role of ROLES) got.push(await call(row, role, shared ?? await prepared()));
    return got as Cells;
  }

  describe('when the table is checked against the routes', () => {
    it('has a row for every operation of the OpenAPI file, and none for an operation it lacks', () => {
      const rows = API.map((r) => r.route);
      expect(OPERATIONS.map((o) => o.key).filter((k) => !rows.includes(k)), 'operations without a row').to.deep.equal([]);
      expect(rows.filter((k) => !OPERATIONS.some((o) => o.key === k)), 'rows for no operation').to.deep.equal([]);
      expect(new Set(API.map((r) => `${r.route} ${r.when ?? ''}`)).size, 'one row per operation and state').to.equal(rows.length);
    });

    it('has a row for every page route, and none for a route that does not exist', () => {
      const ctx = { config: { publicUrl: 'http://127.0.0.1' } } as AppContext;
      const served = [accountPages, publicPages, openDataPages, citizenPages, paymentPages, reconciliationPages, clerkPages, clerkCasePages, clerkArchivePages, designerPages, adminPages, qualityPages, (c: AppContext) => createOps(c).routes].flatMap((make) => routesOf(make(ctx)))
        .concat(routesOf(open311Routes(ctx, (_req, _res, next) => next())).map((r) => r.replace(' ', ' /open311/v2')));
      const rows = PAGES.map((r) => r.route);
      expect(served.filter((k) => !rows.includes(k) && !(k in NOT_IN_MATRIX)), 'page routes without a row').to.deep.equal([]);
      expect(rows.filter((k) => !served.includes(k) && !APP_ROUTES.has(k)), 'rows for no page route').to.deep.equal([]);
      expect(Object.keys(NOT_IN_MATRIX).filter((k) => !served.includes(k)), 'exclusions of no route').to.deep.equal([]);
      expect(new Set(PAGES.map((r) => `${r.route} ${r.when ?? ''}`)).size, 'one row per page route and state').to.equal(rows.length);
    });

    it('has a plain row for each route, beside the rows of other states', () => {
      for (const rows of [API, PAGES]) {
        expect(rows.filter((r) => r.when && !rows.some((p) => p.route === r.route && !p.when)).map((r) => r.route)).to.deep.equal([]);
      }
    });

    it('allows exactly the roles the OpenAPI file grants in x-access, in the plain rows', () => {
      const disagreements: string[] = [];
      for (const row of API.filter((r) => !r.when)) {
        const access = OPERATIONS.find((o) => o.key === row.route)?.access ?? [];
        ROLES.forEach((role, i) => {
          const ok = typeof row.expect[i] === 'number' && (row.expect[i] as number) < 300;
          if (ok !== granted(access, role)) disagreements.push(`${row.route} ${role}: table ${row.expect[i]}, x-access ${JSON.stringify(access)}`);
        });
      }
      expect(disagreements).to.deep.equal([]);
    });
  });

  describe('when each role calls the API', () => {
    for (const row of API) {
      it(`${row.route}${row.when ? ` (${row.when})` : ''}: ${row.expect.join(' ')}`, async () => {
        expect(await run(row, callApi), ROLES.join(' ')).to.deep.equal(row.expect);
      });
    }
  });

  describe('when each role opens the pages', () => {
    for (const row of PAGES) {
      it(`${row.route}${row.when ? ` (${row.when})` : ''}: ${row.expect.join(' ')}`, async () => {
        expect(await run(row, callPage), ROLES.join(' ')).to.deep.equal(row.expect);
      });
    }
  });
});
