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
import java.util.UUID;
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
        // Neo4j refuses a home that is not normalized ("../home" -> "... is not a normalized path").
        Path home = Path.of(args[0]).toAbsolutePath().normalize();
        int port = Integer.parseInt(args[1]);
        String password = System.getenv("NEO4J_TEST_PASSWORD");
        boolean auth = password != null && !password.isEmpty();
        for (String dir : new String[] {"data", "logs", "import"}) {
            Files.createDirectories(home.resolve(dir));
        }
        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
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
        } catch (RuntimeException e) {  // a port in use, a locked or unreadable home: say so and exit non-zero
            e.printStackTrace();
            System.err.println("Launcher: the server did not come up: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));
        try {
            if (auth) {
                // Embedded transactions bypass auth, so the system database accepts this before any client connects.
                // On an existing home the password may already be this one, and Neo4j refuses to "change" a
                // password to itself: go through a throwaway password first, so a restart always works.
                var system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
                String change = "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED";
                system.executeTransactionally(change, Map.of("pw", "tmp-" + UUID.randomUUID()));
                system.executeTransactionally(change, Map.of("pw", password));
            }
            // The default database must answer before the ready line.
            dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        } catch (RuntimeException e) {
            // Fail fast: the DBMS's own threads would keep the JVM up with no ready line; exit non-zero instead
            // (System.exit runs the shutdown hook, which stops the DBMS).
            e.printStackTrace();
            System.err.println("Launcher: the server did not come up: " + e.getMessage());
            System.exit(1);
        }
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
