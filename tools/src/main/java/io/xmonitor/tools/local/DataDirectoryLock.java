package io.xmonitor.tools.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One running stack per data directory. The lock is the operating system's, held for the life of
 * the process, so it is released however the process ends (SIGKILL included): a stack that finds
 * it taken knows another one is alive, and one that gets it knows whatever still runs on the
 * directory was left behind.
 */
final class DataDirectoryLock implements AutoCloseable {

    private static final String FILE = "xmonitor-local.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the directory, or says (as the exception's message, one line) which stack holds it. */
    static DataDirectoryLock take(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
            channel.close();
            throw new IllegalStateException("the data directory " + directory + " is in use by another xmonitor local"
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; stop it first, or choose another --data-dir");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
        return new DataDirectoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
