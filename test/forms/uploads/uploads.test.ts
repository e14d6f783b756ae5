import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { checkUpload, factsOf, keepUpload, renderForm, sniffMediaType, uploadSpec, type JsonSchema } from '../../../forms/index.ts';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const EXE = Buffer.from('MZ\x90\x00this is not a document', 'latin1');
const field: JsonSchema = { type: 'array', title: 'Acte doveditoare', 'x-upload': { accept: ['application/pdf', 'image/png'], maxBytes: 1024, maxFiles: 2 } };

describe('uploads', () => {
  it('reads the type from the content, not from the name', () => {
    expect(sniffMediaType(PDF)).to.equal('application/pdf');
    expect(sniffMediaType(PNG)).to.equal('image/png');
    expect(sniffMediaType(EXE)).to.equal(undefined);
    expect(checkUpload(uploadSpec(field)!, [factsOf('cerere.pdf', EXE)])).to.deep.equal(['Fișierul „cerere.pdf” nu este de un tip acceptat (PDF, PNG).']);
  });

  it('accepts allowed files within the limits', () => {
    expect(checkUpload(uploadSpec(field)!, [factsOf('scan.png', PNG), factsOf('act.pdf', PDF)])).to.deep.equal([]);
  });

  it('refuses too many or too large files with a clear message', () => {
    const spec = uploadSpec(field)!;
    expect(checkUpload(spec, [PDF, PDF, PDF].map((bytes, i) => (factsOf(`a${i}.pdf`, bytes))), 'en')).to.include('You can upload at most 2 files.');
    expect(checkUpload(spec, [factsOf('mare.pdf', Buffer.concat([PDF, Buffer.alloc(2000)]))])[0]).to.match(/prea mare/);
  });

  it('keeps a received file under a generated name with its SHA-256', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dosar-up-'));
    try {
      await writeFile(join(dir, '.upload-0.part'), PDF);
      const sha256 = createHash('sha256').update(PDF).digest('hex');
      const stored = await keepUpload(dir, { ...factsOf('../../etc/passwd.pdf', PDF), path: join(dir, '.upload-0.part'), sha256 });
      expect(stored.storedName).to.match(/^[0-9a-f]{32}\.pdf$/);
      expect(await readdir(dir)).to.deep.equal([stored.storedName]);
      expect(stored.sha256).to.equal(createHash('sha256').update(PDF).digest('hex'));
      expect(await readFile(join(dir, stored.storedName))).to.deep.equal(PDF);
      expect(stored.originalName).to.equal('../../etc/passwd.pdf');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('renders a file input and a multipart form', () => {
    const html = renderForm({ type: 'object', properties: { acte: field } });
    expect(html).to.include('enctype="multipart/form-data"');
    expect(html).to.match(/<input type="file" id="f-acte" name="acte" accept="application\/pdf,image\/png" multiple>/);
  });
});
