/**
 * `npm test` runs this first: it finds the system tools the suite needs beyond node_modules
 * (Chromium, a Java runtime, Python's feedparser, a font), installs the missing ones with apt-get
 * when it runs as root on Debian (as CI does), and otherwise stops before any test starts, printing
 * the exact command to run. When everything is there it returns in well under a second.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Chromium the browser tests launch (tests/e2e/support/browser.ts reads the same variable). */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** What the suite needs from the system; `present` is filled in by the probe. */
export type Tool = 'chromium' | 'java' | 'feedparser' | 'font';

/** What the probe found on this machine. */
export interface Probe {
  /** The tools that were found. */
  present: Record<Tool, boolean>;
  /** The Chromium path the tests will launch: CHROMIUM_PATH, or Debian's. */
  chromiumPath: string;
  /** Running as root, so apt-get may install. */
  root: boolean;
  /** /usr/bin/apt-get exists (Debian and its derivatives). */
  apt: boolean;
}

/** Each tool: who needs it, and the Debian package that provides it. */
export const REQUIREMENTS: Record<Tool, { need: string; pkg: string }> = {
  chromium: { need: 'Chromium at /usr/bin/chromium, for the browser tests (Chromium + axe)', pkg: 'chromium' },
  java: { need: 'a Java runtime, 11 or later (`java` on PATH), for the Nu HTML checker (vnu-jar)', pkg: 'default-jre-headless' },
  feedparser: { need: '/usr/bin/python3 with feedparser, for the feed tests', pkg: 'python3-feedparser' },
  // Without any font Chromium lays text out with empty glyphs: overflow, colour-contrast and
  // screenshot checks would measure nothing.
  font: { need: 'at least one font, for Chromium to lay out text', pkg: 'fonts-noto-core' },
};

/** What the preflight does about a probe. */
export type Decision =
  | { action: 'ready' }
  | { action: 'install'; missing: Tool[]; commands: string[][] }
  | { action: 'stop'; missing: Tool[]; message: string };

function missingList(missing: readonly Tool[]): string {
  return missing.map((t) => `  - ${REQUIREMENTS[t].need}`).join('\n');
}

/**
 * Decides from a probe: nothing to do; apt-get commands to run (root on Debian); or a message that
 * names what is missing and the exact command that installs it. A CHROMIUM_PATH that names no
 * file is the caller's mistake, which no package fixes.
 */
export function decide(probe: Probe): Decision {
  const missing = (Object.keys(REQUIREMENTS) as Tool[]).filter((t) => !probe.present[t]);
  if (missing.length === 0) return { action: 'ready' };
  if (missing.includes('chromium') && probe.chromiumPath !== DEFAULT_CHROMIUM) {
    return {
      action: 'stop',
      missing,
      message: `npm test: CHROMIUM_PATH=${probe.chromiumPath} names no file. Point it at a Chromium binary, or unset it to use ${DEFAULT_CHROMIUM}.`,
    };
  }
  const packages = missing.map((t) => REQUIREMENTS[t].pkg);
  const install = ['apt-get', 'install', '-y', ...packages];
  if (probe.root && probe.apt) return { action: 'install', missing, commands: [['apt-get', 'update'], install] };
  const how = probe.apt
    ? `Install them, then run npm test again:\n\n  sudo apt-get update && sudo ${install.join(' ')}\n`
    : `Install them with your system's package manager (on Debian: apt-get install -y ${packages.join(' ')}), then run npm test again.\n` +
      'A Chromium elsewhere than /usr/bin/chromium can be named with CHROMIUM_PATH.\n';
  return { action: 'stop', missing, message: `npm test needs system tools that are missing:\n${missingList(missing)}\n\n${how}` };
}

/** Whether `command` runs and exits 0 (false when it is missing). */
function succeeds(command: string, args: string[]): Promise<boolean> {
  return new Promise((resolve) => execFile(command, args, { timeout: 60_000 }, (error) => resolve(!error)));
}

/** vnu.jar's classes are Java 11 bytecode (class file version 55). */
export const MIN_JAVA = 11;

/** The major version in `java -version` output ("1.8.0_392" is 8, "17.0.15" is 17), or undefined. */
export function javaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

/** Whether a Java that runs vnu.jar is on PATH. */
function javaRuns(): Promise<boolean> {
  return new Promise((resolve) =>
    execFile('java', ['-version'], { timeout: 60_000 }, (error, _stdout, stderr) =>
      resolve(!error && (javaMajor(stderr) ?? 0) >= MIN_JAVA),
    ),
  );
}

const FONT_FILE = /\.(ttf|otf|ttc|pfb|woff2?)$/i;

/** Whether any of `dirs` (searched recursively) holds a font file. */
function hasFont(dirs: string[]): boolean {
  return dirs.some(
    (dir) => existsSync(dir) && (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).some((f) => FONT_FILE.test(f)),
  );
}

/** Looks at this machine. Java and Python start in parallel: they are the slow part. */
export async function probeSystem(env: NodeJS.ProcessEnv = process.env): Promise<Probe> {
  const chromiumPath = env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM;
  const [java, feedparser] = await Promise.all([javaRuns(), succeeds('/usr/bin/python3', ['-c', 'import feedparser'])]);
  const fontDirs = [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    path.join(homedir(), '.local/share/fonts'),
    path.join(homedir(), '.fonts'),
  ];
  return {
    present: { chromium: existsSync(chromiumPath), java, feedparser, font: hasFont(fontDirs) },
    chromiumPath,
    root: process.getuid?.() === 0,
    apt: existsSync('/usr/bin/apt-get'),
  };
}

/** Runs one command with its output shown; false when it fails. */
function run(command: string[]): Promise<boolean> {
  const [file = '', ...args] = command;
  return new Promise((resolve) => {
    console.log(`preflight: ${command.join(' ')}`);
    spawn(file, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
      .on('error', () => resolve(false))
      .on('exit', (code) => resolve(code === 0));
  });
}

async function main(): Promise<number> {
  const first = decide(await probeSystem());
  if (first.action === 'ready') return 0;
  if (first.action === 'stop') {
    console.error(`\n${first.message}`);
    return 1;
  }
  console.log(`preflight: installing what the tests need:\n${missingList(first.missing)}`);
  for (const command of first.commands) {
    if (!(await run(command))) {
      console.error(`\npreflight: \`${command.join(' ')}\` failed (output above); the tests need:\n${missingList(first.missing)}`);
      return 1;
    }
  }
  const after = decide(await probeSystem());
  if (after.action !== 'ready') {
    console.error(`\npreflight: still missing after apt-get install:\n${missingList(after.missing)}`);
    return 1;
  }
  console.log('preflight: system tools installed');
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main();
