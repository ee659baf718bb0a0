/**
 * A labelled file input with a drop zone around it, for sign-off files. The input is the
 * accessible way (keyboard, screen reader); dropping is a mouse extra on the same handler.
 */
import { type DragEvent, useId, useState } from 'react';
import './signoff-files.css';

export function FileDrop({
  label,
  hint,
  dropHint,
  busy,
  onFile,
}: {
  label: string;
  hint: string;
  dropHint: string;
  busy?: boolean;
  onFile: (file: File) => void;
}) {
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const take = (files: FileList | null) => {
    const picked = files?.[0];
    if (picked && !busy) onFile(picked);
  };
  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a mouse extra; the labelled file input inside is the accessible way
    <div
      className={dragging ? 'drop-zone dragging signoff-drop' : 'drop-zone signoff-drop'}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        take(e.dataTransfer.files);
      }}
    >
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept="application/json,.json"
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          take(e.target.files);
          // Cleared so that choosing the same file again is noticed (and answered "already read in").
          e.target.value = '';
        }}
      />
      <p className="field-hint" id={`${id}-hint`}>
        {hint} <span aria-hidden="true">{dropHint}</span>
      </p>
    </div>
  );
}
