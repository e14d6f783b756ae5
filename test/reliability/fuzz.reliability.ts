import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import fc from 'fast-check';
import { AppError, evaluateFeel, assertFeelParses, compileModel } from '../../engine/index.ts';
import { readFormPost } from '../../forms/render/read-form-post.ts';
import { checkFormSchema, validateForm, type JsonSchema } from '../../forms/validation/validate-form.ts';
import { SAMPLE_PDF } from '../support/petition.ts';

/**
 * Property-based fuzzing (fast-check) of what reads untrusted input: the FEEL evaluator, the form
 * validator, the BPMN loader (load, compile, check) and the multipart reader (through real HTTP
 * requests). Each call either answers or throws a coded AppError (never `internal`, never a plain
 * Error), within a time budget measured per call. Runs are bounded so the suite stays fast; a
 * failure prints fast-check's seed and path, so it can be replayed.
 */

const RUNS = Number(process.env.DOSAR_FUZZ_RUNS ?? 300);
const NOW = '2026-03-02T08:00:00Z';

/**
 * Calls fn; fails unless it returns or throws a coded AppError, within the budget. The budgets
 * catch hangs and blow-ups, not milliseconds: a call over budget is timed again (a busy machine,
 * a first compile or a garbage collection delays one call; a blow-up repeats).
 */
async function withinBudget<T>(what: string, budgetMs: number, fn: () => T | Promise<T>): Promise<{ ms: number }> {
  const once = async () => {
    const began = performance.now();
    try {
      await fn();
    } catch (err) {
      if (!(err instanceof AppError)) throw new Error(`${what}: threw ${(err as Error)?.name ?? typeof err}: ${(err as Error)?.message ?? String(err)}`, { cause: err });
      if (err.code === 'internal') throw new Error(`${what}: threw an internal error: ${err.message}`, { cause: err });
    }
    return performance.now() - began;
  };
  let ms = await once();
  if (ms > budgetMs) ms = Math.min(ms, await once());
  if (ms > budgetMs) throw new Error(`${what}: took ${ms.toFixed(0)} ms twice (budget ${budgetMs} ms)`);
  return { ms };
}

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', '\u0000', '\ud800', '\udfff', 'ș', 'ț', "' or 1=1--", '<script>', '${x}', '{{x}}', '..', '"', '\\', '\n'),
);

// ---------------------------------------------------------------- FEEL

/** FEEL expressions from a grammar of the language (bounded ranges), mixed with arbitrary text. */
const feel: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: -1000, max: 1000 }).map(String),
    fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map(String),
    text.map((s) => JSON.stringify(s)),
    fc.constantFrom('x', 'y', 'suma', 'nume', 'lista', 'null', 'true', 'false', 'today()', 'now()', 'date("2026-02-30")', 'duration("P1Y")', 'date and time("x")', '@"2026-01-01"'),
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '**', '=', '!=', '<', '<=', '>', '>=', 'and', 'or'), tie('expr')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([a, b, c]) => `if ${a} then ${b} else ${c}`),
    fc.array(tie('expr'), { maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`),
    fc.array(fc.tuple(fc.constantFrom('a', 'b', '"c d"'), tie('expr')), { maxLength: 3 }).map((kv) => `{${kv.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
    fc.tuple(fc.constantFrom('count', 'sum', 'min', 'max', 'string length', 'upper case', 'substring', 'contains', 'not', 'abs', 'floor', 'decimal', 'string', 'number', 'list contains', 'append', 'reverse', 'add working days', 'is working day', 'legal due date', 'matches', 'replace', 'split'), fc.array(tie('expr'), { maxLength: 3 }))
      .map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(fc.integer({ min: -50, max: 500 }), fc.integer({ min: -50, max: 500 }), tie('expr')).map(([a, b, body]) => `for i in ${a}..${b} return ${body}`),
    fc.tuple(tie('expr'), tie('expr')).map(([l, c]) => `some i in ${l} satisfies ${c}`),
    fc.tuple(tie('expr'), tie('expr')).map(([l, c]) => `(${l})[${c}]`),
    fc.tuple(tie('expr'), fc.constantFrom('a', 'b', 'length')).map(([e, p]) => `(${e}).${p}`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([a, b, c]) => `${a} between ${b} and ${c}`),
    text,
  ),
})).expr;

const variables = fc.record({ x: fc.jsonValue({ maxDepth: 3 }), y: fc.integer(), suma: fc.double({ noNaN: true }), nume: text, lista: fc.array(fc.integer(), { maxLength: 20 }) }, { requiredKeys: [] });

