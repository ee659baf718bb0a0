export const backupMessages = {
  de: {
    title: 'Sicherung',
    intro:
      'Eine Sicherung ist eine einzige Datei mit allem, was auf diesem Gerät liegt: alle Prozesse mit ihrem vollständigen Protokoll, alle Nachweisdateien und die Profile. Bewahren Sie sie an einem sicheren Ort auf (z. B. im Gruppenlaufwerk). Mit ihr richten Sie ein neues Gerät ein.',
    keys:
      'Die privaten Schlüssel von Geräteprofilen sind nicht in der Sicherung: der Browser lässt sie nicht auslesen, sie verlassen dieses Gerät nie. Nach der Wiederherstellung erhält eine solche Person auf dem neuen Gerät einen neuen Schlüssel, der im Prozess eingetragen werden muss, bevor sie Freigaben signieren kann. Profile mit Passphrase werden mit ihrem verschlüsselten Schlüssel gesichert; sie lassen sich nur mit der Passphrase öffnen.',
    last: (when: string) => `Letzte Sicherung auf diesem Gerät: ${when}.`,
    never: 'Auf diesem Gerät wurde noch keine Sicherung erstellt.',
    create: 'Sicherung erstellen',
    creating: 'Sicherung wird erstellt …',
    progress: (done: string, total: string) => `Sicherung wird erstellt: ${done} von ${total} Nachweisen`,
    created: (name: string, size: string) => `Sicherung „${name}“ (${size}) wurde erstellt und heruntergeladen.`,
    createFailed: 'Die Sicherung konnte nicht erstellt werden. Auf diesem Gerät wurde nichts geändert.',
    restoreTitle: 'Sicherung wiederherstellen',
    restoreHint:
      'Holt Prozesse, Nachweise und Profile aus einer Sicherungsdatei auf dieses Gerät. Was hier schon genau so liegt, wird übersprungen; vorhandene Daten werden nie überschrieben.',
    restoreFile: 'Sicherungsdatei wählen (ZIP)',
    confirmTitle: 'Sicherung jetzt wiederherstellen?',
    confirmText: (name: string) =>
      `„${name}“ wird vollständig geprüft (jedes Protokoll und jede Nachweisdatei). Nur wenn alles stimmt, wird alles auf einmal gespeichert; sonst wird nichts gespeichert.`,
    confirm: 'Wiederherstellen',
    cancel: 'Abbrechen',
    restoring: 'Sicherung wird geprüft …',
    restoreProgress: (pct: number) => `Sicherung wird geprüft: ${pct} %`,
    restored: (when: string) => `Sicherung vom ${when} wiederhergestellt.`,
    restoredProcesses: (n: number) => `${n} Prozesse übernommen.`,
    skippedProcesses: (n: number) => `${n} Prozesse lagen schon unverändert hier und wurden übersprungen.`,
    restoredFiles: (n: number) => `${n} Nachweisdateien gespeichert.`,
    restoredProfiles: (names: string) => `Profile übernommen: ${names}.`,
    newKeys: (names: string) =>
      `Neuer Schlüssel erzeugt für: ${names}. Tragen Sie ihn im Prozess ein (Prüfen & Importieren → Übernahme, oder durch die Beauftragte), bevor Sie Freigaben signieren.`,
    reminderLabel: 'An eine Sicherung erinnern nach (Tagen)',
    reminderHint: 'Die Startseite erinnert Sie, wenn die letzte Sicherung länger her ist.',
    reminderSaved: 'Gespeichert.',
    reminderInvalid: 'Bitte eine ganze Zahl von 1 bis 365 eingeben.',
    reminderTitle: 'Zeit für eine Sicherung',
    reminderNever: 'Von den Daten auf diesem Gerät gibt es noch keine Sicherung. Geht das Gerät verloren oder löscht der Browser seine Daten, sind sie weg.',
    reminderOld: (days: number, when: string) =>
      `Die letzte Sicherung ist älter als ${days} Tage (${when}). Geht das Gerät verloren, fehlt alles, was seither eingetragen wurde.`,
    reminderLink: 'Zur Sicherung in den Einstellungen',
  },
  en: {
    title: 'Backup',
    intro:
      'A backup is one file with everything on this device: all processes with their complete log, all evidence files and the profiles. Keep it somewhere safe (e.g. the shared drive). It sets up a new device.',
    keys:
      "Device profiles' private keys are not in the backup: the browser does not let them be read, they never leave this device. After restoring, such a person gets a new key on the new device, which must be registered in the process before they can sign. Passphrase profiles are backed up with their encrypted key; only the passphrase opens it.",
    last: (when: string) => `Last backup on this device: ${when}.`,
    never: 'No backup has been made on this device yet.',
    create: 'Create backup',
    creating: 'Creating backup …',
    progress: (done: string, total: string) => `Creating backup: ${done} of ${total} evidence`,
    created: (name: string, size: string) => `Backup "${name}" (${size}) was created and downloaded.`,
    createFailed: 'The backup could not be created. Nothing was changed on this device.',
    restoreTitle: 'Restore a backup',
    restoreHint:
      'Brings processes, evidence and profiles from a backup file onto this device. What is here already, exactly the same, is skipped; existing data is never overwritten.',
    restoreFile: 'Choose a backup file (ZIP)',
    confirmTitle: 'Restore the backup now?',
    confirmText: (name: string) =>
      `"${name}" is checked completely (every log and every evidence file). Only if everything is right is everything saved at once; otherwise nothing is saved.`,
    confirm: 'Restore',
    cancel: 'Cancel',
    restoring: 'Checking the backup …',
    restoreProgress: (pct: number) => `Checking the backup: ${pct} %`,
    restored: (when: string) => `Backup of ${when} restored.`,
    restoredProcesses: (n: number) => `${n} processes restored.`,
    skippedProcesses: (n: number) => `${n} processes were here already, unchanged, and were skipped.`,
    restoredFiles: (n: number) => `${n} evidence files stored.`,
    restoredProfiles: (names: string) => `Profiles restored: ${names}.`,
    newKeys: (names: string) =>
      `New key made for: ${names}. Register it in the process (Verify & import → take-over, or by the ambassador) before signing.`,
    reminderLabel: 'Remind me of a backup after (days)',
    reminderHint: 'The start page reminds you when the last backup is older.',
    reminderSaved: 'Saved.',
    reminderInvalid: 'Please enter a whole number from 1 to 365.',
    reminderTitle: 'Time for a backup',
    reminderNever: 'There is no backup yet of the data on this device. If the device is lost or the browser deletes its data, it is gone.',
    reminderOld: (days: number, when: string) =>
      `The last backup is older than ${days} days (${when}). If the device is lost, everything recorded since is missing.`,
    reminderLink: 'To the backup in the settings',
  },
};
