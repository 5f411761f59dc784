/** Tolerances and thresholds of the audit rules, in one place so that an auditor can read and tune them. */
export interface AuditConfig {
  /** Largest difference, in 元, still counted as "adds up" (0: amounts must agree to the fen). */
  moneyTolerance: number;
  /** Largest difference between the reported execution rate and executed ÷ adjusted budget (0.0001 = 0.01 个百分点). */
  rateTolerance: number;
  /** Largest difference between a reported score and the recomputed one (scores are printed to 2 decimals). */
  scoreTolerance: number;
  /** An execution rate below this is low execution (default 60%). */
  lowExecutionRate: number;
  /** An execution rate above this is over-execution (default 100%). */
  highExecutionRate: number;
  /** A project whose share of quantified targets is below this is flagged. */
  minQuantifiedShare: number;
}

/** The defaults the published site is built with. */
export const DEFAULT_AUDIT_CONFIG: AuditConfig = {
  moneyTolerance: 0,
  rateTolerance: 0.0001,
  scoreTolerance: 0.01,
  lowExecutionRate: 0.6,
  highExecutionRate: 1,
  minQuantifiedShare: 0.5
};
