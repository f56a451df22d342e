package mlpsweep.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A YARN cluster with its HDFS inside the test JVM, on 127.0.0.1: a NameNode and a DataNode, a
 * ResourceManager and one NodeManager whose containers are processes of this JVM's. The Hadoop
 * configuration a client needs is written into {@link #confDir}, as HADOOP_CONF_DIR holds it on a
 * real cluster's edge node.
 */
final class YarnCluster implements AutoCloseable {
  /** The main class of Spark's executors on YARN, as their command lines name it. */
  static final String EXECUTOR_CLASS = "org.apache.spark.executor.YarnCoarseGrainedExecutorBackend";

  /** Where Hadoop's test utilities put their folders. */
  private static final String TEST_DATA = "test.build.data";

  private final MiniDFSCluster hdfs;
  private final MiniYARNCluster yarn;
  private final Path confDir;

  private YarnCluster(MiniDFSCluster hdfs, MiniYARNCluster yarn, Path confDir) {
    this.hdfs = hdfs;
    this.yarn = yarn;
    this.confDir = confDir;
  }

  /** Starts HDFS and YARN with their folders under {@code dir}, and writes the client's conf. */
  static YarnCluster start(Path dir) throws IOException, InterruptedException {
    Configuration conf = new YarnConfiguration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    conf.set("dfs.replication", "1");
    MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    MiniYARNCluster yarn = null;
    try {
      hdfs.waitActive();
      conf.set("fs.defaultFS", "hdfs://127.0.0.1:" + hdfs.getNameNodePort());
      conf.set(YarnConfiguration.RM_HOSTNAME, "127.0.0.1");
      conf.set("yarn.nodemanager.hostname", "127.0.0.1");
      // First in, first out; no share of the cluster kept from application masters.
      conf.set(YarnConfiguration.RM_SCHEDULER,
          "org.apache.hadoop.yarn.server.resourcemanager.scheduler.fifo.FifoScheduler");
      conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
      conf.setInt(YarnConfiguration.NM_PMEM_MB, 4096);
      conf.setInt(YarnConfiguration.NM_VCORES, 4);
      conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
      conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
      // A full build disk must not mark the one node unhealthy.
      conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100f);
      // The containers' java is this JVM's, whatever the environment says.
      conf.set(YarnConfiguration.NM_ADMIN_USER_ENV, "JAVA_HOME=" + System.getProperty("java.home"));
      // The NodeManager's folders (containers, their logs) go into dir, not the build's.
      String testData = System.getProperty(TEST_DATA);
      System.setProperty(TEST_DATA, dir.resolve("yarn").toString());
      try {
        yarn = new MiniYARNCluster("mlp-sweep-yarn", 1, 1, 1);
      } finally {
        if (testData == null) {
          System.clearProperty(TEST_DATA);
        } else {
          System.setProperty(TEST_DATA, testData);
        }
      }
      yarn.init(conf);
      yarn.start();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (yarn.getConfig().get(YarnConfiguration.RM_ADDRESS, ":0").endsWith(":0")) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the ResourceManager did not start in 60 s");
        }
        Thread.sleep(100);
      }
      // What a cluster's edge node holds: where HDFS and the ResourceManager are, nothing else.
      Path confDir = Files.createDirectories(dir.resolve("hadoop-conf"));
      Configuration core = new Configuration(false);
      core.set("fs.defaultFS", conf.get("fs.defaultFS"));
      core.set("dfs.replication", "1");
      write(core, confDir.resolve("core-site.xml"));
      Configuration site = new Configuration(false);
      for (String key : List.of(YarnConfiguration.RM_ADDRESS, YarnConfiguration.RM_SCHEDULER_ADDRESS,
          YarnConfiguration.RM_WEBAPP_ADDRESS, YarnConfiguration.RM_HOSTNAME)) {
        site.set(key, yarn.getConfig().get(key));
      }
      write(site, confDir.resolve("yarn-site.xml"));
      return new YarnCluster(hdfs, yarn, confDir);
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (yarn != null) {
        yarn.stop();
      }
      hdfs.shutdown();
      throw e;
    }
  }

  private static void write(Configuration conf, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      conf.writeXml(out);
    }
  }

  /** The folder of core-site.xml and yarn-site.xml: HADOOP_CONF_DIR. */
  Path confDir() {
    return confDir;
  }

  /** The root of the HDFS, {@code hdfs://127.0.0.1:PORT}. */
  String hdfsRoot() {
    return "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
  }

  FileSystem fileSystem() throws IOException {
    return hdfs.getFileSystem();
  }

  /** The ResourceManager's report of every application it ran, oldest first. */
  List<ApplicationReport> applications() {
    return yarn.getResourceManager().getRMContext().getRMApps().values().stream()
        .map(app -> app.createAndGetApplicationReport(null, true))
        .sorted((a, b) -> a.getApplicationId().compareTo(b.getApplicationId()))
        .toList();
  }

  /** A running container process of this JVM's whose command line names {@code mainClass}. */
  static Optional<ProcessHandle> container(String mainClass) {
    return ProcessHandle.current().descendants()
        .filter(p -> ChildProcesses.commandLine(p).contains(" " + mainClass + " "))
        .findFirst();
  }

  /** Stops YARN (its NodeManager ends its containers), then HDFS; kills any container left. */
  @Override
  public void close() {
    try {
      yarn.stop();
    } finally {
      ProcessHandle.current().descendants()
          .filter(p -> ChildProcesses.commandLine(p).contains(" org.apache.spark."))
          .forEach(ChildProcesses::kill);
      hdfs.shutdown();
    }
  }
}
