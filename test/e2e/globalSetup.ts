import { ensureBuilt } from '../../scripts/ensureBuilt.mjs';

/** The e2e tests run the built app: build what is missing or stale, once. */
export default async function globalSetup() {
  await ensureBuilt({ quiet: true });
}
