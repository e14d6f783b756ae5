import { isTextFieldEntryEdited, TextFieldEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import type { Translate } from '../translate/translate-module.ts';
import { useFeelValidation } from './feel-validation.ts';
import type { BpmnFactory, Entry, ModdleElement, Modeling, PanelElement } from './types.ts';

/** Where each condition lives: a flow's out of a gateway, an ad-hoc sub-process's completion. */
const CONDITIONS: Record<string, { property: string; label: string; placeholder: string }> = {
  'dosar-condition': { property: 'conditionExpression', label: 'Condition (FEEL)', placeholder: 'suma > 1000' },
  'dosar-completion': { property: 'completionCondition', label: 'Completion condition (FEEL)', placeholder: 'respins = true' },
};

/** A FEEL condition of the element, checked as it is typed. */
function ConditionEntry({ element, id }: { element: PanelElement; id: string }) {
  const modeling = useService<Modeling>('modeling');
  const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
  const translate = useService<Translate>('translate');
  const debounce = useService('debounceInput');
  const validate = useFeelValidation();
  const bo = element.businessObject;
  const { property, label, placeholder } = CONDITIONS[id]!;
  const expression = bo[property] as ModdleElement | undefined;
  return h(TextFieldEntry, {
    element,
    id,
    label: translate(label),
    placeholder,
    debounce,
    validate,
    getValue: () => expression?.body ?? '',
    // Kept even when invalid, like any text being typed; the server refuses it at deploy.
    setValue: (value: string | undefined) => {
      const body = value?.trim() ? value : undefined;
      if (!body) modeling.updateProperties(element, { [property]: undefined });
      else if (expression) modeling.updateModdleProperties(element, expression, { body });
      else modeling.updateProperties(element, { [property]: bpmnFactory.create('bpmn:FormalExpression', { body }) });
    },
  });
}

/** The condition of a flow out of an exclusive or inclusive gateway. */
export function conditionEntry(): Entry {
  return { id: 'dosar-condition', component: ConditionEntry, isEdited: isTextFieldEntryEdited };
}

/** When an ad-hoc sub-process is done, checked each time one of its activities completes. */
export function completionEntry(): Entry {
  return { id: 'dosar-completion', component: ConditionEntry, isEdited: isTextFieldEntryEdited };
}
