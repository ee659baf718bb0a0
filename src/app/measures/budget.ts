/**
 * A budget as people in German offices type it ("2.400,50", "2400,5", "2.400") or with a
 * decimal point ("2400.50"), as whole euro cents. The log stores integer cents, so no amount is
 * ever rounded by floating point on its way there.
 */
export type EuroCents = { ok: true; cents: number | null } | { ok: false };

export function euroCents(input: string): EuroCents {
  const text = input.replace(/\s|€|EUR/gi, '');
  if (text === '') return { ok: true, cents: null };
  let normal: string;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(text)) normal = text.replaceAll('.', '').replace(',', '.');
  else if (/^\d+(,\d{1,2})?$/.test(text)) normal = text.replace(',', '.');
  else if (/^\d+\.\d{1,2}$/.test(text)) normal = text;
  else return { ok: false };
  const [euros = '0', fraction = ''] = normal.split('.');
  const cents = Number(euros) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? { ok: true, cents } : { ok: false };
}
