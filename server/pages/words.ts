import { englishTerm, romanianTerm, type EventView, type TermUnit } from '../../engine/index.ts';
import type { Lang } from '../../forms/index.ts';

/** A request's state in the words a citizen uses. */
export function statusLabel(status: string, clock: string | undefined, lang: Lang): string {
  const ro = lang === 'ro';
  if (status === 'completed') return ro ? 'Soluționată' : 'Resolved';
  if (status === 'terminated') return ro ? 'Închisă' : 'Closed';
  if (status === 'incident') return ro ? 'În lucru (întârziere tehnică)' : 'In progress (technical delay)';
  // Suspended for a completion the citizen owes, or by the procedure itself (a certificate issued
  // and kept until its expiry reminder): the request page says which.
  if (clock === 'suspended') return ro ? 'În lucru (termen suspendat)' : 'In progress (term suspended)';
  return ro ? 'În lucru' : 'In progress';
}

const ROLE_LABELS: Record<string, [string, string]> = {
  citizen: ['Cetățean', 'Citizen'], clerk: ['Funcționar', 'Clerk'], analyst: ['Analist', 'Analyst'], admin: ['Administrator', 'Administrator'],
  sef: ['Șef de compartiment', 'Head of department'],
};

/** An account's role as people call it ("Funcționar"), never its code ("clerk"). */
export function roleLabel(role: string, lang: Lang): string {
  return ROLE_LABELS[role]?.[lang === 'ro' ? 0 : 1] ?? role;
}

/** Who and what a history line names: steps by their model name, people by their account name. */
export interface HistoryNames {
  step(elementId: string | undefined): string | undefined;
  person(email: string | undefined): string | undefined;
  department(code: string): string;
}

type Words = (d: Record<string, unknown>, step: string, n: HistoryNames & { actor?: string }) => [string, string];

const quoted = (step: string): [string, string] => (step ? [` «${step}»`, ` “${step}”`] : ['', '']);
const groups = (d: Record<string, unknown>, n: HistoryNames) => (Array.isArray(d.candidateGroups) && d.candidateGroups.length ? ` (${(d.candidateGroups as string[]).map((g) => n.department(g)).join(', ')})` : '');
/** A person's name, or a role when the account is gone (never an e-mail address). */
const who = (name: string | undefined): [string, string] => (name ? [name, name] : ['Un funcționar', 'A clerk']);

/** Reasons the application itself writes, in the reader's language. */
const REASONS: Record<string, string> = { 'completare primită': 'completion received' };

const EVENTS: Record<string, Words> = {
  'instance.started': () => ['Cererea a fost înregistrată', 'The request was registered'],
  'instance.completed': () => ['Cererea a fost soluționată', 'The request was resolved'],
  'instance.terminated': () => ['Cererea a fost închisă', 'The request was closed'],
  'task.created': (d, step, n) => { const [ro, en] = quoted(step); const g = groups(d, n); return [`A început etapa${ro}${g}`, `Step${en} started${g}`]; },
  'task.completed': (_d, step, n) => { const [ro, en] = quoted(step); const [wr, we] = n.actor ? [` de ${n.actor}`, ` by ${n.actor}`] : ['', '']; return [`Etapa${ro} a fost încheiată${wr}`, `Step${en} was finished${we}`]; },
  'task.claimed': (d, step, n) => { const [ro, en] = quoted(step); const [pr, pe] = who(n.person(d.assignee as string)); return [`${pr} a preluat etapa${ro}`, `${pe} took step${en}`]; },
  'task.reassigned': (d, step, n) => {
    const [ro, en] = quoted(step); const [tr, te] = who(n.person(d.assignee as string)); const by = n.person(d.by as string);
    return [`Etapa${ro} a fost repartizată lui ${tr}${by ? ` de ${by}` : ''}`, `Step${en} was assigned to ${te}${by ? ` by ${by}` : ''}`];
  },
  'task.unclaimed': (d, step, n) => { const [ro, en] = quoted(step); const [pr, pe] = who(n.person((d.by ?? d.previous) as string)); return [`${pr} a eliberat etapa${ro}`, `${pe} released step${en}`]; },
  'clock.started': () => ['Termenul legal a început să curgă', 'The legal term started'],
  'clock.tacit-approval': () => ['Aprobare tacită (OUG 27/2003)', 'Tacit approval (OUG 27/2003)'],
  'clock.suspended': () => ['Termenul a fost suspendat', 'The term was suspended'],
  'clock.resumed': () => ['Termenul curge din nou', 'The term runs again'],
  'clock.extended': () => ['Termenul a fost prelungit', 'The term was extended'],
  'document.issued': () => ['A fost emis un document', 'A document was issued'],
  'timer.fired': (_d, step) => { const [ro, en] = quoted(step); return [`A expirat un termen${ro}`, `A deadline passed${en}`]; },
  'message.correlated': (_d, step) => { const [ro, en] = quoted(step); return [`S-a primit un mesaj${ro}`, `A message was received${en}`]; },
};

