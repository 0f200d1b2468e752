import { open, type FileHandle } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import { fileError } from './found-issue.js';

const CHUNK_BYTES = 1024 * 1024;
const MIB = 1024 * 1024;

/** Reads the whole file, refusing anything over `maxBytes` before and while reading it. */
export async function readConfigFile(file: string, maxBytes: number): Promise<Uint8Array> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw fileError(file, `cannot read the file: ${describeFsError(error)}`);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw fileError(file, 'is a directory; expected a YAML file');
    if (info.size > maxBytes) throw tooLarge(file, info.size, maxBytes);
    return await readAtMost(handle, file, maxBytes);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw fileError(file, `cannot read the file: ${describeFsError(error)}`);
  } finally {
    await handle.close();
  }
}

/** Pipes and devices report size 0, so the cap is enforced again on what actually arrives. */
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

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file (pass -f FILE to name another one)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory; expected a YAML file';
  return code ?? (error instanceof Error ? error.message : String(error));
}
