import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Router } from 'express';
import { expect } from 'chai';
import { archiveRoutes } from '../../../server/api/archive-routes.ts';
import { qualityRoutes } from '../../../server/api/quality-routes.ts';
import { catalogueRoutes } from '../../../server/api/catalogue-routes.ts';
import { designerRoutes } from '../../../server/api/designer-routes.ts';
import { PAYMENT_NOTIFICATION_ROUTE } from '../../../server/api/payment-routes.ts';
import { requestRoutes } from '../../../server/api/request-routes.ts';
import { taskRoutes } from '../../../server/api/task-routes.ts';
import { tokenRoutes } from '../../../server/api/token-routes.ts';
import { conditionRoutes } from '../../../server/api/condition-routes.ts';
import { signalRoutes } from '../../../server/api/signal-routes.ts';
import type { AppContext } from '../../../server/context.ts';

interface Parameter { $ref?: string; name?: string; in?: string; required?: boolean; schema?: unknown }

interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  responses?: Record<string, unknown>;
  tags?: string[];
  security?: unknown[];
  description?: string;
  'x-access'?: unknown;
}

/** Who may call an operation, as `x-access` lists it (the vocabulary of the document's info.description). */
const ACCESS = ['anonymous', 'citizen', 'citizen:owner', 'clerk', 'clerk:department', 'analyst', 'admin', 'sef', 'self'] as const;

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default as typeof import('ajv/dist/2020.js').default;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** Registered by server/app.ts itself, not by a router. */
const APP_ROUTES = new Set(['get /openapi.json']);

const doc = JSON.parse(readFileSync(new URL('../../../server/api/openapi.json', import.meta.url), 'utf8')) as {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, { properties?: Record<string, { enum?: string[] }> }> }> };
};

/** Express path to OpenAPI template: /requests/:id/documents/:doc.:format → /requests/{id}/documents/{doc}.{format}. */
function template(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function routesOf(router: Router): string[] {
  const found: string[] = [];
  for (const layer of router.stack) {
    const route = layer.route as { path: string; methods: Record<string, boolean> } | undefined;
    if (!route) continue;
    for (const [method, on] of Object.entries(route.methods)) if (on && method !== '_all') found.push(`${method} ${template(route.path)}`);
  }
  return found;
}

function documentedOperations(): Array<{ key: string; path: string; method: string; op: Operation }> {
  const ops: Array<{ key: string; path: string; method: string; op: Operation }> = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) ops.push({ key: `${method} ${path}`, path, method, op });
    }
  }
  return ops;
}

