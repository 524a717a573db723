import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // examples/client is type-checked by its test once its types are generated (they are not committed).
  {
    ignores: ['node_modules/', 'dist/', 'dist-bench/', 'src/__generated__/', 'coverage/', 'examples/client/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  // dependency-cruiser reads its rules as CommonJS.
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } } },
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', '.dependency-cruiser.cjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
);
