// Writes Spark event-log files the way Spark itself does, with the same Java
// libraries Spark uses (Debian: liblz4-java, libsnappy-java,
// libcompress-lzf-java, libzstd-jni-java), so sparkdx's decoders can be
// checked against authentic bytes (tests/unit/codec/java_fixtures_test.cc).
// Written for tests; byte layouts are in PROTOCOLS.md §5.3-§5.6 and §1.5.
//
//   java -cp /usr/share/java/lz4-java.jar:/usr/share/java/snappy-java.jar:\
//            /usr/share/java/compress-lzf.jar:/usr/share/java/zstd-jni.jar \
//        tests/java/SparkCodecWriter.java <in.jsonl> <outdir> [<attempt2.jsonl>]
//
// Each codec stream is built as Spark's CompressionCodec builds it
// (org.apache.spark.io.CompressionCodec, Spark 3.x/4.x):
//   lz4     new LZ4BlockOutputStream(out, 32768, LZ4Factory.fastestInstance().fastCompressor(),
//               XXHashFactory.fastestInstance().newStreamingHash32(0x9747b28c).asChecksum(), false)
//   snappy  new SnappyOutputStream(out, 32768)
//   lzf     new LZFOutputStream(out).setFinishBlockOnFlush(true)
//   zstd    new BufferedOutputStream(new ZstdOutputStreamNoFinalizer(out, RecyclingBufferPool.INSTANCE)
//               .setLevel(1).setWorkers(0).setCloseFrameOnFlush(true), 32768)
//           (compressedContinuousOutputStream, which the event writer uses)
// and wrapped like EventLogFileWriter.initLogFile does: FileOutputStream ->
// BufferedOutputStream(100 KiB, spark.eventLog.buffer.kb) -> codec stream ->
// PrintWriter(OutputStreamWriter(UTF-8)). Events are written with println;
// every FLUSH_EVERY-th event is flushed (flushLogger=true) through the whole
// chain, as Spark does for job, stage and SQL boundaries; close() ends the log.
//
// Outputs in <outdir>:
//   app.lz4, app.snappy, app.lzf, app.zstd   the input as a single-file log
//   app-inprogress.lz4                        an lz4 log flushed but never closed
//                                             (syncFlush=false: only full blocks)
//   zstd-writer.txt  "zstd-jni", or "zstd-cli" when zstd-jni could not load
//                (or -Dsparkdx.zstd=cli asked for the fallback)
//   logs.zip     a History Server /logs download (OneApplicationResource /
//                EventLogFileReader.zipEventLogFiles): attempt 1 as a rolling
//                log  eventlog_v2_<app>_1/{appstatus_<app>_1, events_N_<app>_1.zstd}
//                with N = 1..12, listed in the directory's lexical order as
//                HDFS's listStatus returns it (appstatus, events_10, events_11,
//                events_12, events_1, events_2, ...), then attempt 2 as the
//                single file <app>_2.lz4 (the second input, or the first again).
//   The rolling log's input lines are split into 12 parts: part i (0-based)
//   holds lines [i*n/12, (i+1)*n/12).
import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import com.ning.compress.lzf.LZFOutputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jpountz.lz4.LZ4BlockOutputStream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;
import org.xerial.snappy.SnappyOutputStream;

public class SparkCodecWriter {
  static final int FLUSH_EVERY = 4;           // flushLogger=true every few events
  static final int EVENT_BUFFER = 100 * 1024; // spark.eventLog.buffer.kb
  static final int BLOCK_SIZE = 32 * 1024;    // spark.io.compression.{lz4,snappy}.blockSize
  static final int ZSTD_BUFFER = 32 * 1024;   // spark.io.compression.zstd.bufferSize
  static final int ROLLING_PARTS = 12;

  interface CodecStream {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  static OutputStream lz4(OutputStream out) {
    return new LZ4BlockOutputStream(out, BLOCK_SIZE, LZ4Factory.fastestInstance().fastCompressor(),
        XXHashFactory.fastestInstance().newStreamingHash32(0x9747b28c).asChecksum(), false);
  }

  static OutputStream snappy(OutputStream out) throws IOException {
    return new SnappyOutputStream(out, BLOCK_SIZE);
  }

  static OutputStream lzf(OutputStream out) {
    return new LZFOutputStream(out).setFinishBlockOnFlush(true);
  }

  static OutputStream zstd(OutputStream out) throws IOException {
    OutputStream zstd = zstdJni
        ? new ZstdOutputStreamNoFinalizer(out, RecyclingBufferPool.INSTANCE)
              .setLevel(1).setWorkers(0).setCloseFrameOnFlush(true)
        : new ZstdCliFrames(out);
    return new BufferedOutputStream(zstd, ZSTD_BUFFER);
  }

  // zstd-jni needs its JNI library (Debian: libzstd-jni1). When it cannot
  // load, each flush's bytes become one frame written by the zstd CLI at
  // level 1 without a checksum, which is what closeFrameOnFlush produces.
  static boolean zstdJni = true;

