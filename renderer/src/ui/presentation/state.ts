// The presentation state for code outside React (the write-error toast, CSV downloads): the
// provider keeps it current. One session's pseudonyms live here, so they survive toggling.
import { MASK, Pseudonyms } from './pseudonyms';

export const sessionPseudonyms = new Pseudonyms();

let presenting = false;

export function setPresenting(on: boolean): void {
  presenting = on;
}

export function isPresenting(): boolean {
  return presenting;
}

/** Text about to be shown outside a component that knows the mode (a toast). */
export function presentable(text: string): string {
  return presenting ? sessionPseudonyms.scrub(text) : text;
}

export const REFUSE_EXPORT = 'Turn presentation mode off to export';
export const REFUSE_PRINT = 'Turn presentation mode off to print';
export { MASK };
