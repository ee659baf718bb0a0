export * from './measure/measure.machine.ts';
export * from './process/process.collections.ts';
export * from './process/process.context.ts';
export * from './process/process.events.ts';
export * from './process/process.explain.ts';
export * from './process/process.machine.ts';
export * from './process/process.queries.ts';
export * from './process/reasons.ts';
