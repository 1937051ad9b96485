package org.hashing4j.core;

import java.util.Locale;

/**
 * How binary codes are laid out in an {@code .npy} matrix. Python toolkits save codes in all of
 * these, and the bytes alone do not always say which: a uint8 n × 6 matrix is 48 packed bits or 6
 * unpacked 0/1 bits, an int8 n × 48 matrix is 48 ±1 bits or 384 packed bits. {@link CodeFiles#read}
 * takes the layout explicitly or detects it only where one reading is possible.
 */
public enum CodeLayout {
    /** uint8 n × ⌈bits/8⌉, eight bits a byte, most significant bit first ({@code np.packbits}, FAISS). */
    PACKED("packed"),
    /** One column per bit holding 0 or 1 (bool, uint8 or any numeric type), {@code np.save(codes > 0)}. */
    BITS("bits"),
    /** One column per bit holding −1 or +1 (int8, float32, …), as DeepHash-pytorch saves codes. */
    PM1("pm1"),
    /** One real value per bit, the bit set where the value is above 0 (network outputs before sign). */
    REAL("real");

    private final String label;

    CodeLayout(String label) {
        this.label = label;
    }

    /** The name used on the command line and in sidecars. */
    public String label() {
        return label;
    }

    /** Parses {@code packed}, {@code bits}, {@code pm1} or {@code real} (case-insensitive). */
    public static CodeLayout parse(String name) {
        for (CodeLayout l : values()) {
            if (l.label.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return l;
            }
        }
        throw new HashingException("unknown code layout '" + name + "' (expected packed, bits, pm1 or real)");
    }

    @Override
    public String toString() {
        return label;
    }
}
