package org.hashing4j.models.nets.samediff;

import java.util.List;
import java.util.Locale;
import org.hashing4j.core.HashingException;

/** The SameDiff backbones by the names users type. */
public final class GraphBackbones {
    /** Names, in the order help texts list them. */
    public static final List<String> NAMES = List.of(AlexNetGraph.NAME, Vgg16Graph.NAME, ResNet18Graph.NAME,
            ResNet50Graph.NAME);

    private GraphBackbones() {
    }

    /** Whether {@code name} (any case, dashes ignored) is a SameDiff backbone. */
    public static boolean has(String name) {
        return name != null && NAMES.contains(normalise(name));
    }

    /** The backbone called {@code name}; an unknown name is an error listing the known ones. */
    public static GraphBackbone create(String name) {
        switch (name == null ? "" : normalise(name)) {
            case AlexNetGraph.NAME:
                return new AlexNetGraph();
            case Vgg16Graph.NAME:
                return new Vgg16Graph();
            case ResNet18Graph.NAME:
                return new ResNet18Graph();
            case ResNet50Graph.NAME:
                return new ResNet50Graph();
            default:
                throw new HashingException("unknown SameDiff backbone '" + name + "'; known: " + String.join(", ", NAMES));
        }
    }

    private static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace("-", "");
    }
}
