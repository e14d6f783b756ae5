import { isTextFieldEntryEdited, TextFieldEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import type { Translate } from '../translate/translate-module.ts';
import { textEntry } from './attribute-entries.ts';
import { useFeelValidation } from './feel-validation.ts';
import type { Entry, ModdleElement, Modeling, PanelElement } from './types.ts';

/** A script task's FEEL script (BPMN's own scriptFormat and script), checked as it is typed. */
function ScriptEntry({ element, id }: { element: PanelElement; id: string }) {
  const modeling = useService<Modeling>('modeling');
  const translate = useService<Translate>('translate');
  const debounce = useService('debounceInput');
  const validate = useFeelValidation();
  const bo = element.businessObject;
  return h(TextFieldEntry, {
    element,
    id,
    label: translate('Script (FEEL)'),
    description: translate('Its value goes to the result variable'),
    placeholder: 'suprafata * 2.5',
    debounce,
    validate,
    getValue: () => bo.get('script') ?? '',
    // Kept even when invalid, like any text being typed; the server refuses it at deploy.
    setValue: (value: string | undefined) => modeling.updateProperties(element, value?.trim() ? { scriptFormat: 'feel', script: value } : { scriptFormat: undefined, script: undefined }),
  });
}

export function scriptEntries(bo: ModdleElement): Entry[] {
  return [
    { id: 'dosar-script', component: ScriptEntry, isEdited: isTextFieldEntryEdited },
    textEntry('dosar-script-result', bo, 'dosar:resultVariable', 'Result variable', { placeholder: 'taxa' }),
  ];
}