  static boolean zstdJniLoads() {
    try {
      new ZstdOutputStreamNoFinalizer(new ByteArrayOutputStream()).close();
      return true;
    } catch (Throwable t) {
      System.err.println("zstd-jni cannot load (" + t + "); writing zstd frames with the zstd CLI");
      return false;
    }
  }

  static class ZstdCliFrames extends OutputStream {
    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    ZstdCliFrames(OutputStream out) {
      this.out = out;
    }

    @Override public void write(int b) {
      pending.write(b);
    }

    @Override public void write(byte[] b, int off, int len) {
      pending.write(b, off, len);
    }

    @Override public void flush() throws IOException {
      if (pending.size() > 0) {
        Process zstd = new ProcessBuilder("zstd", "-1", "-q", "-c", "--no-check").start();
        try (OutputStream stdin = zstd.getOutputStream()) {
          pending.writeTo(stdin);
        }
        out.write(zstd.getInputStream().readAllBytes());
        try {
          if (zstd.waitFor() != 0) throw new IOException("zstd exited with " + zstd.exitValue());
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
        pending.reset();
      }
      out.flush();
    }

    @Override public void close() throws IOException {
      flush();
      out.close();
    }
  }

  // EventLogFileWriter: buffered file stream, codec, UTF-8 PrintWriter.
  static void writeLog(OutputStream file, CodecStream codec, List<String> lines, boolean close)
      throws IOException {
    OutputStream buffered = new BufferedOutputStream(file, EVENT_BUFFER);
    PrintWriter writer =
        new PrintWriter(new OutputStreamWriter(codec.wrap(buffered), StandardCharsets.UTF_8));
    int events = 0;
    for (String line : lines) {
      writer.println(line);
      if (++events % FLUSH_EVERY == 0) writer.flush();
    }
    if (close) {
      writer.close();
    } else {
      writer.flush();  // an in-progress log: flushed, never closed
    }
  }

  static byte[] logBytes(CodecStream codec, List<String> lines) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writeLog(bytes, codec, lines, true);
    return bytes.toByteArray();
  }

  static String appId(List<String> lines) {
    Pattern id = Pattern.compile("\"App ID\":\"([^\"]+)\"");
    for (String line : lines) {
      Matcher m = id.matcher(line);
      if (line.contains("SparkListenerApplicationStart") && m.find()) return m.group(1);
    }
    return "app-unknown";
  }

  // EventLogFileReader.zipEventLogFiles: a directory entry, then every file.
  static void addEntry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: SparkCodecWriter <in.jsonl> <outdir> [<attempt2.jsonl>]");
      System.exit(2);
    }
    List<String> lines = Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8);
    List<String> attempt2 =
        args.length > 2 ? Files.readAllLines(Paths.get(args[2]), StandardCharsets.UTF_8) : lines;
    Path out = Paths.get(args[1]);
    Files.createDirectories(out);
    zstdJni = !"cli".equals(System.getProperty("sparkdx.zstd")) && zstdJniLoads();
    Files.writeString(out.resolve("zstd-writer.txt"), zstdJni ? "zstd-jni\n" : "zstd-cli\n");

    Files.write(out.resolve("app.lz4"), logBytes(SparkCodecWriter::lz4, lines));
    Files.write(out.resolve("app.snappy"), logBytes(SparkCodecWriter::snappy, lines));
    Files.write(out.resolve("app.lzf"), logBytes(SparkCodecWriter::lzf, lines));
    Files.write(out.resolve("app.zstd"), logBytes(SparkCodecWriter::zstd, lines));
    try (FileOutputStream file = new FileOutputStream(out.resolve("app-inprogress.lz4").toFile())) {
      writeLog(file, SparkCodecWriter::lz4, lines, false);
    }

    // The History Server zip. Spark sanitises ids; these have no [ :/.${}'"].
    String app = appId(lines);
    String dir = "eventlog_v2_" + app + "_1/";
    TreeMap<String, byte[]> files = new TreeMap<>();  // lexical, like HDFS listStatus
    files.put("appstatus_" + app + "_1", new byte[0]);
    int n = lines.size();
    for (int part = 0; part < ROLLING_PARTS; ++part) {
      List<String> slice = new ArrayList<>(lines.subList(part * n / ROLLING_PARTS, (part + 1) * n / ROLLING_PARTS));
      files.put("events_" + (part + 1) + "_" + app + "_1.zstd", logBytes(SparkCodecWriter::zstd, slice));
    }
    try (ZipOutputStream zip =
        new ZipOutputStream(new BufferedOutputStream(new FileOutputStream(out.resolve("logs.zip").toFile())))) {
      zip.putNextEntry(new ZipEntry(dir));
      for (var file : files.entrySet()) addEntry(zip, dir + file.getKey(), file.getValue());
      addEntry(zip, app + "_2.lz4", logBytes(SparkCodecWriter::lz4, attempt2));
    }
  }
}
