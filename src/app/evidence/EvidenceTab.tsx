/**
 * The "Nachweise" tab: attaching evidence (a file, a link or a note) and the list of all
 * evidence with its versions, previews and downloads.
 */
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import { AttachForm } from './AttachForm.tsx';
import { EvidenceList } from './EvidenceList.tsx';
import './evidence.css';

export function EvidenceTab({ processId, snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  return (
    <div className="evidence-tab">
      <AttachForm processId={processId} snapshot={snapshot} />
      <EvidenceList processId={processId} snapshot={snapshot} />
    </div>
  );
}
