import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { AppError, type Problem } from '../errors.ts';
import dosar from './moddle-extension.json' with { type: 'json' };
import { translateWarnings, type ModdleElement, type ParseResult } from './moddle-warnings.ts';

/** The only importer of bpmn-moddle: XML in, the moddle tree and its warnings out. */

export type { ModdleElement };

const DEFAULT_MAX_XML_BYTES = 5 * 1024 * 1024;

const DOSAR_URI = 'http://dosar.ro/schema/bpmn';

export interface LoadedModel {
  definitions: ModdleElement;
  problems: Problem[];
  /** The prefix the file gives our namespace (our extension is always loaded). */
  dosar: { loaded: boolean; prefix: string };
}

function prefixOf(xml: string, uri: string): string | undefined {
  return new RegExp(`xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["']${uri.replace(/[.]/g, '\\.')}["']`).exec(xml)?.[1];
}

/**
 * Camunda 7, Camunda 8 and our own extension all load together, so each attribute and extension
 * element is read in the dialect it is written in (Web Modeler puts camunda:diagramRelationId on
 * Camunda 8 exports). moddle refuses two packages defining one property name on one type, so
 * Camunda 7's copies of those names are left out and read as plain attributes instead.
 */
const SHARED_NAMES: ReadonlySet<string> = new Set(['modelerTemplate', 'modelerTemplateVersion', 'modelerTemplateIcon', 'formKey', 'assignee', 'candidateUsers', 'candidateGroups', 'dueDate', 'followUpDate', 'resultVariable', 'decisionRef']);
const camundaWithoutShared = {
  ...camunda,
  types: camunda.types.map((t) => ('extends' in t && t.properties ? { ...t, properties: t.properties.filter((p) => !SHARED_NAMES.has(p.name)) } : t)),
};
const EXTENSIONS = { camunda: camundaWithoutShared, zeebe, dosar };

export async function loadModdle(xml: string, options: { maxBytes?: number } = {}): Promise<LoadedModel> {
  const maxBytes = options.maxBytes ?? Number(process.env.DOSAR_MAX_XML_BYTES ?? DEFAULT_MAX_XML_BYTES);
  if (typeof xml !== 'string' || xml.trim() === '') throw new AppError('xml-invalid', 'The model is empty');
  const size = Buffer.byteLength(xml);
  if (size > maxBytes) throw new AppError('xml-too-large', `The model is ${size} bytes; the limit is ${maxBytes} (DOSAR_MAX_XML_BYTES)`);
  // Entities are how XML bombs and file disclosure attacks start; BPMN never needs them.
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new AppError('xml-invalid', 'The model declares a DOCTYPE or entities, which are not allowed in BPMN files');
  }
  const moddle = new BpmnModdle(EXTENSIONS as never);
  let result: ParseResult;
  try {
    result = (await moddle.fromXML(xml, 'bpmn:Definitions')) as never;
  } catch (cause) {
    const message = (cause as Error).message.split('\n')[0]!.replace(/^unparsable content.*$/i, 'the XML is not well-formed');
    throw new AppError('xml-invalid', `The model is not valid BPMN XML: ${message}`, { cause });
  }
  if (!result.rootElement || result.rootElement.$type !== 'bpmn:Definitions') {
    throw new AppError('xml-invalid', 'The model is not a BPMN 2.0 document (no bpmn:definitions root)');
  }
  const problems = translateWarnings(result, xml, SHARED_NAMES);
  const prefix = prefixOf(xml, DOSAR_URI) ?? 'dosar';
  return { definitions: result.rootElement, problems, dosar: { loaded: true, prefix } };
}
