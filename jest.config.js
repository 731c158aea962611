/** Tests are TypeScript, run through ts-jest; end-to-end tests use the built CLI in dist/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 60000,
  setupFiles: ['<rootDir>/tests/setup/fast-check.ts'],
};
