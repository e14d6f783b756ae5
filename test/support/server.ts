import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { Engine, createEnginePort, type Database } from '../../engine/index.ts';
import { buildDesigner } from '../../designer/build.ts';
import { createApp } from '../../server/app.ts';
import { createApiToken } from '../../server/auth/tokens.ts';
import { createUser, type Role, type User } from '../../server/auth/users.ts';
import type { AppConfig, AppContext } from '../../server/context.ts';
import type { LimitSettings } from '../../server/http/rate-limits.ts';
import { PdfRenderer } from '../../server/documents/pdf.ts';
import { dosarHandlers } from '../../server/installation-handlers.ts';
import { createMailer } from '../../server/notifications/mailer.ts';
import { settle } from '../../server/notifications/notify.ts';
import { countStepsCommitted } from '../../server/ops/metrics.ts';

import { MovableClock } from './clock.ts';
import type { FileStores } from '../../server/storage/file-store.ts';
import { openStorage } from '../../server/storage/open-storage.ts';
import { loadBuiltIns } from './built-ins.ts';

export { MovableClock };

/** The tax records the built-in `situatie-fiscala` handler reads in tests. */
export const TAX_CSV = fileURLToPath(new URL('../fixtures/taxes/situatie-fiscala.csv', import.meta.url));

/** A message as the SMTP peer received it. */
export interface ReceivedMail { from: string; to: string[]; raw: string }

/** A real SMTP server on a free port, collecting what it receives. */
export async function startSmtpPeer(): Promise<{ url: string; received: ReceivedMail[]; close: () => Promise<void> }> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface TestServer {
  base: string;
  ctx: AppContext;
  clock: MovableClock;
  smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  /** Waits until the mail sent after earlier responses has reached the SMTP peer. */
  mailSettled(): Promise<void>;
  /** Creates an account and an API token for it. */
  user(email: string, role: Role, departments?: string[]): Promise<User & { token: string; password: string }>;
  api(path: string, options?: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/**
 * The whole web application on a test database: built-in procedures loaded, a real SMTP peer for
 * mail, Chromium for PDFs where installed, listening on a free port.
 */
let designerBuild: Promise<string> | undefined;

/** The designer bundle, built once per test process into a temporary folder. */
function testDesignerDir(): Promise<string> {
  designerBuild ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dosar-designer-'));
    await buildDesigner(dir);
    return dir;
  })();
  return designerBuild;
}

export async function startTestServer(db: Database, at = '2026-03-02T08:00:00Z', options: { designer?: boolean; rateLimit?: number | Partial<LimitSettings>; config?: Partial<AppConfig>; files?: FileStores } = {}): Promise<TestServer> {
  const clock = new MovableClock(new Date(at));
  // Steps counted as main.ts counts them, for /metrics.
  const engine = new Engine({ store: createEnginePort(db), clock, handlers: dosarHandlers({ DOSAR_TAX_CSV: TAX_CSV }), onStepsCommitted: countStepsCommitted });
  await loadBuiltIns(engine, db);
  const smtp = await startSmtpPeer();
  const uploadsDir = await mkdtemp(join(tmpdir(), 'dosar-uploads-'));
  const archiveDir = await mkdtemp(join(tmpdir(), 'dosar-archive-'));
  const mailer = createMailer({ smtpUrl: smtp.url, from: 'Dosar <no-reply@dosar.local>' });
  const pdf = PdfRenderer.available() ? new PdfRenderer() : undefined;
  const ctx: AppContext = {
    engine, db, mailer, ...(pdf ? { pdf } : {}), log: () => undefined, background: new Set(),
    files: options.files ?? openStorage({ kind: 'local', uploadsDir, documentsDir: `${uploadsDir}-documents`, archiveDir }),
    config: {
      publicUrl: 'http://dosar.test', institution: 'Primăria Municipiului Exemplu', registrationFormat: '{n}/{dd}.{mm}.{yyyy}', uploadsDir, outgoingRegister: 'iesiri',
      ...(options.designer ? { designerDir: await testDesignerDir() } : {}),
      ...options.config,
    },
  };
  const server = await new Promise<Server>((resolve) => { const s = createApp(ctx, { rateLimit: options.rateLimit ?? 10_000 }).listen(0, '127.0.0.1', () => resolve(s)); });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base, ctx, clock, smtp,
    mailSettled: () => settle(ctx),
    async user(email, role, departments = []) {
      const password = `parola-${email}-1234`;
      const user = await createUser(db, { email, role, password, departments }, clock.now());
      return { ...user, password, token: await createApiToken(db, user.id, clock.now()) };
    },
    async api(path, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: BodyInit | undefined;
      if (options.body instanceof FormData || typeof options.body === 'string') body = options.body as BodyInit;
      else if (options.body !== undefined) { body = JSON.stringify(options.body); headers['content-type'] = 'application/json'; }
      const res = await fetch(base + path, { method: options.method ?? (body ? 'POST' : 'GET'), headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      let parsed: unknown = text;
      try { parsed = JSON.parse(text); } catch { /* not JSON */ }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await settle(ctx);
      await pdf?.close();
      mailer.close();
      await smtp.close();
      await rm(uploadsDir, { recursive: true, force: true });
      await rm(archiveDir, { recursive: true, force: true });
      await rm(`${uploadsDir}-documents`, { recursive: true, force: true });
    },
  };
}

/** A browser session without a browser: the cookie and the page's CSRF token. */
export async function signInSession(s: TestServer, email: string, password: string) {
  const res = await postLogin(s, { email, password });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('dosar_session='))!.split(';')[0]!;
  const page = async (path: string) => fetch(s.base + path, { headers: { cookie }, redirect: 'manual' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await page('/')).text())![1]!;
  const post = (path: string, fields: Record<string, string>) => fetch(s.base + path, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, ...fields }) });
  /** A multipart post (a form with a file field), the token its first part as a browser's hidden field sends it. */
  const upload = (path: string, form: FormData) => {
    const sent = new FormData();
    sent.set('_csrf', csrf);
    for (const [name, value] of form) sent.append(name, value);
    return fetch(s.base + path, { method: 'POST', redirect: 'manual', headers: { cookie }, body: sent });
  };
  return { page, post, upload, cookie };
}

/** The sign-in form as a browser gets it: the form's token and (before a session) its pre-session cookie. */
export async function loginForm(s: TestServer, path = '/login', cookies: string[] = []): Promise<{ cookie: string | undefined; token: string }> {
  const res = await fetch(s.base + path, { headers: cookies.length ? { cookie: cookies.join('; ') } : {} });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('dosar_login_csrf='))?.split(';')[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]!;
  return { cookie, token };
}

/** Fetches the form (with the browser's cookies), then posts it as the browser would. */
export async function postLogin(s: TestServer, fields: Record<string, string>, options: { path?: string; cookies?: string[]; headers?: Record<string, string> } = {}): Promise<Response> {
  const path = options.path ?? '/login';
  const form = await loginForm(s, path, options.cookies);
  const cookies = [...(form.cookie ? [form.cookie] : []), ...(options.cookies ?? [])];
  return fetch(s.base + path, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookies.length ? { cookie: cookies.join('; ') } : {}), ...(options.headers ?? {}) },
    body: new URLSearchParams({ _csrf: form.token, ...fields }),
  });
}
