/**
 * The demo process: a job centre in Baden-Württemberg over three yearly cycles (2024-2026).
 * It shows what a lived-in process looks like: a refused action plan that is reworked, a
 * service agreement that needs the staff council and the supervisory board, a pause during
 * parental leave, a change of managing director with a revoked key, re-planned, cancelled and
 * overdue measures. The people and the agency are fictional.
 */
import type { Sha256Hex } from '../crypto/sha256.ts';
import type { ProcessEngine } from '../process-engine.ts';
import { DemoWriter, type ScriptPerson } from './demo-writer.ts';

const pdf = (name: string, text: string) => ({ file: { name, mediaType: 'application/pdf', text: `%PDF-1.4\n% Demo\n${text}\n` } });

export interface DemoProcess {
  writer: DemoWriter;
  people: Record<'ikbo' | 'gf' | 'gfNew' | 'pr' | 'tv' | 'rd' | 'iq', ScriptPerson>;
}

async function cast(): Promise<DemoProcess['people']> {
  const p = DemoWriter.person;
  return {
    ikbo: await p('p-aydin', 'Leyla Aydın', ['ambassador'], 'Jobcenter Neckar-Alb, Migrationsbeauftragte'),
    gf: await p('p-berger', 'Dr. Thomas Berger', ['managingDirector'], 'Jobcenter Neckar-Alb, Geschäftsführer'),
    gfNew: await p('p-keller', 'Martina Keller', ['managingDirector'], 'Jobcenter Neckar-Alb, Geschäftsführerin'),
    pr: await p('p-hoffmann', 'Jürgen Hoffmann', ['staffCouncil'], 'Personalrat Jobcenter Neckar-Alb'),
    tv: await p('p-wolf', 'Sabine Wolf', ['supervisoryBoard'], 'Vorsitzende der Trägerversammlung'),
    rd: await p('p-schneider', 'Markus Schneider', ['regionalDirectorate'], 'Regionaldirektion Baden-Württemberg'),
    iq: await p('p-kaya', 'Elif Kaya', ['iqCoach'], 'adis e.V., Tübingen (IQ Netzwerk Baden-Württemberg)'),
  };
}

