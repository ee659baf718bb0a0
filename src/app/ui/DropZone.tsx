/**
 * A labelled file input inside a zone that also takes a dropped file. The input is the way in
 * for everyone (keyboard, screen reader) and the only focusable control; dropping onto the zone
 * is a mouse extra that hands the file to the same handler. One file is taken (the first), or
 * all of them where the caller takes many.
 */
import { type DragEvent, type ReactNode, useId, useState } from 'react';
import { FileInput } from './FileInput.tsx';
import './drop-zone.css';

export function DropZone({
  label,
  hint,
  dropHint,
  dropNow,
  accept,
  disabled,
  describedBy,
  invalid,
  className,
  onFile,
  onFiles,
  children,
}: {
  label: string;
  /** Read with the input (aria-describedby), e.g. which file to choose and how large it may be. */
  hint?: string;
  /** Shown, not read: only a mouse can drop. */
  dropHint: string;
  /** Shown instead of `dropHint` while a file is dragged over the zone. */
  dropNow?: string;
  accept?: string;
  /** While set, chosen or dropped files are ignored (e.g. while the previous one is being read). */
  disabled?: boolean;
  /** Further ids describing the input, e.g. a notice or an error outside the zone. */
  describedBy?: string;
  invalid?: boolean;
  className?: string;
  /** One file at a time, or (with `onFiles`) many at once, e.g. fifty agencies' bundles. */
  onFile?: (file: File) => void;
  onFiles?: (files: File[]) => void;
  children?: ReactNode;
}) {
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const take = (files: readonly File[]) => {
    if (files.length === 0 || disabled) return;
    if (onFiles) onFiles([...files]);
    else if (files[0]) onFile?.(files[0]);
  };
  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    setDragging(!disabled);
  };
  const hintId = hint ? `${id}-hint` : '';
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a mouse extra; the labelled file input inside is the accessible way
    <div
      className={['drop-zone', dragging ? 'dragging' : '', className ?? ''].filter(Boolean).join(' ')}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        take(Array.from(e.dataTransfer.files));
      }}
    >
      <label htmlFor={id}>{label}</label>
      <FileInput
        id={id}
        accept={accept}
        multiple={onFiles ? true : undefined}
        aria-describedby={[hintId, describedBy ?? ''].filter(Boolean).join(' ') || undefined}
        aria-invalid={invalid ? true : undefined}
        aria-disabled={disabled ? true : undefined}
        onFiles={take}
      />
      <p className="field-hint">
        {hint ? <span id={hintId}>{hint}</span> : null}
        {hint ? ' ' : null}
        <span aria-hidden="true">{dragging && dropNow ? dropNow : dropHint}</span>
      </p>
      {children}
    </div>
  );
}
