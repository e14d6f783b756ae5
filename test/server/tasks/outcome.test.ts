import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { compileModel, type Definition } from '../../../engine/index.ts';
import { closingEnd, outcomeText } from '../../../server/tasks/outcome.ts';

const NOW = new Date('2026-03-02T08:00:00Z');
const OUTCOMES = JSON.parse(readFileSync(new URL('../../../procedures/petitie/procedure.json', import.meta.url), 'utf8')).outcomes;

describe('what a decision leads to', () => {
  let petition: Definition;
  before(async () => { [petition] = await compileModel(readFileSync(new URL('../../../procedures/petitie/petitie.bpmn', import.meta.url), 'utf8')) as [Definition]; });

  describe('when the triage sends the petition elsewhere or files it', () => {
    it('names the end it reaches at once, through the gateway, as the engine will choose it', () => {
      expect(closingEnd(petition, 'triere', ['triere'], { anonima: false, competenta: false }, NOW)?.id).to.equal('redirectionata');
      expect(closingEnd(petition, 'triere', ['triere'], { anonima: true, competenta: true }, NOW)?.id).to.equal('clasata');
    });
  });

  describe('when the decision moves the request on', () => {
    it('does not name an end: the request reaches another step first', () => {
      expect(closingEnd(petition, 'triere', ['triere'], { anonima: false, competenta: true, departament: 'urbanism' }, NOW)).to.equal(undefined);
      expect(closingEnd(petition, 'solutionare', ['solutionare'], { necesitaPrelungire: false }, NOW)).to.equal(undefined);
    });

    it('does not name an end while another branch of the request is still under way', () => {
      expect(closingEnd(petition, 'triere', ['triere', 'altaEtapa'], { anonima: false, competenta: false }, NOW)).to.equal(undefined);
    });
  });

  it('tells the citizen where the petition went, in their language, with the authority filled in', () => {
    expect(outcomeText(OUTCOMES, 'redirectionata', { autoritate: 'Instituția Prefectului' }, 'ro')).to.contain('trimisă autorității competente: Instituția Prefectului (OG 27/2002 art. 6 alin. (2))');
    expect(outcomeText(OUTCOMES, 'redirectionata', { autoritate: 'Instituția Prefectului' }, 'en')).to.contain('sent to the competent authority: Instituția Prefectului');
    expect(outcomeText(OUTCOMES, 'raspunsTrimis', {}, 'ro')).to.equal(undefined);
  });
});
