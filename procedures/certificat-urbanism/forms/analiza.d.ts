/* Generated from analiza.schema.json by npm run gen:types. Do not edit. */

export type RegimulJuridicAlImobilului = string;
export type RegimulEconomicFolosinAActualaIDestinaIaStabilitaPrinPlanurileDeUrbanism = string;
export type RegimulTehnicPOTCUTRegimDeInalImeAliniamenteUtilitaI = string;
export type AvizeleIAcordurileNecesare = string;
export type MenIuniOpIonal = string;

export interface AnalizaDeUrbanism {
  regimJuridic: RegimulJuridicAlImobilului;
  regimEconomic: RegimulEconomicFolosinAActualaIDestinaIaStabilitaPrinPlanurileDeUrbanism;
  regimTehnic: RegimulTehnicPOTCUTRegimDeInalImeAliniamenteUtilitaI;
  avize?: AvizeleIAcordurileNecesare;
  mentiuni?: MenIuniOpIonal;
}
