/** Texts of the export tab, German first. Every error says what went wrong and that nothing was changed. */

export const exportMessages = {
  de: {
    title: 'Export',
    intro:
      'Hier geben Sie den Prozess für Prüfungen, die Regionaldirektion oder die eigene Ablage heraus. Alles wird auf diesem Gerät erzeugt; nichts wird irgendwohin gesendet.',
    signerTitle: 'Wer das Prüfpaket signiert',
    signedBy: (name: string) => `Prüfpakete werden signiert von ${name},`,
    fingerprint: 'Fingerabdruck',
    noPerson:
      'Auf diesem Gerät ist keine Person eingerichtet. Prüfpakete (JSON und ZIP) müssen von einer eingetragenen Person signiert werden; Tabelle und Prozessbericht gehen trotzdem.',
    locked: (name: string) =>
      `Das Profil von ${name} ist gesperrt. Zum Signieren des Prüfpakets bitte mit der Passphrase entsperren; Tabelle und Prozessbericht gehen auch ohne.`,
    notInProcess: (name: string) =>
      `${name} ist in diesem Prozess nicht eingetragen. Den Kopf eines Prüfpakets kann nur eine eingetragene Person signieren, sonst erkennt die Prüfung es nicht an. Tabelle und Prozessbericht gehen trotzdem.`,
    keyNotRegistered: (name: string) =>
      `Der Schlüssel dieses Geräts ist für ${name} in diesem Prozess nicht eingetragen (zum Beispiel nach einem Schlüsselwechsel). Bitte den neuen Schlüssel im Prozess eintragen lassen. Tabelle und Prozessbericht gehen trotzdem.`,
    keyRevoked: (name: string) =>
      `Der Schlüssel von ${name} auf diesem Gerät ist in diesem Prozess widerrufen. Mit ihm kann kein Prüfpaket mehr signiert werden. Tabelle und Prozessbericht gehen trotzdem.`,
    needsSigner: 'Braucht eine signierende Person (siehe oben).',
    settingsLink: 'Zu den Einstellungen',

    jsonTitle: 'Prüfpaket (JSON)',
    jsonText:
      'Alle Ereignisse mit Hash-Kette und Signaturen, die Personen mit ihren öffentlichen Schlüsseln und das Verzeichnis der Nachweise. Jede Stelle kann es ohne Ankerpunkt-Konto prüfen.',
    jsonButton: 'Prüfpaket herunterladen (JSON)',
    jsonDone: (name: string, events: number) => `Prüfpaket „${name}“ erstellt: ${events} Ereignisse, signiert.`,

    zipTitle: 'Prüfpaket mit Nachweisdateien (ZIP)',
    zipText: 'Das Prüfpaket (bundle.json) und jede Nachweisdatei unter ihrem SHA-256-Hash, dazu eine Anleitung zur Prüfung (LIESMICH.txt).',
    zipFiles: (present: number, total: number, size: string) =>
      total === 0
        ? 'Der Prozess hat keine Nachweisdateien; das ZIP enthält das Prüfpaket und die Anleitung.'
        : `${present} von ${total} Nachweisdateien sind auf diesem Gerät, zusammen ${size}.`,
    zipErased: (count: number) =>
      count === 1
        ? '1 Dateiinhalt wurde gelöscht (protokolliert) und fehlt daher im ZIP.'
        : `${count} Dateiinhalte wurden gelöscht (protokolliert) und fehlen daher im ZIP.`,
    zipSaveHint:
      'Ihr Browser fragt zuerst, wo die Datei gespeichert werden soll, und schreibt sie dann Stück für Stück dorthin. Bei Browsern ohne diese Möglichkeit beginnt der Download, wenn das ZIP fertig ist.',
    zipButton: 'Prüfpaket mit Nachweisdateien herunterladen (ZIP)',
    zipProgress: 'Fortschritt des ZIP-Exports',
    zipProgressText: (percent: number, done: string, total: string) => `${percent} % (${done} von ${total})`,
    zipPreparing: 'ZIP wird vorbereitet …',
    cancel: 'Abbrechen',
    zipDone: (name: string, files: number, size: string) =>
      `ZIP „${name}“ gespeichert: ${files} ${files === 1 ? 'Nachweisdatei' : 'Nachweisdateien'}, ${size}.`,
    zipMissing: (count: number) =>
      count === 1
        ? '1 Nachweisdatei ist auf diesem Gerät nicht vorhanden (nie hierher übertragen oder vom Browser entfernt) und fehlt im ZIP. Das Verzeichnis im Prüfpaket nennt sie trotzdem, mit ihrem Hash.'
        : `${count} Nachweisdateien sind auf diesem Gerät nicht vorhanden (nie hierher übertragen oder vom Browser entfernt) und fehlen im ZIP. Das Verzeichnis im Prüfpaket nennt sie trotzdem, mit ihrem Hash.`,
    cancelled: 'Export abgebrochen. Es wurde keine Datei gespeichert.',

    csvTitle: 'Tabelle (CSV)',
    csvText:
      'Eine Zeile je Ereignis, für Excel: Semikolon als Trennzeichen, Umlaute richtig (UTF-8), Zeitpunkte als ISO-Datum in UTC. Zellen, die wie eine Formel beginnen, werden als Text geschrieben.',
    csvButton: 'Tabelle herunterladen (CSV)',
    csvDone: (name: string, rows: number) => `Tabelle „${name}“ erstellt: ${rows} Zeilen.`,

    reportTitle: 'Prozessbericht (Druckansicht → PDF)',
    reportText:
      'Für die Jahresbilanz und die Regionaldirektion: Phasenverlauf, Freigaben mit Signaturen, Reifegrade, Maßnahmen, Nachweisverzeichnis und Kopf-Hash der Kette auf A4-Seiten.',
    reportLink: 'Prozessbericht öffnen',
    reportHint: 'Dort „Drucken / als PDF speichern“ wählen und als Drucker „Als PDF speichern“ oder „Microsoft Print to PDF“ auswählen.',

    errors: {
      quota: 'Auf dem Datenträger ist nicht genug Platz für die Datei. Es wurde nichts gespeichert und am Prozess nichts geändert.',
      unreadable: (file: string) =>
        `Die Nachweisdatei ${file} konnte auf diesem Gerät nicht gelesen werden. Es wurde keine Datei gespeichert und am Prozess nichts geändert. Bitte erneut versuchen oder die Datei neu hochladen.`,
      tooLarge:
        'Das ZIP würde größer als 4 GB und ist damit zu groß für das ZIP-Format. Bitte das Prüfpaket als JSON exportieren; die Nachweise lassen sich einzeln sichern.',
      changed:
        'Der Prozess wurde während des Exports in einem anderen Tab geändert. Bitte erneut exportieren; es wurde nichts gespeichert.',
      failed: (detail: string) => `Der Export ist fehlgeschlagen (${detail}). Es wurde nichts gespeichert und am Prozess nichts geändert.`,
    },
  },
  en: {
    title: 'Export',
    intro:
      'Hand the process over for audits, the regional directorate or your own records. Everything is made on this device; nothing is sent anywhere.',
    signerTitle: 'Who signs the audit bundle',
    signedBy: (name: string) => `Audit bundles are signed by ${name},`,
    fingerprint: 'fingerprint',
    noPerson:
      'No person is set up on this device. Audit bundles (JSON and ZIP) must be signed by a registered person; the table and the process report work without.',
    locked: (name: string) =>
      `The profile of ${name} is locked. Unlock it with the passphrase to sign the audit bundle; the table and the process report work without.`,
    notInProcess: (name: string) =>
      `${name} is not registered in this process. Only a registered person can sign an audit bundle's head; verification rejects any other. The table and the process report still work.`,
    keyNotRegistered: (name: string) =>
      `This device's key of ${name} is not registered in this process (for example after a key change). Please have the new key registered. The table and the process report still work.`,
    keyRevoked: (name: string) =>
      `The key of ${name} on this device is revoked in this process and can no longer sign an audit bundle. The table and the process report still work.`,
    needsSigner: 'Needs a signing person (see above).',
    settingsLink: 'Go to settings',

    jsonTitle: 'Audit bundle (JSON)',
    jsonText:
      'Every event with the hash chain and signatures, the people with their public keys and the evidence index. Anyone can verify it without an Ankerpunkt account.',
    jsonButton: 'Download audit bundle (JSON)',
    jsonDone: (name: string, events: number) => `Audit bundle “${name}” created: ${events} events, signed.`,

    zipTitle: 'Audit bundle with evidence files (ZIP)',
    zipText:
      'The audit bundle (bundle.json) and every evidence file under its SHA-256 digest, with instructions for checking it (LIESMICH.txt).',
    zipFiles: (present: number, total: number, size: string) =>
      total === 0
        ? 'The process has no evidence files; the ZIP holds the audit bundle and the instructions.'
        : `${present} of ${total} evidence files are on this device, ${size} in all.`,
    zipErased: (count: number) =>
      count === 1
        ? '1 file content was erased (recorded in the log) and is therefore not in the ZIP.'
        : `${count} file contents were erased (recorded in the log) and are therefore not in the ZIP.`,
    zipSaveHint:
      'Your browser first asks where to save the file and then writes it there piece by piece. In browsers without this, the download starts when the ZIP is complete.',
    zipButton: 'Download audit bundle with evidence files (ZIP)',
    zipProgress: 'Progress of the ZIP export',
    zipProgressText: (percent: number, done: string, total: string) => `${percent} % (${done} of ${total})`,
    zipPreparing: 'Preparing the ZIP …',
    cancel: 'Cancel',
    zipDone: (name: string, files: number, size: string) =>
      `ZIP “${name}” saved: ${files} evidence file${files === 1 ? '' : 's'}, ${size}.`,
    zipMissing: (count: number) =>
      `${count} evidence file${count === 1 ? ' is' : 's are'} not on this device (never copied here, or removed by the browser) and missing from the ZIP. The bundle's evidence index still lists ${count === 1 ? 'it' : 'them'}, with the digest.`,
    cancelled: 'Export cancelled. No file was saved.',

    csvTitle: 'Table (CSV)',
    csvText:
      'One row per event, for Excel: semicolon-separated, UTF-8 with umlauts intact, times as ISO dates in UTC. Cells that start like a formula are written as text.',
    csvButton: 'Download table (CSV)',
    csvDone: (name: string, rows: number) => `Table “${name}” created: ${rows} rows.`,

    reportTitle: 'Process report (print view → PDF)',
    reportText:
      'For the yearly review and the regional directorate: stage history, sign-offs with signatures, maturity, measures, evidence index and the chain head hash on A4 pages.',
    reportLink: 'Open the process report',
    reportHint: 'There, choose “Print / save as PDF” and pick “Save as PDF” or “Microsoft Print to PDF” as the printer.',

    errors: {
      quota: 'There is not enough disk space for the file. Nothing was saved and nothing in the process changed.',
      unreadable: (file: string) =>
        `The evidence file ${file} could not be read on this device. No file was saved and nothing in the process changed. Please try again or upload the file again.`,
      tooLarge:
        'The ZIP would exceed 4 GB, too large for the ZIP format. Please export the audit bundle as JSON; evidence can be saved one by one.',
      changed: 'The process was changed in another tab during the export. Please export again; nothing was saved.',
      failed: (detail: string) => `The export failed (${detail}). Nothing was saved and nothing in the process changed.`,
    },
  },
};

export type ExportMessages = (typeof exportMessages)['de'];
