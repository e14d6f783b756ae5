import { expect } from 'chai';
import type { EventView } from '../../../engine/index.ts';
import { describeHistory, termText, type HistoryNames } from '../../../server/pages/words.ts';

const names: HistoryNames = {
  step: (id) => ({ triere: 'Triere la registratură' } as Record<string, string>)[id ?? ''],
  person: (email) => ({ 'ana@primarie.ro': 'Ana Popescu', 'ion@primarie.ro': 'Ion Marin' } as Record<string, string>)[email ?? ''],
  department: (code) => ({ registratura: 'Registratură' } as Record<string, string>)[code] ?? code,
};
const at = '2026-03-02T08:00:00.000Z';
const events: EventView[] = [
  { type: 'task.created', elementId: 'triere', at, data: { taskId: 't1', candidateGroups: ['registratura'] } },
  { type: 'task.claimed', elementId: 'triere', at, data: { taskId: 't1', assignee: 'ana@primarie.ro' } },
  { type: 'task.reassigned', elementId: 'triere', at, data: { taskId: 't1', assignee: 'ion@primarie.ro', previous: 'ana@primarie.ro', by: 'ana@primarie.ro' } },
  { type: 'task.completed', elementId: 'triere', at, data: { taskId: 't1' } },
  { type: 'clock.resumed', at, data: { reason: 'completare primită' } },
  { type: 'token.moved', elementId: 'triere', at },
];

describe('history lines', () => {
  it('name the step and the person who acted, the finished step by whoever held it', () => {
    expect(describeHistory(events, 'ro', names).map((l) => l.text)).to.deep.equal([
      'A început etapa «Triere la registratură» (Registratură)',
      'Ana Popescu a preluat etapa «Triere la registratură»',
      'Etapa «Triere la registratură» a fost repartizată lui Ion Marin de Ana Popescu',
      'Etapa «Triere la registratură» a fost încheiată de Ion Marin',
      'Termenul curge din nou: completare primită',
    ]);
  });

  it('are all English on English pages, the application’s own reasons too', () => {
    const english = describeHistory(events, 'en', names).map((l) => l.text);
    expect(english).to.include('Ana Popescu took step “Triere la registratură”').and.to.include('The term runs again: completion received');
  });

  it('do not show an e-mail address for an account that is gone', () => {
    const gone = describeHistory([{ type: 'task.claimed', elementId: 'triere', at, data: { taskId: 't2', assignee: 'fost@primarie.ro' } }], 'ro', names);
    expect(gone.map((l) => l.text)).to.deep.equal(['Un funcționar a preluat etapa «Triere la registratură»']);
  });
});

describe('term texts', () => {
  it('say a term in each unit as Romanian and English write it', () => {
    const texts = (lang: 'ro' | 'en') => [[1, 'weeks'], [3, 'weeks'], [20, 'weeks'], [30, 'days'], [1, 'working-days'], [2, 'months'], [0, 'days'], [119, 'days'], [100, 'years']]
      .map(([amount, unit]) => termText({ amount: amount as number, unit: unit as string }, lang));
    expect(texts('ro')).to.deep.equal(['1 săptămână', '3 săptămâni', '20 de săptămâni', '30 de zile', '1 zi lucrătoare', '2 luni', '0 zile', '119 zile', '100 de ani']);
    expect(texts('en')).to.deep.equal(['1 week', '3 weeks', '20 weeks', '30 days', '1 working day', '2 months', '0 days', '119 days', '100 years']);
  });
});
