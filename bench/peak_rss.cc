// peak_rss: runs a command and reports its peak resident set size, for
// systems without GNU time (/usr/bin/time -v).
//
//   peak_rss [--out FILE] -- command [args...]
//
// Prints to stderr (or appends to FILE) one line:
//   peak_rss: max_rss_kib=<N> wall_s=<S> user_s=<U> sys_s=<Y> exit=<code>
// and exits with the command's exit code (128 + signal when it was killed).
// Standard input and output are the command's, so it works inside pipes.
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

int main(int argc, char** argv) {
  std::string out_path;
  int first = 1;
  while (first < argc) {
    std::string arg = argv[first];
    if (arg == "--out" && first + 1 < argc) {
      out_path = argv[first + 1];
      first += 2;
    } else if (arg == "--") {
      ++first;
      break;
    } else {
      break;
    }
  }
  if (first >= argc) {
    std::fprintf(stderr, "usage: peak_rss [--out FILE] -- command [args...]\n");
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) {
    std::fprintf(stderr, "peak_rss: fork: %s\n", std::strerror(errno));
    return 1;
  }
  if (pid == 0) {
    execvp(argv[first], argv + first);
    std::fprintf(stderr, "peak_rss: cannot run %s: %s\n", argv[first], std::strerror(errno));
    _exit(127);
  }
  int status = 0;
  struct rusage usage;
  std::memset(&usage, 0, sizeof(usage));
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      std::fprintf(stderr, "peak_rss: wait4: %s\n", std::strerror(errno));
      return 1;
    }
  }
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  // ru_maxrss is in KiB on Linux.
  char line[256];
  std::snprintf(line, sizeof(line), "peak_rss: max_rss_kib=%ld wall_s=%.3f user_s=%.3f sys_s=%.3f exit=%d\n",
                usage.ru_maxrss, wall, usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6,
                usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6, code);
  if (out_path.empty()) {
    std::fputs(line, stderr);
  } else {
    std::FILE* f = std::fopen(out_path.c_str(), "a");
    if (f == nullptr) {
      std::fprintf(stderr, "peak_rss: cannot write %s\n", out_path.c_str());
    } else {
      std::fputs(line, f);
      std::fclose(f);
    }
  }
  return code;
}
