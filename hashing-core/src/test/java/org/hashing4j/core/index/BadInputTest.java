package org.hashing4j.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.function.Executable;

/** Bad input gets a clear one-line error and leaves the index exactly as it was. */
class BadInputTest {

    @ParameterizedTest
    @EnumSource(IndexKind.class)
    void badInputIsRefusedAndChangesNothing(IndexKind kind) {
        Random rnd = new Random(2);
        HammingIndex index = HammingIndex.create(kind, 20, 2);
        BinaryCodes db = TestCodes.clustered(500, 20, 5, 3, rnd);
        long[] ids = TestCodes.shuffledIds(500, rnd);
        index.add(db, ids);
        BinaryCodes queries = TestCodes.clustered(8, 20, 5, 3, rnd);
        SearchResult before = index.search(queries, 10);
        SearchResult beforeRange = index.rangeSearch(queries, 2);
        long[] idsBefore = index.ids();

        expect("queries have 21 bits but the index holds 20-bit codes",
                () -> index.search(TestCodes.random(2, 21, rnd), 3));
        expect("queries have 8 bits", () -> index.rangeSearch(TestCodes.random(2, 8, rnd), 1));
        expect("k must be >= 1, got 0", () -> index.search(queries, 0));
        expect("k must be >= 1, got -3", () -> index.search(queries, -3));
        expect("search radius must be >= 0, got -1", () -> index.rangeSearch(queries, -1));
        expect("codes to add have 32 bits", () -> index.add(TestCodes.random(3, 32, rnd)));
        expect("is already in the index", () -> index.add(TestCodes.random(2, 20, rnd), new long[] {12345678, ids[7]}));
        expect("is given twice", () -> index.add(TestCodes.random(3, 20, rnd), new long[] {777777, 888888, 777777}));
        expect("is negative", () -> index.add(TestCodes.random(1, 20, rnd), new long[] {-4}));
        expect("2 ids given for 3 codes", () -> index.add(TestCodes.random(3, 20, rnd), new long[] {1, 2}));
        expect("id 99 is not in the index; nothing removed", () -> index.remove(ids[0], 99, ids[1]));
        expect("is listed twice for removal", () -> index.remove(ids[3], ids[3]));

        assertEquals(500, index.size());
        assertArrayEquals(idsBefore, index.ids());
        assertTrue(index.contains(ids[0]));
        assertTrue(index.contains(ids[1]));
        assertFalse(index.contains(12345678));
        assertFalse(index.contains(777777));
        assertEquals(before, index.search(queries, 10));
        assertEquals(beforeRange, index.rangeSearch(queries, 2));
    }

    private static void expect(String fragment, Executable call) {
        HashingException e = assertThrows(HashingException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should contain '" + fragment + "'");
        assertFalse(e.getMessage().contains("\n"), "one-line message");
    }

    @org.junit.jupiter.api.Test
    void badConstructionArgumentsAreClear() {
        expect("search threads must be >= 1", () -> new ExhaustiveIndex(64, 0));
        expect("bit length must be >= 1", () -> new ExhaustiveIndex(0, 1));
        expect("would be longer than 32 bits; use at least 2", () -> new MultiIndexHashing(64, 1, 1));
        expect("substring count must be between 1 and 8", () -> new MultiIndexHashing(8, 1, 9));
        expect("unknown index kind 'lsh'", () -> IndexKind.parse("lsh"));
        assertEquals(IndexKind.MULTI_INDEX, IndexKind.parse("MIH"));
        assertEquals(IndexKind.EXHAUSTIVE, IndexKind.parse("exhaustive"));
    }
}
