package org.hashing4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hashing4j.core.HashFunction;
import org.hashing4j.serve.SearchServer;
import org.hashing4j.serve.ServeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hashing serve}: serves an index over HTTP (JSON API and a search page) until SIGTERM or
 * Ctrl-C, which stop it gracefully. The server itself lives in {@code hashing-serve}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves an index file: a JSON search API (/api/search, /api/search/image, /api/info, ...) and a"
            + " search page at http://HOST:PORT/. Appends made with 'hashing index add' while serving are picked up"
            + " within the reload interval. SIGTERM or Ctrl-C stop it gracefully."})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--index", required = true, paramLabel = "FILE", description = "Index file (hashing index build).")
    Path index;

    @Option(names = "--model", paramLabel = "FILE", description = "Model that encodes uploaded images (enables image search).")
    Path model;

    @Option(names = "--images-root", paramLabel = "DIR",
            description = "Folder the index's relative item paths are resolved against (default: the index file's folder).")
    Path imagesRoot;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}; 0 for any free port).")
    int port;

    @Option(names = "--max-k", defaultValue = "1000", paramLabel = "K", description = "Largest k (and radius result) a request may ask for (default: ${DEFAULT-VALUE}).")
    int maxK;

    @Option(names = "--max-upload-kb", defaultValue = "10240", paramLabel = "KB", description = "Largest image upload in KiB (default: ${DEFAULT-VALUE}).")
    long maxUploadKb;

    @Option(names = "--search-threads", defaultValue = "1", paramLabel = "N",
            description = "Threads per search; requests already run in parallel (default: ${DEFAULT-VALUE}).")
    int searchThreads;

    @Option(names = "--reload-ms", defaultValue = "2000", paramLabel = "MS", description = "How often to check the index file for appends, 0 never (default: ${DEFAULT-VALUE}).")
    long reloadMs;

    @Override
    public Integer call() throws Exception {
        HashFunction m = model == null ? null : SearchCommand.modelLoader.apply(model);
        ServeOptions o = ServeOptions.of(index).withModel(m).withImagesRoot(imagesRoot).withAddress(host, port)
                .withLimits(maxK, 1000, maxUploadKb * 1024).withSearchThreads(searchThreads).withReloadMillis(reloadMs);
        SearchServer server = SearchServer.start(o).stopOnShutdown();
        var info = server.service().info();
        System.out.println("serving " + index + " (" + info.get("size") + " codes of " + info.get("bits") + " bits"
                + (m != null ? ", image search with " + model : "") + ") at http://" + host + ":" + server.port() + "/");
        System.out.flush();
        server.awaitStop();
        return 0;
    }
}
