package mlpsweep.cli;

import java.util.List;

/** Placeholder until the sql command lands. */
final class SqlCommand implements Command {
  @Override
  public String name() {
    return "sql";
  }

  @Override
  public String summary() {
    return "(not yet available)";
  }

  @Override
  public int run(List<String> args) {
    throw new UsageException("the sql command is not available yet");
  }
}
