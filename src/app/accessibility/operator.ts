/**
 * Who runs this installation: the contact data the accessibility statement must name (BITV 2.0
 * § 12b) and where feedback goes. The operator edits `operator.json` next to `index.html` after
 * building (docs/hosting.md), so one build serves every agency without a rebuild.
 *
 * The file is read like any other untrusted input: size-limited, strictly parsed, checked by
 * zod. It is deliberately not precached by the service worker (an edited file would otherwise
 * never reach devices that have the old one); the last good copy is kept on the device so the
 * statement still names a contact offline.
 */
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { parseJsonBytes } from '../../domain/json-bytes.ts';
import { jsonProblemText } from '../../i18n/json-problems.ts';

const MAX_BYTES = 16 * 1024;
const STORAGE_KEY = 'ankerpunkt.operator';

const Text = (max: number) => z.string().trim().min(1).max(max);

export const OperatorSchema = z.strictObject({
  /** The body responsible for this installation, e.g. "Agentur für Arbeit Reutlingen". */
  organisation: Text(200),
  /** Address for feedback on accessibility; the form writes an e-mail to it. */
  email: z.email().max(200),
  phone: Text(60).optional(),
  /** Postal address, one line per entry. */
  address: z.array(Text(200)).max(6).optional(),
  /** A video in Deutsche Gebärdensprache explaining the app, if the operator provides one. */
  signLanguageVideo: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});
export type Operator = z.infer<typeof OperatorSchema>;

export type OperatorState =
  | { status: 'loading' }
  /** No operator.json is deployed (and none was seen before): the statement says who must add it. */
  | { status: 'missing' }
  | { status: 'ready'; operator: Operator; fromCache: boolean }
  /** A file is deployed but unusable; `problem` is for the operator, shown on the statement page. */
  | { status: 'invalid'; problem: string };

/** Reads and checks the bytes of an operator.json. */
export function readOperatorFile(bytes: Uint8Array): { ok: true; operator: Operator } | { ok: false; problem: string } {
  const parsed = parseJsonBytes(bytes, MAX_BYTES);
  if (!parsed.ok) {
    const { problem } = parsed;
    return { ok: false, problem: problem.code === 'tooLarge' ? `größer als ${MAX_BYTES / 1024} KiB` : jsonProblemText(problem, 'de') };
  }
  const checked = OperatorSchema.safeParse(parsed.json);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') || '(Datei)'}: ${issue?.message ?? 'ungültig'}` };
  }
  return { ok: true, operator: checked.data };
}

function cachedOperator(): Operator | null {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    if (!text) return null;
    const result = readOperatorFile(new TextEncoder().encode(text));
    return result.ok ? result.operator : null;
  } catch {
    return null;
  }
}

async function loadOperator(): Promise<OperatorState> {
  let response: Response;
  try {
    response = await fetch('./operator.json', { cache: 'no-cache' });
  } catch {
    // Offline: the last copy this device saw.
    const cached = cachedOperator();
    return cached ? { status: 'ready', operator: cached, fromCache: true } : { status: 'missing' };
  }
  if (response.status === 404) return { status: 'missing' };
  // A server that answers every path with index.html (a SPA fallback) has no operator.json either.
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok || type.includes('text/html')) return { status: 'missing' };
  const bytes = new Uint8Array(await response.arrayBuffer());
  const result = readOperatorFile(bytes);
  if (!result.ok) return { status: 'invalid', problem: result.problem };
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(result.operator));
  } catch {
    // not remembered for offline use; still shown now
  }
  return { status: 'ready', operator: result.operator, fromCache: false };
}

let pending: Promise<OperatorState> | null = null;

/** The operator's data, fetched once per page load. */
export function useOperator(): OperatorState {
  const [state, setState] = useState<OperatorState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    pending ??= loadOperator();
    pending.then((s) => live && setState(s));
    return () => {
      live = false;
    };
  }, []);
  return state;
}
