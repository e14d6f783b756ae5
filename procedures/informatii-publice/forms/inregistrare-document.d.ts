/* Generated from inregistrare-document.schema.json by npm run gen:types. Do not edit. */

export type Semneaza = string;
export type FuncIa = string;

export interface InregistrareITrimitereDocument {
  semnatar: Semneaza;
  functie?: FuncIa;
}
