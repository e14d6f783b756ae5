/* Generated from solutionare.schema.json by npm run gen:types. Do not edit. */

export type SoluIonareaSolicitarii = {
  decizie: Decizia;
  raspuns?: InformaIileComunicate;
  motivareRefuz?: MotivareaRefuzuluiTemeiulLegalDeExempluArt12Alin1;
};
export type Decizia = (SeComunicaInformaIile | SeRefuzaMotivatLegea5442001Art7Alin2Art12) & string;
export type SeComunicaInformaIile = "comunicare";
export type SeRefuzaMotivatLegea5442001Art7Alin2Art12 = "refuz";
export type InformaIileComunicate = string;
export type MotivareaRefuzuluiTemeiulLegalDeExempluArt12Alin1 = string;
