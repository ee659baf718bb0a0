/**
 * Names of exported files: what it is, which agency, which day, so that a folder of exports
 * from several agencies and years sorts and reads well. ASCII only: Windows shares, e-mail
 * gateways and old ZIP tools all handle it.
 */

import { slugOf } from '../file-names.ts';

export type ExportKind = 'bundle' | 'bundleZip' | 'csv' | 'report';

const PREFIX: Record<ExportKind, string> = {
  bundle: 'pruefpaket',
  bundleZip: 'pruefpaket-mit-nachweisen',
  csv: 'protokoll',
  report: 'prozessbericht',
};

const EXTENSION: Record<ExportKind, string> = { bundle: 'json', bundleZip: 'zip', csv: 'csv', report: 'pdf' };

/** e.g. ankerpunkt-pruefpaket-jobcenter-neckar-alb-demo-2026-11-25.json; the day is the local day. */
export function exportFileName(kind: ExportKind, agencyName: string, at: Date): string {
  const day = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  return `ankerpunkt-${PREFIX[kind]}-${slugOf(agencyName)}-${day}.${EXTENSION[kind]}`;
}
