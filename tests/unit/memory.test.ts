import { describe, expect, test } from 'vitest';
import { releaseFreedMemory } from '../../src/lib/memory.ts';

describe('releaseFreedMemory', () => {
  test('below its threshold it runs nothing', () => {
    expect(releaseFreedMemory(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  test('hands back what garbage held', () => {
    // About 300 MB of small objects, then no reference to them: V8 holds the memory until it collects.
    let garbage: number[][] | undefined = Array.from({ length: 300 }, () => Array.from({ length: 125_000 }, (_, i) => i + 0.5));
    expect(garbage.length).toBe(300);
    garbage = undefined;
    const released = releaseFreedMemory(0);
    expect(released).toBeDefined();
    const { before, after } = released as { before: number; after: number };
    expect(before - after).toBeGreaterThan(150);
    // The process's own global stays as it was: no `gc` appears on it.
    expect('gc' in globalThis).toBe(false);
  });
});
