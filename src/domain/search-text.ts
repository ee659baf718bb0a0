/**
 * Text search as people in a German office type: case, accents, umlauts and their spelled-out
 * forms do not matter.
 */
/**
 * Lower case, ß as ss, the Turkish dotless ı as i, accents and umlauts dropped, and ae/oe/ue read as a/o/u: "Prüfung",
 * "Pruefung" and "Prufung" all find each other. Applied alike to the text and the query, so a
 * word never fails to find itself; the price is an occasional extra hit ("Frauen" ~ "Fraun").
 */
export function normaliseForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u0080-\uffff]/g, foldCharacter)
    .replace(/[aou]e/g, (pair) => pair.charAt(0));
}

const FOLDED = new Map<string, string>([
  ['ß', 'ss'],
  ['ı', 'i'],
]);

/** One non-ASCII character without its accents; remembered, as the same few recur in every text. */
function foldCharacter(char: string): string {
  let folded = FOLDED.get(char);
  if (folded === undefined) {
    folded = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    FOLDED.set(char, folded);
  }
  return folded;
}

export function searchTerms(query: string): string[] {
  return normaliseForSearch(query).split(/\s+/).filter(Boolean);
}
