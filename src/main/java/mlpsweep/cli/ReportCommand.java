package mlpsweep.cli;

import java.util.List;

/** Placeholder until the report command lands. */
final class ReportCommand implements Command {
  @Override
  public String name() {
    return "report";
  }

  @Override
  public String summary() {
    return "(not yet available)";
  }

  @Override
  public int run(List<String> args) {
    throw new UsageException("the report command is not available yet");
  }
}
