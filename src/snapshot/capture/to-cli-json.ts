/**
 * An SDK response as the AWS CLI prints it with --output json: the same member names, dates
 * as ISO 8601 strings, no `$metadata`. Capture feeds these to the same import as files, so a
 * capture and an import of the same data give the same snapshot.
 */
export function toCliJson(output: object): Record<string, unknown> {
  const { $metadata: _metadata, ...members } = output as Record<string, unknown>;
  // JSON.stringify turns each Date into its ISO string and drops undefined members.
  return JSON.parse(JSON.stringify(members)) as Record<string, unknown>;
}
