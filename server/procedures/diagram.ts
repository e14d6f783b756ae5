import { BpmnModdle } from 'bpmn-moddle';
import { layoutProcess } from 'bpmn-auto-layout';
import type { Engine, Database } from '../../engine/index.ts';

// A deployed version never changes: its (laid-out) diagram is made once per process.
const diagrams = new Map<string, Promise<string>>();
const CACHE_LIMIT = 200;

/** The model of a deployed version (the latest without `version`), with diagram information. */
export async function deployedDiagram(engine: Engine, db: Database, key: string, version?: number): Promise<{ version: number; xml: string }> {
  const definition = await engine.findDefinition(key, version);
  let xml = diagrams.get(definition.id);
  if (!xml) {
    xml = db.query<{ xml: string }>('select xml from engine_definitions_v where id = $1', [definition.id]).then(([row]) => withDiagram(row?.xml ?? ''));
    xml.catch(() => diagrams.delete(definition.id));
    if (diagrams.size >= CACHE_LIMIT) diagrams.delete(diagrams.keys().next().value!);
    diagrams.set(definition.id, xml);
  }
  return { version: definition.version, xml: await xml };
}

/**
 * bpmn-js can only show a model that carries diagram information (BPMNDiagram); models written by
 * hand or by other tools may have none, so they get an automatic layout for display and editing.
 * The layout follows each node's incoming/outgoing lists, which hand-written XML usually omits, so
 * those are filled from the sequence flows first.
 */
export async function withDiagram(xml: string): Promise<string> {
  if (/<([\w-]+:)?BPMNDiagram[\s>]/.test(xml)) return xml;
  try {
    const moddle = new BpmnModdle();
    const { rootElement } = await moddle.fromXML(xml);
    linkFlows(rootElement as unknown as ModdleNode);
    const { xml: linked } = await (moddle as unknown as { toXML(e: unknown): Promise<{ xml: string }> }).toXML(rootElement);
    return await layoutProcess(linked);
  } catch {
    return xml;
  }
}

interface ModdleNode { $type: string; flowElements?: ModdleNode[]; rootElements?: ModdleNode[]; sourceRef?: ModdleNode; targetRef?: ModdleNode; incoming?: ModdleNode[]; outgoing?: ModdleNode[] }

function linkFlows(node: ModdleNode): void {
  for (const root of node.rootElements ?? []) linkFlows(root);
  const elements = node.flowElements ?? [];
  for (const el of elements) if (el.flowElements) linkFlows(el);
  for (const flow of elements.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
    const { sourceRef: source, targetRef: target } = flow;
    if (source && !(source.outgoing ??= []).includes(flow)) source.outgoing.push(flow);
    if (target && !(target.incoming ??= []).includes(flow)) target.incoming.push(flow);
  }
}
