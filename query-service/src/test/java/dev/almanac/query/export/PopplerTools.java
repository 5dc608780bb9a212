package dev.almanac.query.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;

/**
 * Debian's poppler-utils, which reads a PDF as a viewer does: pdftotext for its text, pdfinfo for its pages, pdftoppm to
 * render a page to PNG. A test that needs them skips itself, saying why, where they are not installed (.ci/run installs
 * them).
 */
final class PopplerTools {

    private PopplerTools() {
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(installed("pdftoppm") && installed("pdftotext") && installed("pdfinfo"),
                "pdftoppm, pdftotext and pdfinfo (Debian's poppler-utils) are not installed: the PDF is not rendered here; "
                        + "apt-get install poppler-utils (.ci/run does)");
    }

    static String text(Path pdf) throws IOException, InterruptedException {
        return run("pdftotext", "-layout", pdf.toString(), "-");
    }

    static String info(Path pdf) throws IOException, InterruptedException {
        return run("pdfinfo", pdf.toString());
    }

    /** The first page rendered at {@code dpi} dots per inch. */
    static BufferedImage firstPage(Path pdf, int dpi) throws IOException, InterruptedException {
        Path prefix = pdf.resolveSibling("page");
        run("pdftoppm", "-png", "-r", String.valueOf(dpi), "-f", "1", "-l", "1", "-singlefile", pdf.toString(), prefix.toString());
        return ImageIO.read(prefix.resolveSibling("page.png").toFile());
    }

    /** The share of the image's pixels that are not (nearly) white. */
    static double inkedShare(BufferedImage image) {
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int red = rgb >> 16 & 0xff;
                int green = rgb >> 8 & 0xff;
                int blue = rgb & 0xff;
                if (red + green + blue < 3 * 235) {
                    inked++;
                }
            }
        }
        return (double) inked / ((long) image.getWidth() * image.getHeight());
    }

    private static boolean installed(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
