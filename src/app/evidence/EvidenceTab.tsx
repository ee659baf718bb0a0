/**
 * The "Nachweise" tab: attaching evidence (a file, a link or a note) and the list of all
 * evidence with its versions, previews and downloads.
 */
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { useActionScope } from '../process-data.tsx';
import { AttachForm } from './AttachForm.tsx';
import { EvidenceList } from './EvidenceList.tsx';
import './evidence.css';

/** `item`: the evidence a link pointed at; the list shows and focuses it. */
export function EvidenceTab({ processId, snapshot, item }: { processId: string; snapshot: ProcessSnapshot; item?: string | undefined }) {
  const { may } = useActionScope(snapshot);
  return (
    <div className="evidence-tab">
      {may('EvidenceAttached') ? <AttachForm processId={processId} snapshot={snapshot} /> : null}
      <EvidenceList processId={processId} snapshot={snapshot} item={item} />
    </div>
  );
}
