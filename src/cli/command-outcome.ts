/**
 * Runs a command body and turns whatever it throws into the message and exit status the
 * AWS CLI would give: usage problems 252, service errors 254, tool failures 255 (a cluster
 * state that cannot be loaded or saved, a response that cannot be printed as asked).
 */
import type { CliIO } from './cli-io.js';
import { ExitCode } from './exit-codes.js';
import { ClusterStateError } from './load-cluster-state.js';
import { OutputError } from './output/output-error.js';
import { asServiceError, formatServiceError } from './service-error.js';
import { type CommandContext, formatUsageError, UsageError } from './usage-error.js';

export { type CommandContext, formatUsageError } from './usage-error.js';

export async function runCommandBody(
  io: CliIO,
  context: CommandContext,
  body: () => Promise<number>,
): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(formatUsageError(context, error.message));
      return ExitCode.usage;
    }
    const serviceError = asServiceError(error);
    if (serviceError) {
      io.stderr.write(formatServiceError(context.operation, serviceError));
      return ExitCode.serviceError;
    }
    if (error instanceof ClusterStateError || error instanceof OutputError) {
      io.stderr.write(`${context.commandPath}: error: ${error.message}\n`);
      return ExitCode.toolError;
    }
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`${context.commandPath}: internal error: ${reason}\n`);
    return ExitCode.toolError;
  }
}
