import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import { fileError } from './found-issue.js';

const CHUNK_BYTES = 1024 * 1024;
const MIB = 1024 * 1024;

/**
 * O_NONBLOCK: should a FIFO that no one writes to take the file's place between the check of the
 * path and the open, the open returns at once instead of waiting forever, and the check of the
 * handle refuses it. It changes nothing for a regular file. Windows has no O_NONBLOCK.
 */
const OPEN_FLAGS = constants.O_RDONLY | ((constants as Partial<typeof constants>).O_NONBLOCK ?? 0);

/**
 * Reads the whole file, which must be a regular file (symbolic links are followed), refusing
 * anything over `maxBytes` before and while reading it.
 */
export async function readConfigFile(file: string, maxBytes: number): Promise<Uint8Array> {
  let handle: FileHandle;
  try {
    // Checked before opening too, because opening a device can do something of its own (a tape
    // rewinds, a watchdog arms); the check on the open handle below is the one that cannot race.
    const info = await stat(file);
    if (!info.isFile()) throw notRegular(file, info);
    handle = await open(file, OPEN_FLAGS);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw fileError(file, `cannot read the file: ${describeFsError(error)}`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw notRegular(file, info);
    if (info.size > maxBytes) throw tooLarge(file, info.size, maxBytes);
    return await readAtMost(handle, file, maxBytes);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw fileError(file, `cannot read the file: ${describeFsError(error)}`);
  } finally {
    await handle.close();
  }
}

/**
 * Files under /proc report size 0 whatever they hold, and a file can grow while it is read, so the
 * cap is enforced again on what actually arrives.
 */
async function readAtMost(handle: FileHandle, file: string, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
    if (bytesRead === 0) return Buffer.concat(chunks, total);
    total += bytesRead;
    if (total > maxBytes) throw tooLarge(file, null, maxBytes);
    chunks.push(chunk.subarray(0, bytesRead));
  }
}

export function tooLarge(file: string, bytes: number | null, maxBytes: number): ConfigError {
  const size = bytes === null ? 'over the limit' : `${bytes.toLocaleString('en-US')} bytes`;
  const limit = maxBytes % MIB === 0 ? `${maxBytes / MIB} MiB` : `${maxBytes.toLocaleString('en-US')} bytes`;
  return fileError(file, `file is too large (${size}); the limit is ${limit} (100,000 memberships take about 3 MiB)`);
}

function notRegular(file: string, info: Stats): ConfigError {
  return fileError(file, `is ${kindOf(info)}, not a regular file; expected a YAML file`);
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'something else';
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file (pass -f FILE to name another one)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? (error instanceof Error ? error.message : String(error));
}
