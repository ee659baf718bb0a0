/**
 * The auditor's own knowledge, brought to the verdict: fingerprints they know from an identity
 * file, a phone call or an earlier export. The founder's key, or a named person's key, must be
 * among the log's keys, or the verdict says "nicht vertraut": a log signed throughout by keys the
 * auditor does not know could have been fabricated under the same names.
 */
import { useId, useState } from 'react';
import { checkTrust, isTrusted, parseTrustAnchors, type TrustResult } from '../../domain/trust.ts';
import type { Verdict } from '../../domain/verify.ts';
import { trustLines } from '../../i18n/verdict.ts';
import { useLang, useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';
import { verifyMessages } from './messages.ts';

type Intact = Extract<Verdict, { status: 'intact' }>;

export function TrustCheck({ verdict }: { verdict: Intact }) {
  const t = useMessages(verifyMessages);
  const { lang } = useLang();
  const id = useId();
  const [text, setText] = useState('');
  const [checked, setChecked] = useState<{ results: TrustResult[]; unreadable: string[] } | null>(null);

  const check = () => {
    const { anchors, unreadable } = parseTrustAnchors(text);
    setChecked({ results: checkTrust(verdict.snapshot.context, verdict.summary.attribution, anchors), unreadable });
  };
  const trusted = checked !== null && checked.results.length > 0 && checked.unreadable.length === 0 && checked.results.every(isTrusted);

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t.trustTitle}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          check();
        }}
      >
        <label htmlFor={`${id}-input`}>{t.trustLabel}</label>
        <textarea
          id={`${id}-input`}
          rows={3}
          value={text}
          spellCheck={false}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setText(e.target.value);
            setChecked(null);
          }}
        />
        <p className="hint" id={`${id}-hint`}>
          {t.trustHint}
        </p>
        <button type="submit">{t.trustCheck}</button>
      </form>
      {checked ? (
        <Status as="div" className={`notice ${trusted ? 'notice-info' : 'notice-error'}`}>
          <p>
            <strong>
              {trusted ? t.trusted : checked.results.length === 0 && checked.unreadable.length === 0 ? t.trustEmpty : t.notTrusted}
            </strong>
          </p>
          <ul>
            {trustLines(checked.results, lang).map((line) => (
              <li key={line}>{line}</li>
            ))}
            {checked.unreadable.map((part) => (
              <li key={`unreadable-${part}`}>{t.trustUnreadable(part)}</li>
            ))}
          </ul>
        </Status>
      ) : null}
    </section>
  );
}
