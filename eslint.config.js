// Lint is mostly about architecture here: the core (src/) never reaches into adapters/ or dialogs/,
// and botbuilder stays inside dialogs/ and adapters/botframework/ so the SDK can be swapped.
import tseslint from 'typescript-eslint';

const botbuilderBan = {
  group: ['botbuilder', 'botbuilder-*', 'botbuilder/*'],
  message: 'botbuilder is imported only in dialogs/ and adapters/botframework/.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.redress/**', 'adapters/webchat/public/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts', 'src/composition/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/adapters/**', '**/dialogs/**'], message: 'src/ is the channel-neutral core: it never imports adapters/ or dialogs/. Wire them in src/main.ts.' },
          botbuilderBan,
        ],
      }],
    },
  },
  {
    files: ['adapters/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['adapters/botframework/**', 'test/dialogs/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [botbuilderBan] }] },
  },
);
