/** The journey structure: frame geometry, header reordering, the emotion lane, template checks. */
export * from './frame';
export * from './reorder';
export * from './emotion';
export * from './templateCheck';
