package dev.almanac.local;

import static dev.almanac.local.DeploymentFiles.mapAt;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The objects a kustomization renders to, as {@code kubectl kustomize} renders them: what {@code kubectl apply -k}
 * would send to a cluster. Debian's kubectl (package {@code kubernetes-client}, 1.20) carries kustomize v2.0.3, today's
 * kubectl v5; the overlays are written for both.
 */
record Kustomization(List<Map<String, Object>> objects) {

    /** kubectl on the PATH, or empty where none is installed. */
    static Optional<Path> kubectl() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** {@code kubectl kustomize directory}; fails with kubectl's own message when it cannot render it. */
    @SuppressWarnings("unchecked")
    static Kustomization render(Path kubectl, Path directory) {
        try {
            Path output = Files.createTempFile("kustomize", ".yaml");
            Path errors = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
                        .redirectOutput(output.toFile())
                        .redirectError(errors.toFile())
                        .start();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + directory + " did not finish within 2 minutes");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + directory + " failed: " + Files.readString(errors, StandardCharsets.UTF_8));
                }
                List<Map<String, Object>> objects = new ArrayList<>();
                for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(output, StandardCharsets.UTF_8))) {
                    if (document != null) {
                        objects.add((Map<String, Object>) document);
                    }
                }
                return new Kustomization(List.copyOf(objects));
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
    }

    Optional<Map<String, Object>> object(String kind, String name) {
        return ofKind(kind).stream().filter(object -> name.equals(name(object))).findFirst();
    }

    static String name(Map<String, Object> object) {
        return String.valueOf(mapAt(object, "metadata").get("name"));
    }

    /** A container's environment: what its envFrom ConfigMaps and Secrets hold here, then its own env. */
    @SuppressWarnings("unchecked")
    Map<String, String> environmentOf(Map<String, Object> container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map<String, Object> source : (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of())) {
            if (source.containsKey("configMapRef")) {
                object("ConfigMap", String.valueOf(mapAt(source, "configMapRef").get("name")))
                        .ifPresent(configMap -> mapAt(configMap, "data").forEach((name, value) -> environment.put(name, String.valueOf(value))));
            }
            if (source.containsKey("secretRef")) {
                object("Secret", String.valueOf(mapAt(source, "secretRef").get("name"))).ifPresent(secret -> {
                    mapAt(secret, "data").forEach((name, value) -> environment.put(name, new String(
                            Base64.getDecoder().decode(String.valueOf(value)), StandardCharsets.UTF_8)));
                    mapAt(secret, "stringData").forEach((name, value) -> environment.put(name, String.valueOf(value)));
                });
            }
        }
        for (Map<String, Object> variable : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
            environment.put(String.valueOf(variable.get("name")), String.valueOf(variable.get("value")));
        }
        return environment;
    }
}
