/**
 * The sign-off rules as a specification: who may grant a milestone, with which key, on which
 * version of the request, and when a grant stops counting. Which roles a milestone needs is
 * template data (standards/process-template.json): one case pins the rule as the template writes
 * it, another changes the data and shows that the machine follows.
 */
import { describe, expect, it } from 'vitest';
import type { PayloadOf } from '../../machines/process/process.events.ts';
import { type Reason, reason } from '../../machines/process/reasons.ts';
import { generateSigningKey } from '../../src/domain/crypto/keys.ts';
import { DemoWriter } from '../../src/domain/demo/demo-writer.ts';
import { proveKeyPossession } from '../../src/domain/event-signature.ts';
import { createEngine, statementFor } from '../../src/domain/process-engine.ts';
import { verifyEvents } from '../../src/domain/verify.ts';
import { parseRulebook, rawRulebook } from '../../standards/rulebook.ts';
import type { IqLevel, RoleId } from '../../standards/schema.ts';
import { digestOf, ProcessDriver, sha256 } from '../support/process-driver.ts';

async function expectRefused(p: ProcessDriver, command: unknown, expected: Reason): Promise<void> {
  const outcome = await p.send(command);
  expect(outcome.ok).toBe(false);
  expect(outcome.reasons).toContainEqual(expected);
  expect(outcome.appended).toBe(0);
  expect(outcome.stateKept).toBe(true);
}

async function expectAccepted(p: ProcessDriver, command: unknown, signer = p.signerFor(command)): Promise<void> {
  const outcome = await p.send(command, signer);
  expect(outcome.reasons).toEqual([]);
  expect(outcome.appended).toBe(1);
}

function revisionPayload(p: ProcessDriver, evidenceId: string, revision: number): PayloadOf<'EvidenceRevised'> {
  const url = `https://intranet.example/kontrakt-v${revision}`;
  return {
    evidenceId,
    revision,
    title: `Kontrakt, Fassung ${revision}`,
    documentDate: p.today(),
    reviewBy: null,
    content: { type: 'link', url, sha256: digestOf(url) },
    reason: 'Zeitanteil der IKBO angepasst',
  };
}

async function mandateRequested(): Promise<{ p: ProcessDriver; kontrakt: string; requestId: string }> {
  const p = await ProcessDriver.open();
  const kontrakt = await p.attach('kontrakt');
  const { requestId } = await p.request();
  return { p, kontrakt, requestId };
}

/** The roles any milestone of the template can ask to sign. */
function milestoneRoles(p: ProcessDriver): RoleId[] {
  return [...new Set(p.engine.rulebook.template.stages.flatMap((s) => s.milestone.signOffs.map((rule) => rule.role)))];
}

