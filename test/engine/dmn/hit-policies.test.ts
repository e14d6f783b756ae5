import { expect } from 'chai';
import { compileDmn } from '../../../engine/dmn/compile-dmn.ts';
import type { DecisionBundle } from '../../../engine/dmn/decision.ts';
import { evaluateDecision } from '../../../engine/dmn/evaluate-decision.ts';
import { AppError } from '../../../engine/errors.ts';
import { dmnTable, type TableSpec } from './dmn-tables.ts';

const clock = { now: '2026-12-03T10:00:00Z' };

async function decide(spec: TableSpec, variables: Record<string, unknown>) {
  const bundle: DecisionBundle = Object.fromEntries((await compileDmn(dmnTable(spec))).map((d) => [d.id, d]));
  return evaluateDecision(bundle, spec.id ?? 'decision', variables, clock).results;
}

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (err) {
    expect(err).to.be.instanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a failure');
}

// Camunda's "dish" example: season and number of guests choose the dish.
const dish = (hitPolicy?: string): TableSpec => ({
  ...(hitPolicy ? { hitPolicy } : {}),
  inputs: ['season', 'guestCount'],
  outputs: ['dish'],
  rules: [
    [['"Fall"', '<= 8'], ['"Spareribs"']],
    [['"Winter"', '<= 8'], ['"Roastbeef"']],
    [['"Spring"', '<= 4'], ['"Dry Aged Gamekeeper\'s Steak"']],
    [['"Spring"', '[5..8]'], ['"Steak"']],
    [['"Fall","Winter","Spring"', '> 8'], ['"Stew"']],
    [['"Summer"', '-'], ['"Light Salad and a nice Steak"']],
  ],
});

