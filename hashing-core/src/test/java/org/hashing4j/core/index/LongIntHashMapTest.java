package org.hashing4j.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIntHashMapTest {
    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        Random rnd = new Random(9);
        LongIntHashMap m = new LongIntHashMap(4);
        Map<Long, Integer> ref = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            // A small key range forces long probe runs, collisions and backward shifts.
            long key = rnd.nextInt(3000) * (rnd.nextBoolean() ? 1L : 1_000_003L);
            int op = rnd.nextInt(3);
            if (op == 0) {
                int v = rnd.nextInt(1 << 30);
                Integer old = ref.put(key, v);
                assertEquals(old == null ? LongIntHashMap.MISSING : old, m.put(key, v));
            } else if (op == 1) {
                Integer old = ref.remove(key);
                assertEquals(old == null ? LongIntHashMap.MISSING : old, m.remove(key));
            } else {
                Integer v = ref.get(key);
                assertEquals(v == null ? LongIntHashMap.MISSING : v, m.get(key));
            }
            assertEquals(ref.size(), m.size());
        }
        for (Map.Entry<Long, Integer> e : ref.entrySet()) {
            assertEquals(e.getValue(), m.get(e.getKey()));
        }
    }
}
