import { expect } from 'chai';
import { evaluate } from 'feelin';
import { JuelUnsupported, juelToFeel } from '../../../engine/expressions/juel-to-feel.ts';

const context = { amount: 1500, approved: true, name: 'Ana', order: { total: 10, customer: { vip: false } }, empty1: '', missing: null, docs: ['cerere', 'plan'], noDocs: [], noFees: {}, fees: { 'taxa urbanism': 16, avans: 5 } };

describe('juelToFeel', () => {
  const cases: Array<[string, unknown]> = [
    ['${amount > 1000}', true],
    ['${amount gt 1000 && approved}', true],
    ['${amount <= 1000 || !approved}', false],
    ['${name == "Ana"}', true],
    ["${name eq 'Ion'}", false],
    ['${name ne "Ion"}', true],
    ['${order.total >= 10 and not order.customer.vip}', true],
    ['${empty empty1}', true],
    ['${empty name}', false],
    ['${empty docs || !empty noDocs || empty fees || !empty noFees || empty amount}', false],
    ['${empty noDocs && !empty docs && empty noFees && !empty fees && !empty amount && empty missing}', true],
    ['${(amount - 500) * 2 == 2000}', true],
    ['${missing == null}', true],
    ['#{approved}', true],
    ['${amount > 1000 ? "sef" : "referent"}', 'sef'],
    ['${!approved ? 1 : amount < 10 ? 2 : 3}', 3],
    ['${docs[0] == "cerere" && docs[1] eq \'plan\'}', true],
    ['${fees["taxa urbanism"] + fees[\'avans\']}', 21],
    ['${order["customer"].vip}', false],
    ['${amount % 7 == amount mod 7 && amount div 2 == 750}', true],
  ];
  for (const [juel, expected] of cases) {
    it(`translates ${juel} to FEEL with the same meaning`, () => {
      const feel = juelToFeel(juel);
      expect(evaluate(feel, context).value).to.equal(expected);
    });
  }

  const texts: Array<[string, string]> = [
    ['Cererea lui ${name} are ${amount} lei', 'Cererea lui Ana are 1500 lei'],
    ['${name}-${order.customer.vip}', 'Ana-false'],
    ['Lipsă: ${missing}.', 'Lipsă: .'],
    ['Text cu ${name == "}" ? "acoladă" : name}', 'Text cu Ana'],
  ];
  for (const [juel, expected] of texts) {
    it(`writes out text mixed with expressions: ${juel}`, () => {
      expect(evaluate(juelToFeel(juel), context).value).to.equal(expected);
    });
  }

  // Camunda 7 models read a variable that may be unset through execution, and call Java's methods of texts and lists.
  const methods: Array<[string, unknown]> = [
    ['${execution.getVariable("amount") > 1000}', true],
    ["${execution.getVariable('unset') == null && execution.hasVariable(\"name\") && !execution.hasVariable('unset')}", true],
    ['${docs.size() == 2 && noDocs.isEmpty() && !docs.isEmpty()}', true],
    ['${name.length() == 3 && name.equals("Ana") && name.equalsIgnoreCase("ANA")}', true],
    ['${docs.contains("plan") && name.contains("n") && !docs.contains("x")}', true],
    ['${name.startsWith("A") && name.endsWith("na") && name.toUpperCase() == "ANA" && name.toLowerCase().length() == 3}', true],
    ['${docs.get(1) == "plan" && fees.get("avans") == 5}', true],
    ['${dateTime().plusDays(2).toDate() > now() && dateTime().minusHours(1).toDate() < now()}', true],
  ];
  for (const [juel, expected] of methods) {
    it(`reads ${juel} as FEEL`, () => {
      expect(evaluate(juelToFeel(juel), context).value).to.equal(expected);
    });
  }

  for (const juel of ['${execution.processBusinessKey}', '${execution.getVariable(name)}', '${name.substring(1)}', '${docs.size(1)}', '${task.name}', '${list[i]}', '${list[-1]}', '${a ? b}', 'Hello ${name', '${foo(1)}']) {
    it(`refuses ${juel} at deploy`, () => {
      expect(() => juelToFeel(juel)).to.throw(JuelUnsupported);
    });
  }
});
