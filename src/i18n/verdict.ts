/**
 * The verify verdict as one line of German or English (plus a line per erased content), the way
 * `ankerpunkt verify` prints it and the verify, import and restore screens show it: one text for
 * the CLI and the app, so an auditor and an agency read the same words.
 */
import type { Rulebook } from '../../standards/rulebook.ts';
import type { Attribution } from '../domain/attribution.ts';
import { fingerprint } from '../domain/crypto/keys.ts';
import type { SchemaIssue } from '../domain/schema-reasons.ts';
import type { Continuity, TrustResult } from '../domain/trust.ts';
import type { BrokenProblem, BundleSummary, ErasedEvidence, InvalidProblem, Verdict } from '../domain/verify.ts';
import { formatDay } from './dates.ts';
import { isJsonProblem, jsonProblemText } from './json-problems.ts';
import type { Lang } from './lang.ts';
import { describeReason } from './reasons.ts';

const short = (hash: string) => `${hash.slice(0, 12)}…`;

function brokenText(problem: BrokenProblem, lang: Lang, rulebook: Rulebook): string {
  const de = lang === 'de';
  switch (problem.code) {
    case 'seqMismatch':
      return de
        ? `Laufnummer ${problem.got} statt ${problem.expected} (Ereignis fehlt, doppelt oder vertauscht)`
        : `sequence number ${problem.got} instead of ${problem.expected} (event missing, repeated or reordered)`;
    case 'prevHashMismatch':
      return de
        ? `Verweis auf das vorige Ereignis stimmt nicht (erwartet ${short(problem.expected)}, steht ${short(problem.got)})`
        : `link to the previous event does not match (expected ${short(problem.expected)}, found ${short(problem.got)})`;
    case 'hashMismatch':
      return de
        ? `Hash stimmt nicht: der Inhalt wurde verändert (berechnet ${short(problem.expected)}, steht ${short(problem.got)})`
        : `hash mismatch: the content was changed (computed ${short(problem.expected)}, found ${short(problem.got)})`;
    case 'duplicateId':
      return de ? `Ereignis-Kennung ${problem.id} kommt doppelt vor` : `event id ${problem.id} occurs twice`;
    case 'signature':
      return (
        (de ? 'Signatur des Ereignisses ungültig: ' : "the event's signature is not valid: ") +
        problem.reasons.map((r) => describeReason(r, lang, rulebook)).join(' ')
      );
    case 'refused':
      return (
        (de ? 'vom Prozessmodell abgelehnt: ' : 'refused by the process model: ') +
        problem.reasons.map((r) => describeReason(r, lang, rulebook)).join(' ')
      );
    case 'headCountMismatch':
      return de
        ? `Kopf nennt ${problem.got} Ereignisse, das Bundle enthält ${problem.expected} (gekürzt oder ergänzt)`
        : `head names ${problem.got} events, the bundle holds ${problem.expected} (cut short or extended)`;
    case 'headHashMismatch':
      return de
        ? `Kopf-Hash ${short(problem.got)} ist nicht der Hash des letzten Ereignisses ${short(problem.expected)}`
        : `head hash ${short(problem.got)} is not the last event's hash ${short(problem.expected)}`;
    case 'headProcessMismatch':
      return de
        ? `Kopf nennt Prozess ${problem.got}, das Protokoll gehört zu ${problem.expected}`
        : `head names process ${problem.got}, the log belongs to ${problem.expected}`;
    case 'headSignerUnknown':
      return de
        ? `Kopf ist mit Schlüssel ${problem.keyId} signiert, der ${problem.personId} im Prozess nicht gehört`
        : `head is signed with key ${problem.keyId}, which is not ${problem.personId}'s in this process`;
    case 'headSignerRevoked':
      return de
        ? `Kopf ist mit dem widerrufenen Schlüssel ${problem.keyId} signiert`
        : `head is signed with the revoked key ${problem.keyId}`;
    case 'headSignatureInvalid':
      return de ? `Signatur des Kopfes ist ungültig (Schlüssel ${problem.keyId})` : `head signature is invalid (key ${problem.keyId})`;
    case 'sectionMismatch':
      return de
        ? `Abschnitt „${problem.section}“ passt nicht zu den Ereignissen`
        : `section "${problem.section}" does not match the events`;
    case 'headDescriptionMismatch':
      return de
        ? `„${problem.member}“ der Datei ist nicht der, den der signierte Kopf nennt (nachträglich geändert)`
        : `the file's "${problem.member}" is not the one its signed head names (changed afterwards)`;
  }
}

