#include "driver/run.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "checks/check.h"
#include "frontend/file_cache.h"
#include "frontend/search_path.h"

namespace aalint {

namespace {

void inputError(DiagnosticSink& sink, const std::string& path, std::string message, RunResult& result) {
  Diagnostic d;
  d.severity = Severity::Error;
  d.code = "input-error";
  d.message = std::move(message);
  d.pathOnly = path;
  sink.report(std::move(d));
  result.inputError = true;
}

// The policy files a command-line path stands for.
std::vector<std::string> expandPath(const std::string& path, DiagnosticSink& sink, RunResult& result) {
  if (path == "-") return {path};
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    inputError(sink, path, fmt::format("cannot open: {}", std::strerror(errno)), result);
    return {};
  }
  if (S_ISDIR(st.st_mode)) {
    auto files = policyFilesIn(path);
    if (files.empty()) inputError(sink, path, "directory holds no policy files", result);
    return files;
  }
  return {path};
}

void checkFile(const std::string& path, FileCache& cache, const RunOptions& options, DiagnosticSink& sink,
               RunResult& result) {
  const ParsedFile& parsed = path == "-" ? cache.standardInput(sink) : cache.get(path, sink, {});
  if (parsed.failure) {
    if (parsed.failure->line) {
      // The file was read but is not text: point at the first bad byte.
      Diagnostic d;
      d.severity = Severity::Error;
      d.code = "not-text";
      d.message = parsed.failure->message;
      d.pathOnly = path;
      d.range.line = parsed.failure->line;
      d.range.column = parsed.failure->column;
      d.range.endLine = d.range.line;
      d.range.endColumn = d.range.column;
      sink.report(std::move(d));
    } else {
      inputError(sink, path, fmt::format("cannot read: {}", parsed.failure->message), result);
    }
    return;
  }
  ++result.filesChecked;
  auto policy = elaborate(parsed, cache, options.elaboration, sink);
  checks::runChecks(*policy, sink);
}

}  // namespace

RunResult run(const std::vector<std::string>& paths, const RunOptions& options, DiagnosticSink& sink) {
  RunResult result;
  result.files = std::make_unique<FileCache>(options.limits);
  FileCache& cache = *result.files;
  for (const std::string& path : paths)
    for (const std::string& file : expandPath(path, sink, result)) checkFile(file, cache, options, sink, result);
  return result;
}

}  // namespace aalint
