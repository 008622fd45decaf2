/**
 * fast-check arbitraries for the API's inputs, derived from each method's zod schema (through zod's
 * own JSON Schema export, so a method added to shared/api.ts is fuzzed without touching this file).
 * Values are shaped like the schema but not always valid: strings at and just past their length
 * limits, numbers at and past their bounds, non-finite numbers (sent as null by JSON), ids drawn
 * partly from rows that really exist so calls reach the store, not only the validator.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { methods, type MethodName } from '../../../shared/api';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
}

/** Longest generated string or array, so a run stays quick; limits themselves are tried as constants. */
const MAX_GENERATED = 24;
const MAX_ITEMS = 4;

function stringArbitrary(schema: JsonSchema, key: string, ids: readonly string[]): fc.Arbitrary<unknown> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength;
  if (schema.pattern) {
    return fc.oneof(fc.stringMatching(new RegExp(schema.pattern)), fc.string({ maxLength: MAX_GENERATED }));
  }
  // Mostly values that pass, so calls reach the store; the rest probe the edges.
  const choices: fc.WeightedArbitrary<unknown>[] = [
    {
      weight: 6,
      arbitrary: fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max ?? MAX_GENERATED, MAX_GENERATED)) }),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: MAX_GENERATED }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', ' ', '   x  ', '\u0000', '\u202e', '𝄞', '=1+1', '<script>', '../..', '%00'),
    },
  ];
  if (max !== undefined && max <= 10_000)
    choices.push({ weight: 1, arbitrary: fc.constantFrom('x'.repeat(max), 'x'.repeat(max + 1)) });
  if (ids.length > 0 && /(^id$|Id$|^ids$|Ids$)/.test(key))
    choices.push({ weight: 12, arbitrary: fc.constantFrom(...ids) });
  return fc.oneof(...choices);
}

function numberArbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
  const integer = schema.type === 'integer';
  const { minimum: min, maximum: max } = schema;
  const edges = [
    min,
    max,
    min !== undefined ? min - 1 : undefined,
    max !== undefined ? max + 1 : undefined,
    0,
    -0,
    1e7,
    1e7 + 1,
    -1e7 - 1,
    0.5,
  ];
  // Unbounded here often means bounded by a refinement JSON Schema cannot carry (coordinates: ±1e7).
  const inRange = integer
    ? fc.integer({ min: min ?? -1e4, max: max ?? 1e4 })
    : fc.double({ min: min ?? -1e4, max: max ?? 1e4, noNaN: true });
  return fc.oneof(
    { weight: 6, arbitrary: inRange },
    { weight: 1, arbitrary: fc.constantFrom(...edges.filter((n): n is number => n !== undefined)) },
    { weight: 1, arbitrary: fc.double() },
  );
}

function fromSchema(schema: JsonSchema, key: string, ids: readonly string[]): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), fc.constant('not-one-of-them'));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => fromSchema(s, key, ids)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringArbitrary(schema, key, ids);
    case 'number':
    case 'integer':
      return numberArbitrary(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = schema.items ? fromSchema(schema.items, key, ids) : fc.jsonValue();
      const minLength = Math.min(schema.minItems ?? 0, MAX_ITEMS);
      return fc.oneof(
        {
          weight: 5,
          arbitrary: fc.array(item, {
            minLength,
            maxLength: Math.max(minLength, Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS)),
          }),
        },
        { weight: 1, arbitrary: fc.constant([]) },
      );
    }
    case 'object': {
      const props = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, sub] of Object.entries(props)) model[name] = fromSchema(sub, name, ids);
      const shaped = fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
      // Now and then a key the schema does not know, or a required one left out.
      return fc.oneof(
        { weight: 8, arbitrary: shaped },
        {
          weight: 1,
          arbitrary: fc
            .tuple(shaped, fc.string({ maxLength: 8 }), fc.jsonValue())
            .map(([o, k, v]) => ({ ...(o as object), [k]: v })),
        },
        { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
      );
    }
    default:
      return fc.jsonValue();
  }
}

/** Inputs for `method`: mostly shaped by its schema, sometimes any JSON at all. */
export function inputFor(method: MethodName, ids: readonly string[]): fc.Arbitrary<unknown> {
  const schema = z.toJSONSchema(methods[method].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return fc.oneof(
    { weight: 4, arbitrary: fromSchema(schema, '', ids) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}
