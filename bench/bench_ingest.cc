// bench_ingest: measures sparkdx's ingestion against a floor and a ceiling,
// in one process, on the same bytes.
//
//   bench_ingest [--repeat N] [--tsv FILE] [--only MODE] <file> [<file>...]
//
// For each file (plain or zstd, detected by magic), three modes, each run N
// times (default 3) interleaved (floor ceiling sparkdx floor ...), best run
// kept (the machine is shared and noisy):
//   floor    read 4 MiB chunks + decompress (zstd) + split lines with memchr
//   ceiling  the same + a bare simdjson On-Demand pass per line that extracts
//            the TaskEnd metrics into a stack struct and builds nothing
//   sparkdx  the same reading loop driving sparkdx::Analyzer
//            (BeginFile / FeedBuffer / CommitFeed / EndFile / Finish)
// --only floor|ceiling|sparkdx runs one mode (for profiling under callgrind).
// MB/s are of decompressed bytes (1 MB = 10^6 bytes); "cpu MB/s" uses the
// best CPU time instead of wall time (robust to waiting for a core). Peak RSS cannot be told
// apart in-process; run_bench.sh measures it on the CLI in its own process.
#include <fcntl.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bench_util.h"
#include "ingest_modes.h"
#include "sparkdx/analyzer.h"

namespace sparkdx::bench {
namespace {

struct SparkdxRun {
  uint64_t decoded_bytes = 0;
  uint64_t lines = 0;
  uint64_t events = 0;
  uint64_t tasks = 0;
  uint64_t task_store_bytes = 0;  // task records
  uint64_t task_bytes = 0;        // everything kept per task (records, messages, accumulators, index sets)
  int files_ok = 0;
  double finish_seconds = 0;
  uint64_t malformed_lines = 0;
  uint64_t issues = 0;
  std::string issue_kinds;
  bool ok = true;
  std::string error;
};

// Reads accounting.malformed_lines and issue_counts out of the report.
void ReadReportCounts(const std::string& report, SparkdxRun* run) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(report);
  simdjson::ondemand::document doc;
  if (parser.iterate(padded).get(doc)) return;
  simdjson::ondemand::object top;
  if (doc.get_object().get(top)) return;
  for (auto item : top) {
    simdjson::ondemand::field field;
    if (std::move(item).get(field)) return;
    std::string_view key;
    if (field.unescaped_key().get(key)) return;
    if (key == "accounting") {
      simdjson::ondemand::object accounting;
      if (field.value().get_object().get(accounting)) return;
      int64_t malformed = 0;
      if (!accounting.find_field("malformed_lines").get_int64().get(malformed)) {
        run->malformed_lines = static_cast<uint64_t>(malformed);
      }
    } else if (key == "issue_counts") {
      simdjson::ondemand::object counts;
      if (field.value().get_object().get(counts)) return;
      for (auto c : counts) {
        simdjson::ondemand::field count;
        if (std::move(c).get(count)) return;
        std::string_view kind;
        int64_t n = 0;
        if (count.unescaped_key().get(kind) || count.value().get_int64().get(n)) return;
        run->issues += static_cast<uint64_t>(n);
        if (!run->issue_kinds.empty()) run->issue_kinds += ", ";
        run->issue_kinds += std::string(kind) + "=" + std::to_string(n);
      }
    }
  }
}

SparkdxRun RunSparkdx(const std::string& path) {
  SparkdxRun run;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    run.ok = false;
    run.error = "cannot open " + path + ": " + std::strerror(errno);
    return run;
  }
  posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  struct stat st;
  uint64_t size = fstat(fd, &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
  Analyzer analyzer;
  analyzer.BeginFile(path, size);
  for (;;) {
    uint8_t* buffer = analyzer.FeedBuffer(kChunkBytes);
    ssize_t n = read(fd, buffer, kChunkBytes);
    if (n < 0) {
      if (errno == EINTR) continue;
      analyzer.FailFile(std::string("read error: ") + std::strerror(errno));
      run.ok = false;
      break;
    }
    if (n == 0) break;
    if (!analyzer.CommitFeed(static_cast<size_t>(n))) break;
  }
  close(fd);
  analyzer.EndFile();
  AnalysisProgress progress = analyzer.progress();
  double finish_start = NowSeconds();
  AnalysisResult result = analyzer.Finish();
  run.finish_seconds = NowSeconds() - finish_start;
  run.decoded_bytes = progress.bytes_decoded;
  run.lines = progress.lines;
  run.events = progress.events;
  run.tasks = result.tasks;
  run.task_store_bytes = result.task_store_bytes;
  run.task_bytes = result.task_bytes;
  run.files_ok = result.files_ok;
  ReadReportCounts(result.report_json, &run);
  return run;
}

// Wall time is what the targets are about; CPU time (user + system of this
// single-threaded process) is also kept because it does not count the time
// the process waited for a core on a busy machine.
struct ModeResult {
  std::vector<double> seconds;
  std::vector<double> cpu_seconds;
  uint64_t decoded_bytes = 0;
  double best() const { return seconds.empty() ? 0 : *std::min_element(seconds.begin(), seconds.end()); }
  double best_cpu() const { return cpu_seconds.empty() ? 0 : *std::min_element(cpu_seconds.begin(), cpu_seconds.end()); }
  double mbps() const { return best() > 0 ? static_cast<double>(decoded_bytes) / 1e6 / best() : 0; }
  double cpu_mbps() const { return best_cpu() > 0 ? static_cast<double>(decoded_bytes) / 1e6 / best_cpu() : 0; }
};

double CpuSeconds() {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::string BaseName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

int Usage() {
  std::fprintf(stderr, "usage: bench_ingest [--repeat N] [--tsv FILE] [--only floor|ceiling|sparkdx] <file> [<file>...]\n");
  return 2;
}

}  // namespace
}  // namespace sparkdx::bench

