/**
 * `-f` naming something that is not a membership file, through the built CLI: the user sees one
 * clear error, and never more than 60 characters of what was read.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { releaseFifoReader } from '../support/release-fifo-reader.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-files.js';

const files = tempDir();
afterAll(() => files.remove());

const withProc = existsSync('/proc/self/environ') ? it : it.skip;

describe('a link to /proc/self/environ (a regular file of size 0)', () => {
  // Not random: a value that cannot appear in the output by chance, and the same on every run.
  const secret = 'secret-0123456789'.repeat(5).slice(0, 80);

  withProc.each(['validate', 'plan'])(
    '%s prints one error with 60 characters of the environment at most',
    async (command) => {
      const link = join(files.dir, `${command}-environ.yaml`);
      symlinkSync('/proc/self/environ', link);
      // PATH empty and first, so that the quoted 60 characters reach into the secret's value.
      const run = await runCli([command, '-f', link], { env: { PATH: '', MEMBERSHIP_TEST_SECRET: secret } });
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `Error: ${link}:1:1: expected a mapping (key: value), got text ` +
          `"PATH=\\u{0}NO_COLOR=1\\u{0}MEMBERSHIP_TEST_SECRET=${secret.slice(0, 20)}…"\n`,
      );
      expect(run.code).toBe(1);
    },
  );
});

const onPosix = process.platform === 'win32' ? it.skip : it;

describe('a link to a FIFO that no one writes to', () => {
  onPosix.each(['validate', 'plan'])('%s refuses it at once, in one line', async (command) => {
    const fifo = join(files.dir, `${command}.fifo`);
    execFileSync('mkfifo', [fifo]);
    const link = join(files.dir, `${command}-fifo.yaml`);
    symlinkSync(fifo, link);
    // A CLI stuck opening the FIFO is let go after 5 s, and then fails the test with another error.
    const release = setTimeout(() => releaseFifoReader(fifo), 5000);
    const run = await runCli([command, '-f', link]).finally(() => clearTimeout(release));
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`Error: ${link}: is a FIFO (named pipe), not a regular file; expected a YAML file\n`);
    expect(run.code).toBe(1);
  });
});

describe('a Unix socket', () => {
  onPosix('is refused as not a regular file, in one line', async () => {
    const socket = join(files.dir, 'membership.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const run = await runCli(['validate', '-f', socket]);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`Error: ${socket}: is a socket, not a regular file; expected a YAML file\n`);
      expect(run.code).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
