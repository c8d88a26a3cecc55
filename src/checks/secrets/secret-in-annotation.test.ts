import { testCheck } from '../../testing/index.js';
import { secretInAnnotation } from './secret-in-annotation.js';
import { cases } from './secret-in-annotation.cases.js';

testCheck(secretInAnnotation, cases);
