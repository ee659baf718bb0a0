/**
 * A file input that speaks the app's language. The browser draws its own button and "No file
 * chosen" in the browser's language, whatever the page's; here the native input stays the one
 * control (labelled, focusable, clickable: it lies transparent over the visible parts), and what
 * is shown beside it is ours: "Datei auswählen" and the chosen file's name.
 */
import { type InputHTMLAttributes, useId, useState } from 'react';
import { useMessages } from '../i18n.tsx';
import './file-input.css';

const messages = {
  de: {
    choose: 'Datei auswählen',
    chooseMany: 'Dateien auswählen',
    none: 'Keine Datei ausgewählt',
    chosen: (names: readonly string[]) => (names.length === 1 ? `Gewählt: ${names[0]}` : `Gewählt: ${names.length} Dateien`),
  },
  en: {
    choose: 'Choose file',
    chooseMany: 'Choose files',
    none: 'No file chosen',
    chosen: (names: readonly string[]) => (names.length === 1 ? `Chosen: ${names[0]}` : `Chosen: ${names.length} files`),
  },
};

type NativeProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'onChange' | 'value' | 'className'>;

export function FileInput({
  onFiles,
  'aria-describedby': describedBy,
  ...input
}: NativeProps & {
  id: string;
  /** The chosen files; the input is cleared afterwards, so choosing the same file again is noticed. */
  onFiles: (files: File[]) => void;
}) {
  const t = useMessages(messages);
  const nameId = useId();
  const [chosen, setChosen] = useState<readonly string[]>([]);
  return (
    <span className={`file-input${input.disabled ? ' file-input-disabled' : ''}`}>
      <input
        {...input}
        type="file"
        className="file-input-native"
        aria-describedby={[describedBy ?? '', nameId].filter(Boolean).join(' ')}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length === 0) return;
          setChosen(files.map((f) => f.name));
          onFiles(files);
        }}
      />
      <span className="file-input-button" aria-hidden="true">
        {input.multiple ? t.chooseMany : t.choose}
      </span>
      <span className="file-input-name" id={nameId} aria-hidden="true">
        {chosen.length > 0 ? t.chosen(chosen) : t.none}
      </span>
    </span>
  );
}
