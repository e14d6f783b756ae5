import { fileURLToPath } from 'node:url';
import type { Database } from '../../../engine/index.ts';
import { deployPackage } from '../../../server/procedures/deploy-package.ts';
import { readPackage } from '../../../server/procedures/package.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';

const TAXA_TEST = fileURLToPath(new URL('../../fixtures/payments/taxa-test', import.meta.url));

/** The test server with the fee-bearing fixture procedure `taxa-test` deployed. */
export async function serverWithTaxaTest(db: Database, at?: string): Promise<TestServer> {
  const s = await startTestServer(db, at);
  await deployPackage(s.ctx.engine, s.ctx.db, await readPackage(TAXA_TEST), 'test');
  return s;
}
