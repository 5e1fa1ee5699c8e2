import { describe, expect, test } from 'vitest';
import { DEFAULT_CHROMIUM, decide, javaMajor, type Probe, type Tool } from '../../scripts/preflight.ts';

const ALL: Record<Tool, boolean> = { chromium: true, java: true, feedparser: true, font: true };

function probe(missing: Tool[], overrides: Partial<Omit<Probe, 'present'>> = {}): Probe {
  const present = { ...ALL };
  for (const t of missing) present[t] = false;
  return { present, chromiumPath: DEFAULT_CHROMIUM, root: false, apt: true, ...overrides };
}

describe('the test preflight', () => {
  test('does nothing when every tool is present, root or not', () => {
    expect(decide(probe([]))).toEqual({ action: 'ready' });
    expect(decide(probe([], { root: true }))).toEqual({ action: 'ready' });
  });

  test('as root on Debian, runs apt-get update and then installs exactly the missing packages', () => {
    expect(decide(probe(['chromium', 'feedparser'], { root: true }))).toEqual({
      action: 'install',
      missing: ['chromium', 'feedparser'],
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', 'chromium', 'python3-feedparser'],
      ],
    });
  });

  test('maps each tool to its Debian package', () => {
    const d = decide(probe(['chromium', 'java', 'feedparser', 'font'], { root: true }));
    expect(d.action === 'install' && d.commands[1]).toEqual([
      'apt-get',
      'install',
      '-y',
      'chromium',
      'default-jre-headless',
      'python3-feedparser',
      'fonts-noto-core',
    ]);
  });

  test('without root, stops and prints the exact command to run', () => {
    const d = decide(probe(['java', 'font']));
    expect(d.action).toBe('stop');
    expect(d.action === 'stop' && d.message).toMatchInlineSnapshot(`
      "npm test needs system tools that are missing:
        - a Java runtime, 11 or later (\`java\` on PATH), for the Nu HTML checker (vnu-jar)
        - at least one font, for Chromium to lay out text

      Install them, then run npm test again:

        sudo apt-get update && sudo apt-get install -y default-jre-headless fonts-noto-core
      "
    `);
  });

  test('as root without apt-get, stops and names the Debian packages as a guide', () => {
    const d = decide(probe(['feedparser'], { root: true, apt: false }));
    expect(d.action === 'stop' && d.message).toMatchInlineSnapshot(`
      "npm test needs system tools that are missing:
        - /usr/bin/python3 with feedparser, for the feed tests

      Install them with your system's package manager (on Debian: apt-get install -y python3-feedparser), then run npm test again.
      A Chromium elsewhere than /usr/bin/chromium can be named with CHROMIUM_PATH.
      "
    `);
  });

  test('a CHROMIUM_PATH that names no file stops even as root: no package fixes it', () => {
    const d = decide(probe(['chromium'], { root: true, chromiumPath: '/opt/chrome/chrome' }));
    expect(d).toEqual({
      action: 'stop',
      missing: ['chromium'],
      message:
        'npm test: CHROMIUM_PATH=/opt/chrome/chrome names no file. Point it at a Chromium binary, or unset it to use /usr/bin/chromium.',
    });
  });

  test('reads the Java major version from old and new `java -version` formats', () => {
    expect(javaMajor('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment')).toBe(17);
    expect(javaMajor('java version "1.8.0_392"')).toBe(8);
    expect(javaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(javaMajor('Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "11.0.2"')).toBe(11);
    expect(javaMajor('no version here')).toBeUndefined();
  });
});
