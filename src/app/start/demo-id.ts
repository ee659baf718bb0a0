/** The demo process's id, kept apart so the start screen need not load the demo generator. */
export const DEMO_PROCESS_ID = 'jc-neckar-alb';
