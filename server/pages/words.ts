import type { EventView } from '../../engine/index.ts';
import type { Lang } from '../../forms/index.ts';

/** A request's state in the words a citizen uses. */
export function statusLabel(status: string, clock: string | undefined, lang: Lang): string {
  const ro = lang === 'ro';
  if (status === 'completed') return ro ? 'Soluționată' : 'Resolved';
  if (status === 'terminated') return ro ? 'Închisă' : 'Closed';
  if (status === 'incident') return ro ? 'În lucru (întârziere tehnică)' : 'In progress (technical delay)';
  if (clock === 'suspended') return ro ? 'Așteaptă completarea de la dumneavoastră' : 'Waiting for your completion';
  return ro ? 'În lucru' : 'In progress';
}

const ROLE_LABELS: Record<string, [string, string]> = {
  citizen: ['Cetățean', 'Citizen'], clerk: ['Funcționar', 'Clerk'], analyst: ['Analist', 'Analyst'], admin: ['Administrator', 'Administrator'],
};

/** An account's role as people call it ("Funcționar"), never its code ("clerk"). */
export function roleLabel(role: string, lang: Lang): string {
  return ROLE_LABELS[role]?.[lang === 'ro' ? 0 : 1] ?? role;
}

const EVENTS: Record<string, [string, string]> = {
  'instance.started': ['Cererea a fost înregistrată', 'The request was registered'],
  'instance.completed': ['Cererea a fost soluționată', 'The request was resolved'],
  'instance.terminated': ['Cererea a fost închisă', 'The request was closed'],
  'task.created': ['A început etapa', 'Step started'],
  'task.completed': ['S-a încheiat etapa', 'Step finished'],
  'task.claimed': ['Un funcționar a preluat etapa', 'A clerk took the step'],
  'task.reassigned': ['Etapa a fost repartizată altui funcționar', 'The step was reassigned'],
  'task.unclaimed': ['Etapa a fost eliberată', 'The step was released'],
  'clock.started': ['Termenul legal a început să curgă', 'The legal term started'],
  'clock.tacit-approval': ['Aprobare tacită (OUG 27/2003)', 'Tacit approval (OUG 27/2003)'],
  'clock.suspended': ['Termenul a fost suspendat', 'The term was suspended'],
  'clock.resumed': ['Termenul curge din nou', 'The term runs again'],
  'clock.extended': ['Termenul a fost prelungit', 'The term was extended'],
  'document.issued': ['A fost emis un document', 'A document was issued'],
  'timer.fired': ['A expirat un termen', 'A deadline passed'],
  'message.correlated': ['S-a primit un mesaj', 'A message was received'],
};

/** History lines for people; engine-internal events (tokens, jobs) are left out. */
export function describeEvent(event: EventView, lang: Lang): string | undefined {
  const words = EVENTS[event.type];
  if (!words) return undefined;
  const data = (event.data ?? {}) as Record<string, unknown>;
  const extra = event.type === 'document.issued' && typeof data.registrationNumber === 'string' ? ` (nr. ${data.registrationNumber})`
    : typeof data.reason === 'string' ? `: ${data.reason}` : '';
  return `${words[lang === 'ro' ? 0 : 1]}${extra}`;
}

/** "30 de zile", "15 zile lucrătoare", "2 luni" (Romanian puts "de" before nouns from 20 on). */
export function termText(term: { amount: number; unit: string }, lang: Lang): string {
  const n = term.amount;
  if (lang === 'en') return `${n} ${term.unit === 'working-days' ? 'working days' : term.unit}`.replace(/^1 (\w+?)s\b/, '1 $1');
  const de = n % 100 === 0 || n % 100 >= 20 ? 'de ' : '';
  const one = n === 1;
  const noun = term.unit === 'days' ? (one ? 'zi' : 'zile') : term.unit === 'working-days' ? (one ? 'zi lucrătoare' : 'zile lucrătoare') : term.unit === 'months' ? (one ? 'lună' : 'luni') : (one ? 'an' : 'ani');
  return `${n} ${de}${noun}`;
}
