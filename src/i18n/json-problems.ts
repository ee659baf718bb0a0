/**
 * Why a handed-over file is not strict JSON, in words, for every place that reads one: the
 * verify and import screens, the sign-off file dialogs, restoring a backup and `ankerpunkt
 * verify`. One sentence each, without a final full stop, so callers can put it in their frame.
 */
import type { JsonSyntax, StrictJsonProblem } from '../domain/strict-json.ts';
import type { Lang } from './lang.ts';

const SYNTAX: Record<JsonSyntax, { de: string; en: string }> = {
  value: { de: 'ein Wert erwartet', en: 'a value expected' },
  memberName: { de: 'ein Name in doppelten Anführungszeichen erwartet', en: 'a member name in double quotes expected' },
  colon: { de: '„:“ nach dem Namen erwartet', en: '":" expected after the member name' },
  objectEnd: { de: '„,“ oder „}“ erwartet', en: '"," or "}" expected' },
  arrayEnd: { de: '„,“ oder „]“ erwartet', en: '"," or "]" expected' },
  digit: { de: 'eine Ziffer erwartet', en: 'a digit expected' },
  stringEnd: { de: 'Text ohne schließendes Anführungszeichen', en: 'a string without its closing quote' },
  controlCharacter: { de: 'Steuerzeichen im Text, das maskiert sein müsste', en: 'a control character that must be escaped' },
  escape: { de: 'unbekannte Maskierung mit „\\“', en: 'an unknown escape with "\\"' },
  end: { de: 'nach dem Ende des Inhalts folgt noch etwas', en: 'something follows the end of the content' },
};

const where = (path: string, lang: Lang) => path || (lang === 'de' ? '(oberste Ebene)' : '(top level)');

export function jsonProblemText(problem: StrictJsonProblem, lang: Lang): string {
  const de = lang === 'de';
  switch (problem.code) {
    case 'bom':
      return de
        ? 'Die Datei beginnt mit einer Byte-Order-Markierung (BOM); Dateien von Ankerpunkt beginnen ohne sie'
        : 'The file begins with a byte order mark (BOM); Ankerpunkt files begin without one';
    case 'notUtf8':
      return de
        ? `Die Datei ist kein gültiger UTF-8-Text (ungültiges Byte an Stelle ${problem.offset})`
        : `The file is not valid UTF-8 text (invalid byte at offset ${problem.offset})`;
    case 'notJson':
      return de
        ? `Die Datei ist kein gültiges JSON (an Stelle ${problem.offset}: ${SYNTAX[problem.expected].de})`
        : `The file is not valid JSON (at offset ${problem.offset}: ${SYNTAX[problem.expected].en})`;
    case 'duplicateKey':
      return de
        ? `Der Name „${problem.path}“ steht zweimal im selben Objekt; eine solche Datei kann für verschiedene Programme Verschiedenes bedeuten`
        : `The member "${problem.path}" appears twice in one object; such a file can mean different things to different programs`;
    case 'notInteger':
      return de
        ? `Bei „${where(problem.path, lang)}“ steht die Zahl ${problem.token}; Dateien von Ankerpunkt enthalten nur ganze Zahlen ohne Komma und Exponent`
        : `At "${where(problem.path, lang)}" stands the number ${problem.token}; Ankerpunkt files hold only whole numbers without fraction or exponent`;
    case 'loneSurrogate':
      return de
        ? `Bei „${where(problem.path, lang)}“ steht ein halbes Unicode-Zeichen (einzelnes Surrogat); das ist kein Text`
        : `At "${where(problem.path, lang)}" stands half a Unicode character (a lone surrogate); that is not text`;
    case 'pollutingKey':
      return de
        ? `Die Datei enthält den unzulässigen Namen „${problem.path}“ (ein Versuch, Programmobjekte zu verändern)`
        : `The file contains the forbidden member "${problem.path}" (an attempt to alter program objects)`;
    case 'tooDeep':
      return de
        ? `Die Datei ist bei „${where(problem.path, lang)}“ tiefer als ${problem.limit} Ebenen verschachtelt`
        : `The file nests deeper than ${problem.limit} levels at "${where(problem.path, lang)}"`;
    case 'tooDense':
      return de
        ? `Die Datei enthält weit mehr einzelne Werte, als eine Datei von Ankerpunkt dieser Größe haben kann; sie wurde an Stelle ${problem.offset} nicht weiter gelesen`
        : `The file holds far more separate values than an Ankerpunkt file of its size can; reading stopped at offset ${problem.offset}`;
  }
}

/** Whether a problem is one of strict JSON's (the rest are each format's own). */
export function isJsonProblem(problem: { code: string }): problem is StrictJsonProblem {
  return JSON_CODES.has(problem.code);
}

const JSON_CODES = new Set<string>([
  'bom',
  'notUtf8',
  'notJson',
  'duplicateKey',
  'notInteger',
  'loneSurrogate',
  'pollutingKey',
  'tooDeep',
  'tooDense',
] satisfies StrictJsonProblem['code'][]);
