import { testCheck } from '../../testing/index.js';
import { privilegedContainer } from './privileged-container.js';
import { cases } from './privileged-container.cases.js';

testCheck(privilegedContainer, cases);
