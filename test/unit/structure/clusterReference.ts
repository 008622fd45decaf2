// The rule clusterNotes must agree with: compare every pair of notes with `noteSimilarity` and join
// those at or above the threshold (union-find), groups of two or more in the order their first note
// appears. Slow on purpose: no index, no bound, no shortcut.
import { noteSimilarity } from '../../../shared/structure/cluster';

export function allPairsGroups(notes: { id: string; text: string }[], threshold: number): string[][] {
  const parent = notes.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < notes.length; i++)
    for (let j = i + 1; j < notes.length; j++)
      if (noteSimilarity(notes[i]!.text, notes[j]!.text) >= threshold) {
        const a = find(i);
        const b = find(j);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
  const groups = new Map<number, string[]>();
  notes.forEach((n, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), n.id]));
  return [...groups.values()].filter((g) => g.length > 1);
}
