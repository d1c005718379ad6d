import { hostileSuite } from '../helpers/hostile-suite.js';

hostileSuite('threadpool');
