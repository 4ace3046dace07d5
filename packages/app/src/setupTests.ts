import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy*/waitFor give up after 1 s by default: a sub-second wall-clock bound
// that a loaded machine misses while rendering. They return as soon as the
// element is there, so a longer limit only delays a real failure.
configure({ asyncUtilTimeout: 10_000 });
// Jest's 5 s per test is the same kind of guess; rendering whole pages on a
// loaded machine takes longer. A hang still fails, after 30 s.
jest.setTimeout(30_000);
