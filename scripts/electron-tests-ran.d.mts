export interface ElectronOutcome {
  title: string;
  status: string;
  reason?: string;
}
export function electronOutcomes(report: unknown): ElectronOutcome[];
export function electronProblem(report: unknown): string | null;
