// Diagnostics: what support needs to know about this installation, as data and as text to paste.
import { z } from 'zod';
import { defineFeature, returns } from '../../contract-kit';
import type { Diagnostics } from './types';

export const diagnosticsContract = defineFeature(['diagnostics'], {
  /** Refused while presenting: it names the central host and the replica's path. */
  'diagnostics.get': { input: z.object({}).strict().optional(), output: returns<Diagnostics>() },
});
