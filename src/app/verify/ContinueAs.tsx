/**
 * After a take-over: who continues the process on this device. Every entry is signed with the key
 * of the person who records it, and a key counts only if someone already valid in the log
 * registered it; no one can register their own new key. So the process continues here only as a
 * profile of this device whose key is registered in it as an ambassador's (the previous ambassador
 * registered it from the identity file before exporting). Otherwise this says how to get there.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { ProcessSnapshot } from '../../../machines/process/process.explain.ts';
import type { Identity } from '../../db/database.ts';
import { profiles as storedProfiles } from '../../db/reads.ts';
import { useCurrentIdentity, useSend, useServices } from '../data.tsx';
import { useMessages } from '../i18n.tsx';
import { Fingerprint } from '../profiles/Fingerprint.tsx';
import { Link } from '../router.tsx';
import { Status } from '../ui/Announcer.tsx';
import { verifyMessages } from './messages.ts';

/** Whether this profile's current key is a valid ambassador's key in the process. */
function continuesAsAmbassador(snapshot: ProcessSnapshot, identity: Identity): boolean {
  const ctx = snapshot.context;
  const key = ctx.keys[identity.publicKey.keyId];
  return (
    key !== undefined &&
    key.personId === identity.personId &&
    key.revokedAt === null &&
    (ctx.people[identity.personId]?.roles.includes('ambassador') ?? false)
  );
}

export function ContinueAs({ snapshot }: { processId: string; snapshot: ProcessSnapshot }) {
  const t = useMessages(verifyMessages);
  const { db } = useServices();
  const send = useSend();
  const current = useCurrentIdentity();
  const profiles = useLiveQuery(() => storedProfiles(db), [db]);
  const [switched, setSwitched] = useState<string | null>(null);

  if (current && continuesAsAmbassador(snapshot, current)) {
    return <Status>{switched ? t.switched(switched) : t.alreadyRegistered(current.name)}</Status>;
  }
  const candidate = profiles?.find((p) => continuesAsAmbassador(snapshot, p));
  return (
    <div className="continue-as">
      <h3>{t.continueTitle}</h3>
      {candidate ? (
        <>
          <p>
            {t.switchHint} {candidate.name}, <Fingerprint keyId={candidate.publicKey.keyId} />
          </p>
          <button
            type="button"
            className="primary"
            onClick={async () => {
              await send('chooseProfile', { personId: candidate.personId });
              setSwitched(candidate.name);
            }}
          >
            {t.switchTo(candidate.name)}
          </button>
        </>
      ) : (
        <>
          <p>{t.notRegistered}</p>
          <ol>
            {t.notRegisteredSteps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          <Link to={{ screen: 'settings' }}>{t.openProfiles}</Link>
        </>
      )}
      <p className="hint">{t.revokeHint}</p>
    </div>
  );
}
