/* Generated from solutionare.schema.json by npm run gen:types. Do not edit. */

export type RaspunsulCatrePetent = string;
export type EsteNevoieDePrelungireaTermenuluiCu15ZileOG272002Art9 = boolean;

export interface SoluIonare {
  raspuns: RaspunsulCatrePetent;
  necesitaPrelungire?: EsteNevoieDePrelungireaTermenuluiCu15ZileOG272002Art9;
}
