package org.zonekeeper.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Loads the etcd client apart from the zone's client: jetcd 0.8.6 runs on Netty 4.2, the zone on the
 * parent pom's Netty 4.1. It sees the JDK, a directory of jars (copied by run.sh with
 * etcd-client.xml), this module's classes, and shares only {@link Writer} with the application.
 */
final class IsolatedLoader extends URLClassLoader {

    private IsolatedLoader(URL[] urls) {
        super("etcd-client", urls, ClassLoader.getPlatformClassLoader());
    }

    /** New {@link EtcdWriter}s for the given endpoints, all of one class loaded with the jars in {@code lib}. */
    static Function<List<String>, Writer> etcdWriters(Path lib) {
        List<URL> urls = new ArrayList<>();
        urls.add(IsolatedLoader.class.getProtectionDomain().getCodeSource().getLocation());
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : (Iterable<Path>) jars.filter(p -> p.toString().endsWith(".jar")).sorted()::iterator) {
                urls.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the etcd client's jars in " + lib, e);
        }
        try {
            Constructor<?> constructor = new IsolatedLoader(urls.toArray(URL[]::new))
                    .loadClass(EtcdWriter.class.getName()).getConstructor(List.class);
            return endpoints -> {
                try {
                    return (Writer) constructor.newInstance(endpoints);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create an etcd client", e);
                }
            };
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the etcd client from " + lib, e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        return name.equals(Writer.class.getName()) ? Writer.class : super.loadClass(name, resolve);
    }
}
