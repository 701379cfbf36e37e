/**
 * The `--explain` renderer of a mode, imported only when --explain is given: the full report
 * brings the table layout (cli-table3), which a plain run never needs.
 */
import type { PlacementExplanation } from '../../placement/explanation.js';
import type { ExplainMode } from './explain-mode.js';

export interface ExplainRenderOptions {
  color: boolean;
  width: number;
  /** Tasks asked for (the request's count). */
  count: number;
}

export type ExplainRenderer = (
  explanation: PlacementExplanation,
  options: ExplainRenderOptions,
) => string;

export async function loadExplainRenderer(mode: ExplainMode): Promise<ExplainRenderer> {
  switch (mode) {
    case 'json': {
      const { formatJson } = await import('../format-json.js');
      return (explanation) => formatJson(explanation);
    }
    case 'summary':
      return (await import('./explain-summary.js')).renderExplainSummary;
    case 'full':
      return (await import('../explain-report.js')).renderExplainReport;
  }
}
