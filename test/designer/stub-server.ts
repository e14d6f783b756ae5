import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { compileModel, AppError } from '../../engine/index.ts';

/**
 * A test double of the server API the designer calls, serving the built bundle at /designer/assets/.
 * Deploy runs the engine's real model compiler, so problems are the ones the real server reports.
 */

export const CSRF = 'test-csrf-token';

export interface StubOptions {
  assets: string;
  models: Record<string, string>;
}

export interface StubServer {
  base: string;
  /** Every deploy the stub received: headers the client sent and the answer. */
  deploys: Array<{ csrf: string | undefined; contentType: string | undefined; status: number }>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.svg': 'image/svg+xml', '.eot': 'application/vnd.ms-fontobject', '.txt': 'text/plain' };

const DEPARTMENTS = [
  { code: 'registratura', name: { ro: 'Registratură', en: 'Registry office' } },
  { code: 'urbanism', name: { ro: 'Urbanism', en: 'Urban planning' } },
];

/** Two handlers: one whose options are declared properties, one that takes any option. */
const HANDLERS = [
  {
    name: 'trimite-email',
    description: 'Trimite un e-mail solicitantului.',
    optionsSchema: {
      type: 'object',
      required: ['to'],
      properties: {
        to: { type: 'string', title: 'Destinatar', description: 'Adresa de e-mail' },
        attempts: { type: 'integer', title: 'Încercări' },
      },
    },
  },
  { name: 'set-variables', description: 'Sets the variables given in its options.', optionsSchema: { type: 'object', additionalProperties: true } },
];

function harnessPage(params: URLSearchParams): string {
  const lang = params.get('lang') === 'en' ? 'en' : 'ro';
  const key = params.get('key');
  const css = ['diagram-js.css', 'bpmn-js.css', 'bpmn-font/css/bpmn.css', 'properties-panel.css', 'designer.css'];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Designer</title>
${css.map((href) => `<link rel="stylesheet" href="/designer/assets/${href}">`).join('\n')}
<style>html, body { height: 100%; margin: 0; } #designer { height: 100vh; }</style>
</head><body><div id="designer" data-lang="${lang}" data-api="/api/v1" data-csrf="${CSRF}"${key ? ` data-key="${key}"` : ''}></div>
<script src="/designer/assets/designer.js"></script></body></html>`;
}

export async function startStubServer(options: StubOptions): Promise<StubServer> {
  const deploys: StubServer['deploys'] = [];
  const versions = new Map<string, number>();

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (req.method === 'GET' && path === '/designer') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(harnessPage(url.searchParams));
      return;
    }
    if (req.method === 'GET' && path.startsWith('/designer/assets/')) {
      const file = normalize(path.slice('/designer/assets/'.length));
      if (file.startsWith('..')) return json(res, 404, {});
      const body = await readFile(join(options.assets, file)).catch(() => undefined);
      if (!body) return json(res, 404, {});
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
      return;
    }
    if (req.method === 'GET' && path === '/api/v1/departments') return json(res, 200, { departments: DEPARTMENTS });
    if (req.method === 'GET' && path === '/api/v1/designer/handlers') return json(res, 200, { handlers: HANDLERS });
    const model = /^\/api\/v1\/procedures\/([^/]+)\/(model|forms)$/.exec(path);
    if (req.method === 'GET' && model) {
      const key = decodeURIComponent(model[1]!);
      const xml = options.models[key];
      if (!xml) return json(res, 404, { error: { code: 'not-found', message: `No procedure ${key}` } });
      if (model[2] === 'forms') return json(res, 200, { forms: [{ name: 'triere', title: { ro: 'Triere', en: 'Triage' } }, { name: 'solutionare', title: { ro: 'Soluționare' } }] });
      return json(res, 200, { key, version: 1, xml });
    }
    const pkg = /^\/api\/v1\/designer\/procedures\/([^/]+)\/package$/.exec(path);
    if (req.method === 'GET' && pkg) {
      const key = decodeURIComponent(pkg[1]!);
      if (!options.models[key] && !versions.has(key)) return json(res, 404, { error: { code: 'not-found', message: `No procedure ${key}` } });
      return json(res, 200, { key, version: versions.get(key) ?? 1, meta: { title: { ro: key, en: key }, requestForm: 'cerere' }, templates: {} });
    }
    if (req.method === 'POST' && path === '/api/v1/definitions') {
      const csrf = req.headers['x-csrf-token'] as string | undefined;
      const contentType = req.headers['content-type'];
      const xml = await readBody(req);
      const answer = (status: number, body: unknown) => {
        deploys.push({ csrf, contentType, status });
        json(res, status, body);
      };
      if (csrf !== CSRF) return answer(403, { error: { code: 'forbidden', message: 'CSRF token missing or wrong' } });
      try {
        const compiled = await compileModel(xml);
        const deployed = compiled.map((d) => {
          const version = (versions.get(d.key) ?? 0) + 1;
          versions.set(d.key, version);
          return { key: d.key, version, id: `${d.key}:${version}` };
        });
        return answer(201, { deployed });
      } catch (err) {
        if (err instanceof AppError) return answer(422, { error: { code: err.code, message: err.message, problems: err.problems ?? [] } });
        throw err;
      }
    }
    json(res, 404, { error: { code: 'not-found', message: path } });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => json(res, 500, { error: { code: 'internal', message: err.message } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    deploys,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
