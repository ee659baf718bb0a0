/**
 * Long logs for the benchmarks: the demo process, then as many further yearly cycles as it
 * takes to reach the wanted number of events. Each cycle is what a busy agency records in a
 * year: measures planned, run and proven, evidence, a full self-assessment, sign-offs.
 */

import { allMeasures } from '../machines/process/process.collections.ts';
import type { LoggedEvent } from '../src/domain/chain.ts';
import type { Sha256Hex } from '../src/domain/crypto/sha256.ts';
import type { DemoWriter } from '../src/domain/demo/demo-writer.ts';
import { buildJobcenterDemo, type DemoProcess } from '../src/domain/demo/jobcenter-demo.ts';
import { engine } from '../src/domain/process-engine.ts';
import { addDays } from '../src/i18n/dates.ts';

export async function syntheticLog(
  minEvents: number,
  sha256: Sha256Hex,
): Promise<{ events: LoggedEvent[]; writer: DemoWriter; people: DemoProcess['people'] }> {
  const { writer: w, people } = await buildJobcenterDemo(engine(), sha256);
  const { ikbo, gfNew: gf, tv } = people;
  let day = '2026-11-21';
  const step = (days: number) => {
    day = addDays(day, days);
    w.on(day);
  };
  const note = (kind: string, title: string, stage: string | null, measureId: string | null = null) =>
    w.attach(ikbo, { kind, title, proves: { stage: stage as never, measureId }, note: `${title} (${day})` });

  // Finish the demo's current implementation stage first.
  step(1);
  for (const open of allMeasures(w.ctx).filter((m) => m.status === 'running')) {
    await w.record('MeasureCancelled', ikbo, { measureId: open.measureId, reason: 'In den nächsten Maßnahmenplan übernommen.' });
  }
  await note('protokoll', 'Steuerungsgruppe: Umsetzungsstand', 'implementation');

  while (w.log.events.length < minEvents) {
    await w.advance(ikbo, 'anchoring');
    step(20);
    await note('hausverfuegung', 'Hausverfügung Fortschreibung', 'anchoring');
    await note('protokoll', 'Teamleitungsrunde', 'anchoring');
    await w.signOffStage(ikbo, { managingDirector: gf });
    await w.advance(ikbo, 'review');
    step(20);
    const report = await note('evaluationsbericht', 'Evaluationsbericht', 'review');
    const ratings: Record<string, [number, string[], string]> = {};
    for (const standard of engine().rulebook.catalog.standards) {
      ratings[standard.id] = standard.evidenceKinds.includes('evaluationsbericht') ? [3, [report], 'geprüft'] : [1, [], ''];
    }
    await w.assess(ikbo, ratings);
    await w.signOffStage(ikbo, { managingDirector: gf });
    await w.advance(ikbo, 'renewal');
    step(20);
    await note('vertiefungstreffen', 'Vertiefungstreffen', 'renewal');
    await note('massnahmenplan', 'Entwurf Maßnahmenplan', 'renewal');
    await w.signOffStage(ikbo, { managingDirector: gf });
    await w.advance(ikbo, 'plan');
    step(14);
    const measures: string[] = [];
    for (const [templateId, iqLevel] of [
      ['team-meeting-series', 'staff'],
      ['ikoe-coaching', 'structure'],
      ['counselling-standards', 'services'],
    ] as const) {
      measures.push(
        await w.planMeasure(ikbo, {
          templateId,
          title: `Maßnahme ${templateId}`,
          owner: 'Team',
          due: addDays(day, 200),
          indicator: 'Indikator',
          iqLevel,
        }),
      );
    }
    await note('massnahmenplan', 'Maßnahmenplan', 'plan');
    await w.signOffStage(ikbo, { managingDirector: gf, supervisoryBoard: tv });
    await w.advance(ikbo, 'implementation');
    for (const measureId of measures) {
      step(30);
      await w.record('MeasureStarted', ikbo, { measureId });
      await note('protokoll', 'Nachweis zur Maßnahme', null, measureId);
      await note('qualitaetsstandard', 'Fortgeschriebener Standard', null, measureId);
      await w.record('MeasureCompleted', ikbo, { measureId, outcome: 'erledigt' });
    }
    for (let i = 0; i < 10; i++) await note('notiz', `Aktennotiz ${i + 1}`, null);
    await note('protokoll', 'Steuerungsgruppe: Umsetzungsstand', 'implementation');
  }
  return { events: w.log.events.slice(0, minEvents), writer: w, people };
}
