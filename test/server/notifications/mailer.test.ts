import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { AppError } from '../../../engine/index.ts';
import { createMailer, mailerFromEnv, type Mailer } from '../../../server/notifications/mailer.ts';
import { renderTemplate, TEMPLATE_NAMES, type TemplateName } from '../../../server/notifications/templates.ts';
import { startSmtpPeer, type ReceivedMail } from '../../support/server.ts';

/** Just enough MIME to read what nodemailer writes: unfolded headers, encoded words, QP and base64 parts. */
function parseMail(raw: string) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string) => {
    const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
    return line === undefined ? undefined : decodeWords(line.slice(name.length + 1).trim());
  };
  const parts = raw.split(/\r\n--[^\r\n]+/).map((chunk) => {
    const at = chunk.indexOf('\r\n\r\n');
    const partHead = chunk.slice(0, at);
    const body = chunk.slice(at + 4);
    const type = /content-type:\s*([^;\r\n]+)/i.exec(partHead)?.[1]?.trim();
    const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(partHead)?.[1]?.toLowerCase();
    const text = encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8')
      : encoding === 'quoted-printable' ? decodeQP(body) : body;
    return { type, text };
  });
  return { header, text: parts.find((p) => p.type === 'text/plain')?.text ?? '', html: parts.find((p) => p.type === 'text/html')?.text ?? '' };
}

function decodeQP(s: string): string {
  const bytes = s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}

function decodeWords(s: string): string {
  return s.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQP(data.replace(/_/g, ' ')));
}

