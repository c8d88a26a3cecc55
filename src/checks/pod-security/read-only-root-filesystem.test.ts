import { testCheck } from '../../testing/index.js';
import { readOnlyRootFilesystem } from './read-only-root-filesystem.js';
import { cases } from './read-only-root-filesystem.cases.js';

testCheck(readOnlyRootFilesystem, cases);
