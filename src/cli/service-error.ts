/**
 * Service errors printed the way the AWS CLI prints them:
 * `An error occurred (<Name>) when calling the <Operation> operation: <message>`.
 */
import { EcsServiceException } from '../kernel/errors.js';

export interface ServiceErrorReport {
  name: string;
  message: string;
}

/**
 * The service error an exception stands for, or undefined if it is not one. A CQL error
 * escaping the engine is what ECS reports as InvalidParameterException; it is recognised by
 * name so the CLI does not depend on the query language's internals.
 */
export function asServiceError(error: unknown): ServiceErrorReport | undefined {
  if (error instanceof EcsServiceException) return { name: error.name, message: error.message };
  if (error instanceof Error && /^Cql/.test(error.name)) {
    return { name: 'InvalidParameterException', message: error.message };
  }
  return undefined;
}

export function formatServiceError(operation: string, error: ServiceErrorReport): string {
  return `\nAn error occurred (${error.name}) when calling the ${operation} operation: ${error.message}\n`;
}
