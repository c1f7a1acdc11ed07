/** Documented in the README; scripts depend on them. */
export const EXIT = Object.freeze({
  OK: 0,
  ERROR: 1,
  USAGE: 2,
  INPUT_UNREADABLE: 3,
  STORE_ERROR: 4,
})
