// `backplan`: the command-line face. Parses arguments, runs one subcommand and
// turns any unexpected exception into exit code 1 without a stack of internals.

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <map>

#include "cli/commands.h"
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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : backplan::core::ExitCodeFor(backplan::core::ErrorKind::invalid_input);
  }

  try {
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
