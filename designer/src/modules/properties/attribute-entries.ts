import { isSelectEntryEdited, isTextFieldEntryEdited, SelectEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import type { Translate } from '../translate/translate-module.ts';
import type { Entry, ModdleElement, Modeling, PanelElement } from './types.ts';

/**
 * Generic entries for one dosar: attribute of a business object (the element's own, or the process
 * behind a pool). Components are module-level functions: a new function per render would remount
 * the input and lose focus while typing. Every write is a modeling command, so undo/redo applies.
 */

interface AttributeProps {
  element: PanelElement;
  id: string;
  target: ModdleElement;
  attr: string;
  label: string;
  description?: string;
  placeholder?: string;
  options?: Array<{ value: string; label: string }>;
  /** Stored values that mean an option's value, e.g. an explicit "civil" for the default (''). */
  aliases?: Record<string, string>;
}

function AttributeText(props: AttributeProps) {
  const { element, id, target, attr, label, description, placeholder } = props;
  const modeling = useService<Modeling>('modeling');
  const translate = useService<Translate>('translate');
  const debounce = useService('debounceInput');
  return h(TextFieldEntry, {
    element,
    id,
    label: translate(label),
    description: description ? translate(description) : undefined,
    placeholder: placeholder ? translate(placeholder) : undefined,
    debounce,
    getValue: () => target.get(attr) ?? '',
    setValue: (value: string | undefined) => modeling.updateModdleProperties(element, target, { [attr]: value?.trim() ? value : undefined }),
  });
}

function AttributeSelect(props: AttributeProps) {
  const { element, id, target, attr, label, description, options = [], aliases = {} } = props;
  const modeling = useService<Modeling>('modeling');
  const translate = useService<Translate>('translate');
  const stored: string = target.get(attr) ?? '';
  const current = Object.hasOwn(aliases, stored) ? aliases[stored]! : stored;
  // A value the list does not know (an expression, a removed department) stays visible and kept.
  const known = options.map((o) => ({ value: o.value, label: translate(o.label) }));
  const all = current && !options.some((o) => o.value === current)
    ? [...known, { value: current, label: translate('<other: {value}>', { value: current }) }]
    : known;
  return h(SelectEntry, {
    element,
    id,
    label: translate(label),
    description: description ? translate(description) : undefined,
    getValue: () => current,
    setValue: (value: string) => modeling.updateModdleProperties(element, target, { [attr]: value || undefined }),
    getOptions: () => all,
  });
}

export function textEntry(id: string, target: ModdleElement, attr: string, label: string, extra: Partial<AttributeProps> = {}): Entry {
  return { id, component: AttributeText, isEdited: isTextFieldEntryEdited, target, attr, label, ...extra };
}

export function selectEntry(id: string, target: ModdleElement, attr: string, label: string, options: Array<{ value: string; label: string }>, extra: Partial<AttributeProps> = {}): Entry {
  return { id, component: AttributeSelect, isEdited: isSelectEntryEdited, target, attr, label, options, ...extra };
}
