package dev.churnsentinel.textsignal.clause;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the clause classifier's and the risk detector's model files have in common: text lines of a name and one
 * weight per class (four decimals), a {@code format} line, a {@code classes} line, and a built-in copy on the class
 * path. {@code what} names the file in error messages ("clause model", "risk detector").
 */
final class ModelFiles {
    private ModelFiles() {
    }

    /** A built-in model file, read as UTF-8. */
    static Reader builtIn(String resource) throws IOException {
        InputStream in = ModelFiles.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(resource + " is not on the class path");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    static void row(StringBuilder out, String name, float[] values, int from, int classes) {
        out.append(name);
        for (int c = 0; c < classes; c++) {
            out.append('\t').append(ClauseModel.number(values[from + c]));
        }
        out.append('\n');
    }

    /** The weights of a NAME&lt;TAB&gt;WEIGHT... line. */
    static float[] weights(String[] f, int classes, String what, int number) throws IOException {
        if (f.length != classes + 1 || f[0].isEmpty()) {
            throw new IOException(what + " line " + number + ": expected a name and " + classes + " weights");
        }
        float[] values = new float[classes];
        for (int c = 0; c < classes; c++) {
            values[c] = Float.parseFloat(f[c + 1]);
        }
        return values;
    }

    static void checkFormat(String[] f, int format, String what) throws IOException {
        if (Integer.parseInt(f[1]) != format) {
            throw new IOException(what + " format " + f[1] + " is not supported (expected " + format + ")");
        }
    }

    static void checkClasses(String[] f, List<String> classes, String what, int number) throws IOException {
        if (!List.of(f).subList(1, f.length).equals(classes)) {
            throw new IOException(what + " line " + number + ": classes must be " + classes);
        }
    }
}
