import preset from '../jest.preset.js';

// Suites mostly wait on sockets, processes and threads: a few side by side finish sooner even on 2 cores.
export default { ...preset, maxWorkers: 3 };
