/**
 * A QR code as an SVG element built by React: one path of dark modules on a white square with
 * the standard quiet zone. No markup strings, so nothing in the encoded text can become markup.
 */
import { useMemo } from 'react';
import { encode } from 'uqr';

/** The dark modules as one SVG path: each horizontal run of dark modules is one rectangle. */
export function qrPath(modules: readonly (readonly boolean[])[]): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return parts.join('');
}

export function QrCode({ text, label, size = 240 }: { text: string; label: string; size?: number }) {
  // Medium error correction: still scans from a slightly blurred phone photo of a screen.
  const qr = useMemo(() => encode(text, { ecc: 'M', border: 4 }), [text]);
  const path = useMemo(() => qrPath(qr.data), [qr]);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      shapeRendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
