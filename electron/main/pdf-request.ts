// The Save as PDF request's trust rules, pure so a table test covers them: the renderer only
// suggests a file name (the user picks the folder in the system dialog); a name that could point
// elsewhere, hide control characters or is too long is refused, and the chosen path gets ".pdf".

/** Longest suggested name, extension included (well under every file system's 255). */
export const MAX_PDF_NAME = 120;

// Separators and the characters Windows refuses in a name; control characters (NUL included).
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[/\\<>:"|?*\u0000-\u001f\u007f]/;

export type PdfNameCheck = { ok: true; name: string } | { ok: false; message: string };

export function checkPdfName(input: unknown): PdfNameCheck {
  if (typeof input !== 'string') return { ok: false, message: 'Refused: the file name must be text.' };
  const trimmed = input.trim();
  const name = /\.pdf$/i.test(trimmed) ? trimmed : `${trimmed}.pdf`;
  const stem = trimmed.replace(/\.pdf$/i, '');
  if (stem === '' || /^\.+$/.test(stem)) return { ok: false, message: 'Refused: the file name is empty.' };
  if (FORBIDDEN.test(trimmed)) {
    return {
      ok: false,
      message: 'Refused: the file name has a character a file name cannot have (a slash, a colon, a control character…).',
    };
  }
  if (name.length > MAX_PDF_NAME) return { ok: false, message: `Refused: the file name is longer than ${MAX_PDF_NAME} characters.` };
  return { ok: true, name };
}

/** The path the user chose, with ".pdf" added when they typed a name without it. */
export function withPdfExtension(filePath: string): string {
  return /\.pdf$/i.test(filePath) ? filePath : `${filePath}.pdf`;
}
