/**
 * Experiments as data: {@link org.hashing4j.experiment.ExperimentConfig} (a YAML/JSON file naming
 * dataset, protocol, methods, bit lengths and evaluation), {@link
 * org.hashing4j.experiment.ExperimentRunner} (load, train, encode, evaluate, report, resumable),
 * {@link org.hashing4j.experiment.RunFolder} (the names of everything a run writes) and progress
 * through {@link org.hashing4j.experiment.ExperimentListener}. Usable from plain Java without the
 * CLI.
 *
 * <p>Dependencies: core, datasets, models and eval (including {@code eval.report}). Imported only by
 * front ends (the CLI).
 */
package org.hashing4j.experiment;
