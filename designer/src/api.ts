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

export type DeployResult =
  | { ok: true; deployed: Array<{ key: string; version: number; id: string }> }
  | { ok: false; status: number; message: string; problems: Problem[] };

export class DesignerApi {
  constructor(private readonly config: DesignerConfig) {}

  async model(key: string): Promise<{ key: string; version: number; xml: string }> {
    return this.json(`/procedures/${encodeURIComponent(key)}/model`);
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

  async forms(key: string): Promise<FormSummary[]> {
    try {
      const body = await this.json<{ forms?: unknown }>(`/procedures/${encodeURIComponent(key)}/forms`);
      return Array.isArray(body.forms) ? (body.forms as FormSummary[]) : [];
    } catch {
      return [];
    }
  }

  async deploy(xml: string): Promise<DeployResult> {
    const response = await fetch(`${this.config.api}/definitions`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/xml', 'X-CSRF-Token': this.config.csrf, Accept: 'application/json' },
      body: xml,
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

  private async json<T>(path: string): Promise<T> {
    const response = await fetch(`${this.config.api}${path}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
    return (await response.json()) as T;
  }
}