describe('sign-off', () => {
  describe('four eyes', () => {
    it('refuses to register the ambassador, who asks for sign-offs, in any role a milestone needs', async () => {
      const p = await ProcessDriver.open();
      const roles = milestoneRoles(p);
      expect(roles).toEqual(expect.arrayContaining(['managingDirector', 'staffCouncil', 'supervisoryBoard']));
      for (const role of roles) {
        const person = await DemoWriter.person(`p-${role.toLowerCase()}`, 'Alex Beide', ['ambassador', role], 'Agentur');
        const command = p.command('PersonRegistered', p.people.ikbo, await p.registrationOf(person));
        await expectRefused(p, command, reason('incompatibleRoles', { roles: ['ambassador', role] }));
      }
    });

    it('refuses a grant by the person who asked, even in a role that may sign', async () => {
      const p = await ProcessDriver.open();
      const both = await DemoWriter.person('p-doppel', 'Dana Doppel', ['ambassador', 'regionalDirectorate'], 'Agentur');
      await p.accept(p.command('PersonRegistered', p.people.ikbo, await p.registrationOf(both)));
      await p.attach('kontrakt');
      const request = p.requestCommand({ by: both });
      await p.accept(request);

      const grant = await p.decisionCommand(both, 'regionalDirectorate', request.payload.requestId);

      await expectRefused(p, grant, reason('sameRequesterAndApprover', { personId: 'p-doppel' }));
    });
  });

  describe('who signs', () => {
    it('refuses a signer whose role the request does not name', async () => {
      const { p, requestId } = await mandateRequested();
      const grant = await p.decisionCommand(p.people.rd, 'regionalDirectorate', requestId);
      await expectRefused(p, grant, reason('roleNotRequested', { requestId, role: 'regionalDirectorate' }));
    });

    it('refuses a signer who does not hold the role they sign in', async () => {
      const { p, requestId } = await mandateRequested();
      const grant = await p.decisionCommand(p.people.pr, 'managingDirector', requestId);
      await expectRefused(p, grant, reason('actorLacksRole', { personId: 'p-pr', role: 'managingDirector' }));
    });

    it('refuses a grant by the IQ coach, whose role never signs', async () => {
      const { p, requestId } = await mandateRequested();
      const grant = await p.decisionCommand(p.people.iq, 'iqCoach', requestId);
      await expectRefused(p, grant, reason('roleMayNot', { role: 'iqCoach', eventType: 'SignOffGranted' }));
    });
  });

  describe('keys', () => {
    it('refuses a decision signed with a key the process never registered', async () => {
      const { p, requestId } = await mandateRequested();
      const unregistered = await generateSigningKey();
      const grant = await p.decisionCommand(p.people.gf, 'managingDirector', requestId, { key: unregistered });
      await expectRefused(p, grant, reason('keyUnknown', { keyId: unregistered.record.keyId }));
    });

    it('refuses a decision signed with a revoked key, while a grant signed before the revocation stays valid', async () => {
      const { p, requestId: mandate } = await mandateRequested();
      const { gf, ikbo } = p.people;
      await p.decide(gf, 'managingDirector', mandate);
      await p.advance();
      const { keyId } = gf.key.record;
      const revocation = p.command('KeyRevoked', gf, { personId: gf.personId, keyId, reason: 'Laptop verloren' });
      await p.accept(revocation);
      await p.meetCriteria();
      const { requestId: setup } = await p.request();

      await expectRefused(
        p,
        await p.decisionCommand(gf, 'managingDirector', setup),
        reason('keyRevoked', { keyId, revokedAt: revocation.at }),
      );

      const verified = await verifyEvents(p.engine, p.w.log.events, sha256);
      expect(verified).toMatchObject({ ok: true, signatures: 1 });
      const earlier = p.w.log.events.find((e) => e.type === 'SignOffGranted');
      expect(earlier?.payload).toMatchObject({ requestId: mandate, keyId });

      const newKey = await generateSigningKey();
      const keyProof = await proveKeyPossession(gf.personId, newKey);
      await p.accept(p.command('KeyRegistered', ikbo, { personId: gf.personId, key: newKey.record, keyProof }));
      // On the director's new device, the new key signs both the decision and the event recording it.
      const onNewDevice = { personId: gf.personId, key: newKey };
      await expectAccepted(p, await p.decisionCommand(gf, 'managingDirector', setup, { key: newKey }), onNewDevice);
      await expectAccepted(p, p.advanceCommand());
      expect(await verifyEvents(p.engine, p.w.log.events, sha256)).toMatchObject({ ok: true, signatures: 2 });
    });
  });

  describe('another device', () => {
    it('accepts a decision on the request it was signed for, though other events were appended in between', async () => {
      const { p, requestId } = await mandateRequested();
      const onTheDirectorsDevice = p.snapshot;
      const requestSeq = p.w.log.events.length;
      // Meanwhile the ambassador keeps working on the shared log.
      await p.attach('notiz', { proves: { stage: null, measureId: null, standardIds: [] } });
      await p.accept(
        p.command(
          'PersonRegistered',
          p.people.ikbo,
          await p.registrationOf(await DemoWriter.person('p-neu', 'Nora Neumann', ['auditor'], 'Revision')),
        ),
      );

      const grant = await p.decisionCommand(p.people.gf, 'managingDirector', requestId, { snapshot: onTheDirectorsDevice });
      expect(statementFor(p.snapshot, grant)).toEqual(statementFor(onTheDirectorsDevice, grant));
      await expectAccepted(p, grant);

      expect(p.w.log.events.at(-1)).toMatchObject({ type: 'SignOffGranted', seq: requestSeq + 3 });
      expect(p.milestone().state).toBe('granted');
      await expectAccepted(p, p.advanceCommand());
      expect(await verifyEvents(p.engine, p.w.log.events, sha256)).toMatchObject({ ok: true, signatures: 1 });
    });
  });

  describe('refusal', () => {
    it('keeps the stage open after a refusal, and a new request can follow', async () => {
      const { p, requestId: first } = await mandateRequested();
      await p.decide(p.people.gf, 'managingDirector', first, 'refused');

      expect(p.ctx.stage).toBe('mandate');
      await expectRefused(p, p.advanceCommand(), reason('signOffRefused', { stage: 'mandate', requestId: first }));

      const { requestId: second } = await p.request();
      await p.decide(p.people.gf, 'managingDirector', second);
      await expectAccepted(p, p.advanceCommand());
      expect(p.ctx.stage).toBe('setup');
      // The refusal stays in the audit trail, signed like the grant.
      expect(await verifyEvents(p.engine, p.w.log.events, sha256)).toMatchObject({ ok: true, signatures: 2 });
    });

    it('refuses a refusal that gives no reason', async () => {
      const { p, requestId } = await mandateRequested();
      const refusal = await p.decisionCommand(p.people.gf, 'managingDirector', requestId, { decision: 'refused', comment: '' });
      await expectRefused(
        p,
        refusal,
        reason('invalidCommand', { path: 'payload.comment', message: expect.any(String), problem: 'missing' }),
      );
    });
  });

  describe('staleness', () => {
    it('makes a grant stale when covered evidence is revised; the stage advances only after a new grant', async () => {
      const { p, kontrakt, requestId: first } = await mandateRequested();
      await p.decide(p.people.gf, 'managingDirector', first);
      await p.accept(p.command('EvidenceRevised', p.people.ikbo, revisionPayload(p, kontrakt, 2)));

      await expectRefused(p, p.advanceCommand(), reason('signOffStale', { stage: 'mandate', requestId: first, evidenceIds: [kontrakt] }));

      const { requestId: second, covers } = await p.request();
      expect(covers).toMatchObject([{ evidenceId: kontrakt, revision: 2 }]);
      await expectRefused(
        p,
        p.advanceCommand(),
        reason('signOffPending', { stage: 'mandate', requestId: second, roles: ['managingDirector'] }),
      );
      await p.decide(p.people.gf, 'managingDirector', second);
      await expectAccepted(p, p.advanceCommand());
    });

    it('makes a grant stale when covered evidence passes its review date', async () => {
      const p = await ProcessDriver.open();
      const kontrakt = await p.attach('kontrakt', { reviewBy: '2024-01-31' });
      const { requestId } = await p.request();
      await p.decide(p.people.gf, 'managingDirector', requestId);

      const inFebruary = { ...p.advanceCommand(), at: '2024-02-01T09:00:00.000Z' };

      await expectRefused(p, inFebruary, reason('signOffStale', { stage: 'mandate', requestId, evidenceIds: [kontrakt] }));
    });
  });

  describe('who must sign the plan (template data)', () => {
    /** A process standing in the plan stage with a measure at each of `iqLevels` and the action plan attached. */
    async function planWith(agencyType: 'AA' | 'JC', iqLevels: IqLevel[]): Promise<ProcessDriver> {
      const p = await (await ProcessDriver.open({ agencyType })).reach('plan');
      for (const iqLevel of iqLevels) await p.planMeasure({ iqLevel });
      await p.meetCriteria();
      return p;
    }

    it('asks the supervisory board of a job centre where organisation or staff are affected', () => {
      const plan = rawRulebook.template.stages.find((s) => s.id === 'plan');
      expect(plan?.milestone.signOffs.find((rule) => rule.role === 'supervisoryBoard')?.when).toEqual({
        type: 'allOf',
        conditions: [
          { type: 'agencyType', agencyType: 'JC' },
          { type: 'measureIqLevel', levels: ['structure', 'staff'] },
        ],
      });
    });

    it.each<IqLevel>(['staff', 'structure'])(
      'in a job centre, needs the supervisory board when a %s-level measure is planned',
      async (iqLevel) => {
        const p = await planWith('JC', [iqLevel]);
        const { requestId, requiredRoles } = await p.request();
        expect(requiredRoles).toEqual(['managingDirector', 'supervisoryBoard']);

        await p.decide(p.people.gf, 'managingDirector', requestId);
        await expectRefused(p, p.advanceCommand(), reason('signOffPending', { stage: 'plan', requestId, roles: ['supervisoryBoard'] }));
        await p.decide(p.people.tv, 'supervisoryBoard', requestId);
        await expectAccepted(p, p.advanceCommand());
      },
    );

    it.each<IqLevel>(['services', 'cooperation'])(
      'in a job centre, needs only the managing director for a %s-level measure',
      async (iqLevel) => {
        const p = await planWith('JC', [iqLevel]);
        const { requiredRoles } = await p.request();
        expect(requiredRoles).toEqual(['managingDirector']);
      },
    );

    it('in an employment agency (AA), needs only the managing director, whatever the measures', async () => {
      const p = await planWith('AA', ['staff', 'structure']);
      const { requestId, requiredRoles } = await p.request();
      expect(requiredRoles).toEqual(['managingDirector']);
      await p.decide(p.people.gf, 'managingDirector', requestId);
      await expectAccepted(p, p.advanceCommand());
    });

    it('in a job centre, asks the supervisory board after the grant when a staff-level measure is added', async () => {
      const p = await planWith('JC', ['services']);
      const { requestId: first } = await p.request();
      await p.decide(p.people.gf, 'managingDirector', first);
      await p.planMeasure({ iqLevel: 'staff' });

      await expectRefused(p, p.advanceCommand(), reason('signOffMissing', { stage: 'plan', roles: ['supervisoryBoard'] }));
      const second = await p.request();
      expect(second.requiredRoles).toEqual(['managingDirector', 'supervisoryBoard']);
    });

    it('follows the template: without the supervisory-board rule a job centre needs only the managing director', async () => {
      const template = structuredClone(rawRulebook.template);
      const plan = template.stages.find((s) => s.id === 'plan');
      if (!plan) throw new Error('the template has no plan stage');
      plan.milestone.signOffs = plan.milestone.signOffs.filter((rule) => rule.role !== 'supervisoryBoard');
      const engine = createEngine(parseRulebook({ ...rawRulebook, template }));

      const p = await (await ProcessDriver.open({ agencyType: 'JC', engine })).reach('plan');
      await p.planMeasure({ iqLevel: 'staff' });
      await p.meetCriteria();
      const { requiredRoles } = await p.request();

      expect(requiredRoles).toEqual(['managingDirector']);
    });
  });

  describe('who must sign the anchoring (template data)', () => {
    async function anchoringProvedBy(agencyType: 'AA' | 'JC', adoptedBy: 'hausverfuegung' | 'dienstvereinbarung'): Promise<ProcessDriver> {
      const p = await (await ProcessDriver.open({ agencyType })).reach('anchoring');
      await p.attach(adoptedBy);
      await p.attach('einarbeitungskonzept');
      return p;
    }

    it('needs only the managing director when a Hausverfügung adopts the standards', async () => {
      const p = await anchoringProvedBy('AA', 'hausverfuegung');
      const { requiredRoles } = await p.request();
      expect(requiredRoles).toEqual(['managingDirector']);
    });

    it('needs the staff council when a Dienstvereinbarung proves the stage', async () => {
      const p = await anchoringProvedBy('AA', 'dienstvereinbarung');
      const { requestId, requiredRoles } = await p.request();
      expect(requiredRoles).toEqual(['managingDirector', 'staffCouncil']);

      await p.decide(p.people.gf, 'managingDirector', requestId);
      await expectRefused(p, p.advanceCommand(), reason('signOffPending', { stage: 'anchoring', requestId, roles: ['staffCouncil'] }));
      await p.decide(p.people.pr, 'staffCouncil', requestId);
      await expectAccepted(p, p.advanceCommand());
      expect(p.ctx.stage).toBe('review');
    });

    it('in a job centre, needs the supervisory board as well for a Dienstvereinbarung', async () => {
      const p = await anchoringProvedBy('JC', 'dienstvereinbarung');
      const { requiredRoles } = await p.request();
      expect(requiredRoles).toEqual(['managingDirector', 'staffCouncil', 'supervisoryBoard']);
    });
  });
});