function resolve(ref: string): unknown {
  expect(ref, ref).to.match(/^#\//);
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) collectRefs(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

describe('the OpenAPI description of the JSON API', () => {
  // Building a Router only registers handlers; the context is first touched by a request.
  const ctx = {} as AppContext;
  const routed = [...routesOf(catalogueRoutes(ctx)), ...routesOf(requestRoutes(ctx)), ...routesOf(taskRoutes(ctx)), ...routesOf(designerRoutes(ctx)), ...routesOf(tokenRoutes(ctx)), ...routesOf(signalRoutes(ctx)), ...routesOf(conditionRoutes(ctx)), `post ${template(PAYMENT_NOTIFICATION_ROUTE.replace(/^\/api\/v1/, ''))}`, ...routesOf(archiveRoutes(ctx)), ...routesOf(qualityRoutes(ctx))];
  const documented = documentedOperations();

  it('finds the routes of the three routers', () => {
    expect(routed).to.include('get /procedures');
    expect(routed).to.include('post /procedures/{key}/requests');
    expect(routed).to.include('get /requests/{id}/documents/{doc}.{format}');
    expect(routed).to.include('post /tasks/{id}/complete');
  });

  it('documents every route the routers serve', () => {
    const keys = new Set(documented.map((d) => d.key));
    expect(routed.filter((r) => !keys.has(r)), 'routes missing from openapi.json').to.deep.equal([]);
  });

  it('documents no operation that no router serves', () => {
    const served = new Set([...routed, ...APP_ROUTES]);
    expect(documented.map((d) => d.key).filter((k) => !served.has(k)), 'documented operations with no route').to.deep.equal([]);
  });

  it('is an OpenAPI 3.1 document for /api/v1', () => {
    expect(doc.openapi).to.match(/^3\.1\./);
    expect(doc.info.title).to.equal('Dosar API');
    expect(doc.info.version).to.be.a('string');
    expect(doc.servers).to.deep.equal([{ url: '/api/v1' }]);
  });

  it('resolves every $ref inside the document', () => {
    const refs = collectRefs(doc);
    expect(refs.length).to.be.greaterThan(0);
    expect(refs.filter((r) => resolve(r) === undefined), 'dangling $refs').to.deep.equal([]);
  });

  it('has component schemas that compile as JSON Schema 2020-12', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: 'openapi.json', components: doc.components }, 'openapi.json');
    for (const name of Object.keys(doc.components.schemas)) {
      expect(() => ajv.getSchema(`openapi.json#/components/schemas/${name}`), name).not.to.throw();
    }
    const error = ajv.getSchema('openapi.json#/components/schemas/Error')!;
    expect(error({ error: { code: 'form-invalid', message: 'Formularul are erori.', details: [{ pointer: '/nume', field: 'nume', keyword: 'required', message: 'Obligatoriu.' }] } })).to.equal(true);
    expect(error({ error: { code: 'no-such-code', message: 'x' } })).to.equal(false);
  });

  it('uses JSON Schema 2020-12 type arrays, not the 3.0 nullable keyword', () => {
    expect(JSON.stringify(doc)).not.to.include('"nullable"');
  });

  it('gives every operation a unique operationId, tags and a success response', () => {
    const ids = documented.map((d) => d.op.operationId);
    for (const { key, op } of documented) {
      expect(op.operationId, key).to.be.a('string').and.not.equal('');
      expect(op.tags, key).to.be.an('array').that.is.not.empty;
      expect(Object.keys(op.responses ?? {}).some((s) => /^2\d\d$/.test(s)), `${key} has a 2xx response`).to.equal(true);
    }
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('declares every templated path segment as a required path parameter', () => {
    for (const { key, path, op } of documented) {
      const params = (op.parameters ?? []).map((p) => (p.$ref ? (resolve(p.$ref) as Parameter | undefined) : p));
      const pathParams = params.filter((p) => p?.in === 'path');
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      for (const name of names) {
        const param = pathParams.find((p) => p?.name === name);
        expect(param, `${key} declares {${name}}`).to.not.equal(undefined);
        expect(param?.required, `${key} {${name}} is required`).to.equal(true);
      }
      expect(pathParams.map((p) => p?.name).sort(), `${key} has no stray path parameters`).to.deep.equal([...names].sort());
    }
  });

  it('marks only the public catalogue, the status check, itself and payment notifications (signed) as needing no credentials', () => {
    const open = documented.filter((d) => Array.isArray(d.op.security) && d.op.security.length === 0).map((d) => d.key).sort();
    expect(open).to.deep.equal(['get /departments', 'get /openapi.json', 'get /procedures', 'get /procedures/{key}', 'get /status', 'post /payments/notifications/{provider}']);
    for (const { key, op } of documented) {
      if (open.includes(key)) continue;
      expect(op.security, key).to.deep.equal([{ bearerAuth: [] }, { sessionCookie: [] }]);
    }
  });

  describe('when it says who may call an operation', () => {
    it('gives every operation an x-access list from the known vocabulary', () => {
      const bad = documented.filter(({ op }) => {
        const access = op['x-access'];
        return !Array.isArray(access) || access.length === 0 || new Set(access).size !== access.length || !access.every((a) => (ACCESS as readonly unknown[]).includes(a));
      });
      expect(bad.map((d) => d.key), 'operations without a valid x-access').to.deep.equal([]);
    });

    it('says it in words too, in the description', () => {
      expect(documented.filter(({ op }) => !/(^|\s)Access: \S.*/.test(op.description ?? '')).map((d) => d.key), 'operations without "Access: ..."').to.deep.equal([]);
    });

    it('does not open an operation to anonymous callers unless it needs no credentials, nor the reverse', () => {
      for (const { key, op } of documented) {
        const open = Array.isArray(op.security) && op.security.length === 0;
        expect((op['x-access'] as string[] | undefined)?.includes('anonymous') ?? false, key).to.equal(open);
        if (open) expect(op['x-access'], `${key}: anonymous covers everyone`).to.deep.equal(['anonymous']);
      }
    });

    it('does not list the vocabulary differently from info.description', () => {
      const vocabulary = doc.info.description!.split('`x-access`, a list of:')[1] ?? '';
      const words = [...vocabulary.matchAll(/`([a-z:]+)`/g)].map((m) => m[1]);
      expect(words).to.deep.equal([...ACCESS]);
    });
  });

  it('lists exactly the stable error codes of engine/errors.ts', () => {
    const source = readFileSync(new URL('../../../engine/errors.ts', import.meta.url), 'utf8');
    const union = /export type ErrorCode\s*=([^;]+);/.exec(source)?.[1];
    expect(union, 'ErrorCode union in engine/errors.ts').to.be.a('string');
    const codes = [...union!.matchAll(/^\s*\|\s*'([^']+)'/gm)].map((m) => m[1]);
    expect(codes.length).to.be.greaterThan(5);
    const documentedCodes = doc.components.schemas.Error?.properties?.error?.properties?.code?.enum;
    expect([...(documentedCodes ?? [])].sort()).to.deep.equal([...codes].sort());
  });
});
