/** What a failed write means for the person who tried it, in German and English: nothing was changed, and what to do now. */
import type { StorageProblem } from '../db/storage-errors.ts';
import type { Lang } from './lang.ts';

export const STORAGE_MESSAGES: Record<StorageProblem['code'], Record<Lang, string>> = {
  quota: {
    de: 'Der Speicher dieses Geräts ist voll. Es wurde nichts gespeichert und nichts geht verloren. Bitte Speicher freigeben (z. B. eine Sicherung exportieren und große Nachweise entfernen) und erneut versuchen.',
    en: "This device's storage is full. Nothing was saved and nothing is lost. Please free some space (for example export a backup and remove large evidence files) and try again.",
  },
  closed: {
    de: 'Ankerpunkt wurde in einem anderen Tab aktualisiert. Bitte diese Seite neu laden; es wurde nichts gespeichert.',
    en: 'Ankerpunkt was updated in another tab. Please reload this page; nothing was saved.',
  },
  corrupt: {
    de: 'Die gespeicherten Daten dieses Prozesses sind beschädigt. Es wurde nichts gespeichert und nichts gelöscht. Bitte eine Sicherung wiederherstellen oder den Prüfpfad prüfen lassen.',
    en: "This process's stored data is damaged. Nothing was saved and nothing was deleted. Please restore a backup or have the audit trail checked.",
  },
  concurrent: {
    de: 'Ein anderer Tab hat gleichzeitig gespeichert. Bitte den Schritt erneut ausführen; es wurde nichts doppelt gespeichert.',
    en: 'Another tab saved at the same time. Please repeat the step; nothing was saved twice.',
  },
  readOnly: {
    de: 'Dieser Prozess ist eine Kopie nur zum Lesen. Änderungen sind nur im Original möglich; es wurde nichts gespeichert.',
    en: 'This process is a read-only copy. Changes can only be made in the original; nothing was saved.',
  },
  failed: {
    de: 'Speichern ist fehlgeschlagen. Es wurde nichts geändert.',
    en: 'Saving failed. Nothing was changed.',
  },
};
