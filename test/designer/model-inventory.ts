import { BpmnModdle } from 'bpmn-moddle';

/**
 * What a BPMN file contains, for round-trip comparisons: every semantic element (id and type) under
 * the root elements, and the elements the diagram draws (BPMNShape/BPMNEdge bpmnElement ids).
 */
export interface Inventory {
  elements: string[];
  drawn: string[];
}

type Node = { $type?: string; id?: string; $descriptor?: { properties: Array<{ name: string; isReference?: boolean }> }; [key: string]: unknown };

export async function inventory(xml: string): Promise<Inventory> {
  const { rootElement } = await new BpmnModdle().fromXML(xml);
  const defs = rootElement as unknown as Node;
  const elements: string[] = [];
  const seen = new Set<unknown>();
  const walk = (node: Node) => {
    if (seen.has(node)) return;
    seen.add(node);
    if (node.id && node.$type) elements.push(`${node.id} ${node.$type}`);
    // Containment only: references (sourceRef, default, …) point at elements counted where they live.
    for (const property of node.$descriptor?.properties ?? []) {
      if (property.isReference) continue;
      const value = node[property.name.replace(/^.*:/, '')] ?? node[property.name];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && (child as Node).$type) walk(child as Node);
      }
    }
  };
  for (const root of (defs.rootElements as Node[] | undefined) ?? []) walk(root);

  const drawn = new Set<string>();
  for (const diagram of (defs.diagrams as Node[] | undefined) ?? []) {
    const plane = diagram.plane as Node | undefined;
    for (const di of (plane?.planeElement as Node[] | undefined) ?? []) {
      const target = di.bpmnElement as Node | undefined;
      if (target?.id) drawn.add(`${di.$type} ${target.id}`);
    }
  }
  return { elements: elements.sort(), drawn: [...drawn].sort() };
}
