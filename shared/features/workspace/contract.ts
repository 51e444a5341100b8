// The workspace, its settings and the consultants every screen lists (projects: features/projects).
import { z } from 'zod';
import { returns, defineFeature } from '../../contract-kit';
import {
  TEXT_SCALES,
  THEMES,
  TIME_FORMATS,
  type Consultant,
  type DemoRefresh,
  type ReplicaStatus,
  type Settings,
  type WorkspaceInfo,
} from '../../domain';
import { id, none, zoneName } from '../../schemas';
import { companySchema } from './company';

export const workspaceContract = defineFeature(['workspace', 'settings', 'status', 'consultants'], {
  'workspace.info': { input: none, output: returns<WorkspaceInfo>() },
  'workspace.switch': {
    // `empty`: the Work workspace's name in earlier versions.
    input: z.object({
      kind: z
        .enum(['demo', 'work', 'empty'], { message: 'Choose the workspace: demo or work.' })
        .transform((kind) => (kind === 'empty' ? 'work' : kind)),
    }),
    output: returns<WorkspaceInfo>(),
    touches: ['*'],
  },
  'settings.get': { input: none, output: returns<Settings>() },
  'settings.update': {
    input: z
      .object({
        theme: z.enum(THEMES, { message: `Choose a theme: ${THEMES.join(', ')}.` }).optional(),
        timeFormat: z.enum(TIME_FORMATS, { message: `Choose a time format: ${TIME_FORMATS.join(', ')}.` }).optional(),
        textScale: z
          .number()
          .refine((n) => (TEXT_SCALES as readonly number[]).includes(n), {
            message: `Choose a text size of ${TEXT_SCALES.map((n) => `${n * 100}%`).join(', ')}.`,
          })
          .optional(),
        presentation: z.boolean({ message: 'Presentation mode is on (true) or off (false).' }).optional(),
        presentOnSecondDisplay: z
          .boolean({ message: 'Turning presentation mode on when a second display is connected is on (true) or off (false).' })
          .optional(),
        consultantId: id.optional(),
        /** The workspace's time zone (the others are the user's, kept across workspaces). */
        timeZone: zoneName.optional(),
        /** The business's block on invoices (the whole block: a field left empty is cleared). */
        company: companySchema.optional(),
      })
      .strict(),
    output: returns<Settings>(),
    touches: ['settings'],
  },
  /** Makes the demo workspace afresh, its history ending today (in the demo's zone); Work is never touched. */
  'workspace.refreshDemo': { input: none, output: returns<DemoRefresh>(), touches: ['*'] },
  'status.get': { input: none, output: returns<ReplicaStatus>() },
  'consultants.list': { input: none, output: returns<Consultant[]>() },
});
