/** A line or record that could not be parsed: kept with where it came from and why. */
export interface QuarantineRecord {
  ts_ingested: number
  log_file: string
  log_line: number
  log_format: string
  reason: string
  /** The raw line, bounded. */
  message: string
}
