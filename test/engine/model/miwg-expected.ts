/**
 * What Dosar says of each BPMN MIWG reference model (../shared/conformance/miwg), checked by hand
 * against the XML: `published` as the suite publishes it, `executable` (when different) with every
 * process marked isExecutable="true", so that models published as documentation are checked too.
 * Each problem is a first cause and true; the table in engine/README.md says why, file by file:
 * - gateway-flow-without-condition: the flow leaves an exclusive or inclusive gateway with no
 *   conditionExpression body and is not its default (drawn "Yes"/"No" labels are only names);
 * - message-unknown: a messageEventDefinition (or receive task) with no messageRef;
 * - timer-invalid: a timerEventDefinition whose timeDate is empty, or with no time at all;
 * - service-task-without-handler: implementation="##WebService" or a Java delegate, no handler;
 * - loop-invalid: a multiInstanceLoopCharacteristics with neither cardinality nor collection;
 * - no-start-event: a collapsed sub-process drawn empty;
 * - expression-language-unsupported: XPath conditions (C.1.1's bpmn:getDataObject, C.3.0's ==);
 * - cycle-without-wait-state: C.2.0's loops through abstract tasks and gateways only;
 * - decision-missing: a business-rule task naming no decision and no job;
 * - unsupported-element: link events, standard loops;
 * - signal-unknown: a signalEventDefinition with no signalRef;
 * - condition-invalid: a conditionalEventDefinition whose condition is empty;
 * - boundary-on-unsupported: an escalation boundary on a task (escalations are caught on sub-processes and call activities).
 */
type Outcome = { deploys: string[] } | Record<string, string[]>;

