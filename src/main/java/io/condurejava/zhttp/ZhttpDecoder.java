package io.condurejava.zhttp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * {@code T} + tnetstring dict → packet, following Condure's parser: a first pass over the
 * root dict reads the common fields (from, id, seq, type, ext), a second pass reads only the
 * fields the type uses. Unknown keys are skipped, a repeated key overwrites (ids and headers
 * accumulate), bytes after the root value are ignored. From and ids are kept as ISO-8859-1
 * text (byte-exact). Pure function; any thread.
 */
final class ZhttpDecoder {
    private static final byte[][] COMMON_KEYS = keys("from", "id", "seq", "type", "ext");
    private static final int C_FROM = 0;
    private static final int C_ID = 1;
    private static final int C_SEQ = 2;
    private static final int C_TYPE = 3;
    private static final int C_EXT = 4;
    private static final byte[][] ID_KEYS = keys("id", "seq");
    private static final byte[][] EXT_KEYS = keys("multi");
    /** Id slots a decode starts with (most messages carry one id; Condure batches up to 128). */
    private static final int FIRST_IDS = 2;

    private ZhttpDecoder() {
    }

    static byte[][] keys(String... names) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            out[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    static ZhttpPacket decode(byte[] buf, int off, int len) throws ZhttpFormatException {
        if (len < 1 || buf[off] != 'T') {
            throw new ZhttpFormatException("unrecognized data format: payload must start with 'T'");
        }
        TnetReader top = new TnetReader(buf, off + 1, off + len);
        if (!top.hasNext()) {
            throw new ZhttpFormatException("unexpected end of data: no value after 'T'");
        }
        top.next();
        TnetReader root = top.enter(TnetReader.DICT, "root");

        String from = null;
        String[] ids = new String[FIRST_IDS];
        long[] seqs = new long[FIRST_IDS];
        int idCount = 0;
        String type = "";
        boolean multi = false;
        while (root.hasNext()) {
            switch (root.nextEntry(COMMON_KEYS)) {
                case C_FROM -> {
                    from = root.latin1("from");
                    if (from.length() > ZhttpCodec.FROM_MAX_BYTES) {
                        throw new ZhttpFormatException("from longer than " + ZhttpCodec.FROM_MAX_BYTES + " bytes");
                    }
                }
                case C_ID -> {
                    if (root.type == TnetReader.STRING) {
                        if (idCount == 0) {
                            seqs[idCount++] = IdSeq.NO_SEQ;
                        }
                        ids[0] = id(root);
                    } else if (root.type == TnetReader.LIST) {
                        TnetReader list = root.enter(TnetReader.LIST, "id");
                        while (list.hasNext()) {
                            list.next();
                            if (idCount == ZhttpCodec.IDS_PER_MESSAGE_MAX) {
                                throw new ZhttpFormatException("too many ids (max "
                                        + ZhttpCodec.IDS_PER_MESSAGE_MAX + ")");
                            }
                            TnetReader entry = list.enter(TnetReader.DICT, "id list item");
                            String id = "";
                            long seq = IdSeq.NO_SEQ;
                            while (entry.hasNext()) {
                                switch (entry.nextEntry(ID_KEYS)) {
                                    case 0 -> id = id(entry);
                                    case 1 -> seq = entry.nonNegative("seq", Long.MAX_VALUE);
                                    default -> { }
                                }
                            }
                            if (idCount == ids.length) {
                                int grown = Math.min(ids.length * 4, ZhttpCodec.IDS_PER_MESSAGE_MAX);
                                ids = Arrays.copyOf(ids, grown);
                                seqs = Arrays.copyOf(seqs, grown);
                            }
                            ids[idCount] = id;
                            seqs[idCount++] = seq;
                        }
                    } else {
                        throw new ZhttpFormatException("id must be of type list or string, got "
                                + TnetReader.typeName(root.type));
                    }
                }
                case C_SEQ -> {
                    long seq = root.nonNegative("seq", Long.MAX_VALUE);
                    if (idCount == 0) {
                        ids[idCount++] = "";
                    }
                    seqs[0] = seq;
                }
                case C_TYPE -> type = root.utf8("type");
                case C_EXT -> {
                    TnetReader ext = root.enter(TnetReader.DICT, "ext");
                    while (ext.hasNext()) {
                        if (ext.nextEntry(EXT_KEYS) == 0) {
                            multi = ext.bool("multi");
                        }
                    }
                }
                default -> { }
            }
        }
        if (idCount == 0) {
            throw new ZhttpFormatException("no id");
        }
        List<IdSeq> idList; // built immutable, so the packet's List.copyOf keeps it as it is
        if (idCount == 1) {
            idList = List.of(new IdSeq(ids[0] == null ? "" : ids[0], seqs[0]));
        } else {
            IdSeq[] each = new IdSeq[idCount];
            for (int i = 0; i < idCount; i++) {
                each[i] = new IdSeq(ids[i] == null ? "" : ids[i], seqs[i]);
            }
            idList = List.of(each);
        }
        Payload payload = PayloadDecoder.decode(type, new TnetReader(buf, top.start, top.stop));
        return new ZhttpPacket(from, idList, multi, payload);
    }

    private static String id(TnetReader r) throws ZhttpFormatException {
        String id = r.latin1("id");
        if (id.length() > ZhttpCodec.ID_MAX_BYTES) {
            throw new ZhttpFormatException("id longer than " + ZhttpCodec.ID_MAX_BYTES + " bytes");
        }
        return id;
    }
}
