/** Texts of team sync: the header's status per shared process, Settings → Synchronisation, conflicts. */
import type { SyncProblem } from '../../../machines/sync/sync.machine.ts';
import { ERROR_TEXT, type SyncErrorCode } from '../../domain/sync/protocol.ts';

const serverText = (code: string, lang: 'de' | 'en'): string | null => ERROR_TEXT[code as SyncErrorCode]?.[lang] ?? null;

const local = {
  de: {
    notLinked: 'Dieser Prozess ist auf diesem Gerät nicht mehr verbunden.',
    processNotFound: 'Der Server kennt diesen Prozess nicht (oder Ihr Schlüssel ist in ihm nicht eingetragen).',
    serverLogInvalid: 'Die Einträge des Servers lassen sich nicht prüfen. Es wurde nichts übernommen; bitte die Betreiberin informieren.',
    network: 'Server nicht erreichbar.',
    exists: 'Dieser Prozess ist auf diesem Gerät schon vorhanden.',
  },
  en: {
    notLinked: 'This process is no longer connected on this device.',
    processNotFound: 'The server does not know this process (or your key is not registered in it).',
    serverLogInvalid: "The server's entries do not verify. Nothing was taken over; please tell the operator.",
    network: 'Server not reachable.',
    exists: 'This process is already on this device.',
  },
};

export function problemText(problem: SyncProblem, lang: 'de' | 'en'): string {
  if (problem.code === 'network') return local[lang].network;
  const known = local[lang][problem.error as keyof (typeof local)['de']];
  return known ?? serverText(problem.error, lang) ?? problem.error;
}

