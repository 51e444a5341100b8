// The Sales pipeline's address: the board and the pipeline's figures, with the range in the URL
// (won and lost leads closed in it, conversion and win rates over it; open leads are always shown).
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root';
import { validateRangeSearch } from '../../ui/range-search';
import { ScreenError } from '../../ui/ScreenError';
import { SalesPage } from './SalesPage';

export const salesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sales',
  validateSearch: validateRangeSearch,
  component: SalesPage,
  errorComponent: ScreenError,
  staticData: { title: 'Sales pipeline' },
});
