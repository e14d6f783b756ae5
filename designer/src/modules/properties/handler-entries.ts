import { isSelectEntryEdited, isTextFieldEntryEdited, ListGroup, SelectEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useMemo } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';
import { is } from 'bpmn-js/lib/util/ModelUtil.js';
import type { HandlerInfo } from '../../api.ts';
import { runsHandler as runsHandlerOf } from '../../executable.ts';
import { feelSyntaxError } from '../../feel-check.ts';
import type { Translate } from '../translate/translate-module.ts';
import { textEntry } from './attribute-entries.ts';
import type { BpmnFactory, Entry, ListGroupDef, ModdleElement, Modeling, PanelElement } from './types.ts';

/**
 * The handler an automated step runs (dosar:handler) and its options, from the handler's JSON Schema:
 * one field per declared property, or name = value rows when the schema only allows any option.
 * Options live in <bpmn:extensionElements><dosar:options><dosar:option name value/>; values are
 * strings ("=expr" is FEEL). Every change is one modeling command, so one undo takes it back.
 */

/** Elements whose dosar:handler the engine runs (engine/model/element-registry.ts): service and send tasks, message throw events. */
export function runsHandler(element: PanelElement): boolean {
  const definitions = (element.businessObject.eventDefinitions as ModdleElement[] | undefined) ?? [];
  return runsHandlerOf(element.businessObject.$type, definitions.map((d) => d.$type));
}

interface PropertySchema {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  pattern?: string;
}

// ---- the model: dosar:options under extensionElements ----

function optionsOf(bo: ModdleElement): ModdleElement | undefined {
  const ext = bo.get('extensionElements') as ModdleElement | undefined;
  return (ext?.get('values') as ModdleElement[] | undefined)?.find((v) => is(v, 'dosar:Options'));
}

function optionList(bo: ModdleElement): ModdleElement[] {
  return [...((optionsOf(bo)?.get('values') as ModdleElement[] | undefined) ?? [])];
}

/** Replaces the option list in one command, creating (or dropping, when empty) the containers. */
function writeOptions(modeling: Modeling, factory: BpmnFactory, element: PanelElement, values: ModdleElement[]): void {
  const bo = element.businessObject;
  const ext = bo.get('extensionElements') as ModdleElement | undefined;
  const options = optionsOf(bo);
  const extValues = (ext?.get('values') as ModdleElement[] | undefined) ?? [];
  if (values.length === 0) {
    if (!options || !ext) return;
    if (extValues.length === 1) modeling.updateModdleProperties(element, bo, { extensionElements: undefined });
    else modeling.updateModdleProperties(element, ext, { values: extValues.filter((v) => v !== options) });
    return;
  }
  if (options) {
    for (const v of values) v.$parent = options;
    modeling.updateModdleProperties(element, options, { values });
    return;
  }
  const created = factory.create('dosar:Options', { values });
  for (const v of values) v.$parent = created;
  if (ext) {
    created.$parent = ext;
    modeling.updateModdleProperties(element, ext, { values: [...extValues, created] });
    return;
  }
  const newExt = factory.create('bpmn:ExtensionElements', { values: [created] });
  created.$parent = newExt;
  newExt.$parent = bo;
  modeling.updateModdleProperties(element, bo, { extensionElements: newExt });
}

function setOption(modeling: Modeling, factory: BpmnFactory, element: PanelElement, name: string, value: string | undefined): void {
  const list = optionList(element.businessObject);
  const existing = list.find((o) => o.get('name') === name);
  if (!value) {
    if (existing) writeOptions(modeling, factory, element, list.filter((o) => o !== existing));
  } else if (existing) {
    modeling.updateModdleProperties(element, existing, { value });
  } else {
    writeOptions(modeling, factory, element, [...list, factory.create('dosar:Option', { name, value })]);
  }
}

// ---- checks against the property's schema ----

