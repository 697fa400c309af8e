/** Worker-thread entry for batch builds from the compiled sources (dist/clerk/worker.js). */
import { serveBatch } from './serve.js';

serveBatch();
