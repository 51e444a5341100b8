// After each test file: its throwaway replicas go (see removeTempDirs).
import { afterAll } from 'vitest';
import { removeTempDirs } from './electron/core/testing';

afterAll(() => removeTempDirs());
