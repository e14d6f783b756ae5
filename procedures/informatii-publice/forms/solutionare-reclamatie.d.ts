/* Generated from solutionare-reclamatie.schema.json by npm run gen:types. Do not edit. */

export type ReclamaIaEsteIntemeiataLegea5442001Art21Alin3 = boolean;
export type RaspunsulLaReclamaIeDacaEsteIntemeiataInformaIileSolicitateIniIalISancIunileDisciplinareDispuse = string;
export type SemneazaConducatorulInstituIei = string;
export type FuncIa = string;

export interface SoluIonareaReclamaIeiAdministrative {
  intemeiata: ReclamaIaEsteIntemeiataLegea5442001Art21Alin3;
  raspunsReclamatie: RaspunsulLaReclamaIeDacaEsteIntemeiataInformaIileSolicitateIniIalISancIunileDisciplinareDispuse;
  semnatar: SemneazaConducatorulInstituIei;
  functie?: FuncIa;
}
