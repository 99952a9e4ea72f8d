// `backplan`: the command-line face. Parses arguments, runs one subcommand and
// turns any unexpected exception into exit code 1 without a stack of internals.

#include <CLI/CLI.hpp>
#include <chrono>
#include <exception>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/diary_commands.h"
#include "cli/diary_import_command.h"
#include "cli/report_command.h"
#include "cli/serve_command.h"
#include "core/assessment.h"
#include "core/error_kind.h"

int main(int argc, char** argv) {
  using backplan::cli::OutputFormat;
  CLI::App app{"backplan: assessment-first care planning for back pain"};
  app.require_subcommand(1);
  app.set_version_flag("--version",
                       std::string("backplan 0.1.0, rules ") + backplan::core::kRulesVersion);

  std::string path;
  OutputFormat format = OutputFormat::json;
  const std::map<std::string, OutputFormat> formats{{"json", OutputFormat::json},
                                                    {"text", OutputFormat::text}};

  auto* assess = app.add_subcommand(
      "assess", "Assess an intake: screening, scores, classification and a session plan");
  assess->add_option("file", path, "Intake JSON file, or - for standard input")->required();
  assess->add_option("--format", format, "Output format: json or text")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));

  auto* validate = app.add_subcommand("validate", "Check an intake file and list every error");
  validate->add_option("file", path, "Intake JSON file, or - for standard input")->required();

  backplan::cli::DiaryInput diary_input;
  const char* kCustomHelp =
      "A column of the client's own, NAME:KIND (KIND: minutes, count, hours, scale, yes_no); "
      "repeat for each";
  auto* triggers = app.add_subcommand(
      "triggers", "Find exposures in a diary CSV that seem to be followed by more pain");
  triggers->add_option("file", diary_input.path, "Diary CSV file, or - for standard input")
      ->required();
  triggers->add_option("--format", format, "Output format: json or text")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
  triggers->add_option("--custom", diary_input.custom, kCustomHelp)->allow_extra_args(false);

  auto* diary = app.add_subcommand("diary", "Diary CSV files (docs/diary-csv-v1.md)");
  diary->require_subcommand(1);
  auto* diary_validate =
      diary->add_subcommand("validate", "Check a diary CSV file and list every error");
  diary_validate->add_option("file", diary_input.path, "Diary CSV file, or - for standard input")
      ->required();
  diary_validate->add_option("--custom", diary_input.custom, kCustomHelp)->allow_extra_args(false);

  std::string client_name = "Client";
  backplan::cli::DiaryImportOptions import_options;
  auto* diary_import = diary->add_subcommand(
      "import", "Import a diary CSV file into a client's stored diary (all or nothing)");
  diary_import->add_option("file", import_options.path, "Diary CSV file, or - for standard input")
      ->required();
  diary_import->add_option("--client", import_options.client_id, "The client's id")->required();
  diary_import->add_option("--db", import_options.db_path, "SQLite database file")
      ->envname("BACKPLAN_DB")
      ->capture_default_str();

  auto* report = app.add_subcommand(
      "report",
      "Write a printable progress report (HTML): from a diary CSV (pain and triggers), or of a "
      "stored client (--client)");
  backplan::cli::StoredReportOptions stored_report;
  auto* report_file =
      report->add_option("file", diary_input.path, "Diary CSV file, or - for standard input");
  auto* report_client = report->add_option(
      "--client", stored_report.client_id,
      "Instead of a file: the stored client's full report (sessions, scores, plan history)");
  report_client->excludes(report_file);
  report->add_option("--db", stored_report.db_path, "With --client: the SQLite database file")
      ->envname("BACKPLAN_DB")
      ->capture_default_str()
      ->needs(report_client);
  report->add_option("--name", client_name, "The client's name for the heading")
      ->capture_default_str();
  report->add_option("--custom", diary_input.custom, kCustomHelp)->allow_extra_args(false);

  backplan::cli::ServeOptions serve_options;
  auto* serve = app.add_subcommand("serve", "Serve the web API on one SQLite file");
  serve->add_option("--db", serve_options.db_path, "SQLite database file (created if missing)")
      ->envname("BACKPLAN_DB")
      ->capture_default_str();
  serve->add_option("--listen", serve_options.listen, "HOST:PORT to listen on")
      ->envname("BACKPLAN_LISTEN")
      ->capture_default_str();
  serve->add_flag("--demo", serve_options.demo,
                  "Seed a demo clinic (in an empty database) and print its logins");
  serve->add_flag("--secure-cookies", serve_options.secure_cookies,
                  "Mark the session cookie Secure (when served behind TLS)");
  serve->add_option("--threads", serve_options.threads, "I/O and worker threads (0: one per core)");
  serve->add_flag("!--no-access-log", serve_options.access_log,
                  "Do not write a JSON line per request on standard error");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : backplan::core::ExitCodeFor(backplan::core::ErrorKind::invalid_input);
  }

  try {
    if (*serve)
      return backplan::cli::RunServe(serve_options);
    if (*triggers)
      return backplan::cli::RunTriggers(diary_input, format, std::cin, std::cout, std::cerr);
    if (*report && *report_client)
      return backplan::cli::RunStoredReport(stored_report, std::cout, std::cerr);
    if (*report && !*report_file) {
      std::cerr << "report: give a diary CSV file, or --client ID for a stored client\n";
      return backplan::core::ExitCodeFor(backplan::core::ErrorKind::invalid_input);
    }
    if (*report)
      return backplan::cli::RunDiaryReport(
          diary_input, client_name,
          std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()), std::cin,
          std::cout, std::cerr);
    if (*diary_import)
      return backplan::cli::RunDiaryImport(import_options, std::cin, std::cout, std::cerr);
    if (*diary_validate)
      return backplan::cli::RunDiaryValidate(diary_input, std::cin, std::cout, std::cerr);
    if (*assess)
      return backplan::cli::RunAssess(path, format, std::cin, std::cout, std::cerr);
    return backplan::cli::RunValidate(path, std::cin, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "internal error\n";
  }
  return backplan::core::ExitCodeFor(backplan::core::ErrorKind::internal);
}
