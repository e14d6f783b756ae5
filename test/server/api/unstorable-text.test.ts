import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { useTestDatabase } from '../../support/database.ts';
import { PETITION, SAMPLE_PDF } from '../../support/petition.ts';
import { signInSession, startTestServer, type TestServer } from '../../support/server.ts';

/**
 * PostgreSQL's text and jsonb refuse NUL, and a lone UTF-16 surrogate has no UTF-8 form: whichever
 * way such text comes in, the answer is a coded 4xx and nothing is written. The API cases are
 * generated from server/api/openapi.json: every path parameter, every query parameter (and one it
 * does not declare), every string place of every JSON body, one at a time.
 */

interface Schema { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[] }
interface Parameter { $ref?: string; name: string; in: string; required?: boolean; schema?: Schema }
interface Operation { operationId: string; parameters?: Parameter[]; requestBody?: { content: Record<string, { schema?: Schema }> } }

const doc = JSON.parse(readFileSync(new URL('../../../server/api/openapi.json', import.meta.url), 'utf8')) as { paths: Record<string, Record<string, Operation>> };
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** Operations only a citizen may call; every other one is called as an admin, who may call them all. */
const CITIZEN_OPERATIONS = new Set(['submitRequest', 'answerCompletion', 'listMyRequests']);

/**
 * In JSON (as escapes): the characters themselves. In a URL: %00, and the WTF-8 bytes of \ud800 (not
 * UTF-8). In XML: the character, or a character reference. In other text (form posts, files) only NUL
 * survives: a lone surrogate is sent as U+FFFD, which is storable.
 */
const BAD = [
  { name: 'NUL', text: 'a\u0000b', url: 'a%00b', xml: 'a&#x0;b', inText: true },
  { name: 'a lone surrogate', text: 'a\ud800b', url: 'a%ED%A0%80b', xml: 'a&#xD800;b', inText: false },
];

function deref<T>(node: T | { $ref: string }): T {
  let out: unknown = node;
  while (out && typeof out === 'object' && '$ref' in out && typeof (out as { $ref: unknown }).$ref === 'string') {
    out = (out as { $ref: string }).$ref.slice(2).split('/').reduce<unknown>((n, part) => (n as Record<string, unknown>)[part], doc);
  }
  return out as T;
}

/** A plausible body from a schema; objects without declared properties get one text field. */
function sample(schema: Schema | undefined, name: string, values: Record<string, unknown>): unknown {
  const s = deref(schema ?? {});
  if (name in values) return values[name];
  if (s.enum) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return true;
  if (type === 'array') return [sample(s.items, '', values)];
  if (type === 'object' || s.properties) {
    const props = s.properties ?? { text: { type: 'string' } };
    return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, sample(v, k, values)]));
  }
  return 'text';
}

/** Every string place (values, and the keys of objects) as a function putting a bad text there. */
function stringPlaces(value: unknown, put: (v: unknown) => unknown = (v) => v, at = ''): Array<{ at: string; with: (bad: string) => unknown }> {
  if (typeof value === 'string') return [{ at, with: (bad) => put(bad) }];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringPlaces(item, (v) => put(value.map((x, j) => (j === i ? v : x))), `${at}/${i}`));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    return [
      { at: `${at}/<key>`, with: (bad: string) => put({ ...value, [bad]: 'text' }) },
      ...entries.flatMap(([k, item]) => stringPlaces(item, (v) => put({ ...value, [k]: v }), `${at}/${k}`)),
    ];
  }
  return [];
}

