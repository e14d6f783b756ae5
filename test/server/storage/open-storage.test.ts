import { expect } from 'chai';
import { settingsFromEnv } from '../../../server/config.ts';
import { newFileKey, storageFromEnv } from '../../../server/storage/open-storage.ts';
import { FILE_KEY } from '../../../server/storage/file-store.ts';

describe('storage and process settings', () => {
  const dirs = { uploadsDir: '/srv/dosar/uploads', dataDir: '/srv/dosar' };

  describe('when DOSAR_STORAGE is unset', () => {
    it('keeps files in local folders under the data folder, as before', () => {
      expect(storageFromEnv({}, dirs)).to.deep.equal({ kind: 'local', uploadsDir: '/srv/dosar/uploads', documentsDir: '/srv/dosar/documents', archiveDir: '/srv/dosar/archive' });
    });

    it('keeps the archive in DOSAR_ARCHIVE_DIR where it is set', () => {
      expect(storageFromEnv({ DOSAR_ARCHIVE_DIR: '/mnt/arhiva' }, dirs)).to.include({ archiveDir: '/mnt/arhiva' });
    });
  });

  describe('when DOSAR_STORAGE is s3', () => {
    it('reads the bucket, endpoint, region, path style and credentials', () => {
      const s = storageFromEnv({ DOSAR_STORAGE: 's3', DOSAR_S3_BUCKET: 'dosar', DOSAR_S3_ENDPOINT: 'http://127.0.0.1:9000', DOSAR_S3_REGION: 'eu-central-1', DOSAR_S3_PATH_STYLE: '1', DOSAR_S3_ACCESS_KEY_ID: 'id', DOSAR_S3_SECRET_ACCESS_KEY: 'secret' }, dirs);
      expect(s).to.deep.equal({ kind: 's3', bucket: 'dosar', endpoint: 'http://127.0.0.1:9000', region: 'eu-central-1', forcePathStyle: true, credentials: { accessKeyId: 'id', secretAccessKey: 'secret' } });
    });

    it('refuses to start without a bucket, or with half the credentials', () => {
      expect(() => storageFromEnv({ DOSAR_STORAGE: 's3' }, dirs)).to.throw(/DOSAR_S3_BUCKET/);
      expect(() => storageFromEnv({ DOSAR_STORAGE: 's3', DOSAR_S3_BUCKET: 'b', DOSAR_S3_ACCESS_KEY_ID: 'id' }, dirs)).to.throw(/go together/);
    });
  });

  it('refuses an unknown storage kind or process role', () => {
    expect(() => storageFromEnv({ DOSAR_STORAGE: 'ftp' }, dirs)).to.throw(/"local" or "s3"/);
    expect(() => settingsFromEnv({ DOSAR_PROCESS: 'worker', DOSAR_MAP_TILES: 'off' })).to.throw(/DOSAR_PROCESS/);
  });

  it('runs a process as web and executor unless told otherwise', () => {
    expect(settingsFromEnv({ DOSAR_MAP_TILES: 'off' }).role).to.equal('all');
    expect(settingsFromEnv({ DOSAR_PROCESS: 'executor', DOSAR_MAP_TILES: 'off' }).role).to.equal('executor');
  });

  it('makes keys of its own shape, whatever extension it is given', () => {
    expect(newFileKey('pdf')).to.match(FILE_KEY);
    expect(newFileKey('../x')).to.match(/^[0-9a-f]{32}\.bin$/);
    expect(newFileKey('pdf')).not.to.equal(newFileKey('pdf'));
  });
});
