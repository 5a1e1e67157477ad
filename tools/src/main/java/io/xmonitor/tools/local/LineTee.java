package io.xmonitor.tools.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Passes bytes through to a stream and every complete line to a consumer as well. */
public final class LineTee extends OutputStream {

    private final OutputStream target;
    private final Consumer<String> lines;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public LineTee(OutputStream target, Consumer<String> lines) {
        this.target = target;
        this.lines = lines;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        target.write(b);
        if (b == '\n') {
            lines.accept(line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        target.write(bytes, offset, length);
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                lines.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(bytes[i]);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }

    @Override
    public void close() throws IOException {
        target.close();
    }
}
