package org.hashing4j.models;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.hashing4j.core.HashingException;

/**
 * All hashing methods by name. Adding a method is one line here plus its own package.
 */
public final class MethodRegistry {
    private static final Map<String, Supplier<HashingMethod>> METHODS = new LinkedHashMap<>();

    static {
        // One line per method, in the order reports list them.
        register("jmlh", org.hashing4j.models.methods.jmlh.JmlhMethod::new);
        register("uh-bdnn", org.hashing4j.models.methods.bdnn.UhBdnnMethod::new);
        register("sh-bdnn", org.hashing4j.models.methods.bdnn.ShBdnnMethod::new);
        register("lsh", org.hashing4j.models.methods.lsh.Lsh::new);
        register("pcah", org.hashing4j.models.methods.pcah.Pcah::new);
        register("itq", org.hashing4j.models.methods.itq.Itq::new);
        register("sh", org.hashing4j.models.methods.sh.SpectralHashing::new);
        register("sdh", org.hashing4j.models.methods.sdh.Sdh::new);
        register("itq-cca", org.hashing4j.models.methods.itqcca.ItqCca::new);
        register("ksh", org.hashing4j.models.methods.ksh.Ksh::new);
        register("finetune", org.hashing4j.models.methods.finetune.FineTuneMethod::new);
        register("greedyhash", org.hashing4j.models.methods.greedyhash.GreedyHashMethod::supervisedVariant);
        register("greedyhash-unsup", org.hashing4j.models.methods.greedyhash.GreedyHashMethod::unsupervisedVariant);
        register("ce", org.hashing4j.models.methods.ce.CeBaselineMethod::new);
        register("csq", org.hashing4j.models.methods.csq.CsqMethod::new);
        register("cibhash", org.hashing4j.models.methods.cibhash.CibHashMethod::new);
        register("tbh", org.hashing4j.models.methods.tbh.TbhMethod::new);
        register("ssdh", org.hashing4j.models.methods.ssdh.SsdhMethod::new);
        register("dsh-angular", org.hashing4j.models.methods.dshangular.AngularDshMethod::new);
        register("dpsh", org.hashing4j.models.methods.dpsh.DpshMethod::new);
        register("hashnet", org.hashing4j.models.methods.hashnet.HashNetMethod::new);
        register("dsh", org.hashing4j.models.methods.dsh.DshMethod::new);
        register("dtsh", org.hashing4j.models.methods.dtsh.DtshMethod::new);
        register("dpn", org.hashing4j.models.methods.dpn.DpnMethod::new);
        register("orthocos", org.hashing4j.models.methods.orthohash.OrthoHashMethod::cos);
        register("orthoarc", org.hashing4j.models.methods.orthohash.OrthoHashMethod::arc);
        register("bihalf", org.hashing4j.models.methods.bihalf.BiHalfMethod::unsupervisedVariant);
        register("bihalf-supervised", org.hashing4j.models.methods.bihalf.BiHalfMethod::supervisedVariant);
        register("sdh-c", org.hashing4j.models.methods.sdhc.SdhcMethod::new);
        register("dfh", org.hashing4j.models.methods.dfh.DfhMethod::new);
        register("adsh", org.hashing4j.models.methods.adsh.AdshMethod::new);
    }

    private MethodRegistry() {
    }

    private static void register(String name, Supplier<HashingMethod> method) {
        METHODS.put(name, method);
    }

    /** The method called {@code name} (case-insensitive); an unknown name is an error listing the known ones. */
    public static HashingMethod get(String name) {
        Supplier<HashingMethod> s = METHODS.get(name == null ? "" : name.toLowerCase(Locale.ROOT));
        if (s == null) {
            throw new HashingException("unknown method '" + name + "'; known methods: " + String.join(", ", names()));
        }
        return s.get();
    }

    /** Names of all registered methods, in registration order. */
    public static java.util.List<String> names() {
        return Collections.unmodifiableList(new java.util.ArrayList<>(METHODS.keySet()));
    }
}
