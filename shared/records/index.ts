/** The record model: one schema per record type, the list of record tables, the change type, whole-map helpers. */
export * from './records';
export * from './changes';
export * from './document';
export * from './cascade';
