package org.hashing4j.core;

/**
 * An error caused by the user's input or configuration (a corrupt file, a wrong shape, an unknown
 * name, a bad value). Its message is one line that names what was wrong, so the command line can
 * print it as it is and exit non-zero without a stack trace.
 */
public class HashingException extends RuntimeException {
    public HashingException(String message) {
        super(message);
    }

    public HashingException(String message, Throwable cause) {
        super(message, cause);
    }
}
