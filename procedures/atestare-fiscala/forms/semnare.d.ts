/* Generated from semnare.schema.json by npm run gen:types. Do not edit. */

export type Semneaza = string;
export type FuncIa = string;
export type MenIuniPeCertificatOpIonal = string;

export interface VerificareISemnareCertificat {
  semnatar: Semneaza;
  functie?: FuncIa;
  mentiuni?: MenIuniPeCertificatOpIonal;
}