int main(int argc, char** argv) {
  using namespace sparkdx::bench;
  int repeat = 3;
  std::string tsv_path;
  std::string only;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--tsv" && i + 1 < argc) {
      tsv_path = argv[++i];
    } else if (arg == "--only" && i + 1 < argc) {
      only = argv[++i];
      if (only != "floor" && only != "ceiling" && only != "sparkdx") return Usage();
    } else if (arg == "-h" || arg == "--help") {
      Usage();
      return 0;
    } else if (!arg.empty() && arg[0] == '-') {
      return Usage();
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) return Usage();
  std::FILE* tsv = nullptr;
  if (!tsv_path.empty()) {
    tsv = std::fopen(tsv_path.c_str(), "a");
    if (tsv == nullptr) {
      std::fprintf(stderr, "bench_ingest: cannot write %s\n", tsv_path.c_str());
      return 1;
    }
  }
  std::printf("simdjson active implementation %s; %d run(s) per mode, best kept\n",
              simdjson::get_active_implementation()->name().c_str(), repeat);

  int exit_code = 0;
  for (const std::string& path : files) {
    struct stat st;
    if (stat(path.c_str(), &st) != 0) {
      std::fprintf(stderr, "bench_ingest: cannot stat %s\n", path.c_str());
      exit_code = 1;
      continue;
    }
    bool zstd = IsZstdFile(path);
    // Warm the page cache so the first timed run is not a disk read.
    PassStats warm = only.empty() ? RunPass(path, nullptr) : PassStats();
    if (!warm.ok) {
      std::fprintf(stderr, "bench_ingest: %s: %s\n", path.c_str(), warm.error.c_str());
      exit_code = 1;
      continue;
    }
    ModeResult floor, ceiling, sparkdx;
    uint64_t ceiling_tasks = 0, ceiling_errors = 0, lines = warm.lines;
    SparkdxRun last;
    for (int r = 0; r < repeat; ++r) {
      double t0, c0;
      if (only.empty() || only == "floor") {
        t0 = NowSeconds();
        c0 = CpuSeconds();
        PassStats f = RunPass(path, nullptr);
        floor.seconds.push_back(NowSeconds() - t0);
        floor.cpu_seconds.push_back(CpuSeconds() - c0);
        floor.decoded_bytes = f.decoded_bytes;
      }
      if (only.empty() || only == "ceiling") {
        CeilingConsumer consumer;
        t0 = NowSeconds();
        c0 = CpuSeconds();
        PassStats c = RunPass(path, &consumer);
        ceiling.seconds.push_back(NowSeconds() - t0);
        ceiling.cpu_seconds.push_back(CpuSeconds() - c0);
        ceiling.decoded_bytes = c.decoded_bytes;
        ceiling_tasks = consumer.task_ends();
        ceiling_errors = consumer.errors();
      }
      if (only.empty() || only == "sparkdx") {
        t0 = NowSeconds();
        c0 = CpuSeconds();
        last = RunSparkdx(path);
        sparkdx.seconds.push_back(NowSeconds() - t0);
        sparkdx.cpu_seconds.push_back(CpuSeconds() - c0);
        sparkdx.decoded_bytes = last.decoded_bytes;
      }
      std::fflush(stdout);
    }
    if (!only.empty()) {
      const ModeResult& m = only == "floor" ? floor : only == "ceiling" ? ceiling : sparkdx;
      std::printf("%s  %s: best %.3f s, %.0f MB/s (cpu: best %.3f s, %.0f MB/s)\n", BaseName(path).c_str(),
                  only.c_str(), m.best(), m.mbps(), m.best_cpu(), m.cpu_mbps());
      continue;
    }

    std::printf("\n%s  (%s, %.1f MB on disk, %.1f MB decoded, %llu lines)\n", BaseName(path).c_str(),
                zstd ? "zstd" : "plain", static_cast<double>(st.st_size) / 1e6,
                static_cast<double>(floor.decoded_bytes) / 1e6, static_cast<unsigned long long>(lines));
    std::printf("  %-8s %9s %9s %11s %9s %11s   %s\n", "mode", "best s", "MB/s", "/ceiling", "/floor", "cpu MB/s",
                "all runs (s)");
    struct Row {
      const char* name;
      const ModeResult* result;
    };
    const Row rows[] = {{"floor", &floor}, {"ceiling", &ceiling}, {"sparkdx", &sparkdx}};
    for (const Row& row : rows) {
      std::string runs;
      for (double s : row.result->seconds) {
        char tmp[32];
        std::snprintf(tmp, sizeof(tmp), "%s%.3f", runs.empty() ? "" : " ", s);
        runs += tmp;
      }
      double vs_ceiling = row.result->mbps() / ceiling.mbps();
      double vs_floor = row.result->mbps() / floor.mbps();
      std::printf("  %-8s %9.3f %9.0f %10.1f%% %8.1f%% %11.0f   %s\n", row.name, row.result->best(),
                  row.result->mbps(), 100 * vs_ceiling, 100 * vs_floor, row.result->cpu_mbps(), runs.c_str());
      if (tsv != nullptr) {
        std::fprintf(tsv, "%s\t%s\t%s\t%.4f\t%.1f\t%.4f\t%.4f\t%llu\t%llu\t%.2f\t%.4f\t%.1f\n", BaseName(path).c_str(),
                     zstd ? "zstd" : "plain", row.name, row.result->best(), row.result->mbps(), vs_ceiling, vs_floor,
                     static_cast<unsigned long long>(row.result->decoded_bytes),
                     static_cast<unsigned long long>(last.tasks),
                     last.tasks > 0 ? static_cast<double>(last.task_bytes) / static_cast<double>(last.tasks) : 0.0,
                     row.result->best_cpu(), row.result->cpu_mbps());
      }
    }
    std::printf("  ceiling: %llu TaskEnd lines read, %llu lines it could not read\n",
                static_cast<unsigned long long>(ceiling_tasks), static_cast<unsigned long long>(ceiling_errors));
    std::printf("  sparkdx: %llu tasks, %llu bytes kept for them (records %llu) = %.1f bytes/task; %llu events; "
                "Finish() %.3f s; malformed lines %llu; issues %llu%s%s%s\n",
                static_cast<unsigned long long>(last.tasks), static_cast<unsigned long long>(last.task_bytes),
                static_cast<unsigned long long>(last.task_store_bytes),
                last.tasks > 0 ? static_cast<double>(last.task_bytes) / static_cast<double>(last.tasks) : 0.0,
                static_cast<unsigned long long>(last.events), last.finish_seconds,
                static_cast<unsigned long long>(last.malformed_lines), static_cast<unsigned long long>(last.issues),
                last.issue_kinds.empty() ? "" : " (", last.issue_kinds.c_str(), last.issue_kinds.empty() ? "" : ")");
    if (last.decoded_bytes != floor.decoded_bytes) {
      std::printf("  WARNING: sparkdx decoded %llu bytes, the floor %llu\n",
                  static_cast<unsigned long long>(last.decoded_bytes),
                  static_cast<unsigned long long>(floor.decoded_bytes));
    }
    std::printf("  (peak RSS is not measurable in-process: see run_bench.sh, which measures the CLI)\n");
  }
  if (tsv != nullptr) std::fclose(tsv);
  return exit_code;
}
