import { formTitle, type Lookups } from './lookups.ts';
import { selectEntry, textEntry } from './attribute-entries.ts';
import { legalTermEntries } from './legal-term-entries.ts';
import type { Entry, ModdleElement } from './types.ts';

/** A clerk's task: who gets it (a department from the server), which form, its own term. */
export function userTaskEntries(bo: ModdleElement, lookups: Lookups): Entry[] {
  const entries: Entry[] = [];
  if (lookups.departments.length > 0) {
    const options = [{ value: '', label: '<no department>' }, ...lookups.departments.map((d) => ({ value: d.code, label: d.name[lookups.lang] || d.name.ro || d.code }))];
    entries.push(selectEntry('dosar-candidateGroups', bo, 'dosar:candidateGroups', 'Candidate groups', options));
  } else {
    entries.push(textEntry('dosar-candidateGroups', bo, 'dosar:candidateGroups', 'Candidate groups', { description: 'Department (or a FEEL expression starting with =)' }));
  }
  entries.push(textEntry('dosar-assignee', bo, 'dosar:assignee', 'Assignee'));
  if (lookups.forms) {
    const options = [{ value: '', label: '<no form>' }, ...lookups.forms.map((f) => ({ value: f.name, label: formTitle(f, lookups.lang) }))];
    entries.push(selectEntry('dosar-formKey', bo, 'dosar:formKey', 'Form', options));
  } else {
    entries.push(textEntry('dosar-formKey', bo, 'dosar:formKey', 'Form'));
  }
  entries.push(...legalTermEntries('dosar-task', bo, false));
  return entries;
}
