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
    // A promise nobody awaits rejects unhandled when Redis goes away mid-call: the process logs nothing useful and
    // vitest fails the run. `void` marks a call that settles by itself (its errors are caught inside).
    files: ['**/*.ts'],
    ignores: ['adapters/webchat/widget/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    // Wall-clock time comes from the injected Clock (tests run deadlines on their own); durations from elapsedClock.
    files: ['src/**/*.ts', 'adapters/**/*.ts', 'dialogs/**/*.ts'],
    ignores: ['src/clock.ts', 'adapters/webchat/widget/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Use the injected Clock (src/clock.ts) for the time, or elapsedClock for a duration.' }],
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
