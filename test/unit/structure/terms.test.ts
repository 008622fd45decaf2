// Content terms for stage matching: words that happen to name JavaScript object properties are
// plain words, and the caches give the same terms as the first reading.
import { describe, expect, it } from 'vitest';
import { textTerms } from '../../../shared/structure/terms';

describe('textTerms', () => {
  it('treats "constructor" and friends as ordinary words', () => {
    const t = textTerms('The constructor said toString and valueOf were fine');
    expect([...t.stems.keys()]).toEqual(expect.arrayContaining(['constructor', 'tostr', 'valueof', 'fine']));
    for (const k of t.stems.keys()) expect(typeof k).toBe('string');
  });

  it('finds the same stems and phases in a text read again with new words around it', () => {
    const first = textTerms('Compared three quotes before signing up');
    const again = textTerms('compared three quotes before signing up!');
    expect([...again.stems]).toEqual([...first.stems]);
    expect([...again.phases]).toEqual([...first.phases]);
  });
});
