// Export of all the workspace's data: every table a user owns, as CSV files and one JSON file.

/** The formats `ops export --format` writes (both by default). */
export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  /** `ops-console-export-2026-11-29T101500Z.json`: safe on every file system. */
  fileName: string;
  /** The file's contents (JSON text). */
  text: string;
  /** Rows per table. */
  rows: Record<string, number>;
}
