/** The process edges a command may touch, passed in so commands stay testable. */
import type { Redactor } from '../redact/create-redactor.js';

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** stdout and stderr redact every write already; `redact` is for the bytes a command sends elsewhere. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Removes the environment's secrets: for the logger, plan files and the job summary. */
  readonly redact: Redactor;
}
