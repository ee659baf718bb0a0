/**
 * Settings → Synchronisation: connect a process of this device to a sync server (its address,
 * and for a process the server does not hold yet the operator's invitation code), see which are
 * connected, disconnect. Without a connection nothing changes: the app works on this device only.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, useState } from 'react';
import { storedLog } from '../../db/process-reads.ts';
import { syncLinks } from '../../db/reads.ts';
import { SyncClient } from '../../domain/sync/client.ts';
import { useBaseServices, useProcessList, useSend, useSigner } from '../data.tsx';
import { formatDateTime, useLang, useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { connectProcess } from './connect.ts';
import { problemText, syncMessages } from './messages.ts';

export function SyncSettings() {
  const t = useMessages(syncMessages);
  const { lang } = useLang();
  const { db, sha256, now } = useBaseServices();
  const send = useSend();
  const signer = useSigner();
  const processes = (useProcessList() ?? []).filter((p) => !p.readOnly);
  const links = useLiveQuery(() => syncLinks(db), [db]) ?? [];
  const unlinked = processes.filter((p) => !links.some((l) => l.processId === p.processId));
  const [processId, setProcessId] = useState('');
  const [serverUrl, setServerUrl] = useState('');
  const [invitation, setInvitation] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const chosen = processId || unlinked[0]?.processId || '';
  const nameOf = (id: string) => processes.find((p) => p.processId === id)?.agencyName ?? id;

  const connect = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !signer || !chosen) return;
    const url = serverUrl.trim();
    if (!/^https?:\/\/[^\s/]+/.test(url)) {
      setUrlError(t.badUrl);
      return;
    }
    setUrlError(null);
    setBusy(true);
    setMessage(null);
    const client = new SyncClient({ baseUrl: url, key: { privateKey: signer.privateKey, record: signer.identity.publicKey }, sha256 });
    const { events } = await storedLog(db, chosen);
    const out = await connectProcess({
      client,
      send,
      processId: chosen,
      personId: signer.identity.personId,
      serverUrl: url,
      invitation,
      events,
      now: now(),
    });
    setBusy(false);
    if (out.ok) {
      setInvitation('');
      setProcessId('');
      setMessage({ ok: true, text: t.connected(nameOf(chosen)) });
    } else {
      setMessage({ ok: false, text: problemText({ code: 'refused', error: out.error, reasons: [] }, lang) });
    }
  };

  const disconnect = async (id: string) => {
    await send('unlinkSync', { processId: id });
    setMessage({ ok: true, text: t.disconnected(nameOf(id)) });
  };

  return (
    <section aria-labelledby="sync-title" className="card">
      <h2 id="sync-title">{t.settingsTitle}</h2>
      <p>{t.settingsIntro}</p>
      <h3>{t.connectedList}</h3>
      {links.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <ul>
          {links.map((link) => (
            <li key={link.processId}>
              <strong>{nameOf(link.processId)}</strong> – {link.serverUrl} ({t.since(formatDateTime(link.connectedAt, lang))}){' '}
              <button type="button" onClick={() => disconnect(link.processId)}>
                {t.disconnect}
              </button>
            </li>
          ))}
        </ul>
      )}
      {unlinked.length === 0 ? (
        processes.length === 0 ? (
          <p>{t.noProcess}</p>
        ) : null
      ) : !signer ? (
        <p>{t.needSigner}</p>
      ) : (
        <form onSubmit={connect} noValidate>
          <SelectField label={t.process} value={chosen} onChange={(e) => setProcessId(e.target.value)}>
            {unlinked.map((p) => (
              <option key={p.processId} value={p.processId}>
                {p.agencyName}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t.serverUrl}
            hint={t.serverHint}
            type="url"
            inputMode="url"
            autoComplete="url"
            value={serverUrl}
            onChange={(e) => setServerUrl(e.target.value)}
            error={urlError}
            required
          />
          <TextField
            label={t.invitation}
            hint={t.invitationHint}
            value={invitation}
            onChange={(e) => setInvitation(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
          <button type="submit" className="primary" aria-disabled={busy ? true : undefined}>
            {busy ? t.connecting : t.connect}
          </button>
        </form>
      )}
      <Status className={message && !message.ok ? 'notice notice-error' : 'status-line'}>{message?.text ?? ''}</Status>
    </section>
  );
}
