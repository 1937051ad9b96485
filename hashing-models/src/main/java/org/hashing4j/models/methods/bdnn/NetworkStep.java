package org.hashing4j.models.methods.bdnn;

import java.util.Map;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.optim.Lbfgs;

/**
 * One network step of BDNN's alternating optimisation: L-BFGS on the graph's parameters with the
 * data (and B) fixed, starting from the current parameters, reporting J through the listener.
 */
final class NetworkStep {
    private NetworkStep() {
    }

    /** Runs the step; the graph is left at the final (lowest-J) parameters. */
    static Lbfgs.Result run(GraphObjective objective, int iterations, int memory, TrainingListener listener, String phase) {
        listener.phaseStarted(phase, iterations);
        Lbfgs lbfgs = new Lbfgs(iterations, memory, 1e-6, 1e-10);
        Lbfgs.Result r = lbfgs.minimize(objective, objective.parameters(),
                (it, value, evals) -> listener.progress(it, Map.of("J", value, "evaluations", (double) evals)));
        objective.setParameters(r.x());
        listener.phaseFinished(Map.of("J", r.value(), "J_start", r.valueHistory()[0], "iterations", (double) r.iterations()));
        return r;
    }
}
