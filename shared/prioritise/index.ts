/** Prioritising (issue 12), pure: dot voting, the impact/effort matrix and roadmap, and the insights. */
export * from './voting';
export * from './plan';
export * from './insights';
