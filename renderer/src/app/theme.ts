import { useEffect } from 'react';
import type { Theme } from '../../../shared/domain';

/** Applies light, dark or the system's preference, following the system live when asked to. */
export function useTheme(theme: Theme | undefined): void {
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      const dark = theme === 'dark' || ((theme ?? 'system') === 'system' && media.matches);
      document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}

/** Scales every size in the app (the type scale and spacing are in rem) for a projector. */
export function useTextScale(scale: number | undefined): void {
  useEffect(() => {
    document.documentElement.style.fontSize = `${16 * (scale ?? 1)}px`;
  }, [scale]);
}
