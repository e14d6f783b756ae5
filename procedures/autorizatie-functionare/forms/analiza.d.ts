/* Generated from analiza.schema.json by npm run gen:types. Do not edit. */

export type SeAcordaAutorizaIa = boolean;
export type CondiIiDeFuncIonareOpIonal = string;
export type MotivareaRefuzului = string;

export interface AnalizaIDecizie {
  aprobat: SeAcordaAutorizaIa;
  conditii?: CondiIiDeFuncIonareOpIonal;
  motivare?: MotivareaRefuzului;
}
