/**
 * Settings → Synchronisation: connect a process of this device to a sync server (its address,
 * and for a process the server does not hold yet the operator's invitation code), see which are
 * connected, disconnect. Without a connection nothing changes: the app works on this device only.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, useState } from 'react';
import { storedLog } from '../../db/process-reads.ts';
import { profiles, syncLinks } from '../../db/reads.ts';
import { SyncClient } from '../../domain/sync/client.ts';
import { useBaseServices, useProcessList, useSend, useSigner } from '../data.tsx';
import { formatDateTime, useLang, useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { connectProcess, takeFromServer } from './connect.ts';
import { problemText, syncMessages } from './messages.ts';

export function SyncSettings() {
  const t = useMessages(syncMessages);
  const { lang } = useLang();
  const { db, sha256, now } = useBaseServices();
  const send = useSend();
  const signer = useSigner();
  const allProcesses = useProcessList();
  const processes = (allProcesses ?? []).filter((p) => !p.readOnly);
  const [remote, setRemote] = useState<{ processId: string; head: { seq: number } }[] | null>(null);
  const links = useLiveQuery(() => syncLinks(db), [db]) ?? [];
  const people = useLiveQuery(() => profiles(db), [db]) ?? [];
  const personName = (personId: string) => people.find((p) => p.personId === personId)?.name ?? personId;
  const unlinked = processes.filter((p) => !links.some((l) => l.processId === p.processId));
  const [processId, setProcessId] = useState('');
  const [serverUrl, setServerUrl] = useState('');
  const [invitation, setInvitation] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const chosen = processId || unlinked[0]?.processId || '';
  const nameOf = (id: string) => processes.find((p) => p.processId === id)?.agencyName ?? id;

  /** A client for the address typed, or null (and the field says why) when it is not one. */
  const clientFor = (): { client: SyncClient; url: string } | null => {
    const url = serverUrl.trim();
    if (!signer || !/^https?:\/\/[^\s/]+/.test(url)) {
      setUrlError(t.badUrl);
      return null;
    }
    setUrlError(null);
    return {
      url,
      client: new SyncClient({ baseUrl: url, key: { privateKey: signer.privateKey, record: signer.identity.publicKey }, sha256 }),
    };
  };

  const failed = (error: string) => setMessage({ ok: false, text: problemText({ code: 'refused', error, reasons: [] }, lang) });

  const listRemote = async () => {
    const target = clientFor();
    if (busy || !target) return;
    setBusy(true);
    setMessage(null);
    const listed = await target.client.listProcesses();
    setBusy(false);
    if (!listed.ok) {
      // A key in none of the server's logs: nothing there for this person yet.
      if (listed.error === 'keyUnknown') setRemote([]);
      else failed(listed.error);
      return;
    }
    const here = new Set((allProcesses ?? []).map((p) => p.processId));
    setRemote(listed.value.processes.filter((p) => !here.has(p.processId)));
  };

  const take = async (id: string) => {
    const target = clientFor();
    if (busy || !target || !signer) return;
    setBusy(true);
    setMessage(null);
    const out = await takeFromServer({
      client: target.client,
      send,
      processId: id,
      personId: signer.identity.personId,
      serverUrl: target.url,
      now: now(),
    });
    setBusy(false);
    if (!out.ok) {
      failed(out.error);
      return;
    }
    setRemote((list) => list?.filter((r) => r.processId !== id) ?? null);
    setMessage({ ok: true, text: t.taken });
  };

  const connect = async (e: FormEvent) => {
    e.preventDefault();
    const target = clientFor();
    if (busy || !signer || !chosen || !target) return;
    const { client, url } = target;
    setBusy(true);
    setMessage(null);
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
    } else failed(out.error);
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
              <strong>{nameOf(link.processId)}</strong> – {link.serverUrl} (
              {t.connectedAs(personName(link.personId), formatDateTime(link.connectedAt, lang))}){' '}
              <button type="button" onClick={() => disconnect(link.processId)}>
                {t.disconnect}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!signer ? (
        <p>{t.needSigner}</p>
      ) : (
        <>
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
          <h3>{t.connectTitle}</h3>
          {unlinked.length === 0 ? (
            <p>{processes.length === 0 ? t.noProcess : t.allConnected}</p>
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
          <h3>{t.takeTitle}</h3>
          <p>{t.takeIntro}</p>
          <button type="button" onClick={listRemote} aria-disabled={busy ? true : undefined}>
            {t.listRemote}
          </button>
          {remote === null ? null : remote.length === 0 ? (
            <p>{t.noRemote}</p>
          ) : (
            <ul>
              {remote.map((r) => (
                <li key={r.processId}>
                  {t.remoteEntry(r.processId, r.head.seq)}{' '}
                  <button type="button" onClick={() => take(r.processId)} aria-disabled={busy ? true : undefined}>
                    {t.take}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <Status className={message && !message.ok ? 'notice notice-error' : 'status-line'}>{message?.text ?? ''}</Status>
    </section>
  );
}
