/**
 * Many agencies of one region, each a whole signed process: what a Regionaldirektion or an IQ
 * Prozessbegleitung sees when the agencies send in their audit bundles. Each agency is opened on
 * its own date, goes through as many stages as its `steps` say, doing what each stage's exit
 * criteria ask (evidence, ratings, measures, sign-offs), and stops somewhere along the way: some
 * with a sign-off still open, some with an overdue measure. Ratings come from a seeded generator,
 * so the same spec always gives the same log. The agencies and people are fictional.
 */
import { requiredSignOffRoles } from '../../../machines/process/process.queries.ts';
import type { StageId } from '../../../standards/schema.ts';
import { addDays } from '../../i18n/dates.ts';
import type { Sha256Hex } from '../crypto/sha256.ts';
import { slugOf } from '../file-names.ts';
import type { ProcessEngine } from '../process-engine.ts';
import { DemoWriter, type ScriptPerson } from './demo-writer.ts';

export interface AgencySpec {
  processId: string;
  name: string;
  type: 'AA' | 'JC';
  region: string;
  /** The day the process was opened. */
  startedOn: string;
  /** How many stages it has left behind (0: still in the mandate). */
  steps: number;
  /** Days between one stage's start and its end, before the agency's own variation. */
  pace: number;
  seed: number;
  /** The last stage ends with its sign-off asked for but not decided. */
  openSignOff: boolean;
  /** A measure of the current cycle is past its due date and not done. */
  overdueMeasure: boolean;
}

/** A small deterministic generator (mulberry32): the same seed, the same agency. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The last day anything is recorded; the bundles are exported after it. */
const LAST_DAY = '2026-11-25';

/** After the first cycle, renewal leads back to planning. */
const FIRST_CYCLE: StageId[] = ['mandate', 'setup', 'baseline', 'plan', 'implementation', 'anchoring', 'review', 'renewal'];
const LATER_CYCLE: StageId[] = ['plan', 'implementation', 'anchoring', 'review', 'renewal'];
export function stageAfter(steps: number): StageId {
  if (steps < FIRST_CYCLE.length) return FIRST_CYCLE[steps] as StageId;
  return LATER_CYCLE[(steps - FIRST_CYCLE.length) % LATER_CYCLE.length] as StageId;
}

export interface AgencyProcess {
  writer: DemoWriter;
  /** The ambassador, who exports the agency's bundles. */
  ambassador: ScriptPerson;
}

