import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { compileDmn } from '../../../engine/dmn/compile-dmn.ts';
import { evaluateDecision } from '../../../engine/dmn/evaluate-decision.ts';
import type { AppError } from '../../../engine/errors.ts';
import { dmnTable, type TableSpec } from './dmn-tables.ts';

const clock = { now: '2026-12-03T10:00:00Z' };

async function bundleOf(xml: string) {
  return Object.fromEntries((await compileDmn(xml)).map((d) => [d.id, d]));
}

async function matches(entry: string, value: unknown, extra: Record<string, unknown> = {}): Promise<boolean> {
  const spec: TableSpec = { hitPolicy: 'FIRST', inputs: ['x'], outputs: ['hit'], rules: [[[entry], ['true']]] };
  return evaluateDecision(await bundleOf(dmnTable(spec)), 'decision', { x: value, ...extra }, clock).results.length === 1;
}

describe('DMN inputs read as their typeRef says', () => {
  const typed = async (typeRef: string, entry: string, value: unknown) => {
    const spec: TableSpec = { hitPolicy: 'FIRST', inputs: [{ expression: 'x', typeRef }], outputs: ['hit'], rules: [[[entry], ['true']]] };
    return evaluateDecision(await bundleOf(dmnTable(spec)), 'decision', { x: value }, clock).results.length === 1;
  };

  it('compares a form\'s date text as a date, in and out of ranges of dates', async () => {
    expect(await typed('date', '[date("2027-01-01")..date("2027-03-31")]', '2027-02-10')).to.equal(true);
    expect(await typed('date', '[date("2027-01-01")..date("2027-03-31")]', '2027-05-10')).to.equal(false);
    expect(await typed('date', '<= date("2027-03-31")', '2027-05-10')).to.equal(false);
    expect(await typed('date', '> date("2027-03-31")', '2027-05-10T10:00:00')).to.equal(true);
    expect(await typed('dateTime', '< date and time("2027-01-01T00:00:00")', '2026-12-31T23:00:00')).to.equal(true);
  });

  it('reads number and boolean texts as numbers and booleans, and leaves other values as they are', async () => {
    expect(await typed('number', '[1..10]', '7')).to.equal(true);
    expect(await typed('integer', '> 5', '12')).to.equal(true);
    expect(await typed('boolean', 'true', 'true')).to.equal(true);
    expect(await typed('number', '[1..10]', 7)).to.equal(true);
    expect(await typed('string', '"7"', '7')).to.equal(true);
    expect(await typed('date', '-', null)).to.equal(true);
  });

  it('stops the decision with decision-failed, naming the input, when a value is not of its type', async () => {
    for (const [typeRef, value] of [['date', 'mâine'], ['number', '12 lei'], ['boolean', 'da']] as const) {
      let error: AppError | undefined;
      try {
        await typed(typeRef, '-', value);
      } catch (err) {
        error = err as AppError;
      }
      expect(error?.code, typeRef).to.equal('decision-failed');
      expect(error?.message).to.contain('"in0"').and.to.contain(typeRef);
    }
  });
});

describe('DMN unary tests in input entries', () => {
  it('ranges include or exclude their ends as written', async () => {
    expect(await matches('[1..10]', 1)).to.equal(true);
    expect(await matches('[1..10]', 10)).to.equal(true);
    expect(await matches('(1..10)', 10)).to.equal(false);
    expect(await matches(']1..10]', 1)).to.equal(false);
  });

  it('not(...) negates a list of tests', async () => {
    expect(await matches('not("a","b")', 'c')).to.equal(true);
    expect(await matches('not("a","b")', 'a')).to.equal(false);
    expect(await matches('not([1..10])', 11)).to.equal(true);
  });

  it('a list matches when any of its tests does', async () => {
    expect(await matches('"Fall","Winter"', 'Winter')).to.equal(true);
    expect(await matches('< 0, > 100', 50)).to.equal(false);
  });

  it('"-" and an empty entry match anything, null included', async () => {
    expect(await matches('-', null)).to.equal(true);
    expect(await matches('', 'anything')).to.equal(true);
  });

  it('comparisons may name other variables and the input itself (?)', async () => {
    expect(await matches('>= limit', 5, { limit: 5 })).to.equal(true);
    expect(await matches('? * 2 > limit', 5, { limit: 20 })).to.equal(false);
  });

  it('accepts a DMN 1.1 file (Camunda Modeler 3 and older)', async () => {
    const spec: TableSpec = { inputs: ['x'], outputs: ['y'], rules: [[['> 1'], ['"big"']]] };
    const bundle = await bundleOf(dmnTable(spec, 'http://www.omg.org/spec/DMN/20151101/dmn.xsd'));
    expect(evaluateDecision(bundle, 'decision', { x: 2 }, clock).results).to.deep.equal([{ y: 'big' }]);
  });

  it('refuses an output entry that is not FEEL, naming the rule', async () => {
    const spec: TableSpec = { inputs: ['x'], outputs: ['y'], rules: [[['> 1'], ['1 +* 2']]] };
    const err = await compileDmn(dmnTable(spec)).then(() => undefined, (e: AppError) => e);
    expect(err?.code).to.equal('decision-invalid');
    expect(err?.problems?.[0]).to.include({ code: 'expression-invalid', elementId: 'r1' });
  });

  it('refuses an input entry that is not a unary test, naming the rule', async () => {
    const spec: TableSpec = { inputs: ['x'], outputs: ['y'], rules: [[['[1..'], ['1']]] };
    const err = await compileDmn(dmnTable(spec)).then(() => undefined, (e: AppError) => e);
    expect(err?.problems?.[0]).to.include({ code: 'expression-invalid', elementId: 'r1' });
  });

  it('refuses a file that is not DMN', async () => {
    const err = await compileDmn('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>').then(() => undefined, (e: AppError) => e);
    expect(err?.code).to.equal('decision-invalid');
  });
});

describe('the urbanism certificate fee (Codul fiscal art. 474)', () => {
  const xml = readFileSync(new URL('../../fixtures/dmn/taxa-certificat-urbanism.dmn', import.meta.url), 'utf8');

  it('takes the fee of the area bracket, the brackets closed at their upper end', async () => {
    const bundle = await bundleOf(xml);
    const fee = (suprafata: number) => evaluateDecision(bundle, 'taxaCertificatUrbanism', { suprafata }, clock).results[0]?.taxa;
    expect([fee(150), fee(150.5), fee(250), fee(500), fee(750), fee(1000)]).to.deep.equal([6, 7, 7, 9, 12, 14]);
    expect(fee(1500)).to.equal(19);
  });

  it('evaluates the required urban table first and halves the fee in the countryside (alin. 2)', async () => {
    const bundle = await bundleOf(xml);
    expect(evaluateDecision(bundle, 'taxaCertificat', { suprafata: 300, mediu: 'rural' }, clock).results).to.deep.equal([{ taxaCertificat: 4.5 }]);
    expect(evaluateDecision(bundle, 'taxaCertificat', { suprafata: 300, mediu: 'urban' }, clock).results).to.deep.equal([{ taxaCertificat: 9 }]);
  });

  it('refuses a file whose decision requires one that is not in it', async () => {
    const broken = xml.replace('href="#taxaCertificatUrbanism"', 'href="#lipsa"');
    const err = await compileDmn(broken).then(() => undefined, (e: AppError) => e);
    expect(err?.problems?.[0]).to.include({ code: 'decision-unknown', elementId: 'taxaCertificat' });
  });
});
