/**
 * Experiments as data and their orchestration: {@link org.hashing4j.experiment.ExperimentConfig}
 * (the YAML/JSON experiment file), {@link org.hashing4j.experiment.ExperimentRunner} (load the split,
 * train and encode every method at every bit length, evaluate, hand the results to the report),
 * {@link org.hashing4j.experiment.RunFolder} (where each file of a run goes) and
 * {@link org.hashing4j.experiment.ExperimentListener} (progress, so that the runner prints nothing).
 * Report content, table layout and rendering belong to {@code org.hashing4j.eval.report}, not here.
 *
 * <p>Usable from plain Java: {@code new ExperimentRunner(config).run(folder)}. It imports core,
 * datasets, models and eval; the command line, servers and Spark jobs may import it, and it must
 * never import them.
 */
package org.hashing4j.experiment;
