package org.zonekeeper.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Arrays;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.zonekeeper.testkit.Ports;

/** Boots the real distribution (one solo server) and checks it from inside. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionTest {

    private static final String[] OUR_BUNDLES = {
        "org.zonekeeper.api", "org.zonekeeper.store", "org.zonekeeper.model", "org.zonekeeper.trust",
        "org.zonekeeper.replication", "org.zonekeeper.replication-copycat", "org.zonekeeper.zone",
        "org.zonekeeper.shell",
        "org.zonekeeper.fencing", "org.zonekeeper.fencing-support", "org.zonekeeper.fencing-ipmi",
        "org.zonekeeper.fencing-redfish", "org.zonekeeper.fencing-ilo", "org.zonekeeper.fencing-drac",
        "org.zonekeeper.fencing-fence-agent", "org.zonekeeper.monitor", "org.zonekeeper.ha",
        "org.zonekeeper.agent-connector", "org.zonekeeper.hooks"
    };

    @Inject
    BundleContext context;

    @Inject
    SessionFactory sessions;

    @Inject
    ConfigurationAdmin configurations;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() throws IOException {
        return options(
                karafDistributionConfiguration()
                        .frameworkUrl(new File(System.getProperty("zonekeeper.archive")).toURI().toString())
                        .name("zonekeeper")
                        .unpackDirectory(new File("target/exam"))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.WARN),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
                editConfigurationFilePut("etc/org.zonekeeper.zone.cfg", "solo.endpoint", "127.0.0.1:" + freePort()),
                javaModuleOptions());
    }

    @Test
    public void ourBundlesAreActive() throws InterruptedException {
        for (String name : OUR_BUNDLES) {
            Bundle bundle = Arrays.stream(context.getBundles())
                    .filter(b -> name.equals(b.getSymbolicName()))
                    .findFirst().orElse(null);
            assertNotNull(name + " is installed", bundle);
            for (int i = 0; i < 100 && bundle.getState() != Bundle.ACTIVE; i++) {
                Thread.sleep(100);
            }
            assertEquals(name + " state", Bundle.ACTIVE, bundle.getState());
        }
    }

    @Test
    public void zoneShowAnswersWithTheSoloServerAsLeader() throws Exception {
        String show = awaitOutput("zone:show", "leader");
        assertTrue(show, show.contains("HA & FEDERATION SYNC STATUS"));
        assertTrue(show, show.contains("solo"));
        run("host:create --cpu 400 --memory 8192 kvm-1");
        assertTrue(run("host:list --consistent").contains("kvm-1"));
    }

    @Test
    public void brokenConfigIsRefusedInOneLineNamingTheKey() throws Exception {
        awaitOutput("zone:show", "leader");
        Configuration zone = configurations.getConfiguration("org.zonekeeper.zone", null);
        Dictionary<String, Object> good = zone.getProperties();
        Dictionary<String, Object> broken = new Hashtable<>();
        broken.put("server.id", "0");
        broken.put("servers", "0=zk0@127.0.0.1");
        try {
            zone.update(broken);
            String expected = "zone server not started: org.zonekeeper.zone: servers: endpoint '127.0.0.1' "
                    + "is not HOST:PORT with PORT 1-65534";
            String refused = awaitOutput("zone:show", expected);
            assertEquals(refused, 1, refused.strip().lines().count());
        } finally {
            zone.update(good);
        }
        awaitOutput("zone:show", "leader");
    }

    /** Runs a shell command as the console would; an exception's message is the output. */
    private String run(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            session.execute(command);
        } catch (Exception e) {
            out.println(e.getMessage());
        } finally {
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private String awaitOutput(String command, String expected) throws Exception {
        String output = "";
        for (int i = 0; i < 120 && !output.contains(expected); i++) {
            Thread.sleep(250);
            output = run(command);
        }
        assertTrue("'" + expected + "' in:\n" + output, output.contains(expected));
        return output;
    }

    private static String freePort() {
        return String.valueOf(Ports.free());
    }

    /**
     * Pax Exam starts Karaf's Main itself, not through bin/karaf and bin/setenv:
     * repeat the module options of bin/karaf 4.4 and those of bin/setenv.
     */
    private static Option javaModuleOptions() {
        String karaf = System.getProperty("karaf.version");
        return vmOptions(
                "--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karaf + ".jar",
                "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karaf + ".jar",
                "--add-opens", "java.base/java.security=ALL-UNNAMED",
                "--add-opens", "java.base/java.net=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
                "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
                "-classpath", "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*" + File.pathSeparator + "lib/endorsed/*",
                "-Xmx384m");
    }
}
