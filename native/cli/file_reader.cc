#include "file_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace sparkdx::cli {
namespace {

namespace fs = std::filesystem;

// Feeds an open descriptor to the current file in pieces of exactly
// kFeedChunkBytes (the last one shorter), whether it is a file or a pipe,
// so the report does not depend on how the bytes arrive.
void FeedDescriptor(int fd, Analyzer* analyzer, const ProgressFn& progress) {
  for (;;) {
    uint8_t* buffer = analyzer->FeedBuffer(kFeedChunkBytes);
    size_t filled = 0;
    bool eof = false;
    while (filled < kFeedChunkBytes) {
      ssize_t n = read(fd, buffer + filled, kFeedChunkBytes - filled);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (filled > 0) analyzer->CommitFeed(filled);
        analyzer->FailFile(std::string("read error: ") + std::strerror(errno));
        return;
      }
      if (n == 0) {
        eof = true;
        break;
      }
      filled += static_cast<size_t>(n);
    }
    bool more = filled == 0 || analyzer->CommitFeed(filled);
    if (progress) progress(analyzer->progress());
    if (eof || !more) break;
  }
}

void FeedPath(const std::string& display_path, const std::string& real_path, uint64_t size, Analyzer* analyzer,
              const ProgressFn& progress) {
  analyzer->BeginFile(display_path, size);
  int fd = open(real_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    analyzer->FailFile(std::string("cannot open: ") + std::strerror(errno));
    return;
  }
#ifdef POSIX_FADV_SEQUENTIAL
  posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  FeedDescriptor(fd, analyzer, progress);
  close(fd);
  analyzer->EndFile();
}

}  // namespace

bool ListInput(const std::string& argument, std::vector<InputFile>* files, std::string* error) {
  std::error_code ec;
  fs::path root(argument);
  fs::file_status status = fs::status(root, ec);
  if (ec || !fs::exists(status)) {
    *error = "no such file or directory";
    return false;
  }
  if (!fs::is_directory(status)) {
    uint64_t size = fs::file_size(root, ec);
    files->push_back({argument, ec ? 0 : size});
    return true;
  }
  std::string prefix = root.lexically_normal().filename().string();
  if (prefix.empty() || prefix == ".") prefix = fs::absolute(root, ec).lexically_normal().parent_path().filename().string();
  if (prefix.empty()) prefix = ".";
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    *error = "cannot list directory: " + ec.message();
    return false;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (!it->is_regular_file(ec)) continue;
    std::string relative = fs::relative(it->path(), root, ec).generic_string();
    files->push_back({prefix + "/" + relative, it->file_size(ec)});
  }
  std::sort(files->begin(), files->end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  return true;
}

void AnalyzeArgument(const std::string& argument, Analyzer* analyzer, const ProgressFn& progress) {
  if (argument == "-") {
    analyzer->BeginFile("stdin", 0);
    FeedDescriptor(STDIN_FILENO, analyzer, progress);
    analyzer->EndFile();
    return;
  }
  std::vector<InputFile> files;
  std::string error;
  if (!ListInput(argument, &files, &error)) {
    analyzer->BeginFile(argument, 0);
    analyzer->FailFile(error);
    return;
  }
  fs::path root(argument);
  bool directory = fs::is_directory(root);
  InputPlan plan = PlanInputs(files);
  if (plan.logs.empty()) {
    analyzer->BeginFile(argument, 0);
    analyzer->FailFile(files.empty() ? "the directory holds no files" : "the directory holds no event log files");
  }
  for (const PlannedLog& log : plan.logs) {
    analyzer->BeginLog(log);
    for (const InputFile& file : log.files) {
      // Map the display path back to the file on disk.
      std::string real = file.path;
      if (directory) {
        size_t slash = file.path.find('/');
        real = (root / file.path.substr(slash + 1)).string();
      }
      FeedPath(file.path, real, file.size_bytes, analyzer, progress);
    }
    analyzer->EndLog();
  }
  analyzer->AddSkippedFiles(plan.skipped);
}

int ReadSmallFile(const std::string& path, std::string* text) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return errno;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text->append(buffer, n);
  int error = std::ferror(file) ? errno : 0;
  std::fclose(file);
  return error;
}

}  // namespace sparkdx::cli
