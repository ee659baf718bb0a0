/** The demo process's id, kept apart so the start screen need not load the demo generator. */
export const DEMO_PROCESS_ID = 'jc-neckar-alb';
/**
 * The demo's ambassador (Leyla Aydın, see src/domain/demo/jobcenter-demo.ts), who becomes the
 * device's current person when the demo is loaded. A real process must not be opened in her name.
 */
export const DEMO_AMBASSADOR_ID = 'p-aydin';
