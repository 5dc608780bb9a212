package dev.almanac.local.host;

import java.io.File;

import org.springframework.boot.loader.launch.Archive;
import org.springframework.boot.loader.launch.JarLauncher;

/**
 * Spring Boot's launcher for one service's executable jar, named explicitly rather than found from the launcher's own
 * code source. The host defines this class anew in each service's {@link ServiceClassLoader}, so that the class loader
 * Spring Boot makes for the service's classes has that loader as its parent, not the host's (ADR 0099).
 */
public final class ServiceLauncher extends JarLauncher {

    public ServiceLauncher(File jar) throws Exception {
        super(Archive.create(jar));
    }

    /** Runs the service's main on the calling thread, with the service's class loader as its context. */
    public void run(String[] arguments) throws Exception {
        launch(arguments);
    }
}