export async function buildAgencyProcess(engine: ProcessEngine, sha256: Sha256Hex, spec: AgencySpec): Promise<AgencyProcess> {
  const rand = random(spec.seed);
  const short = spec.processId;
  const ikbo = await DemoWriter.person(`${short}-ikbo`, `IKBO ${spec.name}`, ['ambassador'], spec.name);
  const gf = await DemoWriter.person(`${short}-gf`, `Geschäftsführung ${spec.name}`, ['managingDirector'], spec.name);
  const tv = await DemoWriter.person(`${short}-tv`, `Trägerversammlung ${spec.name}`, ['supervisoryBoard'], spec.name);
  const w = new DemoWriter(engine, sha256, `${spec.startedOn}T08:00:00.000Z`);
  const { template, catalog } = engine.rulebook;
  let day = spec.startedOn;
  // Nothing after the day the bundles are exported: a fast agency simply did more that autumn.
  const step = (days: number) => {
    const next = addDays(day, Math.max(1, Math.round(days)));
    day = next < LAST_DAY ? next : LAST_DAY;
    w.on(day);
  };
  const note = (kind: string, title: string, stage: StageId | null, extra: { measureId?: string; standardIds?: string[] } = {}) =>
    w.attach(ikbo, {
      kind,
      title,
      proves: { stage, measureId: extra.measureId ?? null, standardIds: extra.standardIds ?? [] },
      note: `${title} (${day})`,
    });

  w.on(day);
  await w.record('ProcessOpened', ikbo, {
    processId: spec.processId,
    agency: { name: spec.name, type: spec.type, region: spec.region },
    templateVersion: template.version,
    catalogVersion: catalog.version,
    startedOn: spec.startedOn,
    founder: w.registration(ikbo),
  });
  await w.register(ikbo, gf);
  if (spec.type === 'JC') {
    await w.register(ikbo, tv);
    w.remoteDeciders.set(tv.personId, ikbo);
  }

  /** Every standard rated; a level from 2 on rests on evidence of a kind the standard accepts. */
  const assess = async (stage: StageId) => {
    const ratings: Record<string, [number, string[], string]> = {};
    for (const standard of catalog.standards) {
      const level = Math.min(5, Math.floor(rand() * 4) + Math.min(2, Math.floor(w.ctx.cycle / 2)));
      // Some evidence is due for review within months: by now it may no longer count.
      const reviewBy = rand() < 0.25 ? addDays(day, 90) : null;
      const evidence =
        level >= 2
          ? [
              await w.attach(ikbo, {
                kind: standard.evidenceKinds[0] as string,
                title: `Beleg ${standard.id}`,
                reviewBy,
                proves: { stage: null, measureId: null, standardIds: [standard.id] },
                note: `Beleg ${standard.id} (${day})`,
              }),
            ]
          : [];
      ratings[standard.id] = [level, evidence, level >= 2 ? 'belegt' : ''];
    }
    await w.assess(ikbo, ratings);
    await note(stage === 'baseline' ? 'bestandsaufnahme' : 'evaluationsbericht', 'Bericht zur Selbstbewertung', stage);
  };

  const measures: string[] = [];
  /** What the stage's exit criteria ask, done. */
  const work = async (stage: StageId) => {
    switch (stage) {
      case 'mandate':
        await note('kontrakt', 'Kontrakt DIKÖ', 'mandate');
        break;
      case 'setup':
        await note('mitgliederliste', 'Steuerungsgruppe: Mitglieder', 'setup');
        await note('geschaeftsordnung', 'Geschäftsordnung', 'setup');
        await note('mitteilung', 'Mitteilung an alle Beschäftigten', 'setup');
        break;
      case 'baseline':
        await assess('baseline');
        await note('protokoll', 'Steuerungsgruppe: Bedarfe', 'baseline');
        break;
      case 'plan':
        measures.length = 0;
        for (const [templateId, iqLevel] of [
          ['team-meeting-series', 'services'],
          ['counselling-standards', 'services'],
        ] as const) {
          measures.push(
            await w.planMeasure(ikbo, {
              templateId,
              title: `Maßnahme ${templateId} (Zyklus ${w.ctx.cycle})`,
              owner: 'Team',
              due: addDays(day, 120),
              indicator: 'Indikator',
              iqLevel,
            }),
          );
        }
        await note('massnahmenplan', 'Maßnahmenplan', 'plan');
        break;
      case 'implementation':
        for (const measureId of measures) {
          step(spec.pace / 3);
          await w.record('MeasureStarted', ikbo, { measureId });
          await note('protokoll', 'Nachweis zur Maßnahme', null, { measureId });
          await w.record('MeasureCompleted', ikbo, { measureId, outcome: 'erledigt' });
        }
        await note('protokoll', 'Steuerungsgruppe: Umsetzungsstand', 'implementation');
        break;
      case 'anchoring':
        await note('hausverfuegung', 'Hausverfügung', 'anchoring');
        await note('einarbeitungskonzept', 'Einarbeitungskonzept', 'anchoring');
        break;
      case 'review':
        await assess('review');
        break;
      case 'renewal':
        await note('vertiefungstreffen', 'Vertiefungstreffen', 'renewal');
        await note('massnahmenplan', 'Entwurf Maßnahmenplan', 'renewal');
        break;
    }
  };

  for (let i = 0; i < spec.steps; i++) {
    const stage = stageAfter(i);
    step(spec.pace * (0.5 + rand()));
    await work(stage);
    // Implementation needs a sign-off only for external agreements; none are made here.
    if (requiredSignOffRoles(engine.rulebook, w.ctx, stage, w.ctx.lastAt).length > 0) {
      await w.signOffStage(ikbo, { managingDirector: gf, supervisoryBoard: tv });
    }
    step(2);
    await w.advance(ikbo, stageAfter(i + 1));
  }

  // Where it stands now: some of the current stage's work, perhaps a measure running late.
  const current = stageAfter(spec.steps);
  step(spec.pace * rand() * 0.5);
  if (current !== 'implementation') await work(current);
  if (spec.overdueMeasure && (current === 'implementation' || current === 'anchoring' || current === 'plan')) {
    const measureId = await w.planMeasure(ikbo, {
      templateId: 'team-meeting-series',
      title: 'Schulung Sprachmittlung',
      owner: 'Team Markt und Integration',
      due: addDays(day, 10),
      indicator: 'Alle Teams geschult',
      iqLevel: 'services',
    });
    if (current === 'implementation') await w.record('MeasureStarted', ikbo, { measureId });
    step(40);
  }
  if (spec.openSignOff && current !== 'implementation') await w.requestSignOff(ikbo, 'Bitte um Freigabe.');
  return { writer: w, ambassador: ikbo };
}

const CITIES = [
  'Reutlingen',
  'Tübingen',
  'Stuttgart',
  'Heilbronn',
  'Ulm',
  'Freiburg',
  'Karlsruhe',
  'Mannheim',
  'Pforzheim',
  'Konstanz',
  'Ravensburg',
  'Aalen',
  'Göppingen',
  'Ludwigsburg',
  'Esslingen',
  'Waiblingen',
  'Böblingen',
  'Nagold',
  'Offenburg',
  'Lörrach',
  'Villingen-Schwenningen',
  'Rastatt',
  'Baden-Baden',
  'Heidelberg',
  'Schwäbisch Hall',
];
const REGIONS = ['Baden-Württemberg', 'Bayern', 'Hessen'];

/**
 * `count` agencies, varied: Agenturen and Jobcenter, three regions, opened between 2023 and 2026,
 * in every stage of the first and later cycles (or all `options.steps` stages on, for long logs).
 */
export function regionSpecs(count: number, options: { steps?: number } = {}): AgencySpec[] {
  const rand = random(2026);
  return Array.from({ length: count }, (_, i) => {
    const type = i % 2 === 0 ? 'AA' : 'JC';
    const city = CITIES[i % CITIES.length] as string;
    const round = Math.floor(i / CITIES.length);
    const drawn = Math.floor(rand() * 14);
    // A fixed number of stages for the benchmarks' long logs; the spread stays in the rest.
    const steps = options.steps ?? drawn;
    const pace = 35 + Math.floor(rand() * 40);
    // Opened early enough that `steps` stages at this pace end before December 2026.
    const startedOn = addDays(LAST_DAY, -Math.round(steps * pace * 1.1 + 20 + rand() * 60));
    return {
      processId: `${type.toLowerCase()}-${slugOf(city)}${round ? `-${round + 1}` : ''}`,
      name: `${type === 'AA' ? 'Agentur für Arbeit' : 'Jobcenter'} ${city}${round ? ` ${round + 1}` : ''}`,
      type,
      region: REGIONS[i % REGIONS.length] as string,
      startedOn,
      steps,
      pace,
      seed: 1000 + i,
      openSignOff: rand() < 0.4,
      overdueMeasure: rand() < 0.35,
    };
  });
}
