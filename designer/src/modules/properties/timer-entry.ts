import { isTextFieldEntryEdited, TextFieldEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useMemo } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';
import { nextTimerDate, type TimerKind } from '../../timer-hint.ts';
import type { Translate } from '../translate/translate-module.ts';
import type { Lookups } from './lookups.ts';
import type { BpmnFactory, Entry, ModdleElement, Modeling, PanelElement } from './types.ts';

const KINDS: TimerKind[] = ['timeDuration', 'timeDate', 'timeCycle'];

function timerKind(timer: ModdleElement): TimerKind {
  return KINDS.find((kind) => timer.get(kind)) ?? 'timeDuration';
}

/** The timer's ISO 8601 value, with the date it would fire next if it started now. */
function TimerValueEntry({ element, id, timer }: { element: PanelElement; id: string; timer: ModdleElement }) {
  const modeling = useService<Modeling>('modeling');
  const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
  const translate = useService<Translate>('translate');
  const debounce = useService('debounceInput');
  const { lang } = useService<Lookups>('dosarLookups');
  const kind = timerKind(timer);
  const value: string = timer.get(kind)?.body ?? '';
  const validate = useMemo(() => (text: string | undefined) => {
    try { nextTimerDate(kind, text ?? '', new Date()); return undefined; } catch { return translate('Not a valid ISO 8601 value'); }
  }, [kind, translate]);
  let description: string | undefined;
  try {
    const next = nextTimerDate(kind, value, new Date());
    if (next) description = translate('Next: {date}', { date: next.toLocaleString(lang === 'en' ? 'en-GB' : 'ro-RO', { dateStyle: 'full', timeStyle: 'short' }) });
  } catch { /* the validation message says it */ }
  return h(TextFieldEntry, {
    element,
    id,
    label: translate('Timer value'),
    description,
    placeholder: kind === 'timeDuration' ? 'P10D' : kind === 'timeDate' ? '2026-12-01T09:00:00Z' : 'R3/PT1H',
    debounce,
    validate,
    getValue: () => timer.get(kind)?.body ?? '',
    setValue: (text: string | undefined) => {
      const body = text?.trim() ? text.trim() : undefined;
      const expression = timer.get(kind);
      if (!body) modeling.updateModdleProperties(element, timer, { [kind]: undefined });
      else if (expression) modeling.updateModdleProperties(element, expression, { body });
      else modeling.updateModdleProperties(element, timer, { [kind]: bpmnFactory.create('bpmn:FormalExpression', { body }) });
    },
  });
}

export function timerEntry(timer: ModdleElement): Entry {
  return { id: 'dosar-timer-value', component: TimerValueEntry, isEdited: isTextFieldEntryEdited, timer };
}
