/**
 * The process engine for the screens that work with a process. Importing this module is what
 * pulls the engine into a separate chunk; screens that need it are loaded lazily (App.tsx).
 */
import type { ReactNode } from 'react';
import { engine } from '../domain/process-engine.ts';
import { EngineContextProvider } from './data.tsx';

export function EngineProvider({ children }: { children: ReactNode }) {
  return <EngineContextProvider engine={engine()}>{children}</EngineContextProvider>;
}
