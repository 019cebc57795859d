/** Text helpers shared by segmentation and extraction. */
export * from './fold.js';
export * from './run.js';
export * from './cue.js';
