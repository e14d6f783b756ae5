import { expect } from 'chai';
import { behaviours } from '../../../engine/behaviours/index.ts';
import { ELEMENTS, EXECUTABLE_ELEMENTS, createsJob, isActivity, isWaitState } from '../../../engine/model/element-registry.ts';
import type { ElementDef } from '../../../engine/model/definition.ts';

const el = (type: ElementDef['type'], extra: Partial<ElementDef> = {}): ElementDef => ({ id: 'x', type, incoming: [], outgoing: [], ...extra });

describe('element registry', () => {
  it('gives every element type a behaviour and one BPMN element', () => {
    expect(Object.keys(behaviours).sort()).to.deep.equal(Object.keys(ELEMENTS).sort());
    // One alias: an ad-hoc sub-process is a sub-process (ElementDef.adHoc).
    expect(Object.keys(EXECUTABLE_ELEMENTS)).to.have.length(Object.keys(ELEMENTS).length + 1);
    expect(EXECUTABLE_ELEMENTS['bpmn:AdHocSubProcess']?.type).to.equal('subProcess');
    for (const [type, facts] of Object.entries(ELEMENTS)) expect(EXECUTABLE_ELEMENTS[facts.bpmn]?.type).to.equal(type);
  });

  it('creates a job for a service task always, for a send task or message throw only with a handler', () => {
    const service = { handler: 'notify' };
    expect(createsJob(el('serviceTask', { service }))).to.equal(true);
    expect(createsJob(el('sendTask'))).to.equal(false);
    expect(createsJob(el('sendTask', { service }))).to.equal(true);
    expect(createsJob(el('intermediateThrowEvent', { service, event: { kind: 'none' } }))).to.equal(false);
    expect(createsJob(el('intermediateThrowEvent', { service, event: { kind: 'message', messageName: 'm' } }))).to.equal(true);
    expect(createsJob(el('endEvent', { service, event: { kind: 'message', messageName: 'm' } }))).to.equal(false);
  });

  it('counts an element that creates a job as a wait state', () => {
    expect(isWaitState(el('sendTask', { service: { handler: 'notify' } }))).to.equal(true);
    expect(isWaitState(el('sendTask'))).to.equal(false);
    expect(isWaitState(el('userTask'))).to.equal(true);
    expect(isWaitState(el('exclusiveGateway'))).to.equal(false);
  });

  it('lets only activities carry boundary events', () => {
    expect(isActivity(el('callActivity'))).to.equal(true);
    expect(isActivity(el('intermediateCatchEvent'))).to.equal(false);
  });
});
