/**
 * The regional overview of this device, recomputed whenever a process or the choice of processes
 * changes: rows from the stored states (src/db/region-reads.ts), figures from src/domain/overview.ts.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { regionSources } from '../../db/region-reads.ts';
import { buildOverview, type Overview } from '../../domain/overview.ts';
import { useServices } from '../data.tsx';

export interface RegionView {
  overview: Overview;
  unreadable: string[];
  asOf: string;
}

export function useRegionOverview(): RegionView | undefined {
  const { db, engine, now } = useServices();
  return useLiveQuery(async () => {
    const asOf = now().toISOString();
    const { rows, unreadable } = await regionSources(db, engine, asOf);
    return { overview: buildOverview(engine, rows), unreadable, asOf };
  }, [db, engine]);
}
