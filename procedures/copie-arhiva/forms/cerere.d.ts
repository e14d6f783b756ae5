/* Generated from cerere.schema.json by npm run gen:types. Do not edit. */

export type NumeIPrenume = string;
/**
 * Aici primiți numărul de înregistrare și copia.
 */
export type AdresaDeEMail = string;
/**
 * De exemplu: autorizația de construire pentru garajul din str. Lungă nr. 7, pe numele Ion Popescu.
 */
export type CeDocumentCautaI = string;
export type AnulDocumentuluiOpIonal = number;
export type NumarulDeInregistrareDacaIlTiIOpIonal = string;
export type PentruCeVaTrebuieOpIonal = string;

export interface CopieDupaUnDocumentDinArhiva {
  nume: NumeIPrenume;
  email: AdresaDeEMail;
  document: CeDocumentCautaI;
  an?: AnulDocumentuluiOpIonal;
  numarInregistrare?: NumarulDeInregistrareDacaIlTiIOpIonal;
  scop?: PentruCeVaTrebuieOpIonal;
}
