import { testCheck } from '../../testing/index.js';
import { writableHostPath } from './writable-host-path.js';
import { cases } from './writable-host-path.cases.js';

testCheck(writableHostPath, cases);
