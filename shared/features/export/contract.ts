// Export: all the workspace's data in one JSON file (the app's button; `ops export` also writes CSV).
import { z } from 'zod';
import { defineFeature, returns } from '../../contract-kit';
import type { ExportFile } from './types';

export const exportContract = defineFeature(['export'], {
  /** Every user-data table as one JSON file. Refused while presenting. */
  'export.json': { input: z.object({}).strict().optional(), output: returns<ExportFile>() },
});
