/**
 * Form fields with their label, hint and error wired for assistive technology: the error is
 * announced with the field (aria-describedby, aria-invalid), never by colour alone.
 */
import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react';

interface Common {
  label: string;
  hint?: string;
  error?: string | null;
  required?: boolean;
}

function Described({ id, hint, error }: { id: string; hint?: string; error?: string | null }) {
  return (
    <>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} error={error} />
    </>
  );
}

/** An error under a field, marked by an icon and words, not by colour alone. */
export function FieldError({ id, error }: { id: string; error?: string | null }) {
  if (!error) return null;
  return (
    <p className="field-error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  );
}

function describedBy(id: string, hint?: string, error?: string | null): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

/** Label, hint and error around one control; `control` gets the id and ARIA wiring. */
function FieldFrame({
  label,
  hint,
  error,
  required,
  control,
}: Common & { control: (aria: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string; required?: boolean }) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {control({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(id, hint, error), required })}
      <Described id={id} hint={hint} error={error} />
    </div>
  );
}

export function TextField({ label, hint, error, required, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return <FieldFrame label={label} hint={hint} error={error} required={required} control={(aria) => <input {...aria} {...input} />} />;
}

export function TextArea({ label, hint, error, required, ...input }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <FieldFrame label={label} hint={hint} error={error} required={required} control={(aria) => <textarea {...aria} {...input} />} />;
}

export function SelectField({
  label,
  hint,
  error,
  required,
  children,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { children: ReactNode }) {
  return (
    <FieldFrame
      label={label}
      hint={hint}
      error={error}
      required={required}
      control={(aria) => (
        <select {...aria} {...select}>
          {children}
        </select>
      )}
    />
  );
}