export async function buildJobcenterDemo(engine: ProcessEngine, sha256: Sha256Hex): Promise<DemoProcess> {
  const people = await cast();
  const { ikbo, gf, gfNew, pr, tv, rd, iq } = people;
  const w = new DemoWriter(engine, sha256, '2024-01-15T08:00:00.000Z');
  const { template, catalog } = engine.rulebook;

  // ---------------------------------------------------------------- cycle 1: mandate
  w.on('2024-01-15');
  await w.record('ProcessOpened', ikbo, {
    processId: 'jc-neckar-alb',
    agency: { name: 'Jobcenter Neckar-Alb (Demo)', type: 'JC', region: 'Baden-Württemberg' },
    templateVersion: template.version,
    catalogVersion: catalog.version,
    startedOn: '2024-01-15',
    founder: w.registration(ikbo),
  });
  for (const person of [gf, pr, tv, rd, iq]) await w.register(ikbo, person);
  // The staff council and the supervisory board decide on devices of their own, by response file.
  w.remoteDeciders.set(pr.personId, ikbo);
  w.remoteDeciders.set(tv.personId, ikbo);

  w.on('2024-01-29');
  const kontrakt = await w.attach(ikbo, {
    kind: 'kontrakt',
    title: 'Kontrakt DIKÖ 2024–2026: Ziele, Rolle der IKBO, Zeitanteil 20 %',
    proves: { stage: 'mandate', standardIds: ['leadership-resources'] },
    ...pdf('kontrakt-dikoe-2024.pdf', 'Kontrakt zwischen Geschäftsführung und IKBO'),
  });
  await w.attach(ikbo, {
    kind: 'protokoll',
    title: 'Protokoll Geschäftsführungsrunde 23.01.2024, TOP 4 DIKÖ',
    documentDate: '2024-01-23',
    proves: { stage: 'mandate' },
    ...pdf('gf-runde-2024-01-23.pdf', 'TOP 4: Auftrag DIKÖ'),
  });
  w.on('2024-02-02');
  await w.signOffStage(ikbo, { managingDirector: gf }, { managingDirector: 'Auftrag erteilt. Die Regionaldirektion wird informiert.' });
  w.on('2024-02-05');
  await w.advance(ikbo, 'setup');

  // ---------------------------------------------------------------- setup
  w.on('2024-02-20');
  const mitglieder = await w.attach(ikbo, {
    kind: 'mitgliederliste',
    title: 'Steuerungsgruppe DIKÖ: Mitglieder',
    proves: { stage: 'setup', standardIds: ['leadership-resources'] },
    ...pdf('steuerungsgruppe-mitglieder.pdf', 'IKBO, zwei Teamleitungen, Personalrat, BCA, IQ-Prozessbegleitung'),
  });
  await w.attach(ikbo, {
    kind: 'geschaeftsordnung',
    title: 'Geschäftsordnung der Steuerungsgruppe (Sitzung alle sechs Wochen)',
    proves: { stage: 'setup' },
    ...pdf('geschaeftsordnung-steuerungsgruppe.pdf', 'Sitzungsrhythmus sechs Wochen'),
  });
  await w.attach(ikbo, {
    kind: 'mitteilung',
    title: 'Intranet-Mitteilung: Wir starten den DIKÖ-Prozess',
    proves: { stage: 'setup' },
    link: 'https://intranet.example/jobcenter-neckar-alb/aktuelles/dikoe-start',
  });
  w.on('2024-03-12');
  await w.signOffStage(ikbo, { managingDirector: gf });
  w.on('2024-03-18');
  await w.advance(ikbo, 'baseline');

  // ---------------------------------------------------------------- baseline
  w.on('2024-03-25');
  const survey = await w.planMeasure(ikbo, {
    templateId: 'training-needs-survey',
    title: 'Schulungsbedarfe aller Beschäftigten abfragen',
    owner: 'Leyla Aydın',
    due: '2024-05-15',
    indicator: 'Rücklaufquote mindestens 40 %, Bedarfe priorisiert',
    iqLevel: 'staff',
  });
  await w.record('MeasureStarted', ikbo, { measureId: survey });
  w.on('2024-05-10');
  const umfrage = await w.attach(ikbo, {
    kind: 'umfragebericht',
    title: 'Auswertung der Schulungsbedarfsabfrage (Rücklauf 46 %)',
    proves: { stage: 'baseline', measureId: survey, standardIds: ['training-coverage'] },
    ...pdf('schulungsbedarfe-2024.pdf', 'Rücklauf 46 %'),
  });
  await w.record('MeasureCompleted', ikbo, {
    measureId: survey,
    outcome: 'Rücklauf 46 %; Bedarf vor allem zu Anerkennungsberatung und Sprachmittlung.',
  });
  const sprachen = await w.attach(ikbo, {
    kind: 'sprachenliste',
    title: 'Sprachkenntnisse der Beschäftigten und Dolmetschdienste',
    reviewBy: '2026-06-30',
    proves: { standardIds: ['language-access'] },
    ...pdf('sprachenliste-2024.pdf', 'Arabisch, Türkisch, Ukrainisch, Russisch, Farsi'),
  });
  const statistik = await w.attach(ikbo, {
    kind: 'statistik',
    title: 'Zugang zu Maßnahmen nach Staatsangehörigkeit 2023 (anonymisiert)',
    proves: { stage: 'baseline', standardIds: ['equity-monitoring'] },
    ...pdf('statistik-zugang-2023.pdf', 'anonymisierte Kennzahlen'),
  });
  await w.assess(ikbo, {
    'language-access': [2, [sprachen], 'Sprachenliste vorhanden, Dolmetschbestellung uneinheitlich.'],
    'multilingual-information': [1, [], 'Flyer nur auf Deutsch und Englisch.'],
    'non-discriminatory-letters': [0, [], ''],
    'recognition-referral': [1, [], 'Verweise werden nicht gezählt.'],
    'complaint-reporting': [0, [], ''],
    'training-coverage': [2, [umfrage], 'Bedarfe erhoben.'],
    'team-anchoring': [1, [], ''],
    'cooperation-partners': [1, [], 'Kontakte zur MBE informell.'],
    'staff-diversity': [0, [], ''],
    'equity-monitoring': [2, [statistik], 'Erste Auswertung liegt vor.'],
    'leadership-resources': [2, [kontrakt, mitglieder], 'Auftrag und Zeitanteil geregelt.'],
    'customer-participation': [0, [], ''],
  });
  w.on('2024-05-28');
  await w.attach(ikbo, {
    kind: 'bestandsaufnahme',
    title: 'Bestandsaufnahme DIKÖ mit priorisierten Bedarfen',
    proves: { stage: 'baseline' },
    ...pdf('bestandsaufnahme-2024.pdf', 'Prioritäten: Anerkennung, Sprachmittlung, Kooperation'),
  });
  await w.attach(ikbo, {
    kind: 'protokoll',
    title: 'Protokoll: Bestandsaufnahme mit der Geschäftsführung besprochen',
    proves: { stage: 'baseline' },
    ...pdf('protokoll-gf-2024-05-28.pdf', 'Bestandsaufnahme besprochen'),
  });
  w.on('2024-06-04');
  await w.signOffStage(ikbo, { managingDirector: gf, staffCouncil: pr }, { staffCouncil: 'Zustimmung zur Befragung und zur Auswertung.' });
  w.on('2024-06-10');
  await w.advance(ikbo, 'plan');

  // ---------------------------------------------------------------- plan (cycle 1), with a refusal
  w.on('2024-06-17');
  const seminar = await w.planMeasure(ikbo, {
    templateId: 'recognition-seminar',
    title: 'Seminar Anerkennungsberatung für Vermittlungsfachkräfte',
    owner: 'Leyla Aydın mit IQ-Fachstelle Anerkennung',
    due: '2024-10-31',
    indicator: '60 % der Vermittlungsfachkräfte geschult',
    iqLevel: 'staff',
    budgetCents: 240000,
  });
  const standards = await w.planMeasure(ikbo, {
    templateId: 'counselling-standards',
    title: 'Migrationssensible Beratungsstandards erarbeiten',
    owner: 'Steuerungsgruppe DIKÖ',
    due: '2024-11-15',
    indicator: 'Standard mit Teams abgestimmt',
    iqLevel: 'services',
  });
  const coop = await w.planMeasure(ikbo, {
    templateId: 'migrant-organisation-cooperation',
    title: 'Kooperation mit dem Deutsch-Türkischen Verein Neckar-Alb und der MBE',
    owner: 'Teamleitung Markt und Integration',
    due: '2024-10-15',
    indicator: 'Vereinbarung unterzeichnet, zwei Austauschtreffen pro Jahr',
    iqLevel: 'cooperation',
  });
  const teams = await w.planMeasure(ikbo, {
    templateId: 'team-meeting-series',
    title: 'DIKÖ als fester Punkt in den Teambesprechungen',
    owner: 'Teamleitungen',
    due: '2025-06-30',
    indicator: 'Viermal im Jahr in jedem Team',
    iqLevel: 'staff',
  });
  const plan1 = await w.attach(ikbo, {
    kind: 'massnahmenplan',
    title: 'Maßnahmenplan DIKÖ 2024/25',
    proves: { stage: 'plan', standardIds: ['leadership-resources'] },
    ...pdf('massnahmenplan-2024-v1.pdf', 'Entwurf'),
  });
  w.on('2024-06-24');
  const refused = await w.requestSignOff(ikbo, 'Bitte um Freigabe des Maßnahmenplans 2024/25.');
  w.on('2024-06-27');
  await w.decide(
    gf,
    'managingDirector',
    refused,
    'refused',
    'Das Seminarbudget ist im Eingliederungstitel nicht gedeckt. Bitte Kosten mit dem Haushalt klären und den Plan überarbeiten.',
  );
  w.on('2024-07-03');
  await w.revise(ikbo, plan1, {
    kind: 'massnahmenplan',
    title: 'Maßnahmenplan DIKÖ 2024/25 (überarbeitet, Seminar über IQ finanziert)',
    reason: 'Finanzierung des Seminars mit IQ geklärt, Budget angepasst.',
    ...pdf('massnahmenplan-2024-v2.pdf', 'Überarbeitet'),
  });
  w.on('2024-07-08');
  await w.signOffStage(
    ikbo,
    { managingDirector: gf, supervisoryBoard: tv },
    {
      managingDirector: 'Freigegeben.',
      supervisoryBoard: 'Beschluss der Trägerversammlung vom 08.07.2024.',
    },
  );
  w.on('2024-07-10');
  await w.advance(ikbo, 'implementation');

  // ---------------------------------------------------------------- implementation (cycle 1)
  await w.record('MeasureStarted', ikbo, { measureId: seminar });
  await w.record('MeasureStarted', ikbo, { measureId: standards });
  await w.record('MeasureStarted', ikbo, { measureId: coop });
  await w.record('MeasureStarted', ikbo, { measureId: teams });
  w.on('2024-09-26');
  const teilnahme = await w.attach(iq, {
    kind: 'teilnahmeliste',
    title: 'Teilnahmeliste Seminar Anerkennungsberatung 24./25.09.2024',
    documentDate: '2024-09-25',
    proves: { stage: 'implementation', measureId: seminar, standardIds: ['recognition-referral', 'training-coverage'] },
    ...pdf('teilnahme-seminar-2024-09.pdf', '38 Teilnehmende'),
  });
  await w.attach(iq, {
    kind: 'seminardokumentation',
    title: 'Seminardokumentation Anerkennungsberatung',
    proves: { stage: 'implementation', measureId: seminar, standardIds: ['recognition-referral'] },
    ...pdf('seminardoku-anerkennung.pdf', 'Programm und Materialien'),
  });
  await w.record('MeasureCompleted', ikbo, { measureId: seminar, outcome: '38 von 58 Vermittlungsfachkräften geschult (66 %).' });
  w.on('2024-10-14');
  const koopVereinbarung = await w.attach(ikbo, {
    kind: 'kooperationsvereinbarung',
    title: 'Kooperationsvereinbarung mit dem Deutsch-Türkischen Verein und der MBE',
    proves: { stage: 'implementation', measureId: coop, standardIds: ['cooperation-partners'] },
    ...pdf('kooperationsvereinbarung-2024.pdf', 'Unterzeichnet am 14.10.2024'),
  });
  await w.record('MeasureCompleted', ikbo, {
    measureId: coop,
    outcome: 'Vereinbarung unterzeichnet; erstes Austauschtreffen am 21.11.2024.',
  });
  w.on('2024-11-12');
  const standardDoc = await w.attach(ikbo, {
    kind: 'qualitaetsstandard',
    title: 'Qualitätsstandard migrationssensible Beratung, Fassung 1.0',
    proves: { measureId: standards, standardIds: ['team-anchoring', 'non-discriminatory-letters'] },
    ...pdf('qualitaetsstandard-1-0.pdf', 'Fassung 1.0'),
  });
  await w.record('MeasureCompleted', ikbo, { measureId: standards, outcome: 'Standard in allen Teams abgestimmt.' });
  await w.attach(ikbo, {
    kind: 'protokoll',
    title: 'Protokoll Steuerungsgruppe: Umsetzungsstand November 2024',
    proves: { stage: 'implementation' },
    ...pdf('steuerungsgruppe-2024-11.pdf', 'Umsetzungsstand'),
  });
  w.on('2024-11-19');
  await w.signOffStage(ikbo, { managingDirector: gf }, { managingDirector: 'Kooperationsvereinbarung bestätigt.' });
  w.on('2024-11-25');
  await w.advance(ikbo, 'anchoring');

  // ---------------------------------------------------------------- anchoring (cycle 1): service agreement
  w.on('2025-01-20');
  await w.attach(ikbo, {
    kind: 'dienstvereinbarung',
    title: 'Dienstvereinbarung „Migrationssensible Beratung“',
    proves: { stage: 'anchoring', standardIds: ['team-anchoring', 'staff-diversity'] },
    ...pdf('dienstvereinbarung-2025.pdf', 'Dienstvereinbarung'),
  });
  await w.attach(ikbo, {
    kind: 'einarbeitungskonzept',
    title: 'Einarbeitungskonzept mit Modul DIKÖ',
    proves: { stage: 'anchoring', standardIds: ['team-anchoring'] },
    ...pdf('einarbeitung-2025.pdf', 'Modul DIKÖ'),
  });
  w.on('2025-02-10');
  await w.signOffStage(
    ikbo,
    { managingDirector: gf, staffCouncil: pr, supervisoryBoard: tv },
    {
      staffCouncil: 'Zustimmung des Personalrats gemäß Beschluss vom 05.02.2025.',
      supervisoryBoard: 'Beschluss der Trägerversammlung vom 10.02.2025.',
    },
  );
  w.on('2025-02-12');
  await w.advance(ikbo, 'review');

  // ---------------------------------------------------------------- review (cycle 1)
  w.on('2025-03-03');
  const eval1 = await w.attach(ikbo, {
    kind: 'evaluationsbericht',
    title: 'Evaluationsbericht DIKÖ 2024/25',
    proves: { stage: 'review', standardIds: ['equity-monitoring', 'complaint-reporting'] },
    ...pdf('evaluation-2024-25.pdf', 'Ziele erreicht: 3 von 4'),
  });
  await w.assess(ikbo, {
    'language-access': [2, [sprachen], ''],
    'multilingual-information': [1, [], ''],
    'non-discriminatory-letters': [2, [standardDoc], 'Textbausteine teilweise geprüft.'],
    'recognition-referral': [3, [teilnahme], 'Seminar evaluiert, Verweise gezählt.'],
    'complaint-reporting': [1, [], 'Kategorie Diskriminierung geplant.'],
    'training-coverage': [3, [teilnahme], '66 % geschult.'],
    'team-anchoring': [2, [standardDoc], ''],
    'cooperation-partners': [3, [koopVereinbarung], 'Zwei Austauschtreffen.'],
    'staff-diversity': [1, [], ''],
    'equity-monitoring': [2, [eval1], ''],
    'leadership-resources': [3, [kontrakt], ''],
    'customer-participation': [1, [], 'Fokusgruppe geplant.'],
  });
  w.on('2025-03-10');
  await w.signOffStage(ikbo, { managingDirector: gf }, { managingDirector: 'Bericht geht an die Regionaldirektion.' });
  await w.advance(ikbo, 'renewal');

  // ---------------------------------------------------------------- renewal (cycle 1)
  w.on('2025-03-27');
  await w.attach(ikbo, {
    kind: 'vertiefungstreffen',
    title: 'Dokumentation Vertiefungstreffen der IKBO 2025 mit der Regionaldirektion',
    proves: { stage: 'renewal' },
    ...pdf('vertiefungstreffen-2025.pdf', 'Themen: Anerkennung, Leichte Sprache'),
  });
  await w.attach(ikbo, {
    kind: 'massnahmenplan',
    title: 'Entwurf Maßnahmenplan 2025/26',
    proves: { stage: 'renewal' },
    ...pdf('massnahmenplan-2025-entwurf.pdf', 'Entwurf'),
  });
  w.on('2025-04-02');
  await w.signOffStage(ikbo, { managingDirector: gf });
  await w.advance(ikbo, 'plan');

  // ---------------------------------------------------------------- cycle 2: plan
  w.on('2025-04-14');
  const onboarding = await w.planMeasure(ikbo, {
    templateId: 'onboarding-module',
    title: 'Einarbeitungsmodul DIKÖ für neue Beschäftigte',
    owner: 'Leyla Aydın, Personalentwicklung',
    due: '2025-12-15',
    indicator: 'Alle neuen Beschäftigten im ersten Halbjahr erreicht',
    iqLevel: 'structure',
  });
  const flyer = await w.planMeasure(ikbo, {
    templateId: 'multilingual-information',
    title: 'Kerninformationen in fünf Sprachen und Leichter Sprache',
    owner: 'Team Eingangszone',
    due: '2025-08-31',
    indicator: 'Fünf Sprachen und Leichte Sprache verfügbar',
    iqLevel: 'services',
    budgetCents: 450000,
  });
  await w.attach(ikbo, {
    kind: 'massnahmenplan',
    title: 'Maßnahmenplan DIKÖ 2025/26',
    proves: { stage: 'plan' },
    ...pdf('massnahmenplan-2025.pdf', 'Beschlossen'),
  });
  w.on('2025-04-28');
  await w.signOffStage(ikbo, { managingDirector: gf, supervisoryBoard: tv });
  await w.advance(ikbo, 'implementation');

  // ---------------------------------------------------------------- implementation (cycle 2), with a pause
  await w.record('MeasureStarted', ikbo, { measureId: onboarding });
  await w.record('MeasureStarted', ikbo, { measureId: flyer });
  w.on('2025-06-24');
  await w.attach(ikbo, {
    kind: 'protokoll',
    title: 'Teambesprechungen Q1/Q2 2025: DIKÖ-Punkte',
    proves: { measureId: teams, standardIds: ['team-anchoring'] },
    ...pdf('teams-2025-q2.pdf', 'Protokollauszüge'),
  });
  await w.record('MeasureCompleted', ikbo, { measureId: teams, outcome: 'In allen sechs Teams viermal behandelt.' });
  w.on('2025-07-01');
  await w.record('ProcessPaused', gf, { reason: 'IKBO in Elternzeit; eine Vertretung ist noch nicht benannt.' });
  w.on('2025-09-15');
  await w.record('ProcessResumed', ikbo, { note: 'Rückkehr aus der Elternzeit.' });
  await w.record('MeasureReplanned', ikbo, { measureId: flyer, due: '2025-11-30', reason: 'Übersetzungen während der Pause verzögert.' });
  w.on('2025-11-20');
  const merkblatt = await w.attach(ikbo, {
    kind: 'informationsmaterial',
    title: 'Merkblatt Grundsicherung in fünf Sprachen und Leichter Sprache',
    proves: { measureId: flyer, standardIds: ['multilingual-information'] },
    ...pdf('merkblatt-mehrsprachig.pdf', 'Arabisch, Türkisch, Ukrainisch, Russisch, Farsi, Leichte Sprache'),
  });
  await w.record('MeasureCompleted', ikbo, { measureId: flyer, outcome: 'Merkblatt in fünf Sprachen und Leichter Sprache ausgelegt.' });
  w.on('2025-12-10');
  await w.attach(ikbo, {
    kind: 'einarbeitungskonzept',
    title: 'Einarbeitungsmodul DIKÖ, Fassung 2025',
    proves: { measureId: onboarding, standardIds: ['team-anchoring'] },
    ...pdf('einarbeitungsmodul-2025.pdf', 'Modul'),
  });
  await w.record('MeasureCompleted', ikbo, { measureId: onboarding, outcome: 'Modul läuft seit Dezember 2025.' });
  await w.attach(ikbo, {
    kind: 'protokoll',
    title: 'Protokoll Steuerungsgruppe Dezember 2025: Umsetzungsstand',
    proves: { stage: 'implementation' },
    ...pdf('steuerungsgruppe-2025-12.pdf', 'Umsetzungsstand'),
  });
  // No external agreement this year: the steering group's minutes suffice, no sign-off needed.
  await w.advance(ikbo, 'anchoring');

  // ---------------------------------------------------------------- anchoring, review (cycle 2)
  w.on('2026-01-12');
  await w.attach(ikbo, {
    kind: 'hausverfuegung',
    title: 'Hausverfügung 1/2026: Dolmetschbestellung und Beratungsstandard verbindlich',
    proves: { stage: 'anchoring', standardIds: ['language-access', 'non-discriminatory-letters'] },
    ...pdf('hausverfuegung-2026-01.pdf', 'Verbindlich ab 01.02.2026'),
  });
  await w.attach(ikbo, {
    kind: 'protokoll',
    title: 'Teamleitungsrunde: Standard in die Teamroutinen aufgenommen',
    proves: { stage: 'anchoring' },
    ...pdf('teamleitungsrunde-2026-01.pdf', 'Beschluss'),
  });
  w.on('2026-01-19');
  await w.signOffStage(ikbo, { managingDirector: gf });
  await w.advance(ikbo, 'review');
  w.on('2026-02-16');
  const eval2 = await w.attach(ikbo, {
    kind: 'evaluationsbericht',
    title: 'Evaluationsbericht DIKÖ 2025/26',
    proves: { stage: 'review', standardIds: ['equity-monitoring'] },
    ...pdf('evaluation-2025-26.pdf', 'Ziele erreicht: 3 von 3'),
  });
  await w.assess(ikbo, {
    'language-access': [3, [sprachen], 'Hausverfügung wirkt.'],
    'multilingual-information': [2, [merkblatt], 'Merkblatt in fünf Sprachen und Leichter Sprache.'],
    'non-discriminatory-letters': [2, [standardDoc], ''],
    'recognition-referral': [3, [teilnahme], ''],
    'complaint-reporting': [2, [eval2], 'Diskriminierung als Beschwerdekategorie eingeführt.'],
    'training-coverage': [3, [teilnahme], ''],
    'team-anchoring': [3, [standardDoc], ''],
    'cooperation-partners': [3, [koopVereinbarung], ''],
    'staff-diversity': [1, [], ''],
    'equity-monitoring': [3, [eval2], ''],
    'leadership-resources': [3, [kontrakt], ''],
    'customer-participation': [2, [eval2], 'Erste Fokusgruppe mit Migrantenorganisationen.'],
  });
  w.on('2026-02-23');
  await w.signOffStage(ikbo, { managingDirector: gf });
  await w.advance(ikbo, 'renewal');

  // ---------------------------------------------------------------- change of managing director
  w.on('2026-03-02');
  await w.record('KeyRevoked', ikbo, {
    personId: gf.personId,
    keyId: gf.key.record.keyId,
    reason: 'Dr. Berger ist in den Ruhestand getreten.',
  });
  await w.register(ikbo, gfNew);

  // ---------------------------------------------------------------- renewal (cycle 2)
  w.on('2026-03-26');
  await w.attach(ikbo, {
    kind: 'vertiefungstreffen',
    title: 'Dokumentation Vertiefungstreffen der IKBO 2026',
    proves: { stage: 'renewal' },
    ...pdf('vertiefungstreffen-2026.pdf', 'Themen: IKÖ 4.0, Monitoring'),
  });
  await w.attach(ikbo, {
    kind: 'massnahmenplan',
    title: 'Entwurf Maßnahmenplan 2026/27',
    proves: { stage: 'renewal' },
    ...pdf('massnahmenplan-2026-entwurf.pdf', 'Entwurf'),
  });
  w.on('2026-04-01');
  await w.signOffStage(ikbo, { managingDirector: gfNew }, { managingDirector: 'Ich führe den Prozess fort.' });
  await w.advance(ikbo, 'plan');

  // ---------------------------------------------------------------- cycle 3: plan, implementation (now)
  w.on('2026-04-13');
  const refresher = await w.planMeasure(ikbo, {
    templateId: 'recognition-seminar',
    title: 'Auffrischung Anerkennungsberatung für neue Vermittlungsfachkräfte',
    owner: 'Leyla Aydın',
    due: '2026-06-30',
    indicator: 'Alle seit 2024 eingestellten Fachkräfte geschult',
    iqLevel: 'staff',
  });
  const concept = await w.planMeasure(ikbo, {
    templateId: 'adapt-training-concept',
    title: 'Schulungskonzept „Diskriminierungskritisch beraten“ mit IQ anpassen',
    owner: 'Elif Kaya (IQ) und Leyla Aydın',
    due: '2026-09-30',
    indicator: 'Konzept abgestimmt und terminiert',
    iqLevel: 'staff',
  });
  const coaching = await w.planMeasure(ikbo, {
    templateId: 'ikoe-coaching',
    title: 'IKÖ-4.0-Coaching für die Teamleitungen',
    owner: 'Elif Kaya (IQ)',
    due: '2026-12-15',
    indicator: 'Vier Coachingtermine',
    iqLevel: 'structure',
  });
  const followUp = await w.planMeasure(ikbo, {
    templateId: 'multilingual-information',
    title: 'Merkblätter um Tigrinya und Dari erweitern',
    owner: 'Team Eingangszone',
    due: '2026-10-31',
    indicator: 'Zwei weitere Sprachen',
    iqLevel: 'services',
  });
  await w.attach(ikbo, {
    kind: 'massnahmenplan',
    title: 'Maßnahmenplan DIKÖ 2026/27',
    proves: { stage: 'plan' },
    ...pdf('massnahmenplan-2026.pdf', 'Beschlossen'),
  });
  w.on('2026-04-27');
  await w.signOffStage(ikbo, { managingDirector: gfNew, supervisoryBoard: tv });
  await w.advance(ikbo, 'implementation');
  await w.record('MeasureStarted', ikbo, { measureId: refresher });
  await w.record('MeasureStarted', ikbo, { measureId: concept });
  await w.record('MeasureStarted', ikbo, { measureId: coaching });
  w.on('2026-06-25');
  await w.attach(iq, {
    kind: 'teilnahmeliste',
    title: 'Teilnahmeliste Auffrischung Anerkennungsberatung 24.06.2026',
    proves: { stage: 'implementation', measureId: refresher, standardIds: ['training-coverage'] },
    ...pdf('teilnahme-auffrischung-2026.pdf', '17 Teilnehmende'),
  });
  await w.record('MeasureCompleted', ikbo, { measureId: refresher, outcome: '17 von 19 neuen Fachkräften geschult.' });
  w.on('2026-07-15');
  await w.record('MeasureCancelled', gfNew, {
    measureId: followUp,
    reason: 'Landesweite Übersetzungen der BA angekündigt; keine eigene Erstellung.',
  });
  w.on('2026-11-20');
  await w.attach(iq, {
    kind: 'notiz',
    title: 'Coaching Teamleitungen: Termine 1–3 durchgeführt',
    proves: { measureId: coaching },
    note: 'Drei von vier Coachingterminen durchgeführt; vierter Termin am 10.12.2026.',
  });
  // The adapted training concept (due 30 Sep 2026) is left overdue on purpose: the demo shows it.
  return { writer: w, people };
}
