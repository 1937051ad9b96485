/**
 * What every trainer shares, so that a method package holds only what is particular to its method:
 * <ul>
 *   <li>{@link org.hashing4j.models.training.Checkpoint} — the one checkpoint format (one zip per run,
 *       written atomically after every epoch or alternation; a resume with other settings is refused);</li>
 *   <li>{@link org.hashing4j.models.training.BestNetwork} — keep-best and early stopping over
 *       validated rounds;</li>
 *   <li>{@link org.hashing4j.models.training.TrainingHistory} — the per-round record that goes into
 *       provenance and checkpoints;</li>
 *   <li>{@link org.hashing4j.models.training.Batches} — seeded shuffling, mini-batches and noise whose
 *       draws depend only on (seed, epoch), which is what makes resumed runs bit-identical;</li>
 *   <li>{@link org.hashing4j.models.training.SessionMemory} — a SameDiff session memory manager that
 *       neither reuses arrays too early nor leaks native memory;</li>
 *   <li>{@link org.hashing4j.models.training.RetrievalValidation},
 *       {@link org.hashing4j.models.training.ValidationMap} — validation mAP for keep-best;</li>
 *   <li>{@link org.hashing4j.models.training.HistoryFiles} — {@code history.csv} / {@code history.json}
 *       in the run folder, written by every trainer after every epoch or alternation;</li>
 *   <li>the one trainer of every deep method: {@link org.hashing4j.models.training.DeepTrainer}
 *       trains a {@link org.hashing4j.models.training.DeepHashingMethod}'s
 *       {@link org.hashing4j.models.training.DeepObjective} (head, loss, state) on any
 *       {@code nets.Backbone} as one {@link org.hashing4j.models.training.DeepNetwork}, with
 *       {@link org.hashing4j.models.training.DeepOptimizer} (SGD/Nesterov, Adam, AdamW),
 *       {@link org.hashing4j.models.training.LearningRateSchedule} and
 *       {@link org.hashing4j.models.training.DeepSettings}; its models are
 *       {@link org.hashing4j.models.training.DeepModel}s. It trains on rows in memory or on image files
 *       streamed from disk ({@link org.hashing4j.models.training.StreamedImages}: decoded a few batches
 *       ahead, augmentation drawn from (seed, epoch, position)), e.g. with an ImageNet graph backbone.</li>
 * </ul>
 *
 * <p>Dependencies: any {@code models.methods.<name>} package may import this one; this package
 * imports only the models contracts ({@code org.hashing4j.models}: {@code TrainingContext},
 * {@code TrainingListener}, {@code ModelArchive}), {@code models.nets} (with {@code .samediff} and
 * {@code .features}' image pipeline), {@code models.encode} (models encode image collections through it),
 * {@code models.layers}, the image pipeline of {@code hashing-datasets},
 * {@code hashing-core}, {@code hashing-eval}, and (for the Euclidean ground truth of
 * {@link org.hashing4j.models.training.RetrievalValidation}) the neighbour search of
 * {@code hashing-datasets} — never a method package, so methods stay independent of one another.
 */
package org.hashing4j.models.training;
