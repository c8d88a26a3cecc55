import { testCheck } from '../../testing/index.js';
import { imageLatestTag } from './image-latest-tag.js';
import { cases } from './image-latest-tag.cases.js';

testCheck(imageLatestTag, cases);
