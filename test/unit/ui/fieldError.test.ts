import { describe, expect, it } from 'vitest';
import { atField } from '../../../renderer/ui/FieldError';

describe('atField', () => {
  it('drops the field’s name from a refusal shown under that field', () => {
    expect(atField('title: a title cannot be empty.', 'title')).toBe('A title cannot be empty.');
  });
  it('leaves a message about another field, several fields, or none as it is', () => {
    expect(atField('role: too long.', 'name')).toBe('role: too long.');
    expect(atField('name: a name cannot be empty; role: too long.', 'name')).toBe('name: a name cannot be empty; role: too long.');
    expect(atField('The map is gone.', 'title')).toBe('The map is gone.');
  });
});
