package se.legitimera.devkit.stack;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * The C environment of this process, for native modules that read a variable at C_Initialize
 * ({@code OPENSC_CONF}, {@code SOFTHSM2_CONF}). {@link System#getenv()} does not see these changes, nor
 * do child processes: give those the variable through their {@link ProcessBuilder#environment()}.
 * Stack tests run one test class per JVM, so a change lasts for that class only.
 */
public final class ProcessEnvironment {

    private ProcessEnvironment() {
    }

    /** setenv(3), overwriting. @throws IllegalStateException when the C library refuses */
    public static void set(String name, String value) {
        Linker linker = Linker.nativeLinker();
        MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            check((int) setenv.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 1), "setenv", name);
        } catch (Throwable e) {
            throw failure("setenv", name, e);
        }
    }

    /** unsetenv(3). @throws IllegalStateException when the C library refuses */
    public static void unset(String name) {
        Linker linker = Linker.nativeLinker();
        MethodHandle unsetenv = linker.downcallHandle(linker.defaultLookup().find("unsetenv").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            check((int) unsetenv.invokeExact(arena.allocateFrom(name)), "unsetenv", name);
        } catch (Throwable e) {
            throw failure("unsetenv", name, e);
        }
    }

    private static void check(int result, String call, String name) {
        if (result != 0) {
            throw new IllegalStateException(call + " " + name + " returned " + result);
        }
    }

    private static IllegalStateException failure(String call, String name, Throwable e) {
        return e instanceof IllegalStateException state ? state : new IllegalStateException(call + " " + name, e);
    }
}
