/** What the sync connection reads: the events of a shared process the server does not have yet. */
export { pendingEvents } from './sync-store.ts';
