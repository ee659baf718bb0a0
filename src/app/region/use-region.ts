/**
 * The regional overview of this device, recomputed whenever a process or the choice of processes
 * changes: rows from the stored states (src/db/region-store.ts), figures from src/domain/overview.ts.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { regionRows } from '../../db/region-store.ts';
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
    // Read inside the query, so the live query follows the processes and the choice of them.
    await db.processes.count();
    await db.settings.get('regionExcluded');
    const asOf = now().toISOString();
    const { rows, unreadable } = await regionRows(db, engine, asOf);
    return { overview: buildOverview(engine, rows), unreadable, asOf };
  }, [db, engine]);
}
