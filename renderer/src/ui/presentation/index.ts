export { usePresentation, type Presentation } from './context';
export { PresentationProvider } from './provider';
export { Private, Scrubbed } from './Private';
export { MASK, Pseudonyms } from './pseudonyms';
export { isPresenting, presentable, REFUSE_EXPORT, REFUSE_PRINT } from './state';
