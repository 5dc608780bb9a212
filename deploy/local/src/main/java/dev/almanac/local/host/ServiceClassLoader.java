package dev.almanac.local.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The parent of one service's classes in the host (ADR 0099), as the system class loader is the parent of a service
 * run by {@code java -jar}: the service's jar itself, whose root holds the resources that Spring Boot's repackaging
 * keeps there (among them the service's own {@code META-INF/spring} auto-configuration imports), the platform's classes,
 * and Spring Boot's loader classes from the system class loader, the one copy whose URL handlers the JVM uses for the jars nested in the services'
 * executable jars. Spring Boot's class loader enables an optimization in its handlers while it looks a class up (a
 * missing entry answers without an exception); with a second copy of the loader classes it would enable that copy's,
 * and every miss across a service's hundred-odd nested jars would throw. Each service's own classes and libraries come
 * from the class loader Spring Boot makes below it.
 */
final class ServiceClassLoader extends URLClassLoader {

    private static final String SPRING_BOOT_LOADER = "org.springframework.boot.loader.";
    private static final String LAUNCHER = ServiceLauncher.class.getName();

    static {
        registerAsParallelCapable();
    }

    ServiceClassLoader(String service, Path jar) {
        super(service, new URL[] {urlOf(jar)}, ClassLoader.getPlatformClassLoader());
    }

    private static URL urlOf(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a jar's path: " + jar, e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SPRING_BOOT_LOADER)) {
            return ClassLoader.getSystemClassLoader().loadClass(name);
        }
        if (name.equals(LAUNCHER)) {
            synchronized (getClassLoadingLock(name)) {
                Class<?> defined = findLoadedClass(name);
                return defined != null ? defined : defineLauncher();
            }
        }
        return super.loadClass(name, resolve);
    }

    /** This loader's own copy of {@link ServiceLauncher}: Spring Boot parents the service's class loader on it. */
    private Class<?> defineLauncher() {
        String resource = LAUNCHER.replace('.', '/') + ".class";
        try (InputStream bytes = ServiceLauncher.class.getClassLoader().getResourceAsStream(resource)) {
            if (bytes == null) {
                throw new IllegalStateException(resource + " is missing from the host's class path");
            }
            byte[] code = bytes.readAllBytes();
            return defineClass(LAUNCHER, code, 0, code.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
