import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfig, EarlyWarningSettings, MapSettings } from './context.ts';
import { DEFAULT_FORMAT, DEFAULT_OUTGOING_FORMAT } from './registry/registry.ts';
import { storageFromEnv, type StorageSettings } from './storage/open-storage.ts';

export interface ServerSettings extends AppConfig {
  port: number;
  host: string;
  storage: StorageSettings;
  /**
   * DOSAR_PROCESS: what this process does. `all` (the default) serves the web application and runs
   * the job executor and the periodic duties (digests, pending PDFs, sweeps, payment polls); `web`
   * only serves; `executor` only runs the rest, and answers nothing but /health, /health/ready
   * and /metrics. Any mix of them may run on one database.
   */
  role: ProcessRole;
  /**
   * DOSAR_QUALITY_ROLLUP_SHARE: the share of time the background quality roll-up may work while
   * settling ended requests, 0.01-1 (default 0.05; server/quality/rollup.ts).
   */
  qualityRollupShare: number;
}

export type ProcessRole = 'all' | 'web' | 'executor';

function roleFromEnv(env: NodeJS.ProcessEnv): ProcessRole {
  const role = env.DOSAR_PROCESS ?? 'all';
  if (role !== 'all' && role !== 'web' && role !== 'executor') throw new Error(`DOSAR_PROCESS must be "all", "web" or "executor"; got "${role}"`);
  return role;
}

/** Every setting the server reads from its environment, with the defaults a newcomer needs. */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '127.0.0.1';
  const dataDir = resolve(env.DOSAR_DATA_DIR ?? './data');
  const uploadsDir = resolve(env.DOSAR_UPLOADS_DIR ?? join(dataDir, 'uploads'));
  return {
    port,
    host,
    publicUrl: (env.DOSAR_PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/$/, ''),
    institution: env.DOSAR_INSTITUTION ?? 'Primăria Municipiului Exemplu',
    registrationFormat: env.DOSAR_REGISTRATION_FORMAT ?? DEFAULT_FORMAT,
    uploadsDir,
    storage: storageFromEnv(env, { uploadsDir, dataDir }),
    role: roleFromEnv(env),
    qualityRollupShare: rollupShareFromEnv(env),
    outgoingRegister: env.DOSAR_OUTGOING_REGISTER ?? 'iesiri',
    outgoingFormat: env.DOSAR_OUTGOING_FORMAT ?? DEFAULT_OUTGOING_FORMAT,
    trustProxy: env.DOSAR_TRUST_PROXY === '1',
    designerDir: fileURLToPath(new URL('../designer/dist', import.meta.url)),
    ...(env.DOSAR_METRICS_TOKEN ? { metricsToken: env.DOSAR_METRICS_TOKEN } : {}),
    ...mapFromEnv(env),
    earlyWarning: earlyWarningFromEnv(env),
  };
}

export function rollupShareFromEnv(env: NodeJS.ProcessEnv): number {
  const share = Number(env.DOSAR_QUALITY_ROLLUP_SHARE || 0.05);
  if (!(share >= 0.01 && share <= 1)) throw new Error(`DOSAR_QUALITY_ROLLUP_SHARE must be a share of time from 0.01 to 1; got "${env.DOSAR_QUALITY_ROLLUP_SHARE}"`);
  return share;
}

function earlyWarningFromEnv(env: NodeJS.ProcessEnv): EarlyWarningSettings {
  const days = (name: string, fallback: number) => {
    const n = Number(env[name] || fallback);
    if (!Number.isInteger(n) || n < 0 || n > 60) throw new Error(`${name} must be a whole number of working days, 0-60; got "${env[name]}"`);
    return n;
  };
  return { dueWithinWorkingDays: days('DOSAR_EARLY_WARNING_DUE_DAYS', 3), idleWorkingDays: days('DOSAR_EARLY_WARNING_IDLE_DAYS', 2) };
}

/** OpenStreetMap's tiles unless DOSAR_MAP_TILES names others, or is "off" (addresses only). */
function mapFromEnv(env: NodeJS.ProcessEnv): { map?: MapSettings } {
  const tiles = env.DOSAR_MAP_TILES ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
  if (tiles === 'off' || tiles === '') return {};
  if (!/^https?:\/\/[^\s"'<>]+$/.test(tiles)) throw new Error(`DOSAR_MAP_TILES must be an http(s) URL template with {z}/{x}/{y}, or "off"; got "${tiles}"`);
  const center = (env.DOSAR_MAP_CENTER ?? '44.4268,26.1025').split(',').map(Number);
  if (center.length !== 2 || center.some((n) => !Number.isFinite(n))) throw new Error('DOSAR_MAP_CENTER must be "latitude,longitude", e.g. 45.6427,25.5887');
  const zoom = Number(env.DOSAR_MAP_ZOOM ?? 13);
  return { map: { tiles, attribution: env.DOSAR_MAP_ATTRIBUTION ?? '© OpenStreetMap contributors', center: [center[0]!, center[1]!], zoom: Number.isInteger(zoom) ? zoom : 13 } };
}
