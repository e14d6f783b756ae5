import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { AppError, type Problem } from '../errors.ts';
import dosar from './moddle-extension.json' with { type: 'json' };

/** The only importer of bpmn-moddle: XML in, the moddle tree and its warnings out. */

export type ModdleElement = {
  $type: string;
  id?: string;
  name?: string;
  $attrs?: Record<string, string>;
  get(name: string): unknown;
  [key: string]: unknown;
};

const DEFAULT_MAX_XML_BYTES = 5 * 1024 * 1024;

const CAMUNDA_URI = 'http://camunda.org/schema/1.0/bpmn';
const ZEEBE_URI = 'http://camunda.org/schema/zeebe/1.0';
const DOSAR_URI = 'http://dosar.ro/schema/bpmn';

export interface LoadedModel {
  definitions: ModdleElement;
  problems: Problem[];
  /** How to read our attributes: through the loaded extension, or raw under the file's prefix. */
  dosar: { loaded: boolean; prefix: string };
}

function prefixOf(xml: string, uri: string): string | undefined {
  return new RegExp(`xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["']${uri.replace(/[.]/g, '\\.')}["']`).exec(xml)?.[1];
}

/** A namespace counts when something in the file uses its prefix, not merely when it is declared. */
function usesNamespace(xml: string, uri: string): boolean {
  const prefix = prefixOf(xml, uri);
  return prefix !== undefined && new RegExp(`[<\\s]${prefix}:`).test(xml);
}

export async function loadModdle(xml: string, options: { maxBytes?: number } = {}): Promise<LoadedModel> {
  const maxBytes = options.maxBytes ?? Number(process.env.DOSAR_MAX_XML_BYTES ?? DEFAULT_MAX_XML_BYTES);
  if (typeof xml !== 'string' || xml.trim() === '') throw new AppError('xml-invalid', 'The model is empty');
  const size = Buffer.byteLength(xml);
  if (size > maxBytes) throw new AppError('xml-too-large', `The model is ${size} bytes; the limit is ${maxBytes} (DOSAR_MAX_XML_BYTES)`);
  // Entities are how XML bombs and file disclosure attacks start; BPMN never needs them.
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new AppError('xml-invalid', 'The model declares a DOCTYPE or entities, which are not allowed in BPMN files');
  }
  // moddle refuses two extensions that define the same attribute name on one type (camunda and
  // dosar both have formKey; camunda and zeebe both have modelerTemplate): load only what the file
  // declares, and read dosar: attributes from the raw attributes when camunda's are loaded.
  const extensions: Record<string, unknown> = {};
  if (usesNamespace(xml, CAMUNDA_URI)) extensions.camunda = camunda;
  else extensions.dosar = dosar;
  if (usesNamespace(xml, ZEEBE_URI) && !extensions.camunda) extensions.zeebe = zeebe;
  const moddle = new BpmnModdle(extensions as never);
  let result: { rootElement: ModdleElement; warnings: Array<{ message: string; element?: { id?: string } }> };
  try {
    result = (await moddle.fromXML(xml, 'bpmn:Definitions')) as never;
  } catch (cause) {
    const message = (cause as Error).message.split('\n')[0]!.replace(/^unparsable content.*$/i, 'the XML is not well-formed');
    throw new AppError('xml-invalid', `The model is not valid BPMN XML: ${message}`, { cause });
  }
  if (!result.rootElement || result.rootElement.$type !== 'bpmn:Definitions') {
    throw new AppError('xml-invalid', 'The model is not a BPMN 2.0 document (no bpmn:definitions root)');
  }
  const problems: Problem[] = [];
  for (const w of result.warnings) {
    // moddle reads the text as UTF-8 whatever the declaration says; nothing is lost for BPMN content.
    if (/unsupported document encoding/.test(w.message)) continue;
    const unresolved = /unresolved reference <([^>]*)>/.exec(w.message);
    if (unresolved) {
      problems.push({ code: 'reference-unknown', elementId: w.element?.id ?? unresolved[1]!, message: `A reference points to "${unresolved[1]}", which is not in the model` });
      continue;
    }
    const illegalId = /illegal ID <([^>]*)>/.exec(w.message);
    if (illegalId) {
      problems.push({ code: 'id-invalid', elementId: illegalId[1]!, message: `"${illegalId[1]}" is not a valid BPMN id: use letters a-z, digits, "_", "-" and "." (no diacritics or spaces), starting with a letter or "_"` });
      continue;
    }
    const unknown = /unknown type <([^>]*)>/.exec(w.message) ?? /unparsable content <([^>]*)>/.exec(w.message);
    if (unknown) {
      // Foreign extensions (other vendors' namespaces) are ignored; unknown BPMN elements are not.
      if (!unknown[1]!.includes(':') || unknown[1]!.startsWith('bpmn:')) {
        problems.push({ code: 'unknown-element', elementId: w.element?.id ?? unknown[1]!, message: `"${unknown[1]}" is not a BPMN 2.0 element` });
      }
      continue;
    }
    problems.push({ code: 'xml-warning', elementId: w.element?.id ?? '', message: w.message.split('\n')[0]! });
  }
  const prefix = prefixOf(xml, DOSAR_URI) ?? 'dosar';
  return { definitions: result.rootElement, problems, dosar: { loaded: Boolean(extensions.dosar), prefix } };
}
