// Neo4j 5.26 Community test server, embedded, with Bolt only (no HTTP, no Docker).
// Run with the JDK single-file source launcher (see start.sh):
//   java <jvm flags> -cp "lib/*" Launcher.java HOME PORT
// Auth is off unless env NEO4J_TEST_PASSWORD is set: then user neo4j gets that password.
// Env NEO4J_TEST_STOP_ON_STDIN_EOF=1: exit when stdin closes (no orphan server if the parent dies).
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

public class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Launcher HOME PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = System.getenv("NEO4J_TEST_PASSWORD");
        boolean auth = password != null && !password.isEmpty();
        for (String dir : new String[] {"data", "logs", "import"}) {
            Files.createDirectories(home.resolve(dir));
        }
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(GraphDatabaseSettings.data_directory, home.resolve("data"))
                .setConfig(GraphDatabaseSettings.logs_directory, home.resolve("logs"))
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, home.resolve("import"))
                .setConfig(GraphDatabaseSettings.pagecache_memory, 128L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, 512L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Internal 5.26 settings: stop in ~1 s on SIGTERM instead of ~10 s.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));
        if (auth) {
            // Embedded transactions bypass auth, so the system database accepts this before any client connects.
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        }
        // Fail fast (non-zero exit, no ready line) if the default database did not come up.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        if ("1".equals(System.getenv("NEO4J_TEST_STOP_ON_STDIN_EOF"))) {
            // The parent holds our stdin open; if it dies, EOF stops us (the shutdown hook runs).
            Thread watch = new Thread(() -> {
                try {
                    while (System.in.read() != -1) { }
                } catch (IOException e) { }
                System.exit(0);
            }, "stdin-eof-watch");
            watch.setDaemon(true);
            watch.start();
        }
        System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}
