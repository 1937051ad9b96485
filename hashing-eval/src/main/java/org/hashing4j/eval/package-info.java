/**
 * Retrieval metrics over codes: {@link org.hashing4j.eval.RetrievalEvaluator} computes mAP@k
 * and tie-aware mAP@k, P@H≤r and R@H≤r, P@N and the precision–recall curve as chosen by {@link
 * org.hashing4j.eval.EvalOptions} (which also parses the options' lists, e.g. top-k with
 * {@code all}), against {@link org.hashing4j.eval.Relevance} from labels or neighbour lists; bit
 * statistics of a code set; synthetic codes for demos and benchmarks.
 *
 * <p>Dependencies: {@code org.hashing4j.core} only — eval depends on nothing else, so that any
 * module (the experiment runner, the CLI, training code validating on retrieval) can use it without
 * pulling in datasets or models. The {@code report} subpackage renders results; {@code bench} times
 * the evaluation.
 */
package org.hashing4j.eval;
