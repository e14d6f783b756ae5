/* Generated from analiza.schema.json by npm run gen:types. Do not edit. */

export type RegimulJuridicAlImobilului = string;
export type RegimulEconomicFolosinAActualaIDestinaIaStabilitaPrinPlanurileDeUrbanism = string;
export type RegimulTehnicPOTCUTRegimDeInalImeAliniamenteUtilitaI = string;
export type AvizeleIAcordurileNecesare = string;
export type CerereaSeRespingeDocumentaIaEsteIncompletaSauNeconformaTaxaSeRamburseazaLegea2072015Art168 = boolean;
export type MotivulRespingerii = string;
export type MenIuniOpIonal = string;

export interface AnalizaDeUrbanism {
  regimJuridic: RegimulJuridicAlImobilului;
  regimEconomic: RegimulEconomicFolosinAActualaIDestinaIaStabilitaPrinPlanurileDeUrbanism;
  regimTehnic: RegimulTehnicPOTCUTRegimDeInalImeAliniamenteUtilitaI;
  avize?: AvizeleIAcordurileNecesare;
  respinge?: CerereaSeRespingeDocumentaIaEsteIncompletaSauNeconformaTaxaSeRamburseazaLegea2072015Art168;
  motivRespingere?: MotivulRespingerii;
  mentiuni?: MenIuniOpIonal;
}