export const MIWG_EXPECTED: Record<string, { published: Outcome; executable?: Outcome }> = {
  'A.1.0': {
    published: {
      'no-process': ['_1373649849716'],
    },
    executable: { deploys: ['WFP-6-'] },
  },
  'A.2.0': {
    published: {
      'no-process': ['_1373649889746'],
    },
    executable: {
      'gateway-flow-without-condition': ['_20ebb3c1-5178-4c7c-a91d-23e58f2aa73b', '_a1570a53-28d2-41b1-a3a2-3e50c00d747e', '_f1478fb7-98c4-4c01-8c15-68bd04c91535'],
    },
  },
  'A.2.1': {
    published: {
      'no-process': ['Bpmn_Definitions_--SwsH2BEeWQ6qGdY3x14w'],
    },
    executable: {
      'expression-language-unsupported': ['_To9Z7TOCEeSknpIVFCxNIQ'],
      'gateway-flow-without-condition': ['_To9Z-TOCEeSknpIVFCxNIQ', '_To9Z_DOCEeSknpIVFCxNIQ'],
    },
  },
  'A.3.0': {
    published: {
      'no-process': ['_1373649919111'],
    },
    executable: {
      'message-unknown': ['_428dcbf5-8e5e-48e0-9c0c-d93003fa8c82'],
      'no-start-event': ['_1ae31d1b-2559-4f78-a3ec-47986a49db48'],
    },
  },
  'A.4.0': {
    published: {
      'no-process': ['_1373649948794'],
    },
    executable: { deploys: ['WFP-6-1', 'WFP-6-2'] },
  },
  'A.4.1': {
    published: {
      'no-process': ['sid-ad44e239-e96e-4a80-b0e4-cf63b741c3cb'],
    },
    executable: { deploys: ['sid-34746A54-1D7D-46CA-B219-0C4CEAE51170', 'sid-54D696FD-DEDC-45F3-99DB-1404DA433FC4'] },
  },
  'B.1.0': {
    published: {
      'no-process': ['_1373655174418'],
    },
    executable: {
      'timer-invalid': ['_e314751e-5c3a-41f2-a1ae-4cb99efa0916'],
      'service-task-without-handler': ['_ec919941-53ec-403d-97e1-6a163a063f21', '_fea1c5af-6c76-403f-809e-26d476d92741'],
      'gateway-flow-without-condition': ['_6a248585-952e-40ff-82ec-b6d8f410b73a', '_6ee42e88-3d90-4259-83c0-9abd4574a15a', '_9d489bd9-9435-4692-bc98-4cdda4a61569', '_eeb6812d-d182-489f-aea2-493ab8732cfd'],
      'no-start-event': ['_1eb62392-1f21-4a63-bbcb-c78880c3165e'],
    },
  },
  'B.2.0': {
    published: {
      'no-process': ['_1373638079286'],
    },
    executable: {
      'condition-invalid': ['_68ca1f8b-5028-4079-9e35-619b529f4d71', '_732c0641-b12f-448b-b9f8-a68b355782e3', '_c9cb2415-6a2e-49d6-84b9-27babcde4088', '_cba8fbed-2bb6-40a9-8ac5-83e827ce9d9f'],
      'loop-invalid': ['_149a6e1d-0385-4d0f-a90c-c2150a291a67', '_6936f794-7bbb-4aa1-ae48-3a35bab4e2f4', '_c57a5344-213f-4834-a6c3-94ce878b413c'],
      'message-unknown': ['_05c6bc89-5265-435c-8a9e-533c44a6888b', '_86b052b4-225c-424e-b900-bb94bdd77cec', '_e369fd30-1a71-4d0e-b4d7-2174dd5ba388', '_f07e4bd2-768d-42c6-a8d5-24d1c3bfa3cb', '_f2081fdb-3b8a-480b-9f61-fbf683e2018c'],
      'service-task-without-handler': ['_3bfec246-ab94-4807-a79a-3df91ac13800', '_6936f794-7bbb-4aa1-ae48-3a35bab4e2f4', '_ac1fde31-c0cd-4a8a-9728-a5fb49602de7', '_fa90f891-fc07-463a-97c9-2ee0812351e1'],
      'timer-invalid': ['_034907bf-d3d7-4629-818c-14c3e69d5bc6', '_4e71bf73-1719-401e-a9a2-85dc89fc1150', '_5a6baa94-303a-4750-bde2-e1cd6edace37', '_79341f54-50d4-4c60-85f3-fe8839a7554b'],
      'signal-unknown': ['_0326fdf5-7c71-41d9-838c-ab141a1b1ed0', '_209105e0-96fc-4278-8451-3b2a1dd18ec9', '_25beeb17-acc3-4cca-9590-f1cd2f353434', '_5cc02d0f-c090-4e48-8da3-f32cbbca9565', '_8476a0f7-36b7-4666-a3b2-c18efcc68a94', '_e233b5e1-244d-422e-8886-4588b7566122', '_e454657a-0173-41a4-a4c7-d16ec224f2e1'],
      'unsupported-element': ['_b9343536-6490-4559-8365-71d5c4cbb7cb'],
      'gateway-flow-without-condition': ['_5d70a293-03ea-4a73-bed0-65ad145796d6', '_8021571a-7a77-426b-b824-545cc61f7334', '_8b98cde1-aec2-46e8-8be2-d9aa244fcda6', '_a9966baf-d9b9-4be1-a4d9-2906ab5add30'],
      'no-start-event': ['_0263ca9e-2ca0-4f4e-b7dd-86e15dcf2447', '_149a6e1d-0385-4d0f-a90c-c2150a291a67'],
      'boundary-on-unsupported': ['_708d55c8-684a-4e3b-a69d-69c620cd0ac0'],
    },
  },
  'C.1.0': {
    published: {
      'service-task-without-handler': ['archiveInvoice'],
    },
    executable: {
      'message-unknown': ['sid-36EA43D1-0FE6-4197-AC57-7A43785B784B', 'sid-40EC6574-E644-425C-8CE7-EE384F0C3520', 'sid-B548B980-12E3-408E-9AC4-7031B85A8F2D'],
      'timer-invalid': ['sid-0E349B8B-14A7-4565-988A-38F3A9B624D2'],
      'service-task-without-handler': ['archiveInvoice'],
    },
  },
  'C.1.1': {
    published: {
      'service-task-without-handler': ['archiveInvoice'],
      'expression-language-unsupported': ['invoiceApproved', 'invoiceNotApproved', 'reviewNotSuccessful', 'reviewSuccessful'],
    },
  },
  'C.2.0': {
    published: {
      'no-process': ['_1aa4e08d-219c-418c-8aed-5ddf4cd45a41'],
    },
    executable: {
      'gateway-flow-without-condition': ['_50edb87c-9e46-48b1-a311-ef00e6e431e8', '_63cf98c9-d0b1-4595-a4f2-9589439b311c', '__a12a7547-373d-47ec-890d-af5c177203ee', '__ffc1486a-8a32-490a-8835-d14cc5ab0a97', '_ad0872cc-e2a9-4c44-98c6-c64e0638f37e', '_bfa5c7b2-f5d2-4487-a307-b2ea662bd059'],
      'cycle-without-wait-state': ['_2f24e6da-b44f-4e30-8d85-fd35fd56e209', '__f61e9ae0-855f-4ce6-9e3a-4b4f5c7dd0b8'],
    },
  },
  'C.3.0': {
    published: {
      'expression-language-unsupported': ['_be893987-caec-4605-b078-bd96b7cd6c12'],
      'gateway-flow-without-condition': ['_3fb323d5-2c59-487a-af63-804208f6c5cb', '_437e5969-1e61-4cb9-aa76-4f8854f32eeb', '_ada039b6-94dd-4a15-a6b1-c7fe662c64ee', '_b99800c3-c340-460c-a43e-098014a365d0', '_cddf9325-a85b-4347-8c57-8b909fa77ae9', '_cf380e47-1401-4e7e-b710-193b626e49eb'],
      'no-start-event': ['_cd6f230f-13c3-4027-aa3e-57de601a1ab2'],
    },
  },
  'C.4.0': {
    published: {
      'message-unknown': ['_74e2cc7b-99ca-426b-ad53-ad70a56506aa', '_db9147a9-7fbc-4657-a506-15e777f2cfd9', '_fe77c2f2-278f-4752-9d03-aa0c8a12af1e'],
      'gateway-flow-without-condition': ['_12e2f256-ec10-4a8d-934c-329143c588d8', '_237c8380-5449-446e-a323-aad80181176d', '_7e9d8b8b-faa9-4264-858b-7454702c4ec2', '_ca6f904d-e30d-4777-a7dd-661650e1e3a2'],
      'service-task-without-handler': ['_9db2d136-aa33-4de2-be76-554e7843363d'],
      'unsupported-element': ['_788443d9-65f0-43a4-96a8-63e8d6f380a7'],
    },
  },
  'C.5.0': {
    published: {
      'signal-unknown': ['_1cf552d4-5152-4595-9218-84f31533bc70', '_8055ae64-cafd-4fd0-be36-2216e3b02e37'],
      'gateway-flow-without-condition': ['_1887adee-8291-4640-a5fa-3dc5f33d5a34', '_470d1a12-e1fa-4471-b753-cfd7dbe20d80', '_664f3a71-3efa-4c94-8797-815f2e377cf7', '_6912e5ed-5cae-4798-b6e6-8d367ddb3f60', '_8a77d7f6-320a-47ff-a155-57ee200df478', '_ae94e0c1-aa12-433f-bd44-a4d8a70a089e', '_afc35597-a482-432a-8ace-17adaf609572', '_c329c58d-4a71-471f-acb9-b7f7113d8547', '_e25b9c2d-690e-470b-8993-112002994fc2', '_e88d64c7-3aaf-4a5f-9787-4e5ba696312b', '_eec53048-291a-4802-8fec-012857f845eb', '_fcb09e30-bfe6-46b9-af01-6777c60026f2'],
    },
  },
  'C.6.0': {
    published: {
      'message-unknown': ['_15fef309-6718-4352-9b71-f757bcd8c023', '_44e3f1fa-42cd-40b7-9980-a51ac49d5fa3', '_e5c69e92-6f98-47c8-bc22-b75d38620f95'],
      'timer-invalid': ['_32c4138c-74ae-484a-a7e5-0609370d7080', '_87baeef0-f32e-4a93-b802-fdd588aaf729'],
      'service-task-without-handler': ['_0198160d-b56c-4919-9920-db5f32d16b3f', '_3a2f133c-3ae1-4e21-94b5-6e8cf51acd74', '_614d6469-2bb8-4ad6-a20a-db5db6321c6b', '_8afc49f0-42c2-4da9-8e79-e08dbe349776', '_b595ec43-0769-4864-8f2e-403c405c8217', '_ea5cc55d-bfce-49c6-8a1a-a8a41a85da12'],
    },
  },
  'C.7.0': {
    published: {
      'service-task-without-handler': ['_64eabfe9-6947-43eb-ac45-8d331745f86c', '_a36ddf2f-23c1-46c5-86d4-bd2a0eb42535'],
      'decision-missing': ['_eae674ce-4d6e-48ac-819c-c79e0868e40d'],
      'loop-invalid': ['_a36ddf2f-23c1-46c5-86d4-bd2a0eb42535'],
      'gateway-flow-without-condition': ['_1d201a22-d500-4412-a32a-2c7e24ad4d6b', '_d74707c7-6af3-4db7-9403-924bfdf6a7d8'],
    },
  },
  'C.8.0': {
    published: {
      'no-process': ['Definitions__a9e3a63e-db87-4fa1-9091-328acae4f490'],
    },
    executable: { deploys: ['VacationRequestProcess'] },
  },
  'C.8.1': {
    published: { deploys: ['VacationRequestProcess'] },
  },
  'C.9.0': {
    published: { deploys: ['customer_onboarding_en'] },
  },
  'C.9.1': {
    published: { deploys: ['requestDocument_en'] },
  },
  'C.9.2': {
    published: { deploys: ['ManualCheck'] },
  },
};
