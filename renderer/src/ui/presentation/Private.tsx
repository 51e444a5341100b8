// Free text that may hold a client's name (an entry's note, a job's parameters or error, a host):
// shown as it is, or as the mask while presenting. Nothing reveals it on hover.
import { usePresentation } from './context';

export function Private({ text, className }: { text: string | null | undefined; className?: string }) {
  const presentation = usePresentation();
  if (!text) return <>{text ?? ''}</>;
  if (!presentation.on) return className ? <span className={className}>{text}</span> : <>{text}</>;
  return <span className={`masked ${className ?? ''}`.trim()}>{presentation.text(text)}</span>;
}

/** A message shown anyway (an error, a rejected change): known names become pseudonyms, emails and amounts the mask. */
export function Scrubbed({ text }: { text: string | null | undefined }) {
  const presentation = usePresentation();
  return <>{text ? presentation.scrub(text) : (text ?? '')}</>;
}
