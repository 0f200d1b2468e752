/**
 * GitHub Actions' job summary: each step may append Markdown to the file named by
 * GITHUB_STEP_SUMMARY. The summary is a report, not the result: failing to write it must not
 * change what the command did or its exit code, so a write error becomes one warning line.
 */
import { appendFile } from 'node:fs/promises';
import type { CliIo } from './io.js';

export async function appendStepSummary(markdown: string, io: Pick<CliIo, 'env' | 'stderr' | 'redact'>): Promise<void> {
  const path = io.env.GITHUB_STEP_SUMMARY;
  if (path === undefined || path === '') return;
  try {
    // Appending (never truncating) keeps what earlier steps and commands wrote; the blank line
    // keeps our first line from continuing their last paragraph.
    await appendFile(path, io.redact(markdown.trimEnd()) + '\n\n', 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message.split('\n')[0] : String(error));
    io.stderr.write(`Warning: could not append to the job summary (GITHUB_STEP_SUMMARY=${path}): ${reason}\n`);
  }
}
