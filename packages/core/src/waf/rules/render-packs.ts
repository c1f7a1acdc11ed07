/**
 * Renders packs.generated.ts from the rule packs' YAML text. Used by the drift test,
 * which also rewrites the file when UPDATE_WAF_PACKS=1.
 * @module
 */
export const GENERATED_HEADER =
  '// Generated from packages/core/src/waf/rules/*/rules.yaml — do not edit.\n' +
  '// Regenerate: UPDATE_WAF_PACKS=1 npx vitest run packages/core/src/waf/rules/packs.test.ts\n'

export function renderPacksModule(packs: ReadonlyArray<readonly [name: string, yaml: string]>): string {
  const entries = [...packs]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, yaml]) => `  ${JSON.stringify(name)}: ${JSON.stringify(yaml)},`)
    .join('\n')
  return `${GENERATED_HEADER}export const RULE_PACK_SOURCES: Readonly<Record<string, string>> = Object.freeze({\n${entries}\n})\n`
}
