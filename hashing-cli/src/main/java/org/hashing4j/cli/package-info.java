/**
 * The {@code hashing} command (picocli): one class per subcommand ({@code train}, {@code encode},
 * {@code evaluate}, {@code search}, {@code index}, {@code features}, {@code datasets}, {@code demo},
 * …), {@link org.hashing4j.cli.Main} with the one-line error handling, and console rendering
 * (progress, the experiment listener, a stdout filter for SameDiff's debug lines). Thin: it wires the
 * modules and holds no algorithm and no report layout.
 *
 * <p>Dependencies: any hashing4j module (core and core.index, datasets, models, eval, experiment).
 * Nothing imports it.
 */
package org.hashing4j.cli;
