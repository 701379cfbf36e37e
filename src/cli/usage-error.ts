/**
 * A malformed command line: the AWS CLI answers these itself, before any request, with a
 * reason and its usage line, and exit status 252.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CommandContext {
  /** `ecs-placement run-task` */
  commandPath: string;
  /** The usage line after the command path. */
  usage: string;
  /** The API operation, for service errors: `RunTask`. */
  operation: string;
}

/** The reason, then how the command is used and where to find its help. */
export function formatUsageError(context: CommandContext, reason: string): string {
  // "Error parsing parameter ..." already says it is an error.
  const lead = reason.startsWith('Error ') ? '' : 'error: ';
  return (
    `${context.commandPath}: ${lead}${reason}\n\n` +
    `usage: ${context.commandPath} ${context.usage}\n` +
    `To see help text, you can run: ${context.commandPath} --help\n`
  );
}
