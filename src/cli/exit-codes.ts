/** Exit statuses, those of the AWS CLI v2. */
export const ExitCode = {
  /** The request was answered (a response with `failures` is still a success). */
  success: 0,
  /** The command line could not be parsed or is incomplete. */
  usage: 252,
  /** No credentials or no region (snapshot capture): the configuration is incomplete. */
  configuration: 253,
  /** The service answered with an error. */
  serviceError: 254,
  /** The tool itself failed: here, the cluster state could not be loaded or saved. */
  toolError: 255,
} as const;
