// The Hours screen's address: every view state lives in the URL, so reload, Back and a link all
// return to the same day, view, consultant and filters.
import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from '../../app/root';
import { ScreenError } from '../../ui/ScreenError';
import { HoursPage } from './HoursPage';

// A malformed value (an old bookmark, a hand-edited URL) is dropped, never an error screen.
const hoursSearch = z.object({
  view: z.enum(['day', 'week']).optional().catch(undefined),
  // Days hours can be on (the years 2000 to 2100, as the core's start-time check): anything else is
  // a typo, shown as today rather than as an empty year 1 inviting an entry the core refuses.
  day: z.iso
    .date()
    .refine((d) => d >= '2000-01-01' && d <= '2100-12-31')
    .optional()
    .catch(undefined),
  consultant: z.uuid().optional().catch(undefined),
  project: z.uuid().optional().catch(undefined),
  billable: z.enum(['yes', 'no']).optional().catch(undefined),
});
export type HoursSearch = z.infer<typeof hoursSearch>;

export const hoursRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/hours',
  validateSearch: (search: Record<string, unknown>): HoursSearch => hoursSearch.parse(search),
  component: HoursPage,
  errorComponent: ScreenError,
  staticData: { title: 'Hours' },
});
