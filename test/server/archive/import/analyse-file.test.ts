import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { analyseFile, type Analysis } from '../../../../server/archive/import/analyse-file.ts';
import type { OcrTools } from '../../../../server/archive/import/ocr.ts';
import { encryptedPdf, textPdf, tiffPages } from './make-files.ts';
import { diacriticsScan, scanPdf, scanPng, tools } from './ocr-fixtures.ts';

const NO_OCR: OcrTools = { tesseract: false, pdftoppm: false, language: 'ron', note: 'tesseract is not installed' };

describe('archive import: one file analysed', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'dosar-analyse-')); });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  async function analyse(name: string, content: Buffer | string, options: { ocr?: OcrTools; maxBytes?: number; knownSha256?: string } = {}): Promise<Analysis> {
    await writeFile(join(dir, name), content);
    return analyseFile({ path: join(dir, name), maxBytes: options.maxBytes ?? 10_000_000, knownSha256: options.knownSha256, tools: options.ocr ?? NO_OCR });
  }

  describe('when it is a PDF with a text layer', () => {
    it('gives the text of each page, the page count by its length, and the SHA-256', async () => {
      const result = await analyse('text.pdf', textPdf([['Cerere pentru certificat de urbanism', 'Strada Brâncoveanu nr. 3'], ['Anexa: plan de încadrare']]));
      expect(result.status).to.equal('ok');
      if (result.status !== 'ok') return;
      expect(result.pages).to.deep.equal(['Cerere pentru certificat de urbanism\nStrada Brâncoveanu nr. 3', 'Anexa: plan de încadrare']);
      expect(result).to.include({ kind: 'pdf', mediaType: 'application/pdf', textSource: 'text-layer', warning: null });
      expect(result.sha256).to.match(/^[0-9a-f]{64}$/);
    });

    it('does not read it again when its SHA-256 is the one imported before', async () => {
      const first = await analyse('same.pdf', textPdf([['x']]));
      const again = await analyse('same.pdf', textPdf([['x']]), { knownSha256: first.status === 'ok' ? first.sha256 : '' });
      expect(again.status).to.equal('unchanged');
    });
  });

  describe('when the file cannot be imported', () => {
    const cases: Array<[string, string, Buffer | string, string, { maxBytes?: number }?]> = [
      ['an encrypted PDF', 'locked.pdf', encryptedPdf(), 'pdf-encrypted'],
      ['a corrupt PDF', 'broken.pdf', '%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage', 'pdf-corrupt'],
      ['an image that is not an image', 'scan.png', 'this is a text file named .png', 'type-unknown'],
      ['a file over the limit', 'big.pdf', textPdf([['a long document']]), 'file-too-large', { maxBytes: 100 }],
    ];
    for (const [what, name, content, reason, options] of cases) {
      it(`refuses ${what} with the reason ${reason}`, async () => {
        const result = await analyse(name, content, options);
        expect(result).to.include({ status: 'refused', reason });
      });
    }

    it('refuses a PNG whose pixels are garbage as an unreadable scan', async function () {
      const ocr = await tools;
      if (!ocr.tesseract) this.skip(); // tesseract with Romanian data is not installed here: ocr.note says why
      const result = await analyse('torn.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not really a png')]), { ocr });
      expect(result).to.include({ status: 'refused', reason: 'scan-unreadable' });
    });
  });

  describe('when it is a scan', () => {
    it('reads Romanian text from a PNG with tesseract', async function () {
      const ocr = await tools;
      const scan = await scanPng();
      if (!ocr.tesseract || !scan) this.skip(); // needs tesseract-ocr-ron, and pdftoppm to draw the test scan
      const result = await analyse('scan.png', scan!.png, { ocr });
      expect(result).to.include({ status: 'ok', kind: 'png', textSource: 'ocr' });
      if (result.status === 'ok') expect(result.pages[0]).to.match(/AUTORIZA.IE DE CONSTRUIRE/).and.match(/Popescu Maria/);
    });

    it('reads ă, â, î, ș and ț from the text layer of a printed PDF and from its scan', async function () {
      const ocr = await tools;
      const scan = await diacriticsScan('<p>HOTĂRÂREA CONSILIULUI LOCAL NR. 17</p><p>privind aprobarea ședinței și a bugetului pentru strada Ștefan cel Mare</p>');
      if (!ocr.tesseract || !scan) this.skip(); // needs Chromium to print the page, pdftoppm to scan it and tesseract-ocr-ron to read it
      const printed = await analyse('hotarare.pdf', scan!.pdf, { ocr });
      const scanned = await analyse('hotarare.png', scan!.png, { ocr });
      for (const result of [printed, scanned]) {
        expect(result.status).to.equal('ok');
        if (result.status === 'ok') expect(result.pages[0]).to.include('HOTĂRÂREA CONSILIULUI LOCAL').and.include('ședinței și a bugetului').and.include('Ștefan');
      }
      expect(printed).to.include({ textSource: 'text-layer' });
      expect(scanned).to.include({ textSource: 'ocr' });
    });

    it('reads a JPEG scan, and a TIFF page by page', async function () {
      const ocr = await tools;
      const first = await scanPng();
      const second = await scanPng(['HOTARAREA CONSILIULUI LOCAL NR 17', 'privind aprobarea bugetului local']);
      if (!ocr.tesseract || !first || !second) this.skip(); // needs tesseract-ocr-ron, and pdftoppm to draw the test scans
      const jpeg = await analyse('scan.jpg', first!.jpeg, { ocr });
      const tiff = await analyse('dosar.tif', tiffPages([first!, second!], 200), { ocr });
      expect(jpeg).to.include({ status: 'ok', kind: 'jpeg', textSource: 'ocr' });
      expect(tiff).to.include({ status: 'ok', kind: 'tiff', textSource: 'ocr' });
      if (tiff.status !== 'ok') return;
      expect(tiff.pages).to.have.length(2);
      expect(tiff.pages[0]).to.match(/PRIMARIA MUNICIPIULUI BRASOV/);
      expect(tiff.pages[1]).to.match(/HOTARAREA CONSILIULUI LOCAL/);
    });

    it('OCRs the pages of a PDF that has no text layer', async function () {
      const ocr = await tools;
      const pdf = await scanPdf();
      if (!ocr.pdftoppm || !pdf) this.skip(); // image-only PDFs need pdftoppm (poppler-utils) and tesseract
      const result = await analyse('scan.pdf', pdf!, { ocr });
      expect(result).to.include({ status: 'ok', kind: 'pdf', textSource: 'ocr' });
      if (result.status === 'ok') expect(result.pages[0]).to.match(/PRIMARIA MUNICIPIULUI BRASOV/);
    });

    it('keeps a scan without text, with a warning, where OCR is not installed', async () => {
      const result = await analyse('noocr.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), { ocr: NO_OCR });
      expect(result).to.include({ status: 'ok', textSource: 'none' });
      if (result.status === 'ok') expect(result.warning).to.include('tesseract is not installed');
    });
  });
});