/**
 * History lines for people, each naming its step and who acted; engine-internal events (tokens,
 * jobs) are left out. A finished step's actor is whoever held it then (`actor`, from the lines
 * before it), since completing a task records no person of its own.
 */
function describeEvent(event: EventView, lang: Lang, names: HistoryNames, actor?: string): string | undefined {
  const words = EVENTS[event.type];
  if (!words) return undefined;
  const data = (event.data ?? {}) as Record<string, unknown>;
  const en = lang === 'en';
  const extra = event.type === 'document.issued' && typeof data.registrationNumber === 'string' ? ` (${en ? 'no.' : 'nr.'} ${data.registrationNumber})`
    : typeof data.reason === 'string' ? `: ${en ? REASONS[data.reason] ?? data.reason : data.reason}` : '';
  const text = words(data, names.step(event.elementId) ?? '', { ...names, ...(actor ? { actor } : {}) });
  return `${text[en ? 1 : 0]}${extra}`;
}

/** Each event with its line; who held each task is followed through the claims before its completion. */
export function describeHistory(events: EventView[], lang: Lang, names: HistoryNames): Array<EventView & { text: string }> {
  const holder = new Map<string, string>();
  const lines: Array<EventView & { text: string }> = [];
  for (const event of events) {
    const data = (event.data ?? {}) as Record<string, unknown>;
    const taskId = typeof data.taskId === 'string' ? data.taskId : undefined;
    if (taskId && ['task.created', 'task.claimed', 'task.reassigned', 'task.unclaimed'].includes(event.type)) {
      if (typeof data.assignee === 'string') holder.set(taskId, data.assignee); else holder.delete(taskId);
    }
    const text = describeEvent(event, lang, names, taskId && event.type === 'task.completed' ? names.person(holder.get(taskId)) : undefined);
    if (text) lines.push({ ...event, text });
  }
  return lines;
}

/** "30 de zile", "15 zile lucrătoare", "2 săptămâni", "2 luni" (Romanian puts "de" before nouns from 20 on). */
export function termText(term: { amount: number; unit: string }, lang: Lang): string {
  const n = term.amount;
  return lang === 'en' ? englishTerm(n, term.unit as TermUnit) : romanianTerm(n, term.unit as TermUnit);
}

/** The rating form's five choices, with the one sent before (a refused form shown again) checked. */
export function ratingScores(checked?: string): Array<{ value: number; ro: string; en: string; checked: boolean }> {
  const labels = [
    ['Foarte nemulțumit', 'Very dissatisfied'], ['Nemulțumit', 'Dissatisfied'], ['Nici mulțumit, nici nemulțumit', 'Neither satisfied nor dissatisfied'],
    ['Mulțumit', 'Satisfied'], ['Foarte mulțumit', 'Very satisfied'],
  ] as const;
  return labels.map(([ro, en], i) => ({ value: i + 1, ro, en, checked: checked === String(i + 1) }));
}
