/**
 * `--report FILE.html` of run-task, headroom, simulate and drain: builds the report's data
 * from the command's answer and writes the page whole (write-text-file.ts).
 */
import type { ReportData } from './report-data.js';
import { renderReport } from './render-report.js';
import { writeTextFile } from './write-text-file.js';

export { drainReport, headroomReport, runTaskReport, simulateReport } from './report-data.js';

export function writeReport(file: string, cwd: string, data: ReportData): void {
  writeTextFile(file, cwd, renderReport(data));
}
