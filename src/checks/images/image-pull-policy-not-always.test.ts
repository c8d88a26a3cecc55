import { testCheck } from '../../testing/index.js';
import { imagePullPolicyNotAlways } from './image-pull-policy-not-always.js';
import { cases } from './image-pull-policy-not-always.cases.js';

testCheck(imagePullPolicyNotAlways, cases);
