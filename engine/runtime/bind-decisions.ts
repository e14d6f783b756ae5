import type { Problem } from '../errors.ts';
import { compileDmn } from '../dmn/compile-dmn.ts';
import type { DecisionBundle, DeployedDecision } from '../dmn/decision.ts';
import type { Definition } from '../model/definition.ts';
import type { EnginePort } from '../ports.ts';

/** One decision of a DMN file ready to store: itself and every decision it requires from that file. */
export interface DecisionItem {
  key: string;
  name?: string;
  decisions: DecisionBundle;
  xml: string;
}

/** Compiles DMN files into one item per decision (a decision's requirements travel with it). */
export async function decisionItems(xmls: string[]): Promise<DecisionItem[]> {
  const items: DecisionItem[] = [];
  for (const xml of xmls) {
    const compiled = await compileDmn(xml);
    const byId = new Map(compiled.map((d) => [d.id, d]));
    for (const decision of compiled) {
      const bundle: DecisionBundle = {};
      const stack = [decision.id];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (bundle[id] || !byId.has(id)) continue;
        bundle[id] = byId.get(id)!;
        stack.push(...bundle[id].requires);
      }
      items.push({ key: decision.id, ...(decision.name ? { name: decision.name } : {}), decisions: bundle, xml });
    }
  }
  return items;
}

/**
 * Embeds in each business-rule task the decision it calls: the one deployed with it, else the
 * latest deployed version. The step then evaluates without reading the store, and an instance keeps
 * the table it started with (a new table version applies to models deployed after it).
 */
export async function bindDecisions(definitions: Definition[], deployedWith: DeployedDecision[], port: EnginePort): Promise<Problem[]> {
  const problems: Problem[] = [];
  const packaged = new Map(deployedWith.map((d) => [d.key, d]));
  for (const definition of definitions) {
    for (const el of Object.values(definition.elements)) {
      if (!el.decision) continue;
      const found = packaged.get(el.decision.decisionId) ?? await port.getLatestDecision(el.decision.decisionId);
      if (!found) {
        problems.push({ code: 'decision-unknown', elementId: el.id, message: `Business rule task "${el.name ?? el.id}" calls decision "${el.decision.decisionId}", which is not deployed (deploy its .dmn file first or with the model)` });
        continue;
      }
      el.decision.version = found.version;
      el.decision.decisions = found.decisions;
    }
  }
  return problems;
}
