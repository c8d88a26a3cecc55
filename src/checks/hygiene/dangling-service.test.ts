import { testCheck } from '../../testing/index.js';
import { danglingService } from './dangling-service.js';
import { cases } from './dangling-service.cases.js';

testCheck(danglingService, cases);
