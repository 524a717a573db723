// The operations the README shows must work as shown, against the embedded simulators.
import { readFileSync } from 'node:fs';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { useTestGraph } from '../support/graph.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const block = /```graphql\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
const operations = parse(block).definitions.filter(
  (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
);

const t = useTestGraph();

describe('README examples', () => {
  it('has examples to run', () => {
    expect(operations.length).toBeGreaterThan(8);
  });

  it.each(operations.map((op) => [op.name?.value ?? '(anonymous)']))('%s runs without errors', async (name) => {
    const result = await t.execute(block, undefined, name);
    expect(result.errors).toBeUndefined();
    expect(result.data).toBeTruthy();
  });
});
