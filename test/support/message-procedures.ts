import { deployPackage } from '../../server/procedures/deploy-package.ts';
import { normaliseMeta } from '../../server/procedures/package.ts';
import type { TestServer } from './server.ts';

const BPMN = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:dosar="http://dosar.ro/schema/bpmn" targetNamespace="http://dosar.ro/procedures"';

/**
 * "acte": a request checked at the registry while it waits for the message "acte-primite" (a
 * registry system announcing the documents arrived). Each instance has a task in registratura from
 * its start, so the registry's clerks can see it. While it waits, its applicant may withdraw it
 * (the message "retragere", which the portal sends).
 */
const ACTE_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${BPMN} id="acte-definitions">
  <bpmn:message id="m-acte" name="acte-primite" />
  <bpmn:message id="m-retragere" name="retragere" />
  <bpmn:process id="acte" name="Depunere acte" isExecutable="true">
    <bpmn:startEvent id="depusa" />
    <bpmn:parallelGateway id="imparte" />
    <bpmn:userTask id="verificare" name="Verificare la registratură" dosar:candidateGroups="registratura" />
    <bpmn:receiveTask id="asteptareActe" name="Așteptare acte" messageRef="m-acte" />
    <bpmn:endEvent id="verificata" />
    <bpmn:endEvent id="acteSosite" />
    <bpmn:boundaryEvent id="retragere" attachedToRef="asteptareActe"><bpmn:messageEventDefinition messageRef="m-retragere" /></bpmn:boundaryEvent>
    <bpmn:endEvent id="retrasa" />
    <bpmn:sequenceFlow id="f6" sourceRef="retragere" targetRef="retrasa" />
    <bpmn:sequenceFlow id="f1" sourceRef="depusa" targetRef="imparte" />
    <bpmn:sequenceFlow id="f2" sourceRef="imparte" targetRef="verificare" />
    <bpmn:sequenceFlow id="f3" sourceRef="imparte" targetRef="asteptareActe" />
    <bpmn:sequenceFlow id="f4" sourceRef="verificare" targetRef="verificata" />
    <bpmn:sequenceFlow id="f5" sourceRef="asteptareActe" targetRef="acteSosite" />
  </bpmn:process>
</bpmn:definitions>`;

/** "sesizare-portal": started only by the message "sesizare-noua" (e.g. from a national portal), then triaged at the registry. */
const SESIZARE_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${BPMN} id="sesizare-definitions">
  <bpmn:message id="m-sesizare" name="sesizare-noua" />
  <bpmn:process id="sesizare-portal" name="Sesizare din portalul național" isExecutable="true">
    <bpmn:startEvent id="primita"><bpmn:messageEventDefinition messageRef="m-sesizare" /></bpmn:startEvent>
    <bpmn:userTask id="triere" name="Triere" dosar:candidateGroups="registratura" />
    <bpmn:endEvent id="gata" />
    <bpmn:sequenceFlow id="f1" sourceRef="primita" targetRef="triere" />
    <bpmn:sequenceFlow id="f2" sourceRef="triere" targetRef="gata" />
  </bpmn:process>
</bpmn:definitions>`;

/** Deploys both procedures on a test server. */
export async function deployMessageProcedures(s: TestServer): Promise<void> {
  for (const [xml, ro, en] of [[ACTE_XML, 'Depunere acte', 'Documents'], [SESIZARE_XML, 'Sesizare', 'Complaint']] as const) {
    await deployPackage(s.ctx.engine, s.ctx.db, { xml, meta: normaliseMeta({ title: { ro, en } }), forms: {}, templates: {} }, 'test');
  }
}
