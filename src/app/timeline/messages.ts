/** Texts of the timeline tab ("Verlauf"), German first. */
export const timelineMessages = {
  de: {
    title: 'Verlauf',
    intro: 'Jedes Ereignis dieses Prozesses, so wie es im fälschungssicheren Protokoll steht.',
    loading: 'Das Protokoll wird gelesen …',
    filters: 'Ereignisse filtern',
    stage: 'Phase',
    cycle: 'Zyklus',
    person: 'Person',
    type: 'Art des Ereignisses',
    all: 'alle',
    cycleOption: (n: number) => `Zyklus ${n}`,
    from: 'Von (Datum)',
    to: 'Bis (Datum)',
    search: 'Im Text suchen',
    searchHint: 'Groß- und Kleinschreibung egal; „ä“ findet auch „ae“.',
    order: 'Reihenfolge',
    newest: 'Neueste zuerst',
    oldest: 'Älteste zuerst',
    reset: 'Filter zurücksetzen',
    count: (shown: number, total: number) =>
      shown === total
        ? `${total.toLocaleString('de-DE')} Ereignisse`
        : `${shown.toLocaleString('de-DE')} von ${total.toLocaleString('de-DE')} Ereignissen`,
    none: 'Kein Ereignis passt zu diesen Filtern.',
    listLabel: (order: 'newest' | 'oldest') => `Ereignisse, ${order === 'newest' ? 'neueste' : 'älteste'} zuerst`,
    event: (seq: number) => `Ereignis ${seq}`,
    as: 'als',
    key: 'Schlüssel',
    stageLink: (stage: string, cycle: number) => `Phase „${stage}“, Zyklus ${cycle}`,
    evidenceLink: (title: string) => `Nachweis „${title}“`,
    moreEvidence: (n: number) => `und ${n} weitere`,
    evidenceGone: 'nicht mehr vorhanden',
    links: 'Verweise',
    chainChecking: 'Die Kette des Protokolls wird geprüft …',
    chainIntact: (n: number, head: string, signed: boolean) =>
      `Kette intakt: ${n.toLocaleString('de-DE')} Ereignisse, jedes mit dem vorigen verkettet${signed ? ', signiert' : ''} und geprüft. Kopf-Hash ${head}…`,
    chainPartlySigned: (signedFrom: number) =>
      `Die Ereignisse 1 bis ${(signedFrom - 1).toLocaleString('de-DE')} wurden vor der Umstellung auf einzeln signierte Ereignisse aufgezeichnet: Wer sie aufgezeichnet hat, beweist das Protokoll nicht. Zurechenbar ist es ab Ereignis ${signedFrom.toLocaleString('de-DE')}.`,
    chainUnsigned:
      'Kein Ereignis dieses Protokolls ist einzeln signiert (aufgezeichnet vor der Umstellung): Wer was aufgezeichnet hat, beweist es nicht. Der nächste Eintrag wird signiert; ab ihm ist das Protokoll zurechenbar.',
    chainBroken: (seq: number) => `Kette gebrochen bei Ereignis ${seq}:`,
    chainEmpty: 'Das Protokoll ist leer.',
    chainFailed: 'Die Kette konnte nicht geprüft werden, weil das Protokoll nicht gelesen werden konnte. Es wurde nichts verändert.',
    problems: {
      seqMismatch: (expected: number, got: number) =>
        `Die Nummerierung springt: erwartet war Ereignis ${expected}, gespeichert ist ${got}. Ein Ereignis fehlt oder wurde eingefügt.`,
      prevHashMismatch:
        'Das Ereignis verweist nicht auf das Ereignis davor. Ein früheres Ereignis wurde verändert, entfernt oder eingefügt.',
      hashMismatch: 'Der Inhalt des Ereignisses passt nicht mehr zu seinem Hash. Es wurde nach dem Speichern verändert.',
      duplicateId: (id: string) => `Die Kennung ${id} kommt zweimal vor.`,
      headMismatch: (head: number, last: number) =>
        `Das Protokoll endet bei Ereignis ${last}, der gespeicherte Stand nennt aber Ereignis ${head}. Am Ende fehlen Ereignisse, oder der Stand wurde verändert.`,
      refused: 'Das Ereignis ist nach den Regeln des Prozesses nicht zulässig:',
    },
    chainNothingChanged: 'Es wurde nichts verändert. Bitte die Prüfung oder die IT-Stelle informieren.',
  },
  en: {
    title: 'Timeline',
    intro: 'Every event of this process, as it stands in the tamper-evident log.',
    loading: 'Reading the log …',
    filters: 'Filter events',
    stage: 'Stage',
    cycle: 'Cycle',
    person: 'Person',
    type: 'Type of event',
    all: 'all',
    cycleOption: (n: number) => `Cycle ${n}`,
    from: 'From (date)',
    to: 'To (date)',
    search: 'Search the text',
    searchHint: 'Case does not matter; "ä" also finds "ae".',
    order: 'Order',
    newest: 'Newest first',
    oldest: 'Oldest first',
    reset: 'Reset filters',
    count: (shown: number, total: number) =>
      shown === total
        ? `${total.toLocaleString('en-GB')} events`
        : `${shown.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} events`,
    none: 'No event matches these filters.',
    listLabel: (order: 'newest' | 'oldest') => `Events, ${order} first`,
    event: (seq: number) => `Event ${seq}`,
    as: 'as',
    key: 'Key',
    stageLink: (stage: string, cycle: number) => `Stage "${stage}", cycle ${cycle}`,
    evidenceLink: (title: string) => `Evidence "${title}"`,
    moreEvidence: (n: number) => `and ${n} more`,
    evidenceGone: 'no longer present',
    links: 'Links',
    chainChecking: 'Checking the chain of the log …',
    chainIntact: (n: number, head: string, signed: boolean) =>
      `Chain intact: ${n.toLocaleString('en-GB')} events, each linked to the one before${signed ? ', signed' : ''} and checked. Head hash ${head}…`,
    chainPartlySigned: (signedFrom: number) =>
      `Events 1 to ${(signedFrom - 1).toLocaleString('en-GB')} were recorded before events were signed one by one: the log does not prove who recorded them. It is attributable from event ${signedFrom.toLocaleString('en-GB')} on.`,
    chainUnsigned:
      'No event of this log is signed on its own (recorded before the change): it does not prove who recorded what. The next entry will be signed; from it on the log is attributable.',
    chainBroken: (seq: number) => `Chain broken at event ${seq}:`,
    chainEmpty: 'The log is empty.',
    chainFailed: 'The chain could not be checked because the log could not be read. Nothing was changed.',
    problems: {
      seqMismatch: (expected: number, got: number) =>
        `The numbering jumps: event ${expected} was expected, ${got} is stored. An event is missing or was inserted.`,
      prevHashMismatch: 'The event does not point to the event before it. An earlier event was changed, removed or inserted.',
      hashMismatch: 'The content of the event no longer matches its hash. It was changed after it was stored.',
      duplicateId: (id: string) => `The id ${id} occurs twice.`,
      headMismatch: (head: number, last: number) =>
        `The log ends at event ${last}, but the stored head names event ${head}. Events are missing at the end, or the head was changed.`,
      refused: 'The event is not allowed by the rules of the process:',
    },
    chainNothingChanged: 'Nothing was changed. Please tell the auditors or the IT department.',
  },
};

export type TimelineMessages = (typeof timelineMessages)['de'];