describe('text the database cannot store', function () {
  this.timeout(180_000);
  const t = useTestDatabase();
  let s: TestServer;
  beforeEach(async () => { s = await startTestServer(t.db); });
  afterEach(async () => { await s.close(); });

  /** Every table's rows, as text: what must not change. */
  async function snapshot(): Promise<Record<string, string>> {
    const tables = await t.db.query<{ tablename: string }>("select tablename from pg_tables where schemaname = $1 and tablename not like 'knex%' order by tablename", [t.db.schema]);
    const out: Record<string, string> = {};
    for (const { tablename } of tables) {
      // Signing in, using a token and rate limits touch these; they hold nothing a request brings.
      if (['sessions', 'api_tokens', 'rate_limits', 'sign_in_failures', 'sign_in_devices'].includes(tablename)) continue;
      const [row] = await t.db.query<{ rows: string }>(`select coalesce(string_agg(x::text, E'\\n' order by x::text), '') as rows from "${tablename}" x`);
      out[tablename] = row!.rows;
    }
    return out;
  }

  function expectRefused(res: { status: number; body: any }, where: string): void {
    const seen = `${where} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
    expect(res.status, seen).to.be.within(400, 499);
    expect(res.body?.error?.code, seen).to.be.a('string');
    expect(JSON.stringify(res.body), seen).not.to.match(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/);
  }

  async function petitionWithTask() {
    const citizen = await s.user('maria@exemplu.ro', 'citizen');
    const admin = await s.user('admin@primarie.ro', 'admin', ['registratura']);
    const submitted = await s.api('/api/v1/procedures/petitie/requests', { token: citizen.token, body: PETITION });
    expect(submitted.status).to.equal(201);
    const [task] = await s.ctx.engine.listTasks({ instanceId: (await t.db.query<{ instance_id: string }>('select instance_id from requests'))[0]!.instance_id });
    return { citizen, admin, requestId: submitted.body.id as string, taskId: task!.id, registrationNumber: submitted.body.registrationNumber as string };
  }

  describe('when it comes to the API', () => {
    it('refuses it in every path parameter, query parameter and JSON body place with a coded 4xx, writing nothing', async () => {
      // given a petition with an open task, and the API's operations as documented
      const f = await petitionWithTask();
      const params: Record<string, string> = { key: 'petitie', id: f.requestId, doc: f.requestId, format: 'html' };
      const values: Record<string, unknown> = { assignee: f.admin.email, message: 'Lipsește actul de identitate.', reason: 'Cercetare suplimentară', name: 'acte', businessKey: f.registrationNumber, requestId: f.requestId, lang: 'ro', xml: '<bpmn:definitions/>', number: f.registrationNumber, code: '12345678' };
      const before = await snapshot();
      let calls = 0;
      for (const [template, item] of Object.entries(doc.paths)) {
        for (const method of METHODS) {
          const op = item[method];
          if (!op) continue;
          const token = CITIZEN_OPERATIONS.has(op.operationId) ? f.citizen.token : f.admin.token;
          const declared = (op.parameters ?? []).map((p) => deref<Parameter>(p));
          const pathOf = (bad?: { name: string; url: string }) => template.replace(/\{(\w+)\}/g, (_m, name: string) => (bad?.name === name ? bad.url : encodeURIComponent(template.startsWith('/tasks') && name === 'id' ? f.taskId : params[name]!)));
          const query = Object.fromEntries(declared.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(sample(p.schema, p.name, values))]));
          const queryText = (extra?: [string, string]) => {
            const pairs = Object.entries(query).filter(([k]) => k !== extra?.[0]).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
            if (extra) pairs.push(`${extra[0]}=${extra[1]}`);
            return pairs.length > 0 ? `?${pairs.join('&')}` : '';
          };
          const jsonSchema = op.requestBody?.content['application/json']?.schema;
          const body = jsonSchema ? sample(jsonSchema, '', values) : undefined;
          const send = async (path: string, sent?: unknown, where = '') => {
            calls += 1;
            const res = await s.api(`/api/v1${path}`, { method: method.toUpperCase(), token, ...(sent !== undefined ? { body: sent } : {}) });
            expectRefused(res, `${op.operationId} ${method.toUpperCase()} ${path.slice(0, 80)} ${where}`);
          };
          for (const bad of BAD) {
            // when a path parameter carries it
            for (const p of declared.filter((x) => x.in === 'path')) await send(pathOf({ name: p.name, url: bad.url }) + queryText(), body, `(path ${p.name}, ${bad.name})`);
            // when a query parameter carries it, declared or not
            for (const name of [...declared.filter((x) => x.in === 'query').map((x) => x.name), 'extra']) await send(pathOf() + queryText([name, bad.url]), body, `(query ${name}, ${bad.name})`);
            // when a place in the JSON body carries it
            for (const place of body === undefined ? [] : stringPlaces(body)) await send(pathOf() + queryText(), place.with(bad.text), `(body ${place.at}, ${bad.name})`);
            // when the XML body carries it
            for (const type of Object.keys(op.requestBody?.content ?? {}).filter((c) => c.includes('xml'))) {
              calls += 1;
              const xml = readFileSync(new URL('../../fixtures/bpmn/petition.bpmn', import.meta.url), 'utf8').replace('name="', `name="${bad.inText ? bad.text : bad.xml}`);
              expectRefused(await s.api(`/api/v1${pathOf()}`, { method: 'POST', token, body: xml, headers: { 'content-type': type } }), `${op.operationId} ${type} (${bad.name})`);
            }
          }
        }
      }
      // then nothing was written
      expect(calls).to.be.greaterThan(100);
      expect(await snapshot()).to.deep.equal(before);
    });

    it('refuses it in form data sent as multipart, with the field\'s pointer', async () => {
      // given a petition waiting for the citizen's completion
      const f = await petitionWithTask();
      const clerk = await s.api(`/api/v1/requests/${f.requestId}/completion`, { token: f.admin.token, body: { message: 'Lipsește actul de identitate.' } });
      expect(clerk.status).to.equal(201);
      const before = await snapshot();
      for (const bad of BAD) {
        // when the citizen submits form fields, a data part, or an answer carrying it (as text: NUL only)
        const inText = bad.inText ? bad.text : BAD[0]!.text;
        const fields = new FormData();
        for (const [k, v] of Object.entries({ ...PETITION, adresa: undefined, 'adresa[strada]': 'Str. Lungă', 'adresa[localitate]': 'Brașov', subiect: inText })) if (v !== undefined) fields.append(k, v as string);
        const asFields = await s.api('/api/v1/procedures/petitie/requests', { token: f.citizen.token, body: fields });
        const dataPart = new FormData();
        dataPart.append('data', JSON.stringify({ ...PETITION, adresa: { ...PETITION.adresa, strada: bad.text } }));
        const asData = await s.api('/api/v1/procedures/petitie/requests', { token: f.citizen.token, body: dataPart });
        const answer = new FormData();
        answer.append('text', `Am atașat ${inText}`);
        answer.append('documente', new Blob([SAMPLE_PDF], { type: 'application/pdf' }), 'act.pdf');
        const answered = await s.api(`/api/v1/requests/${f.requestId}/completion/answer`, { token: f.citizen.token, body: answer });
        // then each is refused as form data, naming the field
        for (const [res, pointer] of [[asFields, '/subiect'], [asData, '/adresa/strada'], [answered, '/text']] as const) {
          expectRefused(res, `${pointer} (${bad.name})`);
          expect(res.body.error.code).to.equal('form-invalid');
          expect(res.body.error.details.map((d: { pointer: string }) => d.pointer)).to.include(pointer);
        }
      }
      expect(await snapshot()).to.deep.equal(before);
    });

    it('refuses it in a procedure package, uploaded or sent as JSON', async () => {
      // given an analyst and the petition's model
      const analyst = await s.user('elena@primarie.ro', 'analyst');
      const xml = readFileSync(new URL('../../../procedures/petitie/petitie.bpmn', import.meta.url), 'utf8');
      const before = await snapshot();
      for (const bad of BAD) {
        // when procedure.json, a form or a template carries it
        const upload = new FormData();
        upload.append('files', new Blob([xml], { type: 'application/xml' }), 'petitie.bpmn');
        upload.append('files', new Blob([JSON.stringify({ title: { ro: `Petiție ${bad.text}`, en: 'Petition' } })], { type: 'application/json' }), 'procedure.json');
        const uploaded = await s.api('/api/v1/definitions', { token: analyst.token, body: upload });
        const template = new FormData();
        template.append('files', new Blob([xml], { type: 'application/xml' }), 'petitie.bpmn');
        template.append('files', new Blob([`<p>${bad.inText ? bad.text : BAD[0]!.text}</p>`], { type: 'text/plain' }), 'raspuns.hbs');
        const withTemplate = await s.api('/api/v1/definitions', { token: analyst.token, body: template });
        const asJson = await s.api('/api/v1/definitions', { token: analyst.token, body: { xml, forms: { cerere: { schema: { type: 'object', title: bad.text } } } } });
        const charRef = await s.api('/api/v1/definitions', { token: analyst.token, body: xml.replace('name="', `name="${bad.xml}`), headers: { 'content-type': 'application/xml' } });
        // then nothing is deployed
        for (const [res, what] of [[uploaded, 'procedure.json'], [withTemplate, 'template'], [asJson, 'JSON package'], [charRef, 'character reference']] as const) expectRefused(res, `${what} (${bad.name})`);
      }
      expect(await snapshot()).to.deep.equal(before);
    });
  });

  describe('when it comes to the pages', () => {
    it('refuses it at sign-in, sign-up, the status check, a procedure form and the clerk\'s decision, writing nothing', async () => {
      // given a petition with an open task, a citizen's and a clerk's session
      const f = await petitionWithTask();
      const citizen = await signInSession(s, f.citizen.email, f.citizen.password);
      const admin = await signInSession(s, f.admin.email, f.admin.password);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await citizen.page('/')).text())![1]!;
      const before = await snapshot();
      const anonymous = (path: string, fields?: Record<string, string>) => fetch(s.base + path, {
        redirect: 'manual',
        ...(fields ? { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) } : {}),
      });
      for (const bad of BAD) {
        // when each page gets it (in a form post as text: NUL only)
        const inText = bad.inText ? bad.text : BAD[0]!.text;
        const multipart = new FormData();
        multipart.append('_csrf', csrf);
        for (const [k, v] of Object.entries({ nume: PETITION.nume, email: PETITION.email, 'adresa[strada]': 'Str. Lungă', 'adresa[localitate]': 'Brașov', subiect: PETITION.subiect, continut: `Text ${inText}` })) multipart.append(k, v);
        const pages: Array<[string, Response]> = [
          ['sign-in', await anonymous('/login', { email: `x${inText}@exemplu.ro`, password: 'parola-lungă-1234' })],
          ['sign-up', await anonymous('/signup', { name: `Ana ${inText}`, email: 'ana.noua@exemplu.ro', password: 'parola-lungă-1234', password2: 'parola-lungă-1234' })],
          ['status link', await anonymous(`/status?number=${bad.url}&code=12345678`)],
          ['status check', await anonymous('/status', { number: `1/02.03.2026${inText}`, code: '12345678' })],
          ['a page path', await citizen.page(`/cereri/${bad.url}`)],
          ['a procedure form (urlencoded)', await citizen.post('/proceduri/petitie', { ...PETITION, adresa: '', 'adresa[strada]': 'Str. Lungă', 'adresa[localitate]': 'Brașov', subiect: inText })],
          ['a procedure form (multipart)', await fetch(`${s.base}/proceduri/petitie`, { method: 'POST', redirect: 'manual', headers: { cookie: citizen.cookie }, body: multipart })],
          ['the clerk\'s decision', await admin.post(`/lucru/sarcini/${f.taskId}/decizie`, { departament: 'urbanism', observatii: inText })],
          ['the clerk\'s request for completion', await admin.post(`/lucru/sarcini/${f.taskId}/completare`, { message: `Lipsește ${inText}` })],
        ];
        // then each answers a 4xx page
        for (const [what, res] of pages) {
          const html = await res.text();
          expect(res.status, `${what} (${bad.name}) → ${res.status}`).to.be.within(400, 499);
          expect(html, what).not.to.match(/node_modules|\.ts:\d+/);
        }
        const form = pages.find(([what]) => what === 'a procedure form (multipart)')![1];
        expect(form.status, 'the form shown again with its error').to.equal(422);
      }
      expect(await snapshot()).to.deep.equal(before);
    });
  });
});
