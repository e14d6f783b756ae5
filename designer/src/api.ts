import type { DesignerConfig } from './config.ts';

/** The server routes the designer calls; shapes mirror the server's JSON. */

export interface Problem {
  code: string;
  elementId?: string;
  message: string;
}

export interface Department {
  code: string;
  name: { ro: string; en: string };
}

export interface FormSummary {
  name: string;
  title?: string | { ro?: string; en?: string };
}

/** A form as GET /procedures/:key/forms gives it. */
export interface FormDocument extends FormSummary {
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown> | null;
}

/** A service-task handler as GET /designer/handlers gives it: its options are a JSON Schema. */
export interface HandlerInfo {
  name: string;
  description?: string;
  optionsSchema?: Record<string, unknown>;
}

export interface VersionInfo {
  version: number;
  id: string;
  deployedBy: string | null;
  deployedAt: string;
  running: number;
}

export interface Comparison {
  added: Array<{ id: string; type: string; name?: string }>;
  removed: Array<{ id: string; type: string; name?: string }>;
  changed: Array<{ id: string; type: string; name?: string; changes: string[] }>;
}

/** What POST /definitions takes besides the bare XML: a whole procedure package. */
export interface PackageBody {
  xml: string;
  meta?: Record<string, unknown>;
  forms?: Record<string, { schema: unknown; uiSchema?: unknown }>;
  templates?: Record<string, string>;
}

export type DeployResult =
  | { ok: true; deployed: Array<{ key: string; version: number; id: string }> }
  | { ok: false; status: number; message: string; problems: Problem[] };

export class DesignerApi {
  constructor(private readonly config: DesignerConfig) {}

  /** The latest version's model, or the given version's. */
  async model(key: string, version?: number): Promise<{ key: string; version: number; xml: string }> {
    return this.json(`/procedures/${encodeURIComponent(key)}/model${version === undefined ? '' : `?version=${version}`}`);
  }

  /** Departments for candidate groups; an empty list when the server cannot say. */
  async departments(): Promise<Department[]> {
    try {
      const body = await this.json<{ departments?: unknown }>('/departments');
      return Array.isArray(body.departments) ? (body.departments as Department[]) : [];
    } catch {
      return [];
    }
  }

  /** Handlers the server runs, for service tasks; an empty list when the server cannot say. */
  async handlers(): Promise<HandlerInfo[]> {
    try {
      const body = await this.json<{ handlers?: unknown }>('/designer/handlers');
      return Array.isArray(body.handlers) ? (body.handlers as HandlerInfo[]).filter((h) => h && typeof h.name === 'string') : [];
    } catch {
      return [];
    }
  }

  async forms(key: string): Promise<FormDocument[]> {
    try {
      const body = await this.json<{ forms?: unknown }>(`/procedures/${encodeURIComponent(key)}/forms`);
      return Array.isArray(body.forms) ? (body.forms as FormDocument[]) : [];
    } catch {
      return [];
    }
  }

  /** Versions, newest first; empty for a procedure never deployed. */
  async versions(key: string): Promise<VersionInfo[]> {
    const response = await fetch(`${this.config.api}/procedures/${encodeURIComponent(key)}/versions`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (response.status === 404) return [];
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return ((await response.json()) as { versions: VersionInfo[] }).versions;
  }

  /** Moves the running requests of one version to another; returns how many moved and why others did not. */
  async migrate(key: string, from: number, to: number): Promise<{ migrated: number; failed: Array<{ instanceId: string; message: string }> }> {
    const response = await fetch(`${this.config.api}/designer/procedures/${encodeURIComponent(key)}/migrate`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': this.config.csrf, Accept: 'application/json' },
      body: JSON.stringify({ from, to }),
    });
    const body = (await response.json().catch(() => ({}))) as { migrated?: number; failed?: Array<{ instanceId: string; message: string }>; error?: { message?: string } };
    if (!response.ok) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
    return { migrated: body.migrated ?? 0, failed: body.failed ?? [] };
  }

  async compare(key: string, from: number, to: number): Promise<Comparison> {
    return this.json(`/designer/procedures/${encodeURIComponent(key)}/compare?from=${from}&to=${to}`);
  }

  /** The latest version's catalogue data and templates, or undefined for a new procedure. */
  async package(key: string): Promise<{ meta: Record<string, unknown>; templates: Record<string, string> } | undefined> {
    const response = await fetch(`${this.config.api}/designer/procedures/${encodeURIComponent(key)}/package`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return (await response.json()) as { meta: Record<string, unknown>; templates: Record<string, string> };
  }

  async preview(schema: unknown, uiSchema: unknown, lang: 'ro' | 'en', signal?: AbortSignal): Promise<{ html: string; problems: Problem[] }> {
    return this.post('/designer/forms/preview', 'application/json', JSON.stringify({ schema, ...(uiSchema ? { uiSchema } : {}), lang }), signal);
  }

  /** The model with an automatic layout when it has no diagram (files from tools that write none). */
  async layout(xml: string): Promise<string> {
    return (await this.post<{ xml: string }>('/designer/layout', 'application/xml', xml)).xml;
  }

  /** Deploys the bare XML (forms, templates and catalogue data carried over) or a whole package. */
  async deploy(sent: string | PackageBody): Promise<DeployResult> {
    const response = await fetch(`${this.config.api}/definitions`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': typeof sent === 'string' ? 'application/xml' : 'application/json', 'X-CSRF-Token': this.config.csrf, Accept: 'application/json' },
      body: typeof sent === 'string' ? sent : JSON.stringify(sent),
    });
    const body = (await response.json().catch(() => ({}))) as {
      deployed?: Array<{ key: string; version: number; id: string }>;
      error?: { message?: string; problems?: Problem[] };
    };
    if (response.ok && body.deployed) return { ok: true, deployed: body.deployed };
    return {
      ok: false,
      status: response.status,
      message: body.error?.message ?? `HTTP ${response.status}`,
      problems: body.error?.problems ?? [],
    };
  }

  private async post<T>(path: string, contentType: string, body: string, signal?: AbortSignal): Promise<T> {
    const response = await fetch(`${this.config.api}${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': contentType, 'X-CSRF-Token': this.config.csrf, Accept: 'application/json' },
      body,
      ...(signal ? { signal } : {}),
    });
    if (!response.ok) {
      const error = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
      throw new Error(error.error?.message ?? `POST ${path}: HTTP ${response.status}`);
    }
    return (await response.json()) as T;
  }

  private async json<T>(path: string): Promise<T> {
    const response = await fetch(`${this.config.api}${path}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  }
}
