/* Generated from eliberare.schema.json by npm run gen:types. Do not edit. */

/**
 * Titularul este anunțat cu 30 de zile înainte de expirare.
 */
export type ValabilitateaCertificatuluiLuni = number;
export type SemneazaArhitectulEf = string;
export type FuncIa = string;

export interface EmitereaCertificatuluiDeUrbanism {
  valabilitateLuni: ValabilitateaCertificatuluiLuni;
  semnatar: SemneazaArhitectulEf;
  functie?: FuncIa;
}
