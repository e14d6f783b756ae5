/* Generated from rezolvare.schema.json by npm run gen:types. Do not edit. */

export type RezultatulVerificarii = (
  | ProblemaAFostRezolvata
  | LucrareaAFostProgramata
  | ProblemaNuSAConfirmatPeTeren
  | ProblemaIneDeAltaAutoritateCareiaIAFostTrimisa
) &
  string;
export type ProblemaAFostRezolvata = "rezolvata";
export type LucrareaAFostProgramata = "programata";
export type ProblemaNuSAConfirmatPeTeren = "neconfirmata";
export type ProblemaIneDeAltaAutoritateCareiaIAFostTrimisa = "alta-autoritate";
export type RaspunsulCatreCetaEan = string;

export interface VerificarePeTerenIRezolvare {
  rezultat: RezultatulVerificarii;
  raspuns: RaspunsulCatreCetaEan;
}
