import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { AppError } from '../../../engine/index.ts';
import { PdfRenderer } from '../../../server/documents/pdf.ts';
import { renderDocument, renderDocumentHtml, templateProblems } from '../../../server/documents/render-document.ts';

const options = { title: 'Certificat de urbanism', lang: 'ro' as const, institution: 'Primăria Municipiului Exemplu', registrationNumber: '1234/2024' };

/** Chromium copies <title> into the PDF's /Title, as a literal or (non-ASCII titles) UTF-16BE hex; no parser needed. */
function pdfMetadataContains(pdf: Buffer, text: string): boolean {
  const raw = pdf.toString('latin1');
  const hex = Buffer.from(text, 'utf16le').swap16().toString('hex');
  return raw.includes(text) || raw.toLowerCase().includes(hex);
}

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the template to be refused');
}

describe('document rendering', () => {
  it('renders Romanian text with diacritics in a full A4 page and escapes markup in values', () => {
    const html = renderDocumentHtml('<p>Solicitant: {{name}}, {{address}}</p>', { name: 'Ștefan Țăranu', address: '<script>alert(1)</script>' }, options);
    expect(html).to.match(/^<!doctype html>/);
    expect(html).to.contain('<html lang="ro">').and.contain('<meta charset="utf-8">').and.contain('size: A4');
    expect(html).to.contain('Primăria Municipiului Exemplu').and.contain('Nr. 1234/2024');
    expect(html).to.contain('Ștefan Țăranu');
    expect(html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;').and.not.contain('<script>');
  });

  it('refuses triple-stash and ampersand output because every value must be escaped', () => {
    for (const template of ['<p>\n{{{name}}}</p>', '<p>{{& name}}</p>', '{{~{name}~}}']) {
      const err = refusal(() => renderDocumentHtml(template, { name: 'x' }, options));
      expect(err.code).to.equal('bad-input');
      expect(err.message).to.match(/\{\{\{/);
    }
    expect(refusal(() => renderDocumentHtml('a\n{{{name}}}', {}, options)).message).to.contain('linia 2');
  });

  it('refuses a template that does not compile, naming the line', () => {
    const unclosed = refusal(() => renderDocumentHtml('<p>a</p>\n{{#if x}}\n<p>b</p>', {}, options));
    expect(unclosed.code).to.equal('bad-input');
    expect(unclosed.message).to.match(/nu se compilează \(linia 3\)/);
    const mismatched = refusal(() => renderDocumentHtml('<p>a</p>\n{{#if x}}b{{/each}}', {}, options));
    expect(mismatched.message).to.contain('linia 2').and.contain("if doesn't match each");
  });

  it('refuses to render when a field the template uses is missing, naming it and its line', () => {
    const err = refusal(() => renderDocumentHtml('<p>{{applicant.name}}</p>', {}, options));
    expect(err.code).to.equal('bad-input');
    expect(err.wording?.ro).to.equal('Documentul nu poate fi generat: șablonul cere „applicant.name” (linia 1), dar cererea nu are această valoare.');
    expect(renderDocumentHtml('{{#if note}}{{note}}{{/if}}ok', {}, options)).to.contain('ok');
  });

  it('finds before any issue a top-level name that is none of the document data, outside loops and sections', () => {
    expect(templateProblems('<h1>{{request.adresa}} {{variables.numar}} {{incomingNumber}} {{registrationNumber}} {{date date}}</h1>')).to.deep.equal([]);
    expect(templateProblems('{{#each request.rows}}{{nume}}{{/each}}{{#with variables}}{{numar}}{{/with}}{{upper (lookup request "x")}}')).to.deep.equal([]);
    const [problem, ...rest] = templateProblems('<p>Nr.</p>\n{{#if variables.da}}{{numarAutorizatie}}{{/if}}');
    expect(rest).to.deep.equal([]);
    expect(problem).to.match(/^line 2: \{\{numarAutorizatie\}\} names nothing a document is given; write \{\{request\.numarAutorizatie\}\}/);
    expect(templateProblems('{{{x}}}')[0]).to.contain('{{{ }}}');
    expect(templateProblems('a\n{{#if x}}')[0]).to.match(/^line 2: /);
  });

  it('formats dates as dd.mm.yyyy, instants on the Bucharest calendar day, and upper-cases in Romanian', () => {
    const html = renderDocumentHtml('{{date issued}}|{{date at}}|{{upper name}}', { issued: '2024-03-05', at: '2024-06-30T22:30:00Z', name: 'ștefan' }, options);
    expect(html).to.contain('05.03.2024|01.07.2024|ȘTEFAN');
    expect(refusal(() => renderDocumentHtml('{{date d}}', { d: 'mâine' }, options)).code).to.equal('bad-input');
  });

  it('adds calendar days to a date, across months and leap years, for validity dates', () => {
    const html = renderDocumentHtml('{{date (addDays issued 30)}}|{{date (addDays leap 1)}}', { issued: '2026-12-31', leap: '2028-02-28' }, options);
    expect(html).to.contain('30.01.2027|29.02.2028');
    expect(refusal(() => renderDocumentHtml('{{addDays d 30}}', { d: 'mâine' }, options)).code).to.equal('bad-input');
  });

  it('hashes the HTML when no PDF is made', async () => {
    const doc = await renderDocument('<p>{{x}}</p>', { x: 'ă' }, options);
    expect(doc.pdf).to.equal(undefined);
    expect(doc.sha256).to.equal(createHash('sha256').update(Buffer.from(doc.html, 'utf8')).digest('hex'));
  });

  describe('PDF', () => {
    const renderer = new PdfRenderer();
    after(() => renderer.close());

    it('produces a real A4 PDF with the registration number when Chromium is there, hashing the PDF', async function () {
      if (!PdfRenderer.available()) this.skip();
      const doc = await renderDocument('<p>Se certifică pentru {{name}}.</p>', { name: 'Ștefan Țăranu' }, options, renderer);
      expect(doc.html).to.contain('Nr. 1234/2024');
      expect(doc.pdf).to.be.instanceOf(Buffer);
      const pdf = doc.pdf as Buffer;
      expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
      expect(pdf.length).to.be.greaterThan(1000);
      expect(pdfMetadataContains(pdf, '1234/2024')).to.equal(true);
      expect(doc.sha256).to.equal(createHash('sha256').update(pdf).digest('hex'));
    });

    it('renders concurrent documents on the one shared browser', async function () {
      if (!PdfRenderer.available()) this.skip();
      const pdfs = await Promise.all([1, 2, 3].map((n) => renderer.render(renderDocumentHtml('<p>{{n}}</p>', { n }, options))));
      for (const pdf of pdfs) expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    });
  });
});