function invalidText(problem: InvalidProblem, lang: Lang): string {
  const de = lang === 'de';
  if (isJsonProblem(problem)) return jsonProblemText(problem, lang);
  switch (problem.code) {
    case 'tooLarge':
      return de
        ? `Datei ist zu groß (${problem.bytes} Bytes, höchstens ${problem.limit})`
        : `file is too large (${problem.bytes} bytes, at most ${problem.limit})`;
    case 'notBundle':
      return de
        ? 'Datei ist kein Ankerpunkt-Audit-Bundle (Feld "format" fehlt oder ist falsch)'
        : 'file is not an Ankerpunkt audit bundle ("format" missing or wrong)';
    case 'wrongVersion':
      return de
        ? `Formatversion ${JSON.stringify(problem.got)} wird nicht unterstützt (erwartet 1 oder 2)`
        : `format version ${JSON.stringify(problem.got)} is not supported (expected 1 or 2)`;
    case 'schema':
      return (
        (de ? 'Schemafehler: ' : 'schema error: ') + problem.issues.map((i) => `${i.path || '(root)'}: ${issueText(i, lang)}`).join('; ')
      );
  }
}

/** What is wrong at a path, in words rather than the schema library's English. */
function issueText(issue: SchemaIssue, lang: Lang): string {
  const de = lang === 'de';
  if (issue.problem === 'missing') return de ? 'fehlt oder ist leer' : 'missing or empty';
  if (issue.problem === 'tooLong')
    return de ? `zu lang (höchstens ${issue.limit} Zeichen)` : `too long (at most ${issue.limit} characters)`;
  // Our own messages ("expected 64 lower-case hex digits") say what was expected; the library's
  // generic "Invalid input" does not.
  return issue.message === 'Invalid input' ? (de ? 'ungültiger Wert' : 'invalid value') : issue.message;
}

/**
 * One line per erased evidence content: the log proves what was there (title, digest) and that it
 * was erased on purpose, so its absence is expected rather than a gap.
 */
export function erasedLines(erased: readonly ErasedEvidence[], lang: Lang): string[] {
  if (erased.length === 0) return [];
  const de = lang === 'de';
  const header = de
    ? `Gelöschte Dateiinhalte (${erased.length}); Titel und Prüfsumme bleiben im Protokoll:`
    : `Erased file contents (${erased.length}); title and digest stay in the log:`;
  return [
    header,
    ...erased.map((e) =>
      de
        ? `  „${e.title}“ (Nachweis ${e.evidenceId}, Fassung ${e.revision}, ${e.name}, SHA-256 ${e.sha256}): gelöscht (Löschung protokolliert am ${formatDay(e.erasedAt, lang)} von ${e.erasedBy}: ${e.reason})`
        : `  "${e.title}" (evidence ${e.evidenceId}, revision ${e.revision}, ${e.name}, SHA-256 ${e.sha256}): erased (erasure logged on ${formatDay(e.erasedAt, lang)} by ${e.erasedBy}: ${e.reason})`,
    ),
  ];
}

/** How much of the log is signed, in words: all of it, from an event on, or none of it. */
export function signedText(a: Attribution, eventCount: number, lang: Lang): string {
  const de = lang === 'de';
  if (a.signedFrom === 1) return de ? `alle ${eventCount} Ereignisse einzeln signiert` : `all ${eventCount} events signed one by one`;
  if (a.signedFrom === null) return de ? 'kein Ereignis einzeln signiert' : 'no event signed on its own';
  return de ? `signiert ab Ereignis ${a.signedFrom}` : `signed from event ${a.signedFrom} on`;
}

/**
 * The warning for a log that is not signed throughout: what it cannot prove. Null if every event
 * is signed.
 */
export function unsignedWarning(a: Attribution, formatVersion: number, lang: Lang): string | null {
  return signingWarning(a.signedFrom, a.unsigned, lang, formatVersion);
}

