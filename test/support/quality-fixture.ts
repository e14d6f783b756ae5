import { randomUUID } from 'node:crypto';
import { createEnginePort } from '../../engine/index.ts';
import { deployPackage } from '../../server/procedures/deploy-package.ts';
import { normaliseMeta } from '../../server/procedures/package.ts';
import type { TestServer } from './server.ts';

/**
 * "calitate-test": a request with a legal term of 10 working days, one task in urbanism, and two
 * ends (approved, refused). The hand-counted quality fixture runs four requests through it on
 * fixed dates around 30 November and 1 December 2026 (Sf. Andrei, Ziua Națională: not worked).
 */
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dosar="http://dosar.ro/schema/bpmn" targetNamespace="http://dosar.ro/procedures" id="calitate-definitions">
  <bpmn:process id="calitate-test" name="Cerere de test" isExecutable="true" dosar:legalTerm="10 working-days">
    <bpmn:startEvent id="primita" />
    <bpmn:userTask id="solutionare" name="Soluționare" dosar:candidateGroups="urbanism" />
    <bpmn:exclusiveGateway id="decizie" default="f3" />
    <bpmn:endEvent id="aprobata" name="Aprobată" />
    <bpmn:endEvent id="refuzata" name="Refuzată" />
    <bpmn:sequenceFlow id="f1" sourceRef="primita" targetRef="solutionare" />
    <bpmn:sequenceFlow id="f2" sourceRef="solutionare" targetRef="decizie" />
    <bpmn:sequenceFlow id="f3" sourceRef="decizie" targetRef="aprobata" />
    <bpmn:sequenceFlow id="f4" sourceRef="decizie" targetRef="refuzata"><bpmn:conditionExpression>refuz = true</bpmn:conditionExpression></bpmn:sequenceFlow>
  </bpmn:process>
</bpmn:definitions>`;

let serial = 0;

/** The procedure, or the same model under another key answered by another department. */
export async function deployQualityProcedure(s: TestServer, other?: { key: string; department: string; title: string }): Promise<void> {
  const xml = other ? XML.replace(/calitate-test/g, other.key).replace('dosar:candidateGroups="urbanism"', `dosar:candidateGroups="${other.department}"`) : XML;
  const title = other ? { ro: other.title, en: other.title } : { ro: 'Cerere de test', en: 'Test request' };
  await deployPackage(s.ctx.engine, s.ctx.db, { xml, meta: normaliseMeta({ title, department: other?.department ?? 'urbanism', targetTerm: { amount: 5, unit: 'working-days' } }), forms: {}, templates: {} }, 'test');
}

/** A request received at `at` (its instance started then), as the portal would record it. */
export async function receive(s: TestServer, at: string, citizenId: string | null = null, key = 'calitate-test'): Promise<{ requestId: string; instanceId: string }> {
  s.clock.set(at);
  const requestId = randomUUID();
  return s.ctx.db.transaction(async (tx) => {
    const { id: instanceId, definitionId } = await s.ctx.engine.start(key, { businessKey: requestId }, createEnginePort(tx));
    const n = ++serial;
    await tx.query(
      `insert into requests (id, instance_id, procedure_key, definition_id, citizen_id, register, reg_year, reg_number, registration_number, secret_hash, data, submitted_at)
       values ($1, $2, $8, $3, $4, 'calitate', 2026, $5, $6, 'x', '{"nume":"Maria Ionescu"}', $7)`,
      [requestId, instanceId, definitionId, citizenId, n, `${n}/2026`, at, key]);
    return { requestId, instanceId };
  });
}

/** The clerk claims the request's task and decides it at `at`. */
export async function decide(s: TestServer, instanceId: string, at: string, refuse: boolean, clerk = 'ana@primarie.ro'): Promise<void> {
  s.clock.set(at);
  const [task] = await s.ctx.engine.listTasks({ instanceId });
  await s.ctx.engine.assignTask(task!.id, clerk, { by: clerk });
  await s.ctx.db.transaction((tx) => s.ctx.engine.completeTask(task!.id, { refuz: refuse }, createEnginePort(tx)));
}

async function extend(s: TestServer, instanceId: string, at: string, workingDays: number): Promise<void> {
  s.clock.set(at);
  await s.ctx.db.transaction((tx) => s.ctx.engine.changeDeadline(instanceId, { action: 'extend', amount: workingDays, unit: 'working-days', reason: 'Verificare pe teren' }, createEnginePort(tx)));
}

/**
 * The hand-counted history (see test/server/quality/rollup.test.ts): A, B received Fri 27 Nov, C
 * Mon 30 Nov, D Wed 2 Dec; B refused 3 Dec, A resolved 9 Dec, C extended by 5 working days on 10
 * Dec and resolved 18 Dec by another clerk; D still open. The clock ends at `today`.
 */
export async function handCountedHistory(s: TestServer, today: string) {
  const a = await receive(s, '2026-11-27T08:00:00Z');
  const b = await receive(s, '2026-11-27T09:00:00Z');
  const c = await receive(s, '2026-11-30T07:00:00Z');
  const d = await receive(s, '2026-12-02T10:00:00Z');
  await decide(s, b.instanceId, '2026-12-03T12:00:00Z', true);
  await decide(s, a.instanceId, '2026-12-09T12:00:00Z', false);
  await extend(s, c.instanceId, '2026-12-10T09:00:00Z', 5);
  await decide(s, c.instanceId, '2026-12-18T14:00:00Z', false, 'ion@primarie.ro');
  s.clock.set(today);
  return { a, b, c, d };
}
