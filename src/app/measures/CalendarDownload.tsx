/**
 * Downloads the process's deadlines as a calendar file for Outlook. The file is built on this
 * device from the log (nothing is sent anywhere) and handed over as a Blob download.
 */
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { useServices } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { downloadText } from '../ui/download.ts';
import { calendarEntries, calendarFor } from './ics.ts';
import { measuresMessages } from './messages.ts';

export function CalendarDownload({ snapshot, announce }: { snapshot: ProcessSnapshot; announce: (message: string) => void }) {
  const t = useMessages(measuresMessages);
  const { lang } = useLang();
  const { engine, now } = useServices();
  const download = () => {
    const at = now();
    downloadText(
      `ankerpunkt-fristen-${snapshot.context.processId}.ics`,
      calendarFor(snapshot, engine.rulebook, lang, at),
      'text/calendar;charset=utf-8',
    );
    announce(t.calendarDone(calendarEntries(snapshot, engine.rulebook, lang, at).length));
  };
  return (
    <div className="calendar-download">
      <button type="button" onClick={download} aria-describedby="calendar-hint">
        {t.calendar}
      </button>
      <p className="field-hint" id="calendar-hint">
        {t.calendarHint}
      </p>
    </div>
  );
}
