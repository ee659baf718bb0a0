/**
 * The law of the response file: a response is accepted only as the director signed it. Any
 * single changed field (the decision, who signed in which role, the request and its hash, the
 * comment, when it was signed, the key, the signature, the process, the format) is refused and
 * appends nothing. Only the envelope fields `id` and `at` are not signed: the importing log
 * sets `at`, and a changed `id` cannot make the same signature count twice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../src/domain/bundle.ts';
import { utf8 } from '../../src/domain/crypto/encoding.ts';
import {
  buildRequestFile,
  buildResponseFile,
  checkRequestFile,
  loggedDecisions,
  parseRequestFile,
  parseResponseFile,
  responseCommand,
  serializeExchangeFile,
} from '../../src/domain/signoff-exchange.ts';
import { ProcessDriver, sha256 } from '../support/process-driver.ts';

type Json = Record<string, unknown>;

async function signedResponse(): Promise<{ p: ProcessDriver; response: Json }> {
  const p = await ProcessDriver.open();
  await p.attach('kontrakt');
  const { requestId } = await p.request();
  const bundle = await buildBundle({
    engine: p.engine,
    events: p.w.log.events,
    snapshot: p.snapshot,
    exporter: { personId: p.people.ikbo.personId, key: p.people.ikbo.key },
    exportedAt: p.later(),
  });
  const parsed = parseRequestFile(utf8(serializeExchangeFile(buildRequestFile({ bundle, requestId, files: [] }))));
  if (!parsed.ok) throw new Error('request file');
  const checked = await checkRequestFile(p.engine, parsed.file, sha256);
  if (!checked.ok) throw new Error('request check');
  const decision = await p.decisionCommand(p.people.gf, 'managingDirector', requestId, {
    snapshot: checked.checked.snapshot,
    decision: 'refused',
    comment: 'Der Zeitanteil fehlt.',
  });
  return { p, response: JSON.parse(serializeExchangeFile(buildResponseFile(p.ctx.processId, decision))) };
}

/** One field of the response, and how to change it into something else. */
interface Mutation {
  path: string[];
  value: fc.Arbitrary<unknown>;
}

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const MUTATIONS: Mutation[] = [
  { path: ['format'], value: fc.constantFrom('ankerpunkt.sign-off-request', 'ankerpunkt.audit-bundle', 'x') },
  { path: ['formatVersion'], value: fc.constantFrom(0, 2, '1', null) },
  { path: ['processId'], value: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/) },
  { path: ['requestId'], value: fc.stringMatching(/^r-[a-z0-9]{1,12}$/) },
  { path: ['decision', 'type'], value: fc.constantFrom('SignOffGranted', 'StageAdvanced', 'SignOffRequested') },
  { path: ['decision', 'actor', 'personId'], value: fc.constantFrom('p-ikbo', 'p-pr', 'p-rd', 'p-tv', 'p-fremd') },
  { path: ['decision', 'actor', 'role'], value: fc.constantFrom('ambassador', 'staffCouncil', 'regionalDirectorate', 'auditor') },
  { path: ['decision', 'payload', 'requestId'], value: fc.stringMatching(/^r-[a-z0-9]{1,12}$/) },
  { path: ['decision', 'payload', 'requestHash'], value: hex(64) },
  { path: ['decision', 'payload', 'comment'], value: fc.string({ minLength: 1, maxLength: 80 }) },
  {
    path: ['decision', 'payload', 'signedAt'],
    value: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  },
  { path: ['decision', 'payload', 'keyId'], value: hex(32) },
  { path: ['decision', 'payload', 'signature'], value: fc.stringMatching(/^[A-Za-z0-9_-]{86}$/) },
];

function withChange(response: Json, path: string[], value: unknown): Json {
  const copy = structuredClone(response);
  let node: Json = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Json;
  node[path[path.length - 1] as string] = value;
  return copy;
}

function valueAt(response: Json, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Json)[key], response);
}

describe('sign-off response file (property)', () => {
  it('refuses any single changed signed field and appends nothing', async () => {
    const { p, response } = await signedResponse();
    const before = p.w.log.events.length;
    const mutated = fc
      .constantFrom(...MUTATIONS)
      .chain((m) =>
        m.value.filter((v) => JSON.stringify(v) !== JSON.stringify(valueAt(response, m.path))).map((v) => ({ path: m.path, value: v })),
      );
    await fc.assert(
      fc.asyncProperty(mutated, async ({ path, value }) => {
        const parsed = parseResponseFile(utf8(JSON.stringify(withChange(response, path, value))));
        if (!parsed.ok) return; // refused as malformed
        const prepared = responseCommand(p.snapshot, parsed.file, loggedDecisions(p.w.log.events), p.later());
        if (!prepared.ok) return; // refused: another process
        const sent = await p.send(prepared.command);
        expect(sent.ok).toBe(false);
        expect(sent.reasons.length).toBeGreaterThan(0);
        expect(p.w.log.events.length).toBe(before);
      }),
      { numRuns: 150 },
    );
    // The unchanged response still goes in: the refusals were about the changes.
    const parsed = parseResponseFile(utf8(JSON.stringify(response)));
    if (!parsed.ok) throw new Error('original');
    const prepared = responseCommand(p.snapshot, parsed.file, loggedDecisions(p.w.log.events), p.later());
    if (!prepared.ok) throw new Error('original prepared');
    expect((await p.send(prepared.command)).ok).toBe(true);
  });
});
