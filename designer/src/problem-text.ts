/**
 * Deploy problems in Romanian, by their stable code: the engine's checker words its messages in
 * English (they name BPMN and FEEL details), so the Romanian designer says what is wrong in
 * Romanian and keeps the checker's words only as the technical detail.
 */
const RO: Record<string, string> = {
  'boundary-invalid': 'Evenimentul atașat nu este valid.',
  'boundary-on-unsupported': 'Evenimentul este atașat unui element care nu acceptă evenimente atașate.',
  'boundary-stranded': 'Evenimentul atașat ar lăsa cererea fără continuare.',
  'call-version-invalid': 'Versiunea procedurii apelate nu este validă.',
  'call-without-called-element': 'Activitatea de apel nu spune ce procedură apelează.',
  'clock-invalid': 'Setarea termenului legal (dosar:clock) nu este validă.',
  'clock-required': 'Elementul folosește termenul legal, dar procesul nu declară niciun termen legal.',
  'condition-invalid': 'Condiția nu este o expresie FEEL validă.',
  'cycle-without-wait-state': 'Procesul are o buclă fără nicio etapă de așteptare: ar rula la nesfârșit.',
  'default-flow-invalid': 'Fluxul implicit nu este valid.',
  'due-date-invalid': 'Scadența nu este validă.',
  'end-event-invalid': 'Evenimentul de sfârșit nu este valid.',
  'event-gateway-invalid': 'Poarta bazată pe evenimente nu este validă.',
  'event-gateway-target-invalid': 'După o poartă bazată pe evenimente pot urma doar evenimente de așteptare.',
  'event-subprocess-invalid': 'Subprocesul de eveniment nu este valid.',
  'event-subprocess-start-invalid': 'Începutul subprocesului de eveniment nu este valid.',
  'expression-too-costly': 'Expresia este prea costisitoare de evaluat.',
  'expression-unsupported': 'Expresia folosește ceva ce Dosar nu știe să evalueze.',
  'form-invalid': 'Formularul nu este valid.',
  'form-missing': 'Lipsește formularul la care face trimitere modelul.',
  'gateway-flow-without-condition': 'Un flux care iese din poartă nu are condiție (și nu este fluxul implicit).',
  'handler-options-invalid': 'Opțiunile serviciului automat nu sunt valide.',
  'id-invalid': 'Identificatorul nu este valid.',
  'loop-invalid': 'Repetarea activității nu este validă.',
  'mapping-source-unknown': 'Corespondența citește o valoare care nu există.',
  'mapping-target-unknown': 'Corespondența scrie într-o valoare necunoscută.',
  'message-unknown': 'Mesajul nu este declarat în model.',
  'meta-invalid': 'Datele din catalog ale procedurii nu sunt valide.',
  'no-process': 'Modelul nu conține niciun proces executabil.',
  'no-start-event': 'Procesul nu are eveniment de început.',
  'option-name-invalid': 'Numele unei opțiuni a activității automate este rezervat; alegeți alt nume.',
  'process-invalid': 'Procesul nu este valid.',
  'reference-unknown': 'Elementul face trimitere la ceva ce nu există în model.',
  'retries-invalid': 'Numărul de reîncercări nu este valid.',
  'sequence-flow-invalid': 'Fluxul nu este valid.',
  'service-task-without-handler': 'Activitatea automată nu spune ce serviciu rulează.',
  'start-event-invalid': 'Evenimentul de început nu este valid.',
  'template-invalid': 'Șablonul documentului nu este valid.',
  'template-missing': 'Lipsește șablonul documentului.',
  'term-invalid': 'Termenul legal nu este valid (de exemplu „30 days” sau „15 working-days”).',
  'timer-invalid': 'Temporizatorul nu este valid.',
  'token-stranded': 'O cerere în curs ar rămâne blocată pe un element care dispare.',
  'unknown-element': 'Elementul nu este cunoscut.',
  'unknown-handler': 'Serviciul automat nu există în această instalare.',
  'unreachable-element': 'Elementul nu poate fi atins din evenimentul de început.',
  'unsupported-element': 'Dosar nu știe să execute acest tip de element.',
  'xml-warning': 'Fișierul BPMN are o problemă de structură.',
};

/** The problem's sentence in the designer's language, and the checker's own words when they differ. */
export function problemText(problem: { code: string; message: string }, lang: 'ro' | 'en'): { text: string; detail?: string } {
  const ro = lang === 'ro' ? RO[problem.code] : undefined;
  return ro ? { text: ro, detail: problem.message } : { text: problem.message };
}
