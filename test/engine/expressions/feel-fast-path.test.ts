import { expect } from 'chai';
import fc from 'fast-check';
import { evaluate } from 'feelin';
import { fastCondition, fastVariable } from '../../../engine/expressions/feel-fast-path.ts';

const name = fc.constantFrom('anonymous', 'department', 'x', 'amount_total', 'approved', 'not', 'today', 'null');
const primitive = fc.oneof(fc.boolean(), fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.string({ maxLength: 8 }), fc.constant(null));
const value = fc.oneof(primitive, fc.array(primitive, { maxLength: 3 }), fc.record({ a: primitive }));
const literal = fc.oneof(fc.constantFrom('true', 'false'), fc.integer({ min: -1000, max: 1000 }).map(String), fc.constantFrom('1.5', '-2.25', '0.0'), fc.stringMatching(/^[a-zăîșț ]{0,6}$/).map((s) => `"${s}"`));

describe('the FEEL fast path', () => {
  it('gives the same condition results as the FEEL interpreter', () => {
    fc.assert(fc.property(name, fc.option(value, { nil: undefined }), literal, fc.constantFrom(' = ', '=', '  =  ', ' != ', ' < ', '<=', ' > ', ' >= '), (n, v, lit, op) => {
      const variables: Record<string, unknown> = v === undefined ? {} : { [n]: v };
      const expression = `${n}${op}${lit}`;
      const fast = fastCondition(expression, variables);
      if (fast === undefined) return;
      expect(fast, expression + ' with ' + JSON.stringify(variables)).to.equal(evaluate(expression, variables).value === true);
    }), { numRuns: 2000 });
  });

  it('gives the same condition results as the FEEL interpreter for a path into a context', () => {
    const segment = fc.constantFrom('plata', 'rezultat', 'a', 'not');
    let decided = 0;
    fc.assert(fc.property(segment, segment, segment, fc.option(fc.oneof(primitive, value), { nil: undefined }), literal, fc.constantFrom(' = ', ' != ', ' < ', ' >= '), fc.boolean(), (n, f, g, v, lit, op, deep) => {
      const last = deep ? g : f;
      const inner = v === undefined ? {} : { [last]: v };
      const variables: Record<string, unknown> = { [n]: deep ? { [f]: inner } : inner };
      const expression = `${n}.${f}${deep ? `.${g}` : ''}${op}${lit}`;
      const fast = fastCondition(expression, variables);
      if (fast === undefined) return;
      decided += 1;
      expect(fast, expression + ' with ' + JSON.stringify(variables)).to.equal(evaluate(expression, variables).value === true);
    }), { numRuns: 2000 });
    expect(decided, "cases the fast path decided").to.be.greaterThan(100);
    expect(fastCondition('plata.rezultat = "paid"', { plata: { rezultat: 'paid' } })).to.equal(true);
    expect(fastCondition('plata.rezultat = "paid"', { plata: { rezultat: 'failed' } })).to.equal(false);
  });

  it('gives the same value as the FEEL interpreter for a bare variable', () => {
    fc.assert(fc.property(name, value, (n, v) => {
      const variables = { [n]: v };
      const fast = fastVariable(` ${n} `, variables);
      if (!fast) return;
      expect(fast.value, `${n} = ${JSON.stringify(v)}`).to.deep.equal(evaluate(n, variables).value);
    }), { numRuns: 1000 });
  });

  it('leaves everything else to FEEL', () => {
    expect(fastCondition('amount > 1000', { amount: '5' })).to.equal(undefined);
    expect(fastCondition('amount + 1 > 1000', { amount: 5 })).to.equal(undefined);
    expect(fastCondition('not(approved)', { approved: true })).to.equal(undefined);
    expect(fastCondition('a = b', { a: 1, b: 1 })).to.equal(undefined);
    expect(fastCondition('plata.rezultat = "paid"', {})).to.equal(undefined);
    expect(fastCondition('plata.rezultat = "paid"', { plata: [{ rezultat: 'paid' }] })).to.equal(undefined);
    expect(fastCondition('plata.rezultat = "paid"', { plata: { rezultat: { cod: 'paid' } } })).to.equal(undefined);
    expect(fastCondition('x = "a\\"b"', { x: 'a"b' })).to.equal(undefined);
    expect(fastVariable('is working day(date("2026-03-02"))', {})).to.equal(undefined);
    expect(fastVariable('adresa', { adresa: { strada: 'x' } })).to.equal(undefined);
    expect(fastVariable('today', { today: 'x' })).to.equal(undefined);
  });
});