describe('notification mailer', function () {
  let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
  let smtpUrl: string;
  let inbox: ReceivedMail[];

  before(async function () {
    peer = await startSmtpPeer();
    smtpUrl = peer.url;
    inbox = peer.received;
  });

  after(async function () {
    await peer.close();
  });

  describe('over SMTP', function () {
    let mailer: Mailer;
    before(function () { mailer = createMailer({ smtpUrl, from: 'Primăria Test <registratura@primaria.test>' }); });
    after(function () { mailer.close(); });
    beforeEach(function () { inbox.splice(0); });

    it('delivers the registration notice to a real SMTP peer in Romanian', async function () {
      const { messageId } = await mailer.send({
        to: 'ana.popescu@example.ro',
        template: 'request-registered',
        lang: 'ro',
        data: { registrationNumber: '1234/2025', procedureTitle: 'Certificat de urbanism', dueDate: '2025-04-14', statusUrl: 'https://dosar.test/stare/abc' },
      });
      expect(messageId).to.be.a('string').and.not.empty;
      expect(inbox).to.have.length(1);
      const got = inbox[0]!;
      expect(got.to).to.deep.equal(['ana.popescu@example.ro']);
      expect(got.from).to.equal('registratura@primaria.test');
      const mail = parseMail(got.raw);
      expect(mail.header('To')).to.contain('ana.popescu@example.ro');
      expect(mail.header('Subject')).to.equal('Cererea dvs. a fost înregistrată cu nr. 1234/2025');
      expect(mail.text).to.contain('Certificat de urbanism').and.contain('14.04.2025').and.contain('https://dosar.test/stare/abc');
      expect(mail.html).to.contain('<a href="https://dosar.test/stare/abc">').and.contain('14.04.2025');
    });

    it('delivers the decision notice in English', async function () {
      await mailer.send({
        to: 'john@example.com',
        template: 'decision-issued',
        lang: 'en',
        data: { registrationNumber: '77/2025', answerNumber: '912/2025', documentUrl: 'https://dosar.test/doc/9' },
      });
      const mail = parseMail(inbox[0]!.raw);
      expect(mail.header('Subject')).to.equal('The answer to request no. 77/2025 is available');
      expect(mail.text).to.contain('912/2025').and.contain('https://dosar.test/doc/9');
    });

    it('refuses to send a notification with missing data, before contacting the server', async function () {
      const err = await mailer.send({ to: 'a@example.ro', template: 'decision-issued', lang: 'ro', data: { registrationNumber: '1' } })
        .then(() => null, (e: unknown) => e);
      expect(err).to.be.instanceOf(AppError).and.have.property('code', 'bad-input');
      expect(inbox).to.be.empty;
    });
  });

  describe('without an SMTP server', function () {
    let dir: string;
    beforeEach(async function () { dir = await mkdtemp(join(tmpdir(), 'dosar-outbox-')); });
    afterEach(async function () { await rm(dir, { recursive: true, force: true }); });

    it('writes exactly one .eml file per message into the outbox', async function () {
      const outboxDir = join(dir, 'outbox');
      const mailer = createMailer({ outboxDir, from: 'Dosar <no-reply@dosar.local>' });
      const data = { registrationNumber: '5/2025', message: 'Vă rugăm să atașați\nactul de identitate.', statusUrl: 'https://dosar.test/s/5' };
      await mailer.send({ to: 'ion@example.ro', template: 'completion-requested', lang: 'ro', data });
      await mailer.send({ to: 'maria@example.ro', template: 'completion-requested', lang: 'ro', data });
      mailer.close();
      const files = (await readdir(outboxDir)).sort();
      expect(files).to.have.length(2);
      for (const f of files) expect(f).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z-[0-9a-f]+\.eml$/);
      const mails = await Promise.all(files.map(async (f) => parseMail(await readFile(join(outboxDir, f), 'utf8'))));
      expect(mails.map((m) => m.header('To')).sort()).to.deep.equal(['ion@example.ro', 'maria@example.ro']);
      expect(mails[0]!.header('Subject')).to.equal('Completarea cererii nr. 5/2025');
      expect(mails[0]!.text).to.contain('Vă rugăm să atașați\nactul de identitate.').and.contain('Termenul legal de soluționare este suspendat');
    });

    it('reads its configuration from the environment', async function () {
      const mailer = mailerFromEnv({ DOSAR_OUTBOX_DIR: dir });
      await mailer.send({ to: 'x@example.ro', template: 'decision-issued', lang: 'ro', data: { registrationNumber: '1', answerNumber: '2', documentUrl: 'https://dosar.test/d' } });
      mailer.close();
      const [file] = await readdir(dir);
      const mail = parseMail(await readFile(join(dir, file!), 'utf8'));
      expect(mail.header('From')).to.equal('Dosar <no-reply@dosar.local>');
    });
  });

  describe('templates', function () {
    const samples: Record<TemplateName, Record<string, unknown>> = {
      'request-registered': { registrationNumber: '1/2025', procedureTitle: 'Autorizație de construire', dueDate: '2025-01-31', statusUrl: 'https://dosar.test/s/1' },
      'completion-requested': { registrationNumber: '1/2025', message: 'Lipsește planul.', statusUrl: 'https://dosar.test/s/1' },
      'decision-issued': { registrationNumber: '1/2025', answerNumber: '2/2025', documentUrl: 'https://dosar.test/d/1' },
      'request-closed': { registrationNumber: '1/2025', outcome: 'Petiția a fost trimisă autorității competente: Prefectura.', statusUrl: 'https://dosar.test/s/1' },
      'due-digest': { tasks: [{ registrationNumber: '1/2025', procedure: 'Petiție', dueDate: '2025-02-03', taskName: 'Redactare răspuns' }] },
      'early-warning': { requests: [{ registrationNumber: '1/2025', procedure: 'Petiție', dueDate: '2025-02-03', idleDays: '4 zile lucrătoare', assignee: 'Ana Pop' }] },
      'password-reset': { name: 'Maria Ionescu', resetUrl: 'https://dosar.test/parola-noua?token=abc' },
    };

    it('renders every notification in Romanian and English', function () {
      for (const name of TEMPLATE_NAMES) {
        const ro = renderTemplate(name, 'ro', samples[name]);
        const en = renderTemplate(name, 'en', samples[name]);
        for (const r of [ro, en]) {
          expect(r.subject, name).to.not.be.empty;
          expect(r.text + r.html, name).to.not.match(/undefined|\{\{/);
        }
        expect(ro.html, name).to.contain('<html lang="ro">');
        expect(en.html, name).to.contain('<html lang="en">');
        expect(ro.text, name).to.contain('Bună ziua');
        expect(en.text, name).to.contain('Hello');
      }
    });

    it('escapes every value in the HTML part but keeps the text part literal', function () {
      const evil = '<script>alert("x")</script>';
      const digest = renderTemplate('due-digest', 'ro', {
        tasks: [{ registrationNumber: evil, procedure: evil, dueDate: '2025-02-03', taskName: evil }],
      });
      const notice = renderTemplate('completion-requested', 'en', { registrationNumber: evil, message: evil, statusUrl: 'https://dosar.test/s?a=1&b="2"' });
      for (const r of [digest, notice]) {
        expect(r.html).to.not.contain('<script>');
        expect(r.html).to.contain('&lt;script&gt;');
        expect(r.text).to.contain(evil);
      }
      // Handlebars also escapes "=", which browsers decode back; the quote cannot close the attribute.
      expect(notice.html).to.contain('href="https://dosar.test/s?a&#x3D;1&amp;b&#x3D;%222%22"');
    });

    it('refuses links that are not web addresses', function () {
      expect(() => renderTemplate('decision-issued', 'ro', { ...samples['decision-issued'], documentUrl: 'javascript:alert(1)' }))
        .to.throw(AppError).with.property('code', 'bad-input');
    });

    it('throws bad-input for an unknown template', function () {
      expect(() => renderTemplate('no-such-template' as TemplateName, 'ro', {})).to.throw(AppError).with.property('code', 'bad-input');
    });

    it('throws bad-input when required data is missing or malformed', function () {
      expect(() => renderTemplate('request-registered', 'ro', { ...samples['request-registered'], registrationNumber: undefined })).to.throw(AppError).with.property('code', 'bad-input');
      expect(() => renderTemplate('request-registered', 'ro', { ...samples['request-registered'], dueDate: '2025-02-30' })).to.throw(AppError).with.property('code', 'bad-input');
      expect(() => renderTemplate('due-digest', 'ro', { tasks: [] })).to.throw(AppError).with.property('code', 'bad-input');
    });

    it('leaves out the due date line for a procedure without a legal term', function () {
      const { text, html } = renderTemplate('request-registered', 'ro', { ...samples['request-registered'], dueDate: null });
      expect(text).not.to.contain('Termenul legal');
      expect(html).not.to.contain('Termenul legal');
    });

    it('formats due dates as Bucharest calendar days, dd.mm.yyyy', function () {
      // 22:30 UTC on 31 March is already 1 April in Bucharest (UTC+3 in summer time).
      const r = renderTemplate('request-registered', 'en', { ...samples['request-registered'], dueDate: new Date('2025-03-31T22:30:00Z') });
      expect(r.text).to.contain('01.04.2025');
    });

    it('puts the number of tasks in the due digest subject, the most urgent first', function () {
      const task = (n: number, dueDate: string) => ({ registrationNumber: `${n}/2025`, procedure: 'Petiție', dueDate, taskName: 'Analiză' });
      const tasks = [task(1, '2025-03-10'), task(2, '2025-03-05'), task(3, '2025-03-07')];
      const ro = renderTemplate('due-digest', 'ro', { tasks });
      expect(ro.subject).to.equal('Dosar: 3 sarcini se apropie de termen');
      expect(ro.text.indexOf('2/2025')).to.be.lessThan(ro.text.indexOf('3/2025'));
      expect(ro.text.indexOf('3/2025')).to.be.lessThan(ro.text.indexOf('1/2025'));
      expect(renderTemplate('due-digest', 'en', { tasks }).subject).to.equal('Dosar: 3 tasks are approaching the due date');
      expect(renderTemplate('due-digest', 'ro', { tasks: tasks.slice(0, 1) }).subject).to.equal('Dosar: 1 sarcină se apropie de termen');
      expect(renderTemplate('due-digest', 'en', { tasks: tasks.slice(0, 1) }).subject).to.equal('Dosar: 1 task is approaching the due date');
      const many = Array.from({ length: 21 }, (_, i) => task(i, '2025-03-10'));
      expect(renderTemplate('due-digest', 'ro', { tasks: many }).subject).to.equal('Dosar: 21 de sarcini se apropie de termen');
    });
  });
});
