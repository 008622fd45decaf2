import path from 'node:path';
import { openCore, type Core } from '../../electron/services/index';
import type { MethodInput, MethodName, MethodResult } from '../../shared/api';
import type { ApiErrorBody } from '../../shared/errors';

export const RESOURCES = path.resolve(import.meta.dirname, '..', '..', 'resources');

/** A fresh in-memory store per test, with a frozen clock and deterministic ids (after Actual's mocks). */
export function testCore(): Core & {
  call<M extends MethodName>(method: M, input: MethodInput<M>): MethodResult<M>;
  fail(method: string, input: unknown): ApiErrorBody;
  tick(ms?: number): void;
} {
  let clock = Date.UTC(2026, 0, 1);
  let seq = 0;
  const core = openCore({
    dataDir: ':memory:',
    resourcesDir: RESOURCES,
    now: () => clock,
    newId: () => `id-${String(++seq).padStart(4, '0')}`,
  });
  return Object.assign(core, {
    call<M extends MethodName>(method: M, input: MethodInput<M>): MethodResult<M> {
      const r = core.dispatch(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
      return r.value as MethodResult<M>;
    },
    fail(method: string, input: unknown): ApiErrorBody {
      const r = core.dispatch(method, input);
      if (r.ok) throw new Error(`${method} unexpectedly succeeded`);
      return r.error;
    },
    tick(ms = 1000) {
      clock += ms;
    },
  });
}