/** The same warning from the first signed event's seq and the log's length (null: none signed). */
export function signingWarning(signedFrom: number | null, eventCount: number, lang: Lang, formatVersion = 2): string | null {
  const de = lang === 'de';
  if (signedFrom === 1 || eventCount === 0) return null;
  if (signedFrom === null) {
    return de
      ? `WARNUNG: Kein Ereignis ist einzeln signiert${formatVersion === 1 ? ' (Format 1)' : ''}. Wer was aufgezeichnet hat, ist nicht bewiesen: Der Inhalt beruht auf der exportierenden Person; bewiesen sind nur die Freigabe-Signaturen und der Kopf.`
      : `WARNING: no event is signed on its own${formatVersion === 1 ? ' (format 1)' : ''}. Who recorded what is not proven: the content rests on the person who exported it; only the sign-off signatures and the head are proven.`;
  }
  return de
    ? `WARNUNG: Die Ereignisse 1 bis ${signedFrom - 1} wurden vor der Umstellung auf einzeln signierte Ereignisse aufgezeichnet. Wer sie aufgezeichnet hat, ist nicht bewiesen; sie beruhen auf der exportierenden Person. Zurechenbar ist das Protokoll ab Ereignis ${signedFrom}.`
    : `WARNING: events 1 to ${signedFrom - 1} were recorded before events were signed one by one. Who recorded them is not proven; they rest on the person who exported the bundle. The log is attributable from event ${signedFrom} on.`;
}

/** The founder's key and every signer with their fingerprint, and what that proves to whom. */
export function signerLines(s: BundleSummary, lang: Lang): string[] {
  const de = lang === 'de';
  const a = s.attribution;
  const lines: string[] = [];
  if (a.founder) {
    lines.push(
      de
        ? `Gründungsschlüssel: ${a.founder.name} (${a.founder.personId}), Fingerabdruck ${fingerprint(a.founder.keyId)}`
        : `founder's key: ${a.founder.name} (${a.founder.personId}), fingerprint ${fingerprint(a.founder.keyId)}`,
    );
  }
  if (a.signers.length > 0) lines.push(de ? 'Signiert haben:' : 'Signed by:');
  for (const signer of a.signers) {
    const acts = [
      signer.events > 0 ? (de ? `${signer.events} Einträge` : `${signer.events} entries`) : null,
      signer.decisions > 0 ? (de ? `${signer.decisions} Freigabe-Entscheidungen` : `${signer.decisions} sign-off decisions`) : null,
    ]
      .filter((x) => x !== null)
      .join(', ');
    const revoked = signer.revokedAt
      ? de
        ? `, widerrufen am ${formatDay(signer.revokedAt, lang)}`
        : `, revoked on ${formatDay(signer.revokedAt, lang)}`
      : '';
    lines.push(`  ${signer.name} (${signer.personId}): ${fingerprint(signer.keyId)} · ${acts}${revoked}`);
  }
  lines.push(
    de
      ? 'Ein Bundle beweist, wer signiert hat, nur wer einen dieser Fingerabdrücke aus anderer Quelle kennt (Identitätsdatei, Telefonat, früherer Export): mit --trust FINGERABDRUCK prüfen.'
      : 'A bundle proves who signed only to someone who knows one of these fingerprints from elsewhere (identity file, phone call, earlier export): check with --trust FINGERPRINT.',
  );
  return lines;
}

/** One line per trust anchor: matched, or why not. */
export function trustLines(results: readonly TrustResult[], lang: Lang): string[] {
  return results.map((r) => trustLine(r, lang));
}

function trustLine(r: TrustResult, lang: Lang): string {
  const de = lang === 'de';
  const fp = fingerprint(r.anchor.keyId);
  switch (r.status) {
    case 'founder':
      return de ? `VERTRAUT: ${fp} ist der Gründungsschlüssel (${r.name})` : `TRUSTED: ${fp} is the founder's key (${r.name})`;
    case 'person':
      return de
        ? `VERTRAUT: ${fp} ist ein Schlüssel von ${r.name} (${r.signed} Signaturen damit)`
        : `TRUSTED: ${fp} is a key of ${r.name} (${r.signed} signatures with it)`;
    case 'notFounder':
      return de
        ? `NICHT VERTRAUT: ${fp} ist nicht der Gründungsschlüssel dieses Bundles${r.founderKeyId ? ` (dieser ist ${fingerprint(r.founderKeyId)})` : ''}`
        : `NOT TRUSTED: ${fp} is not this bundle's founder's key${r.founderKeyId ? ` (that is ${fingerprint(r.founderKeyId)})` : ''}`;
    case 'unknownPerson':
      return de
        ? `NICHT VERTRAUT: „${r.anchor.person}“ ist in diesem Prozess nicht registriert`
        : `NOT TRUSTED: "${r.anchor.person}" is not registered in this process`;
    case 'notPersonsKey':
      return de
        ? `NICHT VERTRAUT: ${fp} ist kein Schlüssel von ${r.name} in diesem Bundle (dort: ${r.keyIds.map(fingerprint).join('; ')})`
        : `NOT TRUSTED: ${fp} is not a key of ${r.name} in this bundle (there: ${r.keyIds.map(fingerprint).join('; ')})`;
  }
}

