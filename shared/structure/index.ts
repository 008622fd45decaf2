/**
 * Note structuring: suggest kind, stage and sentiment for raw sticky notes, and group
 * near-duplicates. Pure TypeScript on wink-nlp; no Node, no DOM. See README.md.
 */
export {
  classifyNotes,
  type CaptureTarget,
  type Classification,
  type ClassifyContext,
  type NoteInput,
  type ClassifyOptions,
} from './classify';
export { KINDS, type Kind } from './kind';
export { warmUpSteps } from './warmUp';
export type { SentimentScore } from './sentiment';
export {
  clusterNotes,
  mergeNoteFields,
  mergeNotesText,
  noteSimilarity,
  normaliseNote,
  type ClusterOptions,
} from './cluster';
export { accuracy, confusion, macroF1, meanAbsoluteError, perLabel, type LabelScore } from './metrics';
