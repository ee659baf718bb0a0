/** A key's fingerprint in groups of four, large enough to compare group by group while someone reads it aloud. */
import { fingerprint } from '../../domain/crypto/keys.ts';

export function Fingerprint({ keyId, large }: { keyId: string; large?: boolean }) {
  const groups = fingerprint(keyId).split(' ');
  return (
    <code className={large ? 'fingerprint fingerprint-large' : 'fingerprint'}>
      {groups.map((group, i) => (
        // Groups are positional: the same group may occur twice.
        // biome-ignore lint/suspicious/noArrayIndexKey: positional groups
        <span key={i} className="fingerprint-group">
          {group}
          {i < groups.length - 1 ? ' ' : ''}
        </span>
      ))}
    </code>
  );
}