/** Whether a newer export continues an earlier one, in one line. */
export function continuityLine(c: Continuity, lang: Lang): string {
  const de = lang === 'de';
  switch (c.status) {
    case 'extends':
      return de
        ? `FORTGESETZT: beginnt mit genau den ${c.oldCount} Ereignissen des früheren Exports, ${c.newCount - c.oldCount} neu`
        : `CONTINUES: begins with exactly the ${c.oldCount} events of the earlier export, ${c.newCount - c.oldCount} new`;
    case 'otherProcess':
      return de
        ? `ANDERER PROZESS: der frühere Export gehört zu ${c.oldProcessId}, dieser zu ${c.newProcessId}`
        : `OTHER PROCESS: the earlier export belongs to ${c.oldProcessId}, this one to ${c.newProcessId}`;
    case 'shorter':
      return de
        ? `GEKÜRZT: ${c.newCount} Ereignisse, der frühere Export hatte ${c.oldCount}${c.firstDiffering ? `; ab Ereignis ${c.firstDiffering} weichen sie außerdem ab` : ''}`
        : `CUT SHORT: ${c.newCount} events, the earlier export had ${c.oldCount}${c.firstDiffering ? `; they also differ from event ${c.firstDiffering} on` : ''}`;
    case 'differs':
      return de
        ? `UMGESCHRIEBEN: ab Ereignis ${c.seq} weichen die Exporte ab (früher ${short(c.oldHash)}, jetzt ${short(c.newHash)})`
        : `REWRITTEN: the exports differ from event ${c.seq} on (earlier ${short(c.oldHash)}, now ${short(c.newHash)})`;
  }
}

export function verdictLine(verdict: Verdict, lang: Lang, rulebook: Rulebook): string {
  const de = lang === 'de';
  switch (verdict.status) {
    case 'intact': {
      const s = verdict.summary;
      const signed = signedText(s.attribution, s.eventCount, lang);
      const line = de
        ? `INTAKT: ${s.agencyName} · ${s.eventCount} Ereignisse, ${signed} · Kette, Kopf und ${s.signatures} Freigabe-Signaturen geprüft · Kopf-Hash ${s.headHash} · exportiert von ${s.exportedBy} (${fingerprint(s.exporterKeyId)}) am ${formatDay(s.exportedAt, lang)}`
        : `INTACT: ${s.agencyName} · ${s.eventCount} events, ${signed} · chain, head and ${s.signatures} sign-off signatures verified · head hash ${s.headHash} · exported by ${s.exportedBy} (${fingerprint(s.exporterKeyId)}) on ${formatDay(s.exportedAt, lang)}`;
      const warning = unsignedWarning(s.attribution, s.formatVersion, lang);
      return [line, ...(warning ? [warning] : []), ...signerLines(s, lang), ...erasedLines(s.erased, lang)].join('\n');
    }
    case 'broken': {
      const where = verdict.event
        ? de
          ? `Ereignis ${verdict.event.seq} (${verdict.event.type}, ${verdict.event.id})`
          : `event ${verdict.event.seq} (${verdict.event.type}, ${verdict.event.id})`
        : de
          ? 'Kopf des Bundles'
          : 'bundle head';
      return `${de ? 'GEBROCHEN' : 'BROKEN'}: ${where}: ${brokenText(verdict.problem, lang, rulebook)}`;
    }
    case 'invalid':
      return `${de ? 'KEIN GÜLTIGES BUNDLE' : 'NOT A VALID BUNDLE'}: ${invalidText(verdict.problem, lang)}`;
  }
}
