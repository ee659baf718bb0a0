/**
 * The "Nachweise" tab: attaching evidence (a file, a link or a note) and the list of all
 * evidence with its versions, previews and downloads.
 */
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { AttachForm } from './AttachForm.tsx';
import { EvidenceList } from './EvidenceList.tsx';
import './evidence.css';

/** `item`: the evidence a link pointed at; the list shows and focuses it. */
export function EvidenceTab({ processId, snapshot, item }: { processId: string; snapshot: ProcessSnapshot; item?: string | undefined }) {
  return (
    <div className="evidence-tab">
      <AttachForm processId={processId} snapshot={snapshot} />
      <EvidenceList processId={processId} snapshot={snapshot} item={item} />
    </div>
  );
}
