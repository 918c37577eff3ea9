package conclave.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The console's static files, read once from the jar: the page, its script, style and vendored libraries. */
final class UiAssets {
    /** One file to serve. */
    record Asset(byte[] bytes, String contentType) {}

    private static final String BASE = "/conclave/ui/";
    private static final String JS = "text/javascript; charset=utf-8";

    /** URL path → resource name under {@link #BASE} and content type. */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"app.js", JS},
            "/render.js", new String[] {"render.js", JS},
            "/style.css", new String[] {"style.css", "text/css; charset=utf-8"},
            "/icon.svg", new String[] {"icon.svg", "image/svg+xml"},
            "/vendor/marked.esm.js", new String[] {"vendor/marked.esm.js", JS},
            "/vendor/purify.es.mjs", new String[] {"vendor/purify.es.mjs", JS});

    private final Map<String, Asset> assets;

    private UiAssets(Map<String, Asset> assets) {
        this.assets = assets;
    }

    /** Reads every file; a missing one is a broken build, reported at start. */
    static UiAssets load() {
        Map<String, Asset> loaded = new HashMap<>();
        FILES.forEach((path, file) -> loaded.put(path, new Asset(read(file[0]), file[1])));
        return new UiAssets(Map.copyOf(loaded));
    }

    Optional<Asset> find(String path) {
        return Optional.ofNullable(assets.get(path));
    }

    private static byte[] read(String name) {
        try (InputStream in = UiAssets.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the console file " + BASE + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
