package se.legitimera.app.settings;

/** How much the app writes to its log file; the names are Logback's. */
public enum LogLevel {
    ERROR, WARN, INFO, DEBUG, TRACE
}
