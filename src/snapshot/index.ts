// Building snapshots from AWS CLI outputs (re-exports only; capture lives in ./capture and is
// loaded by the command alone, so the library never loads the AWS SDK).
export { awsCliOutputHint } from './cli-output-hint.js';
export { SnapshotImportError } from './import/import-error.js';
export {
  type ImportSnapshotOptions,
  type ImportSnapshotResult,
  importSnapshot,
} from './import/import-snapshot.js';
export { parseJsonDocuments } from './import/json-documents.js';
export type { ImportDocument } from './import/origin.js';
