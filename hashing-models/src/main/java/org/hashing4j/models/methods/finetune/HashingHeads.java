package org.hashing4j.models.methods.finetune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.hashing4j.core.HashingException;

/**
 * The hashing heads a backbone can be fine-tuned with, by name. Adding a head is one line here.
 */
public final class HashingHeads {
    private static final Map<String, Supplier<HashingHead>> HEADS = new LinkedHashMap<>();

    static {
        register("jmlh", JmlhHead::new);
        register("sh-bdnn", ShBdnnHead::new);
        register("dlbhc", DlbhcHead::new);
    }

    private HashingHeads() {
    }

    private static void register(String name, Supplier<HashingHead> head) {
        HEADS.put(name, head);
    }

    /** The head called {@code name}; an unknown name is an error listing the known ones. */
    public static HashingHead get(String name) {
        Supplier<HashingHead> h = HEADS.get(name == null ? "" : name.toLowerCase(Locale.ROOT));
        if (h == null) {
            throw new HashingException("unknown hashing head '" + name + "'; known heads: " + String.join(", ", names()));
        }
        return h.get();
    }

    public static List<String> names() {
        return new ArrayList<>(HEADS.keySet());
    }
}
