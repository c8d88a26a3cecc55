import { testCheck } from '../../testing/index.js';
import { singleReplica } from './single-replica.js';
import { cases } from './single-replica.cases.js';

testCheck(singleReplica, cases);
