/** The verify verdict as one line of German or English, the way the CLI prints it (plus a line per erased content). */
import type { Rulebook } from '../../standards/rulebook.ts';
import type { SchemaIssue } from '../domain/schema-reasons.ts';
import type { BrokenProblem, ErasedEvidence, InvalidProblem, Verdict } from '../domain/verify.ts';
import type { Lang } from '../i18n/lang.ts';
import { describeReason, formatDate } from '../i18n/reasons.ts';

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
  }
}

function invalidText(problem: InvalidProblem, lang: Lang): string {
  const de = lang === 'de';
  switch (problem.code) {
    case 'tooLarge':
      return de
        ? `Datei ist zu groß (${problem.bytes} Bytes, höchstens ${problem.limit})`
        : `file is too large (${problem.bytes} bytes, at most ${problem.limit})`;
    case 'notUtf8':
      return de ? 'Datei ist kein UTF-8-Text' : 'file is not UTF-8 text';
    case 'notJson':
      return de ? `Datei ist kein gültiges JSON (${problem.message})` : `file is not valid JSON (${problem.message})`;
    case 'pollutingKey':
      return de
        ? `Datei enthält den unzulässigen Schlüssel „${problem.path}“ (Versuch, Programmobjekte zu verändern)`
        : `file contains the forbidden key "${problem.path}" (an attempt to alter program objects)`;
    case 'notBundle':
      return de
        ? 'Datei ist kein Ankerpunkt-Audit-Bundle (Feld "format" fehlt oder ist falsch)'
        : 'file is not an Ankerpunkt audit bundle ("format" missing or wrong)';
    case 'wrongVersion':
      return de
        ? `Formatversion ${JSON.stringify(problem.got)} wird nicht unterstützt (erwartet 1)`
        : `format version ${JSON.stringify(problem.got)} is not supported (expected 1)`;
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
        ? `  „${e.title}“ (Nachweis ${e.evidenceId}, Fassung ${e.revision}, ${e.name}, SHA-256 ${e.sha256}): gelöscht (Löschung protokolliert am ${formatDate(e.erasedAt, lang)} von ${e.erasedBy}: ${e.reason})`
        : `  "${e.title}" (evidence ${e.evidenceId}, revision ${e.revision}, ${e.name}, SHA-256 ${e.sha256}): erased (erasure logged on ${formatDate(e.erasedAt, lang)} by ${e.erasedBy}: ${e.reason})`,
    ),
  ];
}

export function verdictLine(verdict: Verdict, lang: Lang, rulebook: Rulebook): string {
  const de = lang === 'de';
  switch (verdict.status) {
    case 'intact': {
      const s = verdict.summary;
      const line = de
        ? `INTAKT: ${s.agencyName} · ${s.eventCount} Ereignisse · Kette, Kopf und ${s.signatures} Freigabe-Signaturen geprüft · Kopf-Hash ${s.headHash} · exportiert von ${s.exportedBy} am ${formatDate(s.exportedAt, lang)}`
        : `INTACT: ${s.agencyName} · ${s.eventCount} events · chain, head and ${s.signatures} sign-off signatures verified · head hash ${s.headHash} · exported by ${s.exportedBy} on ${formatDate(s.exportedAt, lang)}`;
      return [line, ...erasedLines(s.erased, lang)].join('\n');
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
