package io.condurejava.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Identities loaded lazily on first use and kept while their files exist. At most once per
 * {@link #RELOAD_CHECK_INTERVAL_MILLIS} per name, a lookup compares both files' mtimes with those
 * seen at the last attempt and reloads when either differs; a reload that fails (say the new
 * certificate is written but not yet its key) is logged and the previous identity stays in use until
 * the files change again. Names whose files do not exist are not cached, so clients cannot grow the
 * cache. Thread-safe: lookups run on handshake threads; one loader per name at a time.
 */
final class IdentityCache {
    static final long RELOAD_CHECK_INTERVAL_MILLIS = 1000;
    private static final Logger log = LoggerFactory.getLogger("tls");

    private final IdentityLoader loader;
    private final long checkIntervalNanos;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    /** One name's state; fields written under {@code lock}, read without it. */
    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile Identity current;
        /** The identity replaced by the last reload, kept for a handshake that chose it a moment before. */
        volatile Identity previous;
        volatile long checkedAtNanos;
        volatile boolean checked;
        FileTime certTime;
        FileTime keyTime;
    }

    IdentityCache(Path dir, long checkIntervalMillis) {
        this.loader = new IdentityLoader(dir);
        this.checkIntervalNanos = TimeUnit.MILLISECONDS.toNanos(checkIntervalMillis);
    }

    /** The identity NAME if its files exist and load (now or earlier), else null; problems are logged. */
    Identity find(String name) {
        Slot slot = slots.get(name);
        if (slot != null && slot.checked && System.nanoTime() - slot.checkedAtNanos < checkIntervalNanos) {
            return slot.current;
        }
        if (slot == null) {
            if (!Files.exists(loader.certFile(name)) && !Files.exists(loader.keyFile(name))) {
                return null;
            }
            slot = slots.computeIfAbsent(name, n -> new Slot());
        }
        try {
            return refresh(name, slot, false);
        } catch (TlsConfigException e) {
            throw new AssertionError(e); // refresh throws only when strict
        }
    }

    /** Loads NAME now (or reuses a current load) and throws what stops it. */
    Identity require(String name) throws TlsConfigException {
        return refresh(name, slots.computeIfAbsent(name, n -> new Slot()), true);
    }

    /** The identity a key-manager alias stands for, if it is still current or was just replaced. */
    Identity byAlias(String alias) {
        String name = Identity.nameOf(alias);
        Slot slot = name == null ? null : slots.get(name);
        if (slot == null) {
            return null;
        }
        for (Identity id : new Identity[] {slot.current, slot.previous}) {
            if (id != null && id.alias().equals(alias)) {
                return id;
            }
        }
        return null;
    }

    private Identity refresh(String name, Slot slot, boolean strict) throws TlsConfigException {
        slot.lock.lock();
        try {
            if (!strict && slot.checked && System.nanoTime() - slot.checkedAtNanos < checkIntervalNanos) {
                return slot.current; // another thread checked meanwhile
            }
            slot.checkedAtNanos = System.nanoTime();
            slot.checked = true;
            FileTime certTime = mtime(loader.certFile(name));
            FileTime keyTime = mtime(loader.keyFile(name));
            if (certTime == null || keyTime == null) {
                if (slot.current != null) {
                    log.warn("tls identity {} dropped: {} is gone", name,
                            certTime == null ? loader.certFile(name) : loader.keyFile(name));
                }
                slots.remove(name, slot);
                if (strict) {
                    loader.load(name); // throws, naming the missing file
                }
                return null;
            }
            if (Objects.equals(certTime, slot.certTime) && Objects.equals(keyTime, slot.keyTime)
                    && (slot.current != null || !strict)) {
                return slot.current;
            }
            slot.certTime = certTime;
            slot.keyTime = keyTime;
            try {
                Identity loaded = loader.load(name);
                if (slot.current != null) {
                    log.info("tls identity {} reloaded", name);
                }
                slot.previous = slot.current;
                slot.current = loaded;
                return loaded;
            } catch (TlsConfigException e) {
                if (strict) {
                    throw e;
                }
                log.warn("{}{}", e.getMessage(), slot.current == null ? "" : "; still using the previous one");
                return slot.current;
            }
        } finally {
            slot.lock.unlock();
        }
    }

    private static FileTime mtime(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }
}
