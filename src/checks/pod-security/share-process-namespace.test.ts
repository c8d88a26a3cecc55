import { testCheck } from '../../testing/index.js';
import { shareProcessNamespace } from './share-process-namespace.js';
import { cases } from './share-process-namespace.cases.js';

testCheck(shareProcessNamespace, cases);