export const syncMessages = {
  de: {
    headerLabel: 'Synchronisation',
    status: {
      offline: 'offline',
      connecting: 'verbindet …',
      pulling: 'holt Änderungen …',
      pushing: 'sendet …',
      live: 'synchronisiert',
      backoff: 'Server nicht erreichbar, neuer Versuch gleich',
      conflict: 'Konflikt',
      refused: 'vom Server abgelehnt',
      locked: 'Profil gesperrt: zum Synchronisieren entsperren',
      otherProfile: 'verbunden für eine andere Person dieses Geräts',
    },
    pending: (n: number) => (n === 1 ? '1 Eintrag ausstehend' : `${n} Einträge ausstehend`),
    retry: 'Erneut versuchen',
    settingsTitle: 'Synchronisation',
    settingsIntro:
      'Über einen Synchronisationsserver arbeitet ein Team an einem Prozess: Einträge anderer erscheinen hier, sobald sie gemacht werden. Ohne Verbindung arbeitet Ankerpunkt wie bisher nur auf diesem Gerät.',
    process: 'Prozess',
    serverUrl: 'Adresse des Servers',
    serverHint: 'z. B. https://ankerpunkt-sync.intranet.example – von der Betreiberin des Servers.',
    invitation: 'Einladungscode (nur für einen Prozess, den der Server noch nicht hat)',
    invitationHint: 'Die Betreiberin des Servers erstellt ihn; er gilt einmal.',
    connect: 'Verbinden',
    connecting: 'Verbinde …',
    connected: (name: string) => `„${name}“ ist verbunden.`,
    disconnect: 'Verbindung trennen',
    disconnected: (name: string) => `„${name}“ ist nicht mehr verbunden. Der Prozess bleibt auf diesem Gerät.`,
    connectedList: 'Verbundene Prozesse',
    none: 'Kein Prozess dieses Geräts ist verbunden.',
    noProcess: 'Auf diesem Gerät gibt es noch keinen eigenen Prozess.',
    needSigner: 'Zum Verbinden braucht es Ihr Profil mit entsperrtem Schlüssel.',
    badUrl: 'Bitte eine Adresse mit http:// oder https:// angeben.',
    connectTitle: 'Einen Prozess dieses Geräts verbinden',
    allConnected: 'Alle eigenen Prozesse dieses Geräts sind verbunden.',
    takeTitle: 'Einen Prozess vom Server holen',
    takeIntro:
      'Hat jemand aus dem Team den Prozess schon auf den Server gebracht und Sie darin eingetragen, holen Sie ihn hier auf dieses Gerät. Er wird dabei vollständig geprüft.',
    listRemote: 'Prozesse auf dem Server anzeigen',
    noRemote: 'Auf dem Server gibt es keinen weiteren Prozess, in dem Sie eingetragen sind.',
    remoteEntry: (id: string, events: number) => `Prozess ${id} (${events.toLocaleString('de-DE')} Einträge)`,
    take: 'Auf dieses Gerät holen',
    taken: 'Der Prozess ist geprüft, auf diesem Gerät gespeichert und verbunden.',
    connectedAs: (person: string, when: string) => `verbunden als ${person}, seit ${when}`,
    conflictsTitle: (n: number) =>
      n === 1 ? 'Ein Eintrag passt nicht mehr zum gemeinsamen Prozess' : `${n} Einträge passen nicht mehr zum gemeinsamen Prozess`,
    conflictsIntro:
      'Während dieses Gerät offline war, haben andere Einträge gemacht. Diese Einträge von hier nimmt der Prozess jetzt nicht mehr an. Sie sind nicht verloren: Prüfen Sie sie und tragen Sie sie bei Bedarf neu ein.',
    decisionBasis: 'Eine Entscheidung, deren Grundlage sich geändert hat: Sie muss neu getroffen werden.',
    dismiss: 'Erledigt, nicht mehr anzeigen',
  },
  en: {
    headerLabel: 'Synchronisation',
    status: {
      offline: 'offline',
      connecting: 'connecting …',
      pulling: 'fetching changes …',
      pushing: 'sending …',
      live: 'synchronised',
      backoff: 'server not reachable, trying again shortly',
      conflict: 'conflict',
      refused: 'refused by the server',
      locked: 'profile locked: unlock to synchronise',
      otherProfile: 'connected for another person of this device',
    },
    pending: (n: number) => (n === 1 ? '1 entry pending' : `${n} entries pending`),
    retry: 'Try again',
    settingsTitle: 'Synchronisation',
    settingsIntro:
      "Through a sync server a team works on one process: others' entries appear here as soon as they are made. Without a connection Ankerpunkt works on this device only, as before.",
    process: 'Process',
    serverUrl: 'Server address',
    serverHint: 'e.g. https://ankerpunkt-sync.intranet.example – from the server’s operator.',
    invitation: 'Invitation code (only for a process the server does not hold yet)',
    invitationHint: 'The server’s operator creates it; it works once.',
    connect: 'Connect',
    connecting: 'Connecting …',
    connected: (name: string) => `“${name}” is connected.`,
    disconnect: 'Disconnect',
    disconnected: (name: string) => `“${name}” is no longer connected. The process stays on this device.`,
    connectedList: 'Connected processes',
    none: 'No process of this device is connected.',
    noProcess: 'There is no process of your own on this device yet.',
    needSigner: 'Connecting needs your profile with its key unlocked.',
    badUrl: 'Please give an address starting with http:// or https://.',
    connectTitle: 'Connect a process of this device',
    allConnected: 'All processes of your own on this device are connected.',
    takeTitle: 'Fetch a process from the server',
    takeIntro:
      'If someone on the team has brought the process to the server and registered you in it, fetch it onto this device here. It is verified in full on the way.',
    listRemote: 'Show processes on the server',
    noRemote: 'The server holds no further process in which you are registered.',
    remoteEntry: (id: string, events: number) => `Process ${id} (${events.toLocaleString('en-GB')} entries)`,
    take: 'Fetch onto this device',
    taken: 'The process is verified, stored on this device and connected.',
    connectedAs: (person: string, when: string) => `connected as ${person}, since ${when}`,
    conflictsTitle: (n: number) =>
      n === 1 ? 'One entry no longer fits the shared process' : `${n} entries no longer fit the shared process`,
    conflictsIntro:
      'While this device was offline, others made entries. The process no longer accepts these entries from here. They are not lost: check them and record them again if needed.',
    decisionBasis: 'A decision whose basis has changed: it must be made again.',
    dismiss: 'Done, do not show again',
  },
};