describe('reliability: fuzzing', function () {
  this.timeout(120_000);

  describe('the FEEL evaluator (engine/expressions/feel.ts)', () => {
    it('answers every expression with a value or a coded error, each within 1 s', async () => {
      let slowest = 0;
      await fc.assert(fc.asyncProperty(feel, variables, async (expression, vars) => {
        const { ms } = await withinBudget(`evaluateFeel(${JSON.stringify(expression).slice(0, 200)})`, 1000, () => evaluateFeel(expression, vars, NOW));
        slowest = Math.max(slowest, ms);
        await withinBudget(`assertFeelParses(${JSON.stringify(expression).slice(0, 200)})`, 1000, () => assertFeelParses(expression));
      }), { numRuns: RUNS * 2 });
      console.log(`      FEEL: ${RUNS * 2} expressions, slowest ${slowest.toFixed(1)} ms`);
    });

    it('stops an expensive expression (count(for i in 1..9000000 return i) > 0) within its budget', async () => {
      // In a child process: an evaluator without a budget would hold this one for a long time.
      const script = `
        const { evaluateFeel } = await import(${JSON.stringify(fileURLToPath(new URL('../../engine/expressions/feel.ts', import.meta.url)))});
        const began = performance.now();
        let outcome;
        try { outcome = { value: evaluateFeel('count(for i in 1..9000000 return i) > 0', {}, '${NOW}') }; }
        catch (err) { outcome = { name: err?.name, code: err?.code }; }
        console.log(JSON.stringify({ ...outcome, ms: performance.now() - began }));`;
      const result = await new Promise<{ out: string; timedOut: boolean }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
        const timer = setTimeout(() => { child.kill('SIGKILL'); resolve({ out, timedOut: true }); }, 10_000);
        child.on('exit', () => { clearTimeout(timer); resolve({ out, timedOut: false }); });
      });
      expect(result.timedOut, 'the evaluator was still computing after 10 s').to.equal(false);
      const outcome = JSON.parse(result.out.trim().split('\n').pop()!) as { name?: string; code?: string; ms: number };
      console.log(`      FEEL: the expensive expression ended in ${outcome.ms.toFixed(0)} ms (${outcome.code ?? 'a value'})`);
      expect(outcome.name, 'a coded refusal').to.equal('AppError');
      expect(outcome.code).to.be.a('string').and.not.equal('internal');
      expect(outcome.ms).to.be.below(2000);
    });
  });

  // ---------------------------------------------------------------- forms

  describe('the form validator (forms/validation/validate-form.ts)', () => {
    const petition = JSON.parse(readFileSync(new URL('../../procedures/petitie/forms/cerere.schema.json', import.meta.url), 'utf8')) as JsonSchema;
    const triage = JSON.parse(readFileSync(new URL('../../procedures/petitie/forms/triere.schema.json', import.meta.url), 'utf8')) as JsonSchema;
    const nested = fc.integer({ min: 1, max: 3000 }).map((depth) => {
      let v: unknown = 'x';
      for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { adresa: v };
      return v;
    });
    const data = fc.oneof(
      fc.anything({ maxDepth: 4 }),
      fc.jsonValue({ maxDepth: 5 }),
      fc.record({ nume: text, email: text, adresa: fc.oneof(fc.record({ strada: text, localitate: text }), fc.jsonValue({ maxDepth: 2 })), subiect: text, continut: text, telefon: text, anexe: fc.jsonValue({ maxDepth: 3 }) }, { requiredKeys: [] }),
      nested.map((v) => ({ nume: 'Maria', adresa: v })),
      fc.dictionary(text, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 50 }),
      fc.constant(JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}')),
      fc.integer({ min: 1000, max: 20_000 }).map((n) => ({ continut: 'x'.repeat(n), anexe: Array.from({ length: Math.floor(n / 10) }, () => ({})) })),
    );

    it('answers any data with a result, each within 1 s', async () => {
      let slowest = 0;
      await fc.assert(fc.asyncProperty(fc.constantFrom(petition, triage), data, async (schema, value) => {
        let result: ReturnType<typeof validateForm> | undefined;
        const { ms } = await withinBudget(`validateForm(${JSON.stringify(value)?.slice(0, 200)})`, 1000, () => { result = validateForm(schema, value, { id: 'fuzz', version: 1 }); });
        slowest = Math.max(slowest, ms);
        if (result) expect(result.valid === true || (result.valid === false && result.errors.length > 0), 'a refusal names its errors').to.equal(true);
      }), { numRuns: RUNS });
      console.log(`      forms: ${RUNS} submissions, slowest ${slowest.toFixed(1)} ms`);
    });

    it('answers any schema an analyst might send with problems or none, each within 2 s', async () => {
      const schema = fc.oneof(
        fc.jsonValue({ maxDepth: 4 }),
        fc.record({ type: fc.constantFrom('object', 'string', 'nimic', 42), properties: fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }), required: fc.array(text, { maxLength: 3 }), pattern: fc.constantFrom('(a+)+$', '[', '^\\d+$', '(?<x>'), format: fc.constantFrom('email', 'cnp', 'nu-exista'), $ref: fc.constantFrom('#/x', 'http://example.com/s.json', '#') }, { requiredKeys: [] }),
      );
      await fc.assert(fc.asyncProperty(schema, async (s) => {
        await withinBudget(`checkFormSchema(${JSON.stringify(s).slice(0, 200)})`, 2000, () => checkFormSchema(s));
      }), { numRuns: RUNS });
    });
  });

  // ---------------------------------------------------------------- BPMN

  describe('the BPMN loader (engine/model: load, compile, check)', () => {
    const valid = readFileSync(new URL('../../procedures/petitie/petitie.bpmn', import.meta.url), 'utf8');
    const TYPES = ['startEvent', 'endEvent', 'userTask', 'serviceTask', 'sendTask', 'receiveTask', 'manualTask', 'scriptTask', 'businessRuleTask', 'exclusiveGateway', 'parallelGateway', 'inclusiveGateway', 'eventBasedGateway', 'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent', 'subProcess', 'callActivity', 'complexGateway', 'task'];
    const attr = fc.oneof(text, fc.constantFrom('PT1S', 'P1D', 'R3/PT1M', '2026-13-45', '=x > 1', '${a && b}', '30 days', '-3 working-days', '0', 'true'));
    const element = fc.record({
      type: fc.constantFrom(...TYPES),
      id: fc.oneof(fc.constantFrom('a', 'b', 'c', 'd', 'e'), text),
      attrs: fc.array(fc.tuple(fc.constantFrom('dosar:candidateGroups', 'dosar:formKey', 'dosar:handler', 'dosar:legalTerm', 'dosar:dueTimer', 'dosar:clock', 'dosar:retries', 'attachedToRef', 'cancelActivity', 'default', 'calledElement', 'messageRef', 'name'), attr), { maxLength: 3 }),
      inner: fc.constantFrom('', '<bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition>', '<bpmn:timerEventDefinition><bpmn:timeCycle>R/PT0S</bpmn:timeCycle></bpmn:timerEventDefinition>', '<bpmn:messageEventDefinition />', '<bpmn:errorEventDefinition />', '<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>1000000</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>', '<bpmn:timerEventDefinition />'),
    });
    const flow = fc.record({ from: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'z'), to: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'z'), condition: fc.option(feel, { nil: undefined }) });
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    const generated = fc.record({ elements: fc.array(element, { maxLength: 8 }), flows: fc.array(flow, { maxLength: 8 }), processId: fc.oneof(fc.constant('p'), text) }).map(({ elements, flows, processId }) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dosar="http://dosar.ro/schema/bpmn" id="d" targetNamespace="t">
<bpmn:process id="${escape(processId)}" isExecutable="true">
${elements.map((e) => `<bpmn:${e.type} id="${escape(e.id)}" ${e.attrs.map(([k, v]) => `${k}="${escape(v)}"`).join(' ')}>${e.inner}</bpmn:${e.type}>`).join('\n')}
${flows.map((f, i) => `<bpmn:sequenceFlow id="f${i}" sourceRef="${f.from}" targetRef="${f.to}">${f.condition !== undefined ? `<bpmn:conditionExpression>${escape(f.condition)}</bpmn:conditionExpression>` : ''}</bpmn:sequenceFlow>`).join('\n')}
</bpmn:process></bpmn:definitions>`);
    /** The petition model cut, spliced or sprinkled with bytes. */
    const mutated = fc.tuple(fc.nat({ max: valid.length }), fc.nat({ max: 200 }), text).map(([at, cut, insert]) => valid.slice(0, at) + insert + valid.slice(Math.min(valid.length, at + cut)));

    it('compiles or refuses any model with coded problems, each within 3 s', async () => {
      let slowest = 0;
      await fc.assert(fc.asyncProperty(fc.oneof(generated, mutated, text), async (xml) => {
        const { ms } = await withinBudget(`compileModel(${JSON.stringify(xml).slice(0, 300)})`, 3000, () => compileModel(xml));
        slowest = Math.max(slowest, ms);
      }), { numRuns: RUNS });
      console.log(`      BPMN: ${RUNS} models, slowest ${slowest.toFixed(1)} ms`);
    });
  });

  // ---------------------------------------------------------------- multipart

  describe('the multipart reader (forms/render/read-form-post.ts) through HTTP', () => {
    let server: Server;
    let port = 0;
    before(async () => {
      // The reader on a bare HTTP server: 200 with what it read, 400 for a coded refusal, 500 (with the error) for anything else.
      server = createServer((req, res) => {
        readFormPost(req, { limits: { fileSize: 64 * 1024, files: 5, fields: 50, fieldSize: 4096 } }).then(
          (post) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ fields: Object.keys(post.fields).length, files: Object.keys(post.files).length, truncated: post.truncated ?? null })); },
          (err: unknown) => {
            req.resume();
            const coded = err instanceof AppError && err.code !== 'internal';
            res.writeHead(coded ? 400 : 500, { 'content-type': 'text/plain' });
            res.end(coded ? (err as AppError).code : `${(err as Error)?.name}: ${(err as Error)?.message}`);
          },
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      port = (server.address() as AddressInfo).port;
    });
    after(async () => { server.closeAllConnections(); await new Promise((resolve) => server.close(resolve)); });

    function post(contentType: string | undefined, body: Buffer): Promise<{ status: number; text: string; ms: number }> {
      const began = performance.now();
      return new Promise((resolve) => {
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { ...(contentType !== undefined ? { 'content-type': contentType } : {}), 'content-length': String(body.length) }, timeout: 10_000 }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), ms: performance.now() - began }));
        });
        req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
        req.on('error', (err) => resolve({ status: 0, text: err.message, ms: performance.now() - began }));
        req.end(body);
      });
    }

    const part = fc.record({
      name: fc.oneof(fc.constantFrom('data', 'anexe', 'nume', 'adresa[strada]', `a${'[a]'.repeat(50)}`), text),
      filename: fc.option(fc.oneof(fc.constantFrom('a.pdf', '../../etc/passwd', 'a\u0000.pdf', '', 'x'.repeat(300)), text), { nil: undefined }),
      type: fc.option(fc.constantFrom('application/pdf', 'text/html', 'application/octet-stream', 'x/'), { nil: undefined }),
      body: fc.oneof(fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)), fc.constant(SAMPLE_PDF), fc.integer({ min: 60_000, max: 80_000 }).map((n) => Buffer.alloc(n, 65)), text.map((s) => Buffer.from(s))),
    });
    const multipart = fc.record({
      boundary: fc.oneof(fc.constant('zz'), fc.string({ minLength: 1, maxLength: 70 }).filter((s) => !/[\r\n"]/.test(s))),
      parts: fc.array(part, { maxLength: 8 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
      noise: fc.option(fc.uint8Array({ maxLength: 50 }), { nil: undefined }),
      header: fc.constantFrom('multipart/form-data; boundary=', 'multipart/form-data; boundary="', 'multipart/form-data;boundary=', 'multipart/form-data; charset=utf-16; boundary=', 'multipart/mixed; boundary=', 'multipart/form-data'),
    }).map(({ boundary, parts, cut, noise, header }) => {
      const chunks: Buffer[] = [];
      for (const p of parts) {
        chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}\r\n${p.type ? `Content-Type: ${p.type}\r\n` : ''}\r\n`, 'utf8'), p.body, Buffer.from('\r\n'));
      }
      chunks.push(Buffer.from(`--${boundary}--\r\n`));
      let body = Buffer.concat(chunks);
      if (cut !== undefined && body.length > 0) body = body.subarray(0, cut % body.length);
      if (noise) body = Buffer.concat([body.subarray(0, body.length >> 1), Buffer.from(noise), body.subarray(body.length >> 1)]);
      return { contentType: header.endsWith('=') || header.endsWith('"') ? header + boundary : header, body };
    });

    it('reads or refuses (coded) any multipart post, each within 5 s', async () => {
      let slowest = 0;
      await fc.assert(fc.asyncProperty(multipart, async ({ contentType, body }) => {
        const res = await post(contentType, body);
        slowest = Math.max(slowest, res.ms);
        expect(res.status, `${contentType} → ${res.status} ${res.text}`).to.be.oneOf([200, 400]);
        expect(res.ms, 'answered within the budget').to.be.below(5000);
      }), { numRuns: RUNS });
      console.log(`      multipart: ${RUNS} posts, slowest ${slowest.toFixed(1)} ms`);
    });
  });
});