describe('DMN hit policies', () => {
  it('UNIQUE (the default) gives the one matching rule', async () => {
    expect(await decide(dish(), { season: 'Spring', guestCount: 6 })).to.deep.equal([{ dish: 'Steak' }]);
    expect(await decide(dish(), { season: 'Winter', guestCount: 12 })).to.deep.equal([{ dish: 'Stew' }]);
  });

  it('UNIQUE gives no result when no rule matches', async () => {
    expect(await decide(dish('UNIQUE'), { season: 'Monsoon', guestCount: 3 })).to.deep.equal([]);
  });

  it('UNIQUE refuses a second matching rule with decision-failed naming both rules', async () => {
    const spec: TableSpec = { inputs: ['x'], outputs: ['y'], rules: [[['> 1'], ['"a"']], [['> 2'], ['"b"']]] };
    const bundle = Object.fromEntries((await compileDmn(dmnTable(spec))).map((d) => [d.id, d]));
    const err = failure(() => evaluateDecision(bundle, 'decision', { x: 5 }, clock));
    expect(err.code).to.equal('decision-failed');
    expect(err.message).to.contain('UNIQUE').and.contain('r1, r2');
  });

  it('FIRST gives the first matching rule in table order', async () => {
    const spec: TableSpec = { hitPolicy: 'FIRST', inputs: ['age'], outputs: ['category'], rules: [[['< 18'], ['"minor"']], [['< 65'], ['"adult"']], [['-'], ['"senior"']]] };
    expect(await decide(spec, { age: 10 })).to.deep.equal([{ category: 'minor' }]);
    expect(await decide(spec, { age: 70 })).to.deep.equal([{ category: 'senior' }]);
  });

  it('ANY gives the shared output of rules that agree', async () => {
    const spec: TableSpec = { hitPolicy: 'ANY', inputs: ['income', 'debt'], outputs: ['eligible'], rules: [[['< 1000', '-'], ['false']], [['-', '> 500'], ['false']], [['>= 1000', '<= 500'], ['true']]] };
    expect(await decide(spec, { income: 500, debt: 900 })).to.deep.equal([{ eligible: false }]);
  });

  it('ANY refuses matching rules with different outputs', async () => {
    const spec: TableSpec = { hitPolicy: 'ANY', inputs: ['x'], outputs: ['y'], rules: [[['> 1'], ['"a"']], [['> 2'], ['"b"']]] };
    const bundle = Object.fromEntries((await compileDmn(dmnTable(spec))).map((d) => [d.id, d]));
    const err = failure(() => evaluateDecision(bundle, 'decision', { x: 5 }, clock));
    expect(err.code).to.equal('decision-failed');
    expect(err.message).to.contain('ANY');
  });

  const risk = (hitPolicy: string): TableSpec => ({
    hitPolicy,
    inputs: ['amount', 'late'],
    outputs: [{ name: 'level', values: '"high","medium","low"' }],
    rules: [[['> 100', '-'], ['"medium"']], [['-', 'true'], ['"high"']], [['-', '-'], ['"low"']]],
  });

  it('PRIORITY gives the matching rule whose output comes first in the output values', async () => {
    expect(await decide(risk('PRIORITY'), { amount: 500, late: true })).to.deep.equal([{ level: 'high' }]);
    expect(await decide(risk('PRIORITY'), { amount: 500, late: false })).to.deep.equal([{ level: 'medium' }]);
  });

  it('OUTPUT ORDER gives every match sorted by the output values', async () => {
    expect(await decide(risk('OUTPUT ORDER'), { amount: 500, late: true })).to.deep.equal([{ level: 'high' }, { level: 'medium' }, { level: 'low' }]);
  });

  it('RULE ORDER gives every match in table order', async () => {
    expect(await decide(risk('RULE ORDER'), { amount: 500, late: true })).to.deep.equal([{ level: 'medium' }, { level: 'high' }, { level: 'low' }]);
  });

  const documents = (aggregation?: string): TableSpec => ({
    hitPolicy: 'COLLECT',
    ...(aggregation ? { aggregation } : {}),
    inputs: ['area', 'commercial'],
    outputs: ['fee'],
    rules: [[['-', '-'], ['10']], [['> 500', '-'], ['25']], [['-', 'true'], ['40']], [['> 1000', 'true'], ['40']]],
  });

  it('COLLECT without aggregation gives every matching rule', async () => {
    expect(await decide(documents(), { area: 700, commercial: true })).to.deep.equal([{ fee: 10 }, { fee: 25 }, { fee: 40 }]);
  });

  it('COLLECT SUM, MIN and MAX aggregate the matching outputs', async () => {
    const vars = { area: 1200, commercial: true };
    expect(await decide(documents('SUM'), vars)).to.deep.equal([{ fee: 115 }]);
    expect(await decide(documents('MIN'), vars)).to.deep.equal([{ fee: 10 }]);
    expect(await decide(documents('MAX'), vars)).to.deep.equal([{ fee: 40 }]);
  });

  it('COLLECT COUNT counts the distinct outputs (DMN 1.3)', async () => {
    expect(await decide(documents('COUNT'), { area: 1200, commercial: true })).to.deep.equal([{ fee: 3 }]);
    expect(await decide(documents('COUNT'), { area: 10, commercial: false })).to.deep.equal([{ fee: 1 }]);
  });

  it('COLLECT SUM with no matching rule gives no result', async () => {
    const spec: TableSpec = { hitPolicy: 'COLLECT', aggregation: 'SUM', inputs: ['x'], outputs: ['y'], rules: [[['> 10'], ['1']]] };
    expect(await decide(spec, { x: 1 })).to.deep.equal([]);
  });

  it('refuses an aggregation outside COLLECT and one over several outputs', async () => {
    const spec: TableSpec = { hitPolicy: 'FIRST', aggregation: 'SUM', inputs: ['x'], outputs: ['a', 'b'], rules: [[['-'], ['1', '2']]] };
    const err = await compileDmn(dmnTable(spec)).then(() => undefined, (e: AppError) => e);
    expect(err?.code).to.equal('decision-invalid');
    expect(err?.problems?.map((p) => p.message).join('\n')).to.contain('only allowed with the COLLECT').and.contain('exactly one');
  });
});
