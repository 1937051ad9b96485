package org.hashing4j.cli;

import org.hashing4j.core.CodeLayout;
import picocli.CommandLine.ITypeConverter;

/** Parses {@code --code-layout packed|bits|pm1|real} with the core's one-line error. */
final class CodeLayoutConverter implements ITypeConverter<CodeLayout> {
    @Override
    public CodeLayout convert(String value) {
        return CodeLayout.parse(value);
    }
}
