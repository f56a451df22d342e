package mlpsweep.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone cluster on 127.0.0.1 started with {@code submit/cluster start}, on free ports
 * (a developer's own cluster on the default ones is left alone) and with its state in a folder of
 * the test's own. {@link #close} runs {@code submit/cluster stop} and then kills by PID whatever
 * the script left running: the master, the workers and their executors.
 */
final class StandaloneCluster implements AutoCloseable {
  static final String MASTER_CLASS = "org.apache.spark.deploy.master.Master";
  static final String WORKER_CLASS = "org.apache.spark.deploy.worker.Worker";
  static final String EXECUTOR_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

  private final Path state;
  private final Map<String, String> env;
  private final int masterPort;
  private final ChildProcesses processes = new ChildProcesses();

  private StandaloneCluster(Path state, Map<String, String> env, int masterPort) {
    this.state = state;
    this.env = env;
    this.masterPort = masterPort;
  }

  /** Starts a master and {@code workers} workers of one core each, and waits until all are up. */
  static StandaloneCluster start(Path state, int workers) throws IOException, InterruptedException {
    int[] ports = freePorts(3);
    Map<String, String> env = new HashMap<>();
    env.put("MLPSWEEP_CLUSTER_DIR", state.toString());
    env.put("MLPSWEEP_CLUSTER_CLASSPATH", Project.classpath());
    env.put("MLPSWEEP_MASTER_PORT", Integer.toString(ports[0]));
    env.put("MLPSWEEP_MASTER_WEBUI_PORT", Integer.toString(ports[1]));
    env.put("MLPSWEEP_MASTER_REST_PORT", Integer.toString(ports[2]));
    env.put("MLPSWEEP_WORKER_WEBUI_PORT", Integer.toString(freeRange(workers)));
    env.put("MLPSWEEP_WORKER_MEMORY", "1g");
    env.put("MLPSWEEP_DAEMON_MEMORY", "256m");
    env.put("MLPSWEEP_CLUSTER_TIMEOUT", "120");
    StandaloneCluster cluster = new StandaloneCluster(state, env, ports[0]);
    Files.createDirectories(state);
    Script start = cluster.script("start", "--workers", Integer.toString(workers));
    // Whatever the outcome, every daemon the script started is now this test's to stop.
    for (int i = 1; i <= workers; i++) {
      cluster.adopt("worker-" + i, WORKER_CLASS);
    }
    cluster.adopt("master", MASTER_CLASS);
    if (start.status() != 0) {
      String logs = cluster.logs();
      cluster.close();
      throw new AssertionError("submit/cluster start failed: " + start + "\n" + logs);
    }
    return cluster;
  }

  /** The URL drivers connect to. */
  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** What {@code submit/cluster ARGS…} printed and returned. */
  record Script(int status, String output) {
    @Override
    public String toString() {
      return "exit " + status + ":\n" + output;
    }
  }

  /** Runs {@code submit/cluster ARGS…} against this cluster's state folder. */
  Script script(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash",
        Project.root().resolve("submit").resolve("cluster").toString()));
    command.addAll(List.of(args));
    Path output = Files.createTempFile(state, "script-", ".txt");
    Map<String, String> environment = new HashMap<>(env);
    // The daemons come from the project's classpath, never from an installation of the developer's.
    environment.put("SPARK_HOME", "");
    Process process = processes.start(command, environment, output, output);
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      ChildProcesses.kill(process.toHandle());
      throw new AssertionError("submit/cluster " + String.join(" ", args) + " did not end in 180 s");
    }
    return new Script(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }

  /** The PID that {@code submit/cluster} recorded for {@code name} (master, worker-1, …). */
  long pid(String name) throws IOException {
    return Long.parseLong(Files.readString(state.resolve("pids").resolve(name + ".pid")).strip());
  }

  /**
   * Kills worker {@code name} with SIGKILL, as a lost machine would; its executors, which end on
   * their own once their worker is gone, are taken in charge first so they cannot outlive the test.
   */
  void killWorker(String name) throws IOException {
    ProcessHandle worker = processes.adopt(pid(name), WORKER_CLASS)
        .orElseThrow(() -> new IllegalStateException(name + " is not running"));
    worker.descendants().forEach(p -> processes.adopt(p.pid(), EXECUTOR_CLASS));
    ChildProcesses.kill(worker);
  }

  private void adopt(String name, String marker) {
    try {
      Path file = state.resolve("pids").resolve(name + ".pid");
      if (Files.exists(file)) {
        processes.adopt(pid(name), marker);
      }
    } catch (IOException | NumberFormatException e) {
      // No PID recorded: the script did not get as far as starting it.
    }
  }

  private String logs() throws IOException {
    StringBuilder text = new StringBuilder();
    Path dir = state.resolve("logs");
    if (Files.isDirectory(dir)) {
      try (var files = Files.list(dir)) {
        for (Path log : files.sorted().toList()) {
          List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
          text.append("--- ").append(log.getFileName()).append(" (last lines)\n");
          lines.subList(Math.max(0, lines.size() - 20), lines.size())
              .forEach(l -> text.append(l).append('\n'));
        }
      }
    }
    return text.toString();
  }

  /**
   * Stops the cluster with {@code submit/cluster stop}; then kills by PID anything of it still
   * alive (the executors of the workers included).
   */
  @Override
  public void close() {
    try {
      for (ProcessHandle daemon : processes.alive()) {
        daemon.descendants().forEach(p -> processes.adopt(p.pid(), EXECUTOR_CLASS));
      }
      script("stop");
    } catch (IOException | InterruptedException | AssertionError e) {
      // The PIDs below are stopped anyway.
    } finally {
      processes.close();
      removeJarLinks();
    }
  }

  /** The script links the classpath's jars into its state folder; only the links go. */
  private void removeJarLinks() {
    Path jars = state.resolve("spark-home").resolve("jars");
    if (!Files.isDirectory(jars)) {
      return;
    }
    try (var links = Files.list(jars)) {
      for (Path link : links.filter(Files::isSymbolicLink).toList()) {
        Files.delete(link);
      }
    } catch (IOException e) {
      // Left for the temporary folder's own clean-up.
    }
  }

  /** {@code n} distinct ports that are free on 127.0.0.1 now. */
  static int[] freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  /** The first of {@code n} consecutive ports that are free on 127.0.0.1 now. */
  private static int freeRange(int n) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int first = freePorts(1)[0];
      if (first + n - 1 > 65535) {
        continue;
      }
      boolean free = true;
      for (int port = first; port < first + n && free; port++) {
        try (ServerSocket socket = new ServerSocket()) {
          socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException taken) {
          free = false;
        }
      }
      if (free) {
        return first;
      }
    }
    throw new IOException("found no " + n + " consecutive free ports on 127.0.0.1");
  }
}
