/**
 * `detections.detected_at`: when a detection was first raised, in event time, so time
 * to detect can be measured (it was only knowable from `first_seen`, when the evidence
 * starts). Rows stored before it have none and read as their `first_seen`.
 * @module
 */
export const name = 'detected-at'

export const sql = `ALTER TABLE detections ADD COLUMN IF NOT EXISTS detected_at TIMESTAMPTZ`
