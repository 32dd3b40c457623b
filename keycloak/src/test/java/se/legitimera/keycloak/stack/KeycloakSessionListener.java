package se.legitimera.keycloak.stack;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared Keycloak and the cluster when the JUnit launcher session ends, that is after the last
 * test class of the Failsafe fork (the keycloak module runs all its ITs in one fork so that one start serves
 * them).
 */
public final class KeycloakSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        KeycloakCluster.stopShared();
        KeycloakServer.stopShared();
    }
}
