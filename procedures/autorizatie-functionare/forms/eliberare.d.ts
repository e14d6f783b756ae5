/* Generated from eliberare.schema.json by npm run gen:types. Do not edit. */

export type Semneaza = string;
export type FuncIa = string;

export interface InregistrareaIEliberareaActului {
  semnatar: Semneaza;
  functie?: FuncIa;
}
