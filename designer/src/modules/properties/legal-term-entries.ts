import { isSelectEntryEdited, isTextFieldEntryEdited, SelectEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { joinTerm, splitTerm, TERM_UNITS, type TermUnit } from '../../legal-term.ts';
import type { Translate } from '../translate/translate-module.ts';
import { selectEntry, textEntry } from './attribute-entries.ts';
import type { Entry, ModdleElement, Modeling, PanelElement } from './types.ts';

/** Legal term as amount + unit (one attribute, "30 days"), counting rule and legal source. */

const UNIT_LABELS: Record<TermUnit, string> = { days: 'days', 'working-days': 'working days', weeks: 'weeks', months: 'months', years: 'years' };

interface TermProps {
  element: PanelElement;
  id: string;
  target: ModdleElement;
}

const wholeNumber = (translate: Translate) => (value: string) =>
  value && !/^\s*\d+\s*$/.test(value) ? translate('A whole number') : undefined;

function TermAmount({ element, id, target }: TermProps) {
  const modeling = useService<Modeling>('modeling');
  const translate = useService<Translate>('translate');
  const debounce = useService('debounceInput');
  return h(TextFieldEntry, {
    element,
    id,
    label: translate('Legal term: amount'),
    debounce,
    validate: wholeNumber(translate),
    getValue: () => splitTerm(target.get('dosar:legalTerm')).amount,
    setValue: (amount: string | undefined, error?: string) => {
      if (error) return; // "abc days" would only fail at deploy
      const { unit } = splitTerm(target.get('dosar:legalTerm'));
      modeling.updateModdleProperties(element, target, { 'dosar:legalTerm': joinTerm(amount ?? '', unit) });
    },
  });
}

function TermUnitSelect({ element, id, target }: TermProps) {
  const modeling = useService<Modeling>('modeling');
  const translate = useService<Translate>('translate');
  return h(SelectEntry, {
    element,
    id,
    label: translate('Legal term: unit'),
    getValue: () => splitTerm(target.get('dosar:legalTerm')).unit,
    setValue: (unit: TermUnit) => {
      const { amount } = splitTerm(target.get('dosar:legalTerm'));
      if (amount) modeling.updateModdleProperties(element, target, { 'dosar:legalTerm': joinTerm(amount, unit) });
    },
    getOptions: () => TERM_UNITS.map((unit) => ({ value: unit, label: translate(UNIT_LABELS[unit]) })),
  });
}

export function legalTermEntries(prefix: string, target: ModdleElement, withRule: boolean): Entry[] {
  const entries: Entry[] = [
    { id: `${prefix}-legalTerm-amount`, component: TermAmount, isEdited: isTextFieldEntryEdited, target },
    { id: `${prefix}-legalTerm-unit`, component: TermUnitSelect, isEdited: isSelectEntryEdited, target },
  ];
  if (withRule) {
    entries.push(selectEntry(`${prefix}-legalRule`, target, 'dosar:legalRule', 'Counting rule', [
      { value: '', label: 'civil (Civil Code art. 2553)' },
      { value: 'procedural', label: 'procedural (Civil Procedure Code art. 181)' },
    ], { aliases: { civil: '' } }));
  }
  entries.push(textEntry(`${prefix}-legalSource`, target, 'dosar:legalSource', 'Legal source', { placeholder: 'e.g. OG 27/2002 art. 8' }));
  return entries;
}
