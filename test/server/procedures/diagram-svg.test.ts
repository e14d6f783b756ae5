import { expect } from 'chai';
import { diagramSvg } from '../../../server/procedures/diagram-svg.ts';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:adHocSubProcess id="checks" name="Verificări"><bpmn:userTask id="site" name="Pe teren" /></bpmn:adHocSubProcess>
    <bpmn:subProcess id="plain" name="Obișnuit" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="dia"><bpmndi:BPMNPlane id="plane" bpmnElement="p">
    <bpmndi:BPMNShape id="checks_di" bpmnElement="checks"><dc:Bounds x="100" y="100" width="300" height="200" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="site_di" bpmnElement="site"><dc:Bounds x="150" y="150" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="plain_di" bpmnElement="plain"><dc:Bounds x="500" y="100" width="300" height="200" /></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

describe('the server-drawn diagram', () => {
  it('marks an ad-hoc sub-process with its tilde and names it at the top, as a sub-process', async () => {
    const svg = await diagramSvg(xml, { title: 'Diagrama' });
    const tildes = [...svg.matchAll(/<path class="marker" d="M([\d.]+),([\d.]+)q4,-6 8,0t8,0"\/>/g)];
    expect(tildes.map((m) => [Number(m[1]), Number(m[2])])).to.deep.equal([[242, 292]]);
    expect(svg.match(/<rect class="activity"/g)).to.have.length(3);
    expect(svg).to.contain('Verificări').and.to.contain('Obișnuit');
  });
});
