/**
 * Sends notifications by SMTP, or, when no server is configured, writes them as .eml files into an
 * outbox directory: installations without a mail server (and developers) can still read every message.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { AppError } from '../../engine/index.ts';
import type { Lang } from '../../forms/index.ts';
import { renderTemplate, type TemplateName } from './templates.ts';

export type { TemplateName } from './templates.ts';

export interface MailerConfig {
  /** smtp://host:port or smtps://user:pass@host:port; without it messages go to the outbox. */
  smtpUrl?: string;
  /** Where .eml files are written when there is no smtpUrl; default ./outbox. */
  outboxDir?: string;
  from: string;
}

export interface Notification {
  to: string;
  template: TemplateName;
  lang: Lang;
  data: Record<string, unknown>;
}

export interface Mailer {
  send(message: Notification): Promise<{ messageId: string }>;
  close(): void;
}

const DEFAULT_FROM = 'Dosar <no-reply@dosar.local>';
const DEFAULT_OUTBOX_DIR = './outbox';

export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer {
  return createMailer({
    smtpUrl: env.DOSAR_SMTP_URL || undefined,
    outboxDir: env.DOSAR_OUTBOX_DIR || undefined,
    from: env.DOSAR_MAIL_FROM || DEFAULT_FROM,
  });
}

export function createMailer(config: MailerConfig): Mailer {
  return config.smtpUrl ? smtpMailer(config.smtpUrl, config.from) : outboxMailer(resolve(config.outboxDir ?? DEFAULT_OUTBOX_DIR), config.from);
}

function compose(from: string, message: Notification) {
  // Rendering first: bad data fails before anything is sent or written.
  const { subject, text, html } = renderTemplate(message.template, message.lang, message.data);
  return { from, to: message.to, subject, text, html };
}

function smtpMailer(smtpUrl: string, from: string): Mailer {
  let url: URL;
  try { url = new URL(smtpUrl); } catch { throw new AppError('bad-input', 'DOSAR_SMTP_URL is not a valid URL'); }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new AppError('bad-input', 'DOSAR_SMTP_URL must start with smtp:// or smtps://');
  const secure = url.protocol === 'smtps:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // A relay on the same machine rarely has a certificate; anywhere else STARTTLS stays on, so
  // credentials and citizens' data never cross the network in clear when the server offers TLS.
  const loopback = host === 'localhost' || host === '::1' || host.startsWith('127.');
  // A pool keeps a few connections open: a new SMTP handshake per message was most of a submission's time.
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 4,
    host,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ignoreTLS: !secure && loopback,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
  });
  return {
    async send(message) {
      const info = await transport.sendMail(compose(from, message));
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

function outboxMailer(dir: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    async send(message) {
      const info = await transport.sendMail(compose(from, message));
      await mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/:/g, '-')}-${randomBytes(6).toString('hex')}.eml`;
      // wx: never overwrite a message, however unlikely a name clash is.
      await writeFile(join(dir, name), info.message as Buffer, { flag: 'wx' });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
