import { isTextFieldEntryEdited, TextFieldEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import type { Translate } from '../translate/translate-module.ts';
import { useFeelValidation } from './feel-validation.ts';
import type { BpmnFactory, Entry, Modeling, PanelElement } from './types.ts';

/** The FEEL condition of a flow out of a gateway, checked as it is typed. */
function ConditionEntry({ element, id }: { element: PanelElement; id: string }) {
  const modeling = useService<Modeling>('modeling');
  const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
  const translate = useService<Translate>('translate');
  const debounce = useService('debounceInput');
  const validate = useFeelValidation();
  const bo = element.businessObject;
  return h(TextFieldEntry, {
    element,
    id,
    label: translate('Condition (FEEL)'),
    placeholder: 'suma > 1000',
    debounce,
    validate,
    getValue: () => bo.conditionExpression?.body ?? '',
    // Kept even when invalid, like any text being typed; the server refuses it at deploy.
    setValue: (value: string | undefined) => {
      const body = value?.trim() ? value : undefined;
      if (!body) modeling.updateProperties(element, { conditionExpression: undefined });
      else if (bo.conditionExpression) modeling.updateModdleProperties(element, bo.conditionExpression, { body });
      else modeling.updateProperties(element, { conditionExpression: bpmnFactory.create('bpmn:FormalExpression', { body }) });
    },
  });
}

export function conditionEntry(): Entry {
  return { id: 'dosar-condition', component: ConditionEntry, isEdited: isTextFieldEntryEdited };
}
