import { describe, expect, it } from 'vitest'
import { createWafEngine } from '../engine.ts'
import { graphqlStrings, isGraphqlDocument, MAX_GRAPHQL_STRINGS } from './graphql.ts'

const engine = createWafEngine()
const post = (doc: string) => engine.inspect({ method: 'POST', uri: '/api/2024-07/graphql.json', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: doc }) })

describe('GraphQL documents', () => {
  it('are told from prose, JSON and templates that also start with a brace or a keyword', () => {
    expect(isGraphqlDocument('query Q($h: String!) { product(handle: $h) { id } }')).toBe(true)
    expect(isGraphqlDocument('  # cached\n{ shop { name } }')).toBe(true)
    expect(isGraphqlDocument('mutation{cartCreate{cart{id}}}')).toBe(true)
    for (const other of ['query about my order, where is it?', '{"query":"x"}', '{% if x %}', '{{ product.title }}', '{}', 'queryString { x }']) expect(isGraphqlDocument(other), other).toBe(false)
  })

  it('hand over their string literals unescaped as the GraphQL lexer reads them, comments and names left out', () => {
    const doc = `query { # don't "quote" me\n  a: products(query: "vendor:'L\\\\'Or\\u00e9al' AND -tag:\\"draft\\"") { id }\n  b: node(id: "x\\u{1F600}y") { ...F }\n  c: f(t: """\n  line "one"\n  \\""" two\n""") }`
    expect(graphqlStrings(doc)).toEqual(["vendor:'L\\'Oréal' AND -tag:\"draft\"", 'x😀y', 'line "one"\n  """ two'])
  })

  it('are read a bounded number of literals deep', () => {
    const doc = `{ ${Array.from({ length: MAX_GRAPHQL_STRINGS + 50 }, (_, i) => `a${i}: f(x: "v${i}") { id }`).join(' ')} }`
    expect(graphqlStrings(doc)).toHaveLength(MAX_GRAPHQL_STRINGS)
  })

  it('carry an injection in an inline argument, escaped for GraphQL, to the detectors; the same argument holding a shopper search with quotes passes', () => {
    const attack = post(`query { product(handle: "1; COPY (SELECT '') TO PROGRAM 'id'--") { id } orders(filter: "{\\"token\\":{\\"$regex\\":\\"^a\\"}}") { id } }`)
    expect(attack.action).toBe('block')
    expect(attack.matches.map((m) => m.rule)).toContain('waf.nosqli.operator-inline')
    expect(attack.matches.find((m) => m.rule === 'waf.nosqli.operator-inline')!.explanation).toMatch(/GraphQL/)
    const benign = post(`query Search { # don't fetch variants\n  products(first: 12, query: "vendor:'L\\\\'Oréal' AND product_type:Serum AND -tag:draft") { edges { node { id title } } } }`)
    expect(benign.matches).toEqual([])
  })

  it('travel over GET and as application/graphql too', () => {
    const doc = 'query { search(query: "\\u0027 OR 1=1-- -") { totalCount } }'
    expect(engine.inspect({ method: 'GET', uri: `/graphql?query=${encodeURIComponent(doc)}`, headers: {} }).action).toBe('block')
    expect(engine.inspect({ method: 'POST', uri: '/graphql', headers: { 'content-type': 'application/graphql' }, body: doc }).action).toBe('block')
  })
})
