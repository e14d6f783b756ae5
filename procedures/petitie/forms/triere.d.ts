/* Generated from triere.schema.json by npm run gen:types. Do not edit. */

export type PetiIaEsteAnonimaSauFaraDateDeIdentificareOG272002Art7 = boolean;
export type PrimariaEsteCompetentaSaOSoluIoneze = boolean;
export type DepartamentulCareOSoluIoneaza = (Urbanism | TaxeIImpoziteLocale | AsistenASociala | Registratura) & string;
export type Urbanism = "urbanism";
export type TaxeIImpoziteLocale = "taxe";
export type AsistenASociala = "social";
export type Registratura = "registratura";
export type ObservaIi = string;

export interface Triere {
  anonima: PetiIaEsteAnonimaSauFaraDateDeIdentificareOG272002Art7;
  competenta: PrimariaEsteCompetentaSaOSoluIoneze;
  departament?: DepartamentulCareOSoluIoneaza;
  observatii?: ObservaIi;
}
