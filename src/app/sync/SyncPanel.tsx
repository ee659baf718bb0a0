/**
 * The header's line per shared process, and the machines behind it: one sync machine
 * (machines/sync/sync.machine.ts) per process linked on this device, run with @xstate/react while
 * the app is open. Loaded only when a process is linked, so a device without a server downloads
 * none of this. Requests are signed with the current person's key; while it is locked (or the link
 * belongs to another person of this device) the line says so and nothing is sent.
 */
import { useActorRef, useSelector } from '@xstate/react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo } from 'react';
import { syncMachine } from '../../../machines/sync/sync.machine.ts';
import { processHead, type SyncLink, syncLink } from '../../db/reads.ts';
import { pendingEvents } from '../../db/sync-reads.ts';
import { SyncClient } from '../../domain/sync/client.ts';
import { eventSignerOf, type Signer, useBaseServices, useProcessList, useSend, useSigner } from '../data.tsx';
import { useLang, useMessages } from '../i18n.tsx';
import { Status } from '../ui/Announcer.tsx';
import { problemText, syncMessages } from './messages.ts';
import { syncActors } from './sync-actors.ts';
import './sync.css';

export function SyncPanel({ links }: { links: readonly SyncLink[] }) {
  const t = useMessages(syncMessages);
  return (
    <section className="sync-panel" aria-label={t.headerLabel}>
      <ul>
        {links.map((link) => (
          <ProcessSync key={`${link.processId} ${link.serverUrl}`} link={link} />
        ))}
      </ul>
    </section>
  );
}

function ProcessSync({ link }: { link: SyncLink }) {
  const t = useMessages(syncMessages);
  const signer = useSigner();
  const name = useProcessList()?.find((p) => p.processId === link.processId)?.agencyName ?? link.processId;
  if (!signer || signer.identity.personId !== link.personId) {
    return (
      <li>
        <strong>{name}:</strong> {signer ? t.status.otherProfile : t.status.locked}
      </li>
    );
  }
  // A new key (unlocked again, replaced) starts a new machine: requests are signed with it.
  return <RunningSync key={signer.identity.publicKey.keyId} link={link} signer={signer} name={name} />;
}

function RunningSync({ link, signer, name }: { link: SyncLink; signer: Signer; name: string }) {
  const t = useMessages(syncMessages);
  const { lang } = useLang();
  const { db, sha256 } = useBaseServices();
  const send = useSend();
  const machine = useMemo(() => {
    const client = new SyncClient({
      baseUrl: link.serverUrl,
      key: { privateKey: signer.privateKey, record: signer.identity.publicKey },
      sha256,
    });
    const own = eventSignerOf(signer);
    return syncMachine.provide({
      actors: syncActors({
        processId: link.processId,
        client,
        send,
        link: () => syncLink(db, link.processId),
        pending: (current) => pendingEvents(db, link.processId, current),
        signerFor: (event) => (event.signerKeyId === signer.identity.publicKey.keyId ? own : null),
      }),
    });
  }, [link.processId, link.serverUrl, signer, db, sha256, send]);
  const actor = useActorRef(machine, { input: { online: navigator.onLine, pending: 0 } });
  const view = useSelector(actor, (s) => ({ status: s.value, conflicts: s.context.conflicts, problem: s.context.problem }), sameView);

  useEffect(() => {
    const online = () => actor.send({ type: 'ONLINE' });
    const offline = () => actor.send({ type: 'OFFLINE' });
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  }, [actor]);

  // Any append to the process (this tab, another tab, a command of any screen) beyond the agreed
  // head is something to push: the log itself is the outbox.
  const head = useLiveQuery(() => processHead(db, link.processId), [db, link.processId]);
  useEffect(() => {
    if (head && head.seq > (link.agreed?.seq ?? 0)) actor.send({ type: 'LOCAL_APPENDED' });
  }, [head, link.agreed?.seq, actor]);

  const status = view.status === 'starting' ? 'connecting' : view.status;
  // Exact, from storage: the events after the agreed head (the machine only counts appends).
  const pending = head ? Math.max(0, head.seq - (link.agreed?.seq ?? 0)) : 0;
  const words = [t.status[status]];
  if (pending > 0) words.push(t.pending(pending));
  if (view.problem && (status === 'refused' || status === 'backoff')) words.push(problemText(view.problem, lang));
  return (
    <li className={`sync-${status}`}>
      <strong>{name}:</strong> <Status as="span">{words.join(' · ')}</Status>
      {status === 'refused' || status === 'backoff' || status === 'conflict' ? (
        <>
          {' '}
          <button type="button" className="link-button" onClick={() => actor.send({ type: 'RETRY' })}>
            {t.retry}
          </button>
        </>
      ) : null}
    </li>
  );
}

function sameView(a: { status: string; conflicts: number; problem: unknown }, b: typeof a): boolean {
  return a.status === b.status && a.conflicts === b.conflicts && a.problem === b.problem;
}
