/** Worker-thread entry for batch builds from the compiled sources (dist/batch/worker.js). */
import { serveBatch } from './serve.js';

serveBatch();
