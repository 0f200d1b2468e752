/**
 * Commander's own errors (an unknown option or command, a missing argument, a value not allowed)
 * worded like every other error of the tool: `Error: ...` on one line, then where to read the
 * usage. Commander still exits 1 after writing it.
 */
import type { Command } from 'commander';
import { showInvisible } from '../render/printable.js';

/** Gives `command` and each of its subcommands the tool's error line (call once all exist). */
export function reportUsageErrorsLikeTheTool(program: Command): void {
  for (const command of [program, ...program.commands]) {
    const help = command === program ? `${program.name()} --help` : `${program.name()} ${command.name()} --help`;
    command.configureOutput({
      outputError: (text, write) => {
        write(usageErrorLine(text, help));
      },
    });
  }
}

/**
 * `error: unknown command 'plna'\n(Did you mean plan?)\n` as
 * `Error: unknown command 'plna'; did you mean plan? (see membership --help)\n`.
 */
export function usageErrorLine(text: string, help: string): string {
  const message = text
    .replace(/\n+$/, '')
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean (.*)\?\)$/s, '; did you mean $1?');
  // The arguments quoted in it are the user's own, but one line is one line.
  return `Error: ${showInvisible(message)} (see ${help})\n`;
}
