package mlpsweep.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import mlpsweep.UserError;
import mlpsweep.model.OnnxExport;
import mlpsweep.model.TrainedModel;
import mlpsweep.run.RunDirectory;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code export RUN_DIR [CONFIG_ID…]}: writes {@code models/<config id>.onnx} beside the model
 * files of a run, for the configurations given or for all of them; what a sweep writes at its end,
 * for a run made before it did. Needs no Spark session. Every model is read before any file is
 * written, so a missing or broken one leaves the run as it was.
 */
public final class ExportCommand implements Command {
  static final CommandLine.Syntax SYNTAX = new CommandLine.Syntax(
      "usage: mlp-sweep export RUN_DIR [CONFIG_ID…]", List.of(), false);

  @Override
  public String name() {
    return "export";
  }

  @Override
  public String summary() {
    return "write the ONNX form of a run's models (models/<config id>.onnx)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, Spark.hadoopConfiguration(), out);
  }

  /** Runs the command with the Hadoop configuration {@code hadoop}; the files written go to out. */
  static int run(List<String> args, Configuration hadoop, PrintStream out) {
    CommandLine line = CommandLine.parse(args, SYNTAX);
    if (line.words().isEmpty()) {
      throw line.error("no run directory given");
    }
    RunDirectory run = RunDirectory.open(line.words().get(0), hadoop);
    List<String> available = run.modelIds();
    if (available.isEmpty()) {
      throw new UserError(run + ": no model files in " + run + "/" + RunDirectory.MODELS
          + " (a sweep writes them when it completes)");
    }
    List<String> ids = line.words().size() > 1
        ? List.copyOf(line.words().subList(1, line.words().size())) : available;
    for (String id : ids) {
      if (!available.contains(id)) {
        throw new UserError(run + " has no model '" + id + "' (it has "
            + String.join(", ", available) + ")");
      }
    }
    List<TrainedModel> models = new ArrayList<>();
    for (String id : ids) {
      models.add(TrainedModel.load(run, id, hadoop));
    }
    for (TrainedModel model : models) {
      OnnxExport.write(run, model);
      out.println("export: wrote " + run + "/" + RunDirectory.MODELS + "/" + model.id()
          + ".onnx");
    }
    return 0;
  }

  @Override
  public String help() {
    return SYNTAX.usage() + """

        Writes models/<config id>.onnx beside each model file of the run (or of the
        configurations given, e.g. relu-650): the 784-H-10 network as an ONNX model, opset 13,
        input 'pixels' float[batch, 784] in [0, 1], output 'probabilities' float[batch, 10].
        A sweep writes these files itself; this is for runs made before it did.""";
  }
}
