/* Generated from inregistrare-raspuns.schema.json by npm run gen:types. Do not edit. */

export type Semneaza = string;
export type FuncIa = string;

export interface InregistrareITrimitereRaspuns {
  semnatar: Semneaza;
  functie?: FuncIa;
}
