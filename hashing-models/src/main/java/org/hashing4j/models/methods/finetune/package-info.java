/**
 * Fine-tuning a pretrained backbone with a hashing head (JMLH, SH-BDNN or DLBHC), on images held in
 * memory or streamed from disk ({@link org.hashing4j.models.ImageStreamMethod}). Imports the
 * contracts, {@code nets}, {@code layers} and datasets; nothing imports it but the registry.
 */
package org.hashing4j.models.methods.finetune;
