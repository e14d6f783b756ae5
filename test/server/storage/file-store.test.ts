import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { FileMissingError, type FileStore } from '../../../server/storage/file-store.ts';
import { LocalFileStore } from '../../../server/storage/local-file-store.ts';
import { newFileKey, openStorage } from '../../../server/storage/open-storage.ts';
import { sweepOrphanFiles } from '../../../server/storage/sweep-orphan-files.ts';
import { startTestS3, type TestS3 } from '../../support/s3-server.ts';

/** The contract every file store keeps, run against each kind. */
function storeContract(kind: string, open: () => Promise<{ store: FileStore; close: () => Promise<void> }>) {
  describe(`a ${kind} file store`, function () {
    this.timeout(30_000);
    let store: FileStore;
    let close: () => Promise<void>;
    let scratch: string;

    beforeEach(async () => { ({ store, close } = await open()); scratch = await mkdtemp(join(tmpdir(), 'dosar-scratch-')); });
    afterEach(async () => { await close(); await rm(scratch, { recursive: true, force: true }); });

    const readAll = async (key: string) => {
      const chunks: Buffer[] = [];
      for await (const c of await store.open(key)) chunks.push(Buffer.from(c as Uint8Array));
      return Buffer.concat(chunks);
    };

    it('gives back what was written, as bytes and as a stream', async () => {
      // given a file written under a new key
      const key = newFileKey('pdf');
      const body = Buffer.from('%PDF-1.4 ăîșțâ \u0000\u00ff binary');
      await store.write(key, body, 'application/pdf');
      // then both reads give the same bytes
      expect((await store.read(key)).equals(body)).to.equal(true);
      expect((await readAll(key)).equals(body)).to.equal(true);
    });

    it('moves a local file in, and the local file is gone', async () => {
      // given a finished temporary file
      const path = join(scratch, '.upload-part');
      await writeFile(path, 'încărcat');
      const key = newFileKey('png');
      // when it is moved in
      await store.moveIn(key, path, 'image/png');
      // then the store has it and the folder does not
      expect((await store.read(key)).toString()).to.equal('încărcat');
      expect(await readdir(scratch)).to.deep.equal([]);
    });

    it('rejects a read of a missing key with FileMissingError, and deleting it is no error', async () => {
      const key = newFileKey('pdf');
      let error: unknown;
      try { await store.read(key); } catch (err) { error = err; }
      expect(error).to.be.instanceOf(FileMissingError);
      error = undefined;
      try { await store.open(key); } catch (err) { error = err; }
      expect(error).to.be.instanceOf(FileMissingError);
      await store.delete(key);
    });

    it('deletes a file, and lists only what is there', async () => {
      // given two files
      const a = newFileKey('pdf');
      const b = newFileKey('jpg');
      await store.write(a, Buffer.from('a'));
      await store.write(b, Buffer.from('b'));
      // when one is deleted
      await store.delete(a);
      // then the list has the other, with a recent modification time
      const listed = [];
      for await (const f of store.list()) listed.push(f);
      expect(listed.map((f) => f.key)).to.deep.equal([b]);
      expect(Math.abs(listed[0]!.modifiedAt.getTime() - Date.now())).to.be.below(60_000);
    });

    it('does not accept a key it did not choose (paths, traversal, other shapes)', async () => {
      for (const key of ['../../etc/passwd', 'a/b.pdf', `${'0'.repeat(32)}.PDF`, 'x.pdf', '', `${'0'.repeat(32)}.pdf/..`]) {
        let error: unknown;
        try { await store.write(key, Buffer.from('x')); } catch (err) { error = err; }
        expect(error, key).to.be.instanceOf(Error);
        error = undefined;
        try { await store.read(key); } catch (err) { error = err; }
        expect(error, key).to.be.instanceOf(Error).and.not.instanceOf(FileMissingError);
      }
    });

    it('sweeps files no row names once older than the grace period, and keeps named and fresh ones', async () => {
      // given a named file and an orphan, both written now
      const named = newFileKey('pdf');
      const orphan = newFileKey('pdf');
      await store.write(named, Buffer.from('named'));
      await store.write(orphan, Buffer.from('orphan'));
      // when the sweep runs with a grace period they are still within
      const none = await sweepOrphanFiles(store, { before: new Date(Date.now() - 3_600_000), named: async () => new Set() });
      // then nothing goes
      expect(none).to.equal(0);
      // when it runs with a cut-off after their writing
      const swept = await sweepOrphanFiles(store, { before: new Date(Date.now() + 60_000), named: async (keys) => new Set(keys.filter((k) => k === named)) });
      // then only the orphan goes
      expect(swept).to.equal(1);
      expect((await store.read(named)).toString()).to.equal('named');
      let error: unknown;
      try { await store.read(orphan); } catch (err) { error = err; }
      expect(error).to.be.instanceOf(FileMissingError);
    });
  });
}

storeContract('local', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dosar-files-'));
  return { store: new LocalFileStore(join(dir, 'uploads')), close: () => rm(dir, { recursive: true, force: true }) };
});

storeContract('S3 (s3rver on loopback)', async () => {
  const s3: TestS3 = await startTestS3();
  return { store: openStorage({ kind: 's3', ...s3.settings }).uploads, close: () => s3.close() };
});

describe('S3 file stores of one bucket', function () {
  this.timeout(30_000);
  it('keep uploads and documents apart by prefix', async () => {
    const s3 = await startTestS3();
    try {
      // given one file in each store
      const stores = openStorage({ kind: 's3', ...s3.settings });
      await stores.uploads.write(newFileKey('pdf'), Buffer.from('u'));
      await stores.documents.write(newFileKey('pdf'), Buffer.from('d'));
      // then each lists its own only
      const count = async (s: FileStore) => { let n = 0; for await (const f of s.list()) { expect(f.key).to.match(/^[0-9a-f]{32}\.pdf$/); n++; } return n; };
      expect(await count(stores.uploads)).to.equal(1);
      expect(await count(stores.documents)).to.equal(1);
    } finally {
      await s3.close();
    }
  });
});

describe('a local file store', () => {
  it('writes through a temporary name, leaving no partial file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dosar-files-'));
    try {
      const store = new LocalFileStore(dir);
      const key = newFileKey('pdf');
      await store.write(key, Buffer.alloc(1024, 1));
      expect(await readdir(dir)).to.deep.equal([key]);
      expect((await stat(join(dir, key))).size).to.equal(1024);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
