/* Generated from cerere.schema.json by npm run gen:types. Do not edit. */

export type NumeIPrenumeSauDenumireaOrganizaIei = string;
/**
 * Aici primiți numărul de înregistrare și răspunsul în format electronic (Legea 544/2001 art. 7 alin. (3)).
 */
export type AdresaDeEMail = string;
export type StradaNumarulBloculApartamentul = string;
export type Localitatea = string;
export type CodPoTal = string;
/**
 * Descrieți cât mai precis informațiile pe care le doriți (Legea 544/2001 art. 6 alin. (2) lit. b)).
 */
export type InformaIileDeInteresPublicSolicitate = string;
export type CumDoriIRaspunsul = (InFormatElectronicPeEMail | PeHartieLaAdresaPoTala) & string;
export type InFormatElectronicPeEMail = "electronic";
export type PeHartieLaAdresaPoTala = "hartie";

export interface SolicitareDeInformaIiDeInteresPublic {
  nume: NumeIPrenumeSauDenumireaOrganizaIei;
  email: AdresaDeEMail;
  adresa?: AdresaPoTalaPentruRaspunsulPeHartie;
  informatiiSolicitate: InformaIileDeInteresPublicSolicitate;
  format: CumDoriIRaspunsul;
}
/**
 * Necesară numai dacă doriți răspunsul pe hârtie.
 */
export interface AdresaPoTalaPentruRaspunsulPeHartie {
  strada: StradaNumarulBloculApartamentul;
  localitate: Localitatea;
  codPostal?: CodPoTal;
}
