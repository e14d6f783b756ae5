/* Generated from analiza.schema.json by npm run gen:types. Do not edit. */

export type AnalizaSolicitarii = {
  decizie: Decizia;
  raspuns?: InformaIileComunicate;
  motivPrelungire?: DeCeEsteNevoieDeMaiMultTimpDificultateaComplexitateaVolumulLucrarilor;
  motivareRefuz?: MotivareaRefuzuluiTemeiulLegalDeExempluArt12Alin1;
};
export type Decizia = (
  | SeComunicaInformaIileIn10ZileLegea5442001Art7Alin1
  | EsteNevoieDeMaiMultTimpSeTrimiteNotificareaDePrelungireRaspunsInCelMult30DeZileArt7Alin1
  | SeRefuzaMotivatArt7Alin2ExcepIileDeLaArt12
) &
  string;
export type SeComunicaInformaIileIn10ZileLegea5442001Art7Alin1 = "comunicare";
export type EsteNevoieDeMaiMultTimpSeTrimiteNotificareaDePrelungireRaspunsInCelMult30DeZileArt7Alin1 = "prelungire";
export type SeRefuzaMotivatArt7Alin2ExcepIileDeLaArt12 = "refuz";
export type InformaIileComunicate = string;
export type DeCeEsteNevoieDeMaiMultTimpDificultateaComplexitateaVolumulLucrarilor = string;
export type MotivareaRefuzuluiTemeiulLegalDeExempluArt12Alin1 = string;
