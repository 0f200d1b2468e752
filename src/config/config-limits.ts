/**
 * Bounds on what the desired-state file may cost us. The file is untrusted input (it can come from
 * any pull request), so each bound turns a hostile file into one ConfigError instead of a hang or an
 * out-of-memory crash. Measured on a 2-core VM: the worst file under these limits takes about 3 s
 * and 600 MiB; a valid file with 100,000 Turso memberships about 1 s and 250 MiB.
 */
export interface ConfigLimits {
  /**
   * Largest file read. 100,000 memberships take about 3 MiB. A dense file is stopped by
   * maxYamlTokens long before this.
   */
  readonly maxFileBytes: number;
  /**
   * Most YAML tokens parsed, counted on the lexer's output before the parser builds anything and
   * weighted by what each costs (EXTRA_WEIGHT in parse-yaml.ts). The `yaml` package spends about
   * 1 µs and 100-300 bytes per counted token, whatever the file's shape. 100,000 Turso
   * memberships count about 1,300,000; 100,000 team members about 900,000.
   */
  readonly maxYamlTokens: number;
  /**
   * Deepest nesting of collections composed. A valid file needs 7 (root > planetscale >
   * organizations > org > teams > team > members); the `yaml` composer recurses once per level
   * and overflows the call stack somewhere below 1,000.
   */
  readonly maxNestingDepth: number;
  /** Issues reported at most; the rest are summed up in one final "... and N more" issue. */
  readonly maxReportedIssues: number;
}

export const DEFAULT_CONFIG_LIMITS: ConfigLimits = {
  maxFileBytes: 16 * 1024 * 1024,
  maxYamlTokens: 2_500_000,
  maxNestingDepth: 32,
  maxReportedIssues: 100,
};
