import { createInterface } from 'node:readline/promises';
import type { CliIo, OutputStream } from './io.js';

/** Terraform's contract: only the exact word `yes` approves. */
export async function confirm(io: CliIo, out: OutputStream, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: out as NodeJS.WritableStream, terminal: false });
  try {
    out.write(`${question}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `);
    const answer = await new Promise<string | undefined>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(undefined));
    });
    return answer?.trim() === 'yes';
  } finally {
    rl.close();
  }
}
