// examples/client: a typed client generated with the client preset from the schema as it is now
// (printed as `npm run -s schema:print` prints it), then type-checked with the example's own
// tsconfig. Nothing generated is committed: other changes to the SDL cannot leave it stale, and an
// operation the schema no longer allows fails here.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import config from '../../../examples/client/codegen.js';
import { printSubgraphSdl } from '../../../src/schema.js';
import { ROOT } from '../../support/process.js';

const EXAMPLE = join(ROOT, 'examples/client');

function typeErrors(tsconfig: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    tsconfig,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${tsconfig}`);
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
}

describe('examples/client', () => {
  it('generates from the printed schema and type-checks, with every scalar mapped (no any)', async () => {
    await writeFile(join(EXAMPLE, 'schema.graphql'), `${printSubgraphSdl()}\n`);
    await generate({ ...config, cwd: ROOT, silent: true }, true);

    const types = await readFile(join(EXAMPLE, '__generated__/graphql.ts'), 'utf8');
    expect(types).toContain('export type LeadGraphErrorCode =');
    // Date and DateTime travel as ISO strings; JSON is unknown; nothing is `any`.
    expect(types).toMatch(/export type DistributionOfDayQuery = [^;]*date: string[^;]*fetchedAt: string/);
    expect(types).not.toMatch(/:\s*any\b|<any\b|\bas any\b|Array<any>/);

    expect(typeErrors(join(EXAMPLE, 'tsconfig.json'))).toEqual([]);
  }, 60_000);
});
