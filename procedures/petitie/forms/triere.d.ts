/* Generated from triere.schema.json by npm run gen:types. Do not edit. */

export type Triere = {
  anonima: PetiIaEsteAnonimaSauFaraDateDeIdentificareOG272002Art7;
  competenta: PrimariaEsteCompetentaSaOSoluIoneze;
  departament?: DepartamentulCareOSoluIoneaza;
  autoritate?: AutoritateaCompetentaCareiaISeTrimitePetiIa;
  observatii?: ObservaIi;
};
export type PetiIaEsteAnonimaSauFaraDateDeIdentificareOG272002Art7 = boolean;
export type PrimariaEsteCompetentaSaOSoluIoneze = boolean;
export type DepartamentulCareOSoluIoneaza = (Urbanism | TaxeIImpoziteLocale | AsistenASociala | Registratura) & string;
export type Urbanism = "urbanism";
export type TaxeIImpoziteLocale = "taxe";
export type AsistenASociala = "social";
export type Registratura = "registratura";
/**
 * Obligatoriu când primăria nu este competentă: cetățeanul află unde a fost trimisă petiția (OG 27/2002 art. 6 alin. (2)).
 */
export type AutoritateaCompetentaCareiaISeTrimitePetiIa = string;
export type ObservaIi = string;
