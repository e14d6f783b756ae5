import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from './context.ts';
import { DEFAULT_FORMAT } from './registry/registry.ts';

export interface ServerSettings extends AppConfig {
  port: number;
  host: string;
}

/** Every setting the server reads from its environment, with the defaults a newcomer needs. */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '127.0.0.1';
  const dataDir = resolve(env.DOSAR_DATA_DIR ?? './data');
  return {
    port,
    host,
    publicUrl: (env.DOSAR_PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/$/, ''),
    institution: env.DOSAR_INSTITUTION ?? 'Primăria Municipiului Exemplu',
    registrationFormat: env.DOSAR_REGISTRATION_FORMAT ?? DEFAULT_FORMAT,
    uploadsDir: resolve(env.DOSAR_UPLOADS_DIR ?? join(dataDir, 'uploads')),
    outgoingRegister: env.DOSAR_OUTGOING_REGISTER ?? 'iesiri',
    trustProxy: env.DOSAR_TRUST_PROXY === '1',
    designerDir: fileURLToPath(new URL('../designer/dist', import.meta.url)),
  };
}
