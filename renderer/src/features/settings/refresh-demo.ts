// "Refresh demo" (Settings and the command palette): asks first, then makes the demo workspace
// afresh, its history ending yesterday, so a demo a month later does not show a month-old week.
import { useCallback } from 'react';
import { toast } from 'sonner';
import { addDays } from '../../../../shared/time';
import { useApiMutation } from '../../api/hooks';
import { useDisplay } from '../../app/display';
import { useConfirm } from '../../ui/confirm';

export const REFRESH_DEMO_CONFIRM = {
  title: 'Refresh the demo workspace?',
  body: 'The demo is made afresh: two years of made-up history ending yesterday. Anything changed or added in the demo is replaced. Your Work workspace is not touched.',
  confirmLabel: 'Refresh demo',
};

export function useRefreshDemo(): { refresh: () => Promise<void>; pending: boolean } {
  const confirm = useConfirm();
  const display = useDisplay();
  const mutation = useApiMutation('workspace.refreshDemo', {
    onSuccess: (done) => toast.success(`The demo is fresh: its history now runs to ${display.dayMedium(addDays(done.anchor, -1))}.`),
  });
  const { mutate } = mutation;
  const refresh = useCallback(async () => {
    if (await confirm(REFRESH_DEMO_CONFIRM)) mutate(undefined);
  }, [confirm, mutate]);
  return { refresh, pending: mutation.isPending };
}
