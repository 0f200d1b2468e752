import { readFile } from 'node:fs/promises';
import { parseSandboxSeed } from './parse-sandbox-seed.js';
import { SandboxSeedError, type SandboxSeed } from './sandbox-seed.js';

/** Reads and checks a seed file; throws SandboxSeedError naming every problem. */
export async function loadSandboxSeed(file: string): Promise<SandboxSeed> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SandboxSeedError(file, [
      `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SandboxSeedError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseSandboxSeed(value, file);
}
