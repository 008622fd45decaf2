import { migration001 } from './001_initial';
import { migration002 } from './002_personas_channels_emotions';
import { migration005 } from './005_history';
import { migration003 } from './003_prioritise';
import { migration004 } from './004_workshop';
import { migration006 } from './006_room';

/** One numbered step of the schema. `up` runs inside a transaction with `user_version` set after it. */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** Every migration, in order. Add a file per version and list it here; never edit a landed one. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