function typeOf(schema: PropertySchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

/** What is wrong with a value for its property, or undefined; "=expr" is FEEL, checked for syntax only. */
function optionError(schema: PropertySchema, value: string, translate: Translate): string | undefined {
  if (value === '') return undefined;
  if (value.trim().startsWith('=')) {
    const error = feelSyntaxError(value);
    return error ? translate('FEEL syntax error at position {position}', { position: String(error.position) }) : undefined;
  }
  if (Array.isArray(schema.enum)) {
    const allowed = schema.enum.map((v) => String(v));
    return allowed.includes(value) ? undefined : translate('One of: {values}', { values: allowed.join(', ') });
  }
  switch (typeOf(schema)) {
    case 'integer':
      return /^\s*-?\d+\s*$/.test(value) ? undefined : translate('A whole number');
    case 'number':
      return value.trim() !== '' && Number.isFinite(Number(value)) ? undefined : translate('A number');
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : translate('true or false');
  }
  if (schema.pattern) {
    try {
      if (!new RegExp(schema.pattern, 'u').test(value)) return translate('Does not match {pattern}', { pattern: schema.pattern });
    } catch { /* a pattern JavaScript cannot read is not checked */ }
  }
  return undefined;
}

// ---- entries ----

function HandlerSelect({ element, id, handlers }: { element: PanelElement; id: string; handlers: HandlerInfo[] }) {
  const modeling = useService<Modeling>('modeling');
  const translate = useService<Translate>('translate');
  const bo = element.businessObject;
  const current: string = bo.get('dosar:handler') ?? '';
  const known = handlers.find((h) => h.name === current);
  const options = [{ value: '', label: translate('<no operation>') }, ...handlers.map((h) => ({ value: h.name, label: h.name }))];
  // A handler this server does not know (from another installation, or imported) stays visible and kept.
  if (current && !known) options.push({ value: current, label: translate('<other: {value}>', { value: current }) });
  return h(SelectEntry, {
    element,
    id,
    label: translate('Automated operation'),
    description: known?.description,
    getValue: () => bo.get('dosar:handler') ?? '',
    setValue: (value: string) => modeling.updateProperties(element, { 'dosar:handler': value || undefined }),
    getOptions: () => options,
  });
}

interface OptionFieldProps {
  element: PanelElement;
  id: string;
  name: string;
  schema: PropertySchema;
  required: boolean;
}

/** One declared option: its title, description and a check of the value against its type. */
function OptionField({ element, id, name, schema, required }: OptionFieldProps) {
  const modeling = useService<Modeling>('modeling');
  const factory = useService<BpmnFactory>('bpmnFactory');
  const translate = useService<Translate>('translate');
  const debounce = useService('debounceInput');
  const validate = useMemo(() => (value: string | undefined) => {
    if (!value && required) return translate('Required');
    return optionError(schema, value ?? '', translate);
  }, [schema, required, translate]);
  const read = () => (optionList(element.businessObject).find((o) => o.get('name') === name)?.get('value') as string | undefined) ?? '';
  return h(TextFieldEntry, {
    element,
    id,
    label: schema.title ?? name,
    description: schema.description,
    placeholder: Array.isArray(schema.enum) ? schema.enum.map((v) => String(v)).join(' | ') : undefined,
    debounce,
    validate,
    getValue: read,
    setValue: (value: string | undefined) => {
      // A value of the wrong type is not written (the handler would only fail when it runs); an empty one removes the option.
      if (value && optionError(schema, value, translate)) return;
      setOption(modeling, factory, element, name, value || undefined);
    },
  });
}

/** Name or value of one free option row. */
function OptionRowField({ element, id, option, attr }: { element: PanelElement; id: string; option: ModdleElement; attr: 'name' | 'value' }) {
  const modeling = useService<Modeling>('modeling');
  const translate = useService<Translate>('translate');
  const debounce = useService('debounceInput');
  const validate = useMemo(() => (value: string | undefined) => {
    if (attr === 'name') return value?.trim() ? undefined : translate('Required');
    const error = value?.trim().startsWith('=') ? feelSyntaxError(value) : undefined;
    return error ? translate('FEEL syntax error at position {position}', { position: String(error.position) }) : undefined;
  }, [attr, translate]);
  return h(TextFieldEntry, {
    element,
    id,
    label: translate(attr === 'name' ? 'Option name' : 'Option value'),
    description: attr === 'value' ? translate('Text, or a FEEL expression starting with =') : undefined,
    debounce,
    validate,
    getValue: () => option.get(attr) ?? '',
    setValue: (value: string | undefined) => modeling.updateModdleProperties(element, option, { [attr]: attr === 'name' ? value?.trim() || undefined : value ?? '' }),
  });
}

/** The entries of the Dosar group: the handler, then the options its schema declares. */
export function handlerEntries(element: PanelElement, handlers: HandlerInfo[]): Entry[] {
  const bo = element.businessObject;
  const entries: Entry[] = [];
  if (handlers.length > 0) {
    entries.push({ id: 'dosar-handler', component: HandlerSelect, isEdited: isSelectEntryEdited, handlers });
  } else {
    entries.push(textEntry('dosar-handler', bo, 'dosar:handler', 'Automated operation', { description: 'The name of the handler the server runs' }));
  }
  const schema = declaredSchema(bo, handlers);
  const properties = (schema?.properties ?? {}) as Record<string, PropertySchema>;
  const required = Array.isArray(schema?.required) ? (schema.required as unknown[]) : [];
  for (const [name, property] of Object.entries(properties)) {
    entries.push({
      id: `dosar-option-${name}`,
      component: OptionField,
      isEdited: isTextFieldEntryEdited,
      name,
      schema: property && typeof property === 'object' ? property : {},
      required: required.includes(name),
    });
  }
  return entries;
}

function declaredSchema(bo: ModdleElement, handlers: HandlerInfo[]): Record<string, unknown> | undefined {
  const name: string | undefined = bo.get('dosar:handler');
  return name ? handlers.find((h) => h.name === name)?.optionsSchema : undefined;
}

/**
 * Free "name = value" options, as a list group of its own: for a handler whose schema allows any
 * option and declares none (set-variables), and for a handler the server does not describe.
 */
export function freeOptionsGroup(element: PanelElement, handlers: HandlerInfo[], translate: Translate, services: { modeling: Modeling; bpmnFactory: BpmnFactory }): ListGroupDef | undefined {
  const bo = element.businessObject;
  const name: string | undefined = bo.get('dosar:handler');
  if (!name) return undefined;
  const known = handlers.find((h) => h.name === name);
  const schema = known?.optionsSchema;
  const declares = !!schema && typeof schema.properties === 'object' && schema.properties !== null && Object.keys(schema.properties).length > 0;
  const free = known ? !!schema && !declares && !!schema.additionalProperties : true;
  if (!free) return undefined;
  const { modeling, bpmnFactory } = services;
  const list = optionList(bo);
  return {
    id: 'dosar-options',
    label: translate('Options of the operation'),
    component: ListGroup,
    shouldOpen: true,
    add: (event: Event) => {
      event.stopPropagation();
      const current = optionList(bo);
      const used = new Set(current.map((o) => o.get('name')));
      let n = current.length + 1;
      while (used.has(`optiune${n}`)) n++;
      writeOptions(modeling, bpmnFactory, element, [...current, bpmnFactory.create('dosar:Option', { name: `optiune${n}`, value: '' })]);
    },
    items: list.map((option, index) => {
      const id = `dosar-options-${index}`;
      const value = String(option.get('value') ?? '');
      return {
        id,
        label: `${option.get('name') ?? translate('<no name>')}${value ? ` = ${value}` : ''}`,
        autoFocusEntry: `${id}-name`,
        entries: [
          { id: `${id}-name`, component: OptionRowField, isEdited: isTextFieldEntryEdited, option, attr: 'name' },
          { id: `${id}-value`, component: OptionRowField, isEdited: isTextFieldEntryEdited, option, attr: 'value' },
        ],
        remove: (event: Event) => {
          event.stopPropagation();
          writeOptions(modeling, bpmnFactory, element, optionList(bo).filter((o) => o !== option));
        },
      };
    }),
  };
}
