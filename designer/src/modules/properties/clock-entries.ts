import { selectEntry, textEntry } from './attribute-entries.ts';
import type { Entry, ModdleElement } from './types.ts';

/** Markers that act on the request's legal clock while the process passes the element. */
export function clockEntries(bo: ModdleElement): Entry[] {
  const entries: Entry[] = [
    selectEntry('dosar-clock', bo, 'dosar:clock', 'Clock', [
      { value: '', label: '<unchanged>' },
      { value: 'suspend', label: 'suspend' },
      { value: 'resume', label: 'resume' },
      { value: 'extend', label: 'extend' },
    ]),
  ];
  if (bo.get('dosar:clock') === 'extend') {
    entries.push(textEntry('dosar-extend', bo, 'dosar:extend', 'Extend by', { placeholder: '15 days' }));
    entries.push(textEntry('dosar-extendReason', bo, 'dosar:extendReason', 'Extension reason'));
    entries.push(textEntry('dosar-clock-legalSource', bo, 'dosar:legalSource', 'Legal source', { placeholder: 'e.g. OG 27/2002 art. 8' }));
  }
  return entries;
}
