import { testCheck } from '../../testing/index.js';
import { secretInConfigmap } from './secret-in-configmap.js';
import { cases } from './secret-in-configmap.cases.js';

testCheck(secretInConfigmap, cases);
