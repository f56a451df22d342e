package mlpsweep.run;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import mlpsweep.UserError;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Looks for runs and their metrics on a Hadoop file system the way Spark will read them: files and
 * folders whose names start with '.' or '_' (such as a round still being written) do not count.
 */
final class RunSearch {
  private RunSearch() {
  }

  /** Whether Spark would find Parquet data under {@code dir}. */
  static boolean hasParquet(FileSystem fs, Path dir) {
    try {
      String base = fs.makeQualified(dir).toUri().getPath();
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
      while (files.hasNext()) {
        LocatedFileStatus f = files.next();
        String relative = f.getPath().toUri().getPath().substring(base.length());
        if (f.getPath().getName().endsWith(".parquet") && visible(relative)) {
          return true;
        }
      }
      return false;
    } catch (FileNotFoundException e) {
      return false;
    } catch (IOException e) {
      throw OutputFiles.failure("cannot list", dir, e);
    }
  }

  /**
   * The complete run under {@code root} (with {@code _SUCCESS} and metrics) whose {@code _SUCCESS}
   * is newest; ties go to the last name.
   *
   * @param rootName how the user named {@code root}, for messages
   * @throws UserError if there is none
   */
  static Path latestComplete(FileSystem fs, Path root, String rootName) {
    FileStatus[] children;
    try {
      if (!fs.getFileStatus(root).isDirectory()) {
        throw new FileNotFoundException();
      }
      children = fs.listStatus(root);
    } catch (FileNotFoundException e) {
      throw new UserError("no RUN_DIR given and no run directory " + rootName + " to look in");
    } catch (IOException e) {
      throw OutputFiles.failure("cannot list", root, e);
    }
    List<FileStatus> complete = new ArrayList<>();
    for (FileStatus child : children) {
      Path success = new Path(child.getPath(), RunDirectory.SUCCESS);
      try {
        if (child.isDirectory() && hasParquet(fs, new Path(child.getPath(), RunDirectory.METRICS))
            && fs.getFileStatus(success).isFile()) {
          complete.add(fs.getFileStatus(success));
        }
      } catch (FileNotFoundException e) {
        // not complete
      } catch (IOException e) {
        throw OutputFiles.failure("cannot read", success, e);
      }
    }
    return complete.stream()
        .max(Comparator.comparingLong(FileStatus::getModificationTime)
            .thenComparing(s -> s.getPath().getParent().getName()))
        .map(s -> s.getPath().getParent())
        .orElseThrow(() -> new UserError("no RUN_DIR given and no complete run (one with "
            + RunDirectory.SUCCESS + ") under " + rootName));
  }

  /** {@code run}, which the user named {@code dir}, if it exists as a directory. */
  static RunDirectory open(RunDirectory run, String dir) {
    FileStatus status = run.status(run.path());
    if (status == null) {
      throw new UserError("no such run directory: " + dir);
    }
    if (!status.isDirectory()) {
      throw new UserError("not a run directory (a file): " + dir);
    }
    Path parent = run.path().getParent();
    if (RunDirectory.METRICS.equals(run.path().getName()) && parent != null
        && !run.exists(run.metrics()) && hasParquet(run.fileSystem(), run.path())) {
      Path named = new Path(dir).getParent();
      return run.named((named != null ? named : parent).toString(), parent);
    }
    return run;
  }

  /** The complete run under {@code runs} (named {@code root} by the user) that finished last. */
  static RunDirectory latestComplete(RunDirectory runs, String root) {
    Path latest = latestComplete(runs.fileSystem(), runs.path(), root);
    return runs.named(new Path(new Path(root), latest.getName()).toString(), latest);
  }

  /** The ids of {@code run}'s model files ({@code models/<id>.params}), sorted; none if no folder. */
  static List<String> modelIds(RunDirectory run) {
    Path models = new Path(run.path(), RunDirectory.MODELS);
    List<String> ids = new ArrayList<>();
    try {
      for (FileStatus f : run.fileSystem().listStatus(models)) {
        String name = f.getPath().getName();
        if (f.isFile() && name.endsWith(".params") && visible(name)) {
          ids.add(name.substring(0, name.length() - ".params".length()));
        }
      }
    } catch (FileNotFoundException e) {
      return List.of();
    } catch (IOException e) {
      throw OutputFiles.failure("cannot list", models, e);
    }
    ids.sort(null);
    return ids;
  }

  private static boolean visible(String relative) {
    for (String part : relative.split("/")) {
      if (part.startsWith(".") || part.startsWith("_")) {
        return false;
      }
    }
    return true;
  }
}
